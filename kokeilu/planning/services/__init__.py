"""Writes of the planning app: phase templates, an experiment's phases and stage gates, and its plan.

Every function checks who may do it, validates, and changes the rows in one transaction. The HTML views and
the API call these same functions."""

from .phases import (
    gate_answer_save,
    gate_question_add,
    gate_question_delete,
    gate_question_update,
    phase_advance,
    phase_apply_template,
    phase_create,
    phase_delete,
    phase_move,
    phase_update,
)
from .plan import (
    milestone_create,
    milestone_delete,
    milestone_update,
    status_report_create,
    task_create,
    task_delete,
    task_update,
)
from .templates import (
    template_create,
    template_delete,
    template_phase_add,
    template_phase_delete,
    template_phase_move,
    template_phase_update,
    template_question_add,
    template_question_delete,
    template_question_update,
    template_update,
)

__all__ = [
    "gate_answer_save",
    "gate_question_add",
    "gate_question_delete",
    "gate_question_update",
    "milestone_create",
    "milestone_delete",
    "milestone_update",
    "phase_advance",
    "phase_apply_template",
    "phase_create",
    "phase_delete",
    "phase_move",
    "phase_update",
    "status_report_create",
    "task_create",
    "task_delete",
    "task_update",
    "template_create",
    "template_delete",
    "template_phase_add",
    "template_phase_delete",
    "template_phase_move",
    "template_phase_update",
    "template_question_add",
    "template_question_delete",
    "template_question_update",
    "template_update",
]

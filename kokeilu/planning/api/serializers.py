"""Input and output shapes of the planning API (named uniquely: they become schema components)."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kokeilu.experiments.models import ExperimentMember

from ..models import GateVisibility, Milestone, Phase, PlanStatus, TaskStatus


def _inline_choice(choices: Any) -> Any:
    """A ChoiceField whose schema lists its values inline (no shared enum component that other apps'
    fields of the same name could collide with)."""

    @extend_schema_field({"type": "string", "enum": [value for value, _label in choices]})
    class InlineChoiceField(serializers.ChoiceField):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(choices=choices, **kwargs)

    return InlineChoiceField


VisibilityField = _inline_choice(GateVisibility.choices)
TaskStatusField = _inline_choice(TaskStatus.choices)
PlanStatusField = _inline_choice(PlanStatus.choices)
DirectionField = _inline_choice([("up", "up"), ("down", "down")])


class PlanningPersonOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="get_full_name")


class PlanningGateAnswerOutput(serializers.Serializer):
    text = serializers.CharField()
    answered_by = PlanningPersonOutput()
    answered_at = serializers.DateTimeField()


class PlanningGateQuestionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    text_fi = serializers.CharField()
    text_sv = serializers.CharField()
    text_en = serializers.CharField()
    visibility = serializers.CharField(
        help_text="public or internal (internal ones are shown to the team only)"
    )
    is_required = serializers.BooleanField()
    answer = serializers.SerializerMethodField()

    @extend_schema_field(PlanningGateAnswerOutput(allow_null=True))
    def get_answer(self, question: Any) -> dict[str, Any] | None:
        answer = getattr(question, "answer", None)
        return PlanningGateAnswerOutput(answer).data if answer is not None else None


class PlanningPhaseOutput(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    name = serializers.CharField()
    name_fi = serializers.CharField()
    name_sv = serializers.CharField()
    name_en = serializers.CharField()
    description_fi = serializers.CharField()
    description_sv = serializers.CharField()
    description_en = serializers.CharField()
    starts_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)
    state = serializers.CharField(help_text="upcoming, current or done")
    started_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    gate_questions = PlanningGateQuestionOutput(many=True, source="gate_questions.all")


class PlanningPhaseInput(serializers.Serializer):
    """On PATCH every field is optional."""

    name_fi = serializers.CharField(required=False, allow_blank=True, max_length=120)
    name_sv = serializers.CharField(required=False, allow_blank=True, max_length=120)
    name_en = serializers.CharField(required=False, allow_blank=True, max_length=120)
    description_fi = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    description_sv = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    description_en = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    starts_on = serializers.DateField(required=False, allow_null=True)
    ends_on = serializers.DateField(required=False, allow_null=True)


class PlanningApplyTemplateInput(serializers.Serializer):
    template = serializers.IntegerField(help_text="Id of a built-in template or one of the city's own.")


class PlanningMoveInput(serializers.Serializer):
    direction = DirectionField()


class PlanningAdvanceOutput(serializers.Serializer):
    current_phase = PlanningPhaseOutput(
        allow_null=True, help_text="The new current phase (null after the last)."
    )


class PlanningGateAnswerInput(serializers.Serializer):
    text = serializers.CharField(max_length=8000)


class PlanningGateQuestionInput(serializers.Serializer):
    """A gate question (of a phase or of a template phase); the text in at least one language. On PATCH
    every field is optional and an omitted `is_required` stays as it is."""

    text_fi = serializers.CharField(required=False, allow_blank=True, max_length=500)
    text_sv = serializers.CharField(required=False, allow_blank=True, max_length=500)
    text_en = serializers.CharField(required=False, allow_blank=True, max_length=500)
    visibility = VisibilityField(required=False)
    is_required = serializers.BooleanField(required=False, default=True)


class PlanningMilestoneOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    due_on = serializers.DateField()
    is_done = serializers.BooleanField()
    phase = serializers.IntegerField(source="phase_id", allow_null=True)


class PlanningMilestoneInput(serializers.Serializer):
    """On PATCH every field is optional."""

    title = serializers.CharField(max_length=200)
    due_on = serializers.DateField()
    is_done = serializers.BooleanField(required=False)
    phase = serializers.PrimaryKeyRelatedField(
        queryset=Phase.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of a phase of the experiment.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        experiment = self.context.get("experiment")
        if experiment is not None:
            self.fields["phase"].queryset = Phase.objects.filter(experiment=experiment)  # type: ignore[attr-defined]


class PlanningTaskOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    owner = serializers.IntegerField(
        source="owner_id", allow_null=True, help_text="Id of an experiment member."
    )
    owner_name = serializers.SerializerMethodField()
    due_on = serializers.DateField(allow_null=True)
    status = serializers.CharField(help_text="todo, doing or done")
    milestone = serializers.IntegerField(source="milestone_id", allow_null=True)
    is_overdue = serializers.SerializerMethodField()
    completed_at = serializers.DateTimeField(allow_null=True)

    def get_owner_name(self, task: Any) -> str:
        return str(task.owner.user) if task.owner_id else ""

    def get_is_overdue(self, task: Any) -> bool:
        from ..selectors import task_is_overdue

        return task_is_overdue(task)


class PlanningTaskInput(serializers.Serializer):
    """On PATCH every field is optional."""

    title = serializers.CharField(max_length=200)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=ExperimentMember.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of an experiment member.",
    )
    due_on = serializers.DateField(required=False, allow_null=True)
    status = TaskStatusField(required=False)
    milestone = serializers.PrimaryKeyRelatedField(
        queryset=Milestone.objects.all(), required=False, allow_null=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        experiment = self.context.get("experiment")
        if experiment is not None:
            self.fields["owner"].queryset = ExperimentMember.objects.filter(experiment=experiment)  # type: ignore[attr-defined]
            self.fields["milestone"].queryset = Milestone.objects.filter(experiment=experiment)  # type: ignore[attr-defined]


class PlanningStatusReportOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(help_text="on_track, at_risk or late")
    reason = serializers.CharField()
    reported_by = PlanningPersonOutput()
    created_at = serializers.DateTimeField()


class PlanningStatusReportInput(serializers.Serializer):
    status = PlanStatusField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class PlanningTemplateQuestionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    text = serializers.CharField()
    text_fi = serializers.CharField()
    text_sv = serializers.CharField()
    text_en = serializers.CharField()
    visibility = serializers.CharField(help_text="public or internal")
    is_required = serializers.BooleanField()


class PlanningTemplatePhaseOutput(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    name = serializers.CharField()
    name_fi = serializers.CharField()
    name_sv = serializers.CharField()
    name_en = serializers.CharField()
    description_fi = serializers.CharField()
    description_sv = serializers.CharField()
    description_en = serializers.CharField()
    questions = PlanningTemplateQuestionOutput(many=True, source="questions.all")


class PlanningTemplateOutput(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField(help_text="The built-in template's key; empty for a city's own.")
    is_builtin = serializers.BooleanField(help_text="Built-in templates are read-only.")
    name = serializers.CharField()
    name_fi = serializers.CharField()
    name_sv = serializers.CharField()
    name_en = serializers.CharField()
    description = serializers.CharField()
    description_fi = serializers.CharField()
    description_sv = serializers.CharField()
    description_en = serializers.CharField()
    phases = PlanningTemplatePhaseOutput(many=True, source="phases.all")


class PlanningTemplateInput(serializers.Serializer):
    """A template's (or a template phase's) names and descriptions; a name in at least one language.
    On PATCH every field is optional."""

    name_fi = serializers.CharField(required=False, allow_blank=True, max_length=120)
    name_sv = serializers.CharField(required=False, allow_blank=True, max_length=120)
    name_en = serializers.CharField(required=False, allow_blank=True, max_length=120)
    description_fi = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    description_sv = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    description_en = serializers.CharField(required=False, allow_blank=True, max_length=2000)

"""The planning API under /api/v1/experiments/<slug>/: phases and their stage gates, milestones, tasks
and status reports (the phase templates are in template_views.py). The same services and selectors as
the pages, and the same workspace levels: members read ("view"), the team writes the plan ("team"),
managers and leads change the phases and gate questions ("manage"). People who may not see the workspace
get 404, members without the level 403; a rule of a service answers 400 with the error under the field
it concerns."""

from typing import cast

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import User
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess
from kokeilu.experiments.workspace import Level, workspace_or_404

from .. import services
from ..models import GateQuestion, Milestone, Phase, Task
from ..selectors import (
    gate_question_get,
    milestone_list,
    phase_list,
    status_report_list,
    task_list,
    template_list_for_experiment,
)
from .serializers import (
    PlanningAdvanceOutput,
    PlanningApplyTemplateInput,
    PlanningGateAnswerInput,
    PlanningGateQuestionInput,
    PlanningGateQuestionOutput,
    PlanningMilestoneInput,
    PlanningMilestoneOutput,
    PlanningMoveInput,
    PlanningPhaseInput,
    PlanningPhaseOutput,
    PlanningStatusReportInput,
    PlanningStatusReportOutput,
    PlanningTaskInput,
    PlanningTaskOutput,
)

_NOT_FOUND = OpenApiResponse(description="No such experiment (or row in it), or one you may not see.")
_FORBIDDEN = OpenApiResponse(description="You are a member but lack the level this needs.")
_REFUSED = OpenApiResponse(
    description="Refused by the rules, e.g. an unanswered required gate question; the error is under the "
    "field it concerns, or under `detail` with a `code`."
)


def _user(request: Request) -> User:
    return cast(User, request.user)


def _workspace(request: Request, slug: str, level: Level) -> tuple[Experiment, ExperimentAccess]:
    return workspace_or_404(user=request.user, slug=slug, level=level)


def _phases_response(experiment: Experiment, access: ExperimentAccess, code: int = 200) -> Response:
    phases = phase_list(experiment=experiment, access=access)
    return Response(PlanningPhaseOutput(phases, many=True).data, status=code)


def _phase_or_404(experiment: Experiment, access: ExperimentAccess, pk: int) -> Phase:
    phase = (
        phase_list(experiment=experiment, access=access).filter(pk=pk).select_related("experiment").first()
    )
    if phase is None:
        raise Http404
    return phase


# --- Phases -------------------------------------------------------------------------------------------


class PlanningPhaseListApi(APIView):
    @extend_schema(responses={200: PlanningPhaseOutput(many=True), 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The experiment's phases in order, with the gate questions and answers you may see (internal
        ones for the team only)."""
        experiment, access = _workspace(request, slug, "view")
        return _phases_response(experiment, access)

    @extend_schema(
        request=PlanningPhaseInput,
        responses={201: PlanningPhaseOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Add an upcoming phase at the end (managers and leads)."""
        experiment, access = _workspace(request, slug, "manage")
        data = PlanningPhaseInput(data=request.data)
        data.is_valid(raise_exception=True)
        phase = services.phase_create(experiment=experiment, created_by=_user(request), **data.validated_data)
        return Response(
            PlanningPhaseOutput(_phase_or_404(experiment, access, phase.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class PlanningPhaseDetailApi(APIView):
    @extend_schema(
        request=PlanningPhaseInput,
        responses={200: PlanningPhaseOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, slug: str, phase_id: int) -> Response:
        """Rename, describe or re-date a phase."""
        experiment, access = _workspace(request, slug, "manage")
        phase = _phase_or_404(experiment, access, phase_id)
        data = PlanningPhaseInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.phase_update(phase=phase, updated_by=_user(request), **data.validated_data)
        return Response(PlanningPhaseOutput(_phase_or_404(experiment, access, phase_id)).data)

    @extend_schema(responses={204: None, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def delete(self, request: Request, slug: str, phase_id: int) -> Response:
        """Delete an upcoming phase."""
        experiment, access = _workspace(request, slug, "manage")
        services.phase_delete(phase=_phase_or_404(experiment, access, phase_id), deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanningPhaseMoveApi(APIView):
    @extend_schema(
        request=PlanningMoveInput,
        responses={200: PlanningPhaseOutput(many=True), 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str, phase_id: int) -> Response:
        """Move an upcoming phase earlier ("up") or later ("down"); answers every phase in the new order."""
        experiment, access = _workspace(request, slug, "manage")
        phase = _phase_or_404(experiment, access, phase_id)
        data = PlanningMoveInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.phase_move(phase=phase, moved_by=_user(request), direction=data.validated_data["direction"])
        return _phases_response(experiment, access)


class PlanningApplyTemplateApi(APIView):
    @extend_schema(
        request=PlanningApplyTemplateInput,
        responses={200: PlanningPhaseOutput(many=True), 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Replace the phases with a template's phases and gate questions, dated over the experiment's
        schedule; the first phase becomes current. Refused once a phase is done or a gate answered."""
        experiment, access = _workspace(request, slug, "manage")
        data = PlanningApplyTemplateInput(data=request.data)
        data.is_valid(raise_exception=True)
        template = (
            template_list_for_experiment(experiment=experiment)
            .filter(pk=data.validated_data["template"])
            .first()
        )
        if template is None:
            raise serializers.ValidationError({"template": ["There is no such template."]})
        services.phase_apply_template(experiment=experiment, template=template, applied_by=_user(request))
        return _phases_response(experiment, access)


class PlanningAdvanceApi(APIView):
    @extend_schema(
        request=None,
        responses={200: PlanningAdvanceOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Complete the current phase and start the next one (or start the first when none is current).
        Refused (code `gate_unanswered`) while a required gate question of the current phase is unanswered."""
        experiment, access = _workspace(request, slug, "manage")
        phase = services.phase_advance(experiment=experiment, advanced_by=_user(request))
        current = _phase_or_404(experiment, access, phase.pk) if phase is not None else None
        return Response({"current_phase": PlanningPhaseOutput(current).data if current else None})


class PlanningGateAnswerApi(APIView):
    @extend_schema(
        request=PlanningGateAnswerInput,
        responses={200: PlanningGateQuestionOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str, question_id: int) -> Response:
        """Answer a gate question, or change the answer, until its phase is done (the team)."""
        experiment, access = _workspace(request, slug, "team")
        question = gate_question_get(experiment=experiment, access=access, pk=question_id)
        if question is None:
            raise Http404
        data = PlanningGateAnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.gate_answer_save(
            question=question, answered_by=_user(request), text=data.validated_data["text"]
        )
        question = gate_question_get(experiment=experiment, access=access, pk=question_id)
        return Response(PlanningGateQuestionOutput(question).data)


def _gate_question_or_404(experiment: Experiment, access: ExperimentAccess, pk: int) -> GateQuestion:
    question = gate_question_get(experiment=experiment, access=access, pk=pk)
    if question is None:
        raise Http404
    return question


class PlanningGateQuestionListApi(APIView):
    @extend_schema(responses={200: PlanningGateQuestionOutput(many=True), 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, phase_id: int) -> Response:
        """The phase's gate questions in order, with their answers; internal ones for the team only."""
        experiment, access = _workspace(request, slug, "view")
        phase = _phase_or_404(experiment, access, phase_id)
        return Response(PlanningGateQuestionOutput(phase.gate_questions.all(), many=True).data)

    @extend_schema(
        request=PlanningGateQuestionInput,
        responses={201: PlanningGateQuestionOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str, phase_id: int) -> Response:
        """Add a gate question at the end of the phase's gate (managers and leads). Refused (code
        `phase_done`) once the phase is done."""
        experiment, access = _workspace(request, slug, "manage")
        phase = _phase_or_404(experiment, access, phase_id)
        data = PlanningGateQuestionInput(data=request.data)
        data.is_valid(raise_exception=True)
        question = services.gate_question_add(phase=phase, added_by=_user(request), **data.validated_data)
        return Response(
            PlanningGateQuestionOutput(_gate_question_or_404(experiment, access, question.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class PlanningGateQuestionDetailApi(APIView):
    @extend_schema(responses={200: PlanningGateQuestionOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, question_id: int) -> Response:
        """One gate question with its answer (an internal one for the team only)."""
        experiment, access = _workspace(request, slug, "view")
        return Response(
            PlanningGateQuestionOutput(_gate_question_or_404(experiment, access, question_id)).data
        )

    @extend_schema(
        request=PlanningGateQuestionInput,
        responses={200: PlanningGateQuestionOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, slug: str, question_id: int) -> Response:
        """Change the given fields of a gate question while its phase is not done (managers and leads);
        an answer already given stays."""
        experiment, access = _workspace(request, slug, "manage")
        question = _gate_question_or_404(experiment, access, question_id)
        data = PlanningGateQuestionInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.gate_question_update(question=question, updated_by=_user(request), **data.validated_data)
        return Response(
            PlanningGateQuestionOutput(_gate_question_or_404(experiment, access, question_id)).data
        )

    @extend_schema(responses={204: None, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def delete(self, request: Request, slug: str, question_id: int) -> Response:
        """Delete a gate question and its answer while its phase is not done (managers and leads)."""
        experiment, access = _workspace(request, slug, "manage")
        question = _gate_question_or_404(experiment, access, question_id)
        services.gate_question_delete(question=question, deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Milestones and tasks -------------------------------------------------------------------------------


class PlanningMilestoneListApi(APIView):
    @extend_schema(responses={200: PlanningMilestoneOutput(many=True), 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The experiment's milestones by due date."""
        experiment, _access = _workspace(request, slug, "view")
        return Response(PlanningMilestoneOutput(milestone_list(experiment=experiment), many=True).data)

    @extend_schema(
        request=PlanningMilestoneInput,
        responses={201: PlanningMilestoneOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Add a milestone (the team)."""
        experiment, _access = _workspace(request, slug, "team")
        data = PlanningMilestoneInput(data=request.data, context={"experiment": experiment})
        data.is_valid(raise_exception=True)
        milestone = services.milestone_create(
            experiment=experiment, created_by=_user(request), **data.validated_data
        )
        return Response(PlanningMilestoneOutput(milestone).data, status=status.HTTP_201_CREATED)


def _milestone_or_404(experiment: Experiment, pk: int) -> Milestone:
    milestone = Milestone.objects.select_related("experiment").filter(experiment=experiment, pk=pk).first()
    if milestone is None:
        raise Http404
    return milestone


class PlanningMilestoneDetailApi(APIView):
    @extend_schema(responses={200: PlanningMilestoneOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, milestone_id: int) -> Response:
        experiment, _access = _workspace(request, slug, "view")
        return Response(PlanningMilestoneOutput(_milestone_or_404(experiment, milestone_id)).data)

    @extend_schema(
        request=PlanningMilestoneInput,
        responses={200: PlanningMilestoneOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, slug: str, milestone_id: int) -> Response:
        """Change the given fields of a milestone (the team)."""
        experiment, _access = _workspace(request, slug, "team")
        milestone = _milestone_or_404(experiment, milestone_id)
        data = PlanningMilestoneInput(data=request.data, partial=True, context={"experiment": experiment})
        data.is_valid(raise_exception=True)
        milestone = services.milestone_update(
            milestone=milestone, updated_by=_user(request), **data.validated_data
        )
        return Response(PlanningMilestoneOutput(milestone).data)

    @extend_schema(responses={204: None, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def delete(self, request: Request, slug: str, milestone_id: int) -> Response:
        """Delete a milestone; its tasks stay (the team)."""
        experiment, _access = _workspace(request, slug, "team")
        services.milestone_delete(
            milestone=_milestone_or_404(experiment, milestone_id), deleted_by=_user(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


def _task_or_404(experiment: Experiment, pk: int) -> Task:
    task = task_list(experiment=experiment).select_related("experiment").filter(pk=pk).first()
    if task is None:
        raise Http404
    return task


class PlanningTaskListApi(APIView):
    @extend_schema(responses={200: PlanningTaskOutput(many=True), 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The experiment's tasks, with overdue ones flagged."""
        experiment, _access = _workspace(request, slug, "view")
        return Response(PlanningTaskOutput(task_list(experiment=experiment), many=True).data)

    @extend_schema(
        request=PlanningTaskInput,
        responses={201: PlanningTaskOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Add a task (the team); its owner is a member of the experiment."""
        experiment, _access = _workspace(request, slug, "team")
        data = PlanningTaskInput(data=request.data, context={"experiment": experiment})
        data.is_valid(raise_exception=True)
        task = services.task_create(experiment=experiment, created_by=_user(request), **data.validated_data)
        return Response(
            PlanningTaskOutput(_task_or_404(experiment, task.pk)).data, status=status.HTTP_201_CREATED
        )


class PlanningTaskDetailApi(APIView):
    @extend_schema(responses={200: PlanningTaskOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, task_id: int) -> Response:
        experiment, _access = _workspace(request, slug, "view")
        return Response(PlanningTaskOutput(_task_or_404(experiment, task_id)).data)

    @extend_schema(
        request=PlanningTaskInput,
        responses={200: PlanningTaskOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, slug: str, task_id: int) -> Response:
        """Change the given fields of a task (the team)."""
        experiment, _access = _workspace(request, slug, "team")
        task = _task_or_404(experiment, task_id)
        data = PlanningTaskInput(data=request.data, partial=True, context={"experiment": experiment})
        data.is_valid(raise_exception=True)
        services.task_update(task=task, updated_by=_user(request), **data.validated_data)
        return Response(PlanningTaskOutput(_task_or_404(experiment, task_id)).data)

    @extend_schema(responses={204: None, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def delete(self, request: Request, slug: str, task_id: int) -> Response:
        """Delete a task (the team)."""
        experiment, _access = _workspace(request, slug, "team")
        services.task_delete(task=_task_or_404(experiment, task_id), deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Status reports --------------------------------------------------------------------------------------


class PlanningStatusReportListApi(APIView):
    @extend_schema(responses={200: PlanningStatusReportOutput(many=True), 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The status reports, newest first (the first is the experiment's status)."""
        experiment, _access = _workspace(request, slug, "view")
        reports = status_report_list(experiment=experiment)[:200]
        return Response(PlanningStatusReportOutput(reports, many=True).data)

    @extend_schema(
        request=PlanningStatusReportInput,
        responses={201: PlanningStatusReportOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Report the status (the team); a reason is required unless on track."""
        experiment, _access = _workspace(request, slug, "team")
        data = PlanningStatusReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.status_report_create(
            experiment=experiment, reported_by=_user(request), **data.validated_data
        )
        return Response(PlanningStatusReportOutput(report).data, status=status.HTTP_201_CREATED)

"""The phase templates in the planning API, under /api/v1/experiments/<slug>/phase-templates/: the
templates the experiment can use (built-in ones and its city's own; managers and leads read them) and the
city's own templates with their phases and gate questions, which only the city's programme managers
create, change and delete. Built-in templates are read-only (403). The same services as the template
pages."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess

from .. import services
from ..models import PhaseTemplate, TemplateGateQuestion, TemplatePhase
from ..selectors import template_list_for_experiment
from .serializers import (
    PlanningGateQuestionInput,
    PlanningMoveInput,
    PlanningTemplateInput,
    PlanningTemplateOutput,
    PlanningTemplatePhaseOutput,
    PlanningTemplateQuestionOutput,
)
from .views import _FORBIDDEN, _NOT_FOUND, _REFUSED, _user, _workspace


def _templates_workspace(request: Request, slug: str) -> tuple[Experiment, ExperimentAccess]:
    """The experiment, for a change to its city's templates: its programme managers only (404 for people
    who may not see the workspace, 403 for its other members)."""
    experiment, access = _workspace(request, slug, "manage")
    if not access.is_city_manager:
        raise PermissionDenied
    return experiment, access


def _template_or_404(experiment: Experiment, pk: int) -> PhaseTemplate:
    """A template the experiment can use: built-in, or its city's own (a write to a built-in one is
    refused by the service with 403)."""
    template = template_list_for_experiment(experiment=experiment).filter(pk=pk).first()
    if template is None:
        raise Http404
    return template


def _template_phase_or_404(template: PhaseTemplate, pk: int) -> TemplatePhase:
    phase = TemplatePhase.objects.select_related("template").filter(template=template, pk=pk).first()
    if phase is None:
        raise Http404
    return phase


def _template_response(experiment: Experiment, pk: int, code: int = 200) -> Response:
    return Response(PlanningTemplateOutput(_template_or_404(experiment, pk)).data, status=code)


class PlanningTemplateListApi(APIView):
    @extend_schema(responses={200: PlanningTemplateOutput(many=True), 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The phase templates the experiment can use: the built-in ones and its city's own (managers
        and leads)."""
        experiment, _access = _workspace(request, slug, "manage")
        templates: Any = template_list_for_experiment(experiment=experiment)
        return Response(PlanningTemplateOutput(templates, many=True).data)

    @extend_schema(
        request=PlanningTemplateInput,
        responses={201: PlanningTemplateOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Create an empty template of the experiment's city (its programme managers); add phases next."""
        experiment, _access = _templates_workspace(request, slug)
        data = PlanningTemplateInput(data=request.data)
        data.is_valid(raise_exception=True)
        template = services.template_create(
            city=experiment.city, created_by=_user(request), **data.validated_data
        )
        return _template_response(experiment, template.pk, status.HTTP_201_CREATED)


class PlanningTemplateDetailApi(APIView):
    @extend_schema(responses={200: PlanningTemplateOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, template_id: int) -> Response:
        """A template with its phases and gate questions (managers and leads)."""
        experiment, _access = _workspace(request, slug, "manage")
        return _template_response(experiment, template_id)

    @extend_schema(
        request=PlanningTemplateInput,
        responses={200: PlanningTemplateOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, slug: str, template_id: int) -> Response:
        """Rename or describe one of the city's templates (its programme managers; built-in ones are
        read-only: 403)."""
        experiment, _access = _templates_workspace(request, slug)
        template = _template_or_404(experiment, template_id)
        data = PlanningTemplateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.template_update(template=template, updated_by=_user(request), **data.validated_data)
        return _template_response(experiment, template_id)

    @extend_schema(responses={204: None, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def delete(self, request: Request, slug: str, template_id: int) -> Response:
        """Delete one of the city's templates; experiments that used it keep their phases."""
        experiment, _access = _templates_workspace(request, slug)
        services.template_delete(
            template=_template_or_404(experiment, template_id), deleted_by=_user(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanningTemplatePhaseListApi(APIView):
    @extend_schema(
        request=PlanningTemplateInput,
        responses={201: PlanningTemplatePhaseOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str, template_id: int) -> Response:
        """Add a phase at the end of one of the city's templates (its programme managers)."""
        experiment, _access = _templates_workspace(request, slug)
        template = _template_or_404(experiment, template_id)
        data = PlanningTemplateInput(data=request.data)
        data.is_valid(raise_exception=True)
        phase = services.template_phase_add(template=template, added_by=_user(request), **data.validated_data)
        return Response(PlanningTemplatePhaseOutput(phase).data, status=status.HTTP_201_CREATED)


class PlanningTemplatePhaseDetailApi(APIView):
    @extend_schema(
        request=PlanningTemplateInput,
        responses={200: PlanningTemplatePhaseOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, slug: str, template_id: int, phase_id: int) -> Response:
        """Rename or describe a phase of one of the city's templates."""
        experiment, _access = _templates_workspace(request, slug)
        phase = _template_phase_or_404(_template_or_404(experiment, template_id), phase_id)
        data = PlanningTemplateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        phase = services.template_phase_update(phase=phase, updated_by=_user(request), **data.validated_data)
        return Response(PlanningTemplatePhaseOutput(phase).data)

    @extend_schema(responses={204: None, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def delete(self, request: Request, slug: str, template_id: int, phase_id: int) -> Response:
        """Delete a phase (and its gate questions) of one of the city's templates."""
        experiment, _access = _templates_workspace(request, slug)
        phase = _template_phase_or_404(_template_or_404(experiment, template_id), phase_id)
        services.template_phase_delete(phase=phase, deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanningTemplatePhaseMoveApi(APIView):
    @extend_schema(
        request=PlanningMoveInput,
        responses={200: PlanningTemplateOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str, template_id: int, phase_id: int) -> Response:
        """Move a template phase earlier ("up") or later ("down"); answers the template in its new order."""
        experiment, _access = _templates_workspace(request, slug)
        phase = _template_phase_or_404(_template_or_404(experiment, template_id), phase_id)
        data = PlanningMoveInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.template_phase_move(
            phase=phase, moved_by=_user(request), direction=data.validated_data["direction"]
        )
        return _template_response(experiment, template_id)


class PlanningTemplateQuestionListApi(APIView):
    @extend_schema(
        request=PlanningGateQuestionInput,
        responses={201: PlanningTemplateQuestionOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str, template_id: int, phase_id: int) -> Response:
        """Add a gate question to a phase of one of the city's templates; experiments that apply the
        template get it."""
        experiment, _access = _templates_workspace(request, slug)
        phase = _template_phase_or_404(_template_or_404(experiment, template_id), phase_id)
        data = PlanningGateQuestionInput(data=request.data)
        data.is_valid(raise_exception=True)
        question = services.template_question_add(phase=phase, added_by=_user(request), **data.validated_data)
        return Response(PlanningTemplateQuestionOutput(question).data, status=status.HTTP_201_CREATED)


def _template_question_or_404(template: PhaseTemplate, pk: int) -> TemplateGateQuestion:
    question = (
        TemplateGateQuestion.objects.select_related("phase__template")
        .filter(phase__template=template, pk=pk)
        .first()
    )
    if question is None:
        raise Http404
    return question


class PlanningTemplateQuestionDetailApi(APIView):
    @extend_schema(
        request=PlanningGateQuestionInput,
        responses={200: PlanningTemplateQuestionOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, slug: str, template_id: int, question_id: int) -> Response:
        """Change the given fields of a gate question of one of the city's templates."""
        experiment, _access = _templates_workspace(request, slug)
        question = _template_question_or_404(_template_or_404(experiment, template_id), question_id)
        data = PlanningGateQuestionInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        question = services.template_question_update(
            question=question, updated_by=_user(request), **data.validated_data
        )
        return Response(PlanningTemplateQuestionOutput(question).data)

    @extend_schema(responses={204: None, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def delete(self, request: Request, slug: str, template_id: int, question_id: int) -> Response:
        """Delete a gate question of one of the city's templates."""
        experiment, _access = _templates_workspace(request, slug)
        question = _template_question_or_404(_template_or_404(experiment, template_id), question_id)
        services.template_question_delete(question=question, deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

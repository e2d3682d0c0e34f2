"""The manager's side of the calls API: open, edit and publish calls, and keep their criteria and questions,
through the same services and selectors as the management pages.

A call (or a criterion or question of it) outside the cities the user manages answers 404, as the pages
do; creating a call on a platform the user may see but not manage answers 403 (the service refuses); a
rule of the service answers 400 with the error under the field it concerns. The list is filtered, never
refused: someone who manages no city gets an empty list.
"""

from collections.abc import Iterable
from typing import Any, cast

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import User
from kokeilu.calls import services
from kokeilu.calls.models import ApplicantKind, Call, CallQuestion, Criterion, ProposalMode
from kokeilu.calls.selectors import call_get_managed, call_list_managed_by
from kokeilu.platforms.models import DevelopmentNeed, Theme
from kokeilu.platforms.selectors import need_list_visible, platform_get_visible

_NOT_FOUND = OpenApiResponse(description="No such call (or criterion, question), or not one you manage.")
_FORBIDDEN = OpenApiResponse(description="You may see the platform but not manage it.")
_REFUSED = OpenApiResponse(
    description="Refused by the rules, e.g. the deadline is before the opening; the error is under the "
    "field it concerns, or under `detail` with a `code`."
)


def _user(request: Request) -> User:
    # Every view here requires an authenticated user (the default permission class).
    return cast(User, request.user)


def _managed_call_or_404(request: Request, slug: str) -> Call:
    call = call_get_managed(user=request.user, slug=slug)
    if call is None:
        raise Http404
    return call


def _needs_from_ids(user: User, ids: Iterable[int]) -> list[DevelopmentNeed]:
    """The needs with these ids among those the user may see; an id of anything else is an input error.

    Whether a need may be answered by the call (same platform) is the service's rule, not checked here."""
    wanted = set(ids)
    needs = list(need_list_visible(user=user).filter(pk__in=wanted))
    unknown = sorted(wanted - {need.pk for need in needs})
    if unknown:
        raise serializers.ValidationError(
            {"needs": [_("Unknown development need: %(ids)s") % {"ids": ", ".join(map(str, unknown))}]}
        )
    return needs


# --- Serializers (named uniquely across the project: they become schema components) ------------------


class ManagedCallUpdateInput(serializers.Serializer):
    """The fields of a call a manager writes. On PATCH every field is optional and `needs` and `themes`,
    when given, replace the call's lists. The platform of a call cannot be changed."""

    title_fi = serializers.CharField()
    title_sv = serializers.CharField(required=False, allow_blank=True)
    title_en = serializers.CharField(required=False, allow_blank=True)
    description_fi = serializers.CharField(required=False, allow_blank=True)
    description_sv = serializers.CharField(required=False, allow_blank=True)
    description_en = serializers.CharField(required=False, allow_blank=True)
    needs = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="Ids of development needs of the call's platform that the call answers.",
    )
    themes = serializers.SlugRelatedField(
        many=True, slug_field="slug", queryset=Theme.objects.all(), required=False, help_text="Theme slugs."
    )
    eligibility = serializers.ListField(
        child=serializers.ChoiceField(choices=ApplicantKind.choices), help_text="Who may apply."
    )
    proposal_mode = serializers.ChoiceField(choices=ProposalMode.choices, required=False)
    funding_per_pilot = serializers.DecimalField(max_digits=10, decimal_places=2, required=False)
    pilots_to_fund = serializers.IntegerField(required=False, allow_null=True)
    duration_min_months = serializers.IntegerField(required=False)
    duration_max_months = serializers.IntegerField(required=False)
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField(help_text="Proposals are accepted until this moment.")
    review_ends_at = serializers.DateTimeField()
    decision_ends_at = serializers.DateTimeField()


class ManagedCallInput(ManagedCallUpdateInput):
    platform = serializers.SlugField(help_text="Slug of a platform of a city you manage.")


class ManagedCriterionInput(serializers.Serializer):
    """An evaluation criterion; on PATCH every field is optional."""

    name_fi = serializers.CharField()
    name_sv = serializers.CharField(required=False, allow_blank=True)
    name_en = serializers.CharField(required=False, allow_blank=True)
    description_fi = serializers.CharField(required=False, allow_blank=True)
    description_sv = serializers.CharField(required=False, allow_blank=True)
    description_en = serializers.CharField(required=False, allow_blank=True)
    weight = serializers.IntegerField(required=False, help_text="From 1 to 100: its share of the total.")
    position = serializers.IntegerField(required=False)


class ManagedQuestionInput(serializers.Serializer):
    """An extra question that full applications answer; on PATCH every field is optional."""

    text_fi = serializers.CharField()
    text_sv = serializers.CharField(required=False, allow_blank=True)
    text_en = serializers.CharField(required=False, allow_blank=True)
    help_fi = serializers.CharField(required=False, allow_blank=True)
    help_sv = serializers.CharField(required=False, allow_blank=True)
    help_en = serializers.CharField(required=False, allow_blank=True)
    is_required = serializers.BooleanField(source="required", required=False)
    max_length = serializers.IntegerField(required=False, help_text="Maximum length of an answer.")
    position = serializers.IntegerField(required=False)


class ManagedCriterionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    name_fi = serializers.CharField()
    name_sv = serializers.CharField()
    name_en = serializers.CharField()
    description_fi = serializers.CharField()
    description_sv = serializers.CharField()
    description_en = serializers.CharField()
    weight = serializers.IntegerField()
    position = serializers.IntegerField()


class ManagedQuestionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    text_fi = serializers.CharField()
    text_sv = serializers.CharField()
    text_en = serializers.CharField()
    help_fi = serializers.CharField()
    help_sv = serializers.CharField()
    help_en = serializers.CharField()
    is_required = serializers.BooleanField(source="required")
    max_length = serializers.IntegerField()
    position = serializers.IntegerField()


class ManagedCallListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    platform = serializers.SlugField(source="platform.slug")
    city = serializers.CharField(source="platform.city.name")
    title = serializers.CharField()
    title_fi = serializers.CharField()
    title_sv = serializers.CharField()
    title_en = serializers.CharField()
    phase = serializers.CharField(help_text="draft, scheduled, open, review, decision or closed.")
    published_at = serializers.DateTimeField(allow_null=True)
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    review_ends_at = serializers.DateTimeField()
    decision_ends_at = serializers.DateTimeField()


class ManagedCallOutput(ManagedCallListOutput):
    description = serializers.CharField()
    description_fi = serializers.CharField()
    description_sv = serializers.CharField()
    description_en = serializers.CharField()
    needs = serializers.SerializerMethodField()
    themes = serializers.SerializerMethodField()
    eligibility = serializers.ListField(child=serializers.CharField())
    proposal_mode = serializers.CharField()
    funding_per_pilot = serializers.DecimalField(max_digits=10, decimal_places=2)
    pilots_to_fund = serializers.IntegerField(allow_null=True)
    duration_min_months = serializers.IntegerField()
    duration_max_months = serializers.IntegerField()
    criteria = ManagedCriterionOutput(many=True, source="criteria.all")
    questions = ManagedQuestionOutput(many=True, source="questions.all")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_needs(self, call: Call) -> list[int]:
        """Ids of the development needs the call answers."""
        return sorted(need.pk for need in call.needs.all())

    def get_themes(self, call: Call) -> list[str]:
        """Slugs of the call's themes."""
        return sorted(theme.slug for theme in call.themes.all())


def _call_detail(request: Request, slug: str, *, status_code: int = status.HTTP_200_OK) -> Response:
    return Response(ManagedCallOutput(_managed_call_or_404(request, slug)).data, status=status_code)


def _call_fields(user: User, data: dict[str, Any]) -> dict[str, Any]:
    """The service's keyword arguments from validated input: needs as rows; only the given keys."""
    fields = dict(data)
    if "needs" in fields:
        fields["needs"] = _needs_from_ids(user, fields["needs"])
    return fields


# --- Calls -------------------------------------------------------------------------------------------


class ManagedCallListCreateApi(generics.ListAPIView):
    """Calls of the cities you manage, drafts included; and creating a draft call."""

    serializer_class = ManagedCallListOutput

    def get_queryset(self) -> QuerySet[Call]:
        return call_list_managed_by(user=self.request.user)

    @extend_schema(
        request=ManagedCallInput,
        responses={201: ManagedCallOutput, 400: _REFUSED, 403: _FORBIDDEN},
        description="Create a draft call. Add at least one criterion, then publish it.",
    )
    def post(self, request: Request) -> Response:
        data = ManagedCallInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        platform = platform_get_visible(user=request.user, slug=fields.pop("platform"))
        if platform is None:
            raise serializers.ValidationError({"platform": [_("There is no such platform.")]})
        call = services.call_create(
            created_by=_user(request), platform=platform, **_call_fields(_user(request), fields)
        )
        return _call_detail(request, call.slug, status_code=status.HTTP_201_CREATED)


class ManagedCallDetailApi(APIView):
    @extend_schema(responses={200: ManagedCallOutput, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """A call you manage, with its criteria and questions, in any phase."""
        return _call_detail(request, slug)

    @extend_schema(
        request=ManagedCallUpdateInput,
        responses={200: ManagedCallOutput, 400: _REFUSED, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, slug: str) -> Response:
        """Change the given fields. Once a published call's deadline has passed, it stays where it is."""
        call = _managed_call_or_404(request, slug)
        data = ManagedCallUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.call_update(
            call=call, updated_by=_user(request), **_call_fields(_user(request), data.validated_data)
        )
        return _call_detail(request, slug)


class ManagedCallPublishApi(APIView):
    @extend_schema(request=None, responses={200: ManagedCallOutput, 400: _REFUSED, 404: _NOT_FOUND})
    def post(self, request: Request, slug: str) -> Response:
        """Publish a draft call; from then on its dates decide its phase. It needs a criterion first."""
        call = _managed_call_or_404(request, slug)
        services.call_publish(call=call, published_by=_user(request))
        return _call_detail(request, slug)


# --- Criteria and questions ---------------------------------------------------------------------------


def _criterion_or_404(call: Call, criterion_id: int) -> Criterion:
    criterion = call.criteria.filter(pk=criterion_id).first()
    if criterion is None:
        raise Http404
    return criterion


def _question_or_404(call: Call, question_id: int) -> CallQuestion:
    question = call.questions.filter(pk=question_id).first()
    if question is None:
        raise Http404
    return question


class ManagedCriterionCreateApi(APIView):
    @extend_schema(
        request=ManagedCriterionInput,
        responses={201: ManagedCriterionOutput, 400: _REFUSED, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Add an evaluation criterion; criteria can change until the review starts."""
        call = _managed_call_or_404(request, slug)
        data = ManagedCriterionInput(data=request.data)
        data.is_valid(raise_exception=True)
        criterion = services.criterion_save(call=call, saved_by=_user(request), **data.validated_data)
        return Response(ManagedCriterionOutput(criterion).data, status=status.HTTP_201_CREATED)


class ManagedCriterionDetailApi(APIView):
    @extend_schema(
        request=ManagedCriterionInput,
        responses={200: ManagedCriterionOutput, 400: _REFUSED, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, slug: str, criterion_id: int) -> Response:
        """Change the given fields of a criterion."""
        call = _managed_call_or_404(request, slug)
        criterion = _criterion_or_404(call, criterion_id)
        data = ManagedCriterionInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        criterion = services.criterion_save(
            call=call, saved_by=_user(request), criterion=criterion, **data.validated_data
        )
        return Response(ManagedCriterionOutput(criterion).data)

    @extend_schema(responses={204: None, 400: _REFUSED, 404: _NOT_FOUND})
    def delete(self, request: Request, slug: str, criterion_id: int) -> Response:
        """Remove a criterion, until the review starts."""
        criterion = _criterion_or_404(_managed_call_or_404(request, slug), criterion_id)
        services.criterion_delete(criterion=criterion, deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ManagedQuestionCreateApi(APIView):
    @extend_schema(
        request=ManagedQuestionInput,
        responses={201: ManagedQuestionOutput, 400: _REFUSED, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Add a question; questions can change while the call is a draft or has not opened yet."""
        call = _managed_call_or_404(request, slug)
        data = ManagedQuestionInput(data=request.data)
        data.is_valid(raise_exception=True)
        question = services.question_save(call=call, saved_by=_user(request), **data.validated_data)
        return Response(ManagedQuestionOutput(question).data, status=status.HTTP_201_CREATED)


class ManagedQuestionDetailApi(APIView):
    @extend_schema(
        request=ManagedQuestionInput,
        responses={200: ManagedQuestionOutput, 400: _REFUSED, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, slug: str, question_id: int) -> Response:
        """Change the given fields of a question."""
        call = _managed_call_or_404(request, slug)
        question = _question_or_404(call, question_id)
        data = ManagedQuestionInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        question = services.question_save(
            call=call, saved_by=_user(request), question=question, **data.validated_data
        )
        return Response(ManagedQuestionOutput(question).data)

    @extend_schema(responses={204: None, 400: _REFUSED, 404: _NOT_FOUND})
    def delete(self, request: Request, slug: str, question_id: int) -> Response:
        """Remove a question, while the call is a draft or has not opened yet."""
        question = _question_or_404(_managed_call_or_404(request, slug), question_id)
        services.question_delete(question=question, deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

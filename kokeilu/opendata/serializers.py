"""The fields each open dataset publishes, written once: the JSON API returns them and the CSV and XLSX
downloads are these same fields flattened (`tables.py`), so no channel can carry more than another.

Translated content comes in every language (`*_fi`, `*_sv`, `*_en`), so a record is the same whatever
language it was asked in; links (`url`) point to the pages in the request's language. Serializers need
the request in their context (for absolute links).
"""

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kokeilu.calls.models import Call, CallPhase, ProposalMode
from kokeilu.experiments.models import Experiment, ExperimentStatus, PartnerRole
from kokeilu.platforms.models import DevelopmentNeed, NeedStatus, Platform
from kokeilu.reports.models import FinalReport, Learning, NextStep

from .selectors import open_call, open_report

CURRENCY = "EUR"


def absolute_url(context: Mapping[str, Any], viewname: str, **kwargs: Any) -> str:
    return context["request"].build_absolute_uri(reverse(viewname, kwargs=kwargs))


class OpenDataCityOutput(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class OpenDataThemeOutput(serializers.Serializer):
    slug = serializers.SlugField()
    name_fi = serializers.CharField()
    name_sv = serializers.CharField()
    name_en = serializers.CharField()


class OpenDataPlatformOutput(serializers.Serializer):
    """A platform; null when the platform is not public."""

    slug = serializers.SlugField()
    name_fi = serializers.CharField()
    name_sv = serializers.CharField()
    name_en = serializers.CharField()

    def get_attribute(self, instance: Any) -> Platform | None:
        platform = super().get_attribute(instance)
        return platform if platform is not None and platform.is_public else None


class OpenDataCallRefOutput(serializers.Serializer):
    """A call; null when the call is not public (a draft, or on a non-public platform)."""

    slug = serializers.SlugField()
    title_fi = serializers.CharField()
    title_sv = serializers.CharField()
    title_en = serializers.CharField()

    def get_attribute(self, instance: Any) -> Call | None:
        return open_call(super().get_attribute(instance))


class OpenDataNeedRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title_fi = serializers.CharField()
    title_sv = serializers.CharField()
    title_en = serializers.CharField()


class OpenDataExperimentRefOutput(serializers.Serializer):
    slug = serializers.SlugField()
    title_fi = serializers.CharField()
    title_sv = serializers.CharField()
    title_en = serializers.CharField()


# --- Learnings ------------------------------------------------------------------------------------------


class OpenDataLearningOutput(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField(help_text="The learning's page.")
    statement_fi = serializers.CharField()
    statement_sv = serializers.CharField()
    statement_en = serializers.CharField()
    evidence = serializers.CharField()
    theme = OpenDataThemeOutput(allow_null=True)
    tags = serializers.ListField(child=serializers.CharField())
    experiment = OpenDataExperimentRefOutput(source="report.experiment")
    city = OpenDataCityOutput(source="report.experiment.city")
    call = OpenDataCallRefOutput(source="report.experiment.call", allow_null=True)
    next_step = serializers.ChoiceField(
        source="report.next_step", choices=NextStep.choices, help_text="The report's decision on what next."
    )
    report_url = serializers.SerializerMethodField(help_text="The approved final report's page.")
    published_at = serializers.DateTimeField(source="report.approved_at")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, learning: Learning) -> str:
        return absolute_url(self.context, "reports:learning", pk=learning.pk)

    @extend_schema_field(OpenApiTypes.URI)
    def get_report_url(self, learning: Learning) -> str:
        return absolute_url(self.context, "reports:public", slug=learning.report.experiment.slug)


# --- Experiments ----------------------------------------------------------------------------------------


class PublicFaceTextField(serializers.CharField):
    """The experiment's own text, only when the experiment is public (empty otherwise: an approved report
    publishes the report, not the workspace)."""

    def get_attribute(self, instance: Experiment) -> Any:
        return super().get_attribute(instance) if instance.is_public else ""


class OpenDataPartnerOutput(serializers.Serializer):
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=PartnerRole.choices)


class OpenDataReportOutput(serializers.Serializer):
    """The approved final report; null when there is none (or it is not approved yet)."""

    url = serializers.SerializerMethodField(help_text="The report's page.")
    summary_fi = serializers.CharField()
    summary_sv = serializers.CharField()
    summary_en = serializers.CharField()
    next_step = serializers.ChoiceField(choices=NextStep.choices)
    published_at = serializers.DateTimeField(source="approved_at")

    def get_attribute(self, instance: Experiment) -> FinalReport | None:
        return open_report(instance)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, report: FinalReport) -> str:
        return absolute_url(self.context, "reports:public", slug=report.experiment.slug)


class OpenDataExperimentOutput(serializers.Serializer):
    slug = serializers.SlugField()
    url = serializers.SerializerMethodField(help_text="The experiment's public page; null when not public.")
    title_fi = serializers.CharField()
    title_sv = serializers.CharField()
    title_en = serializers.CharField()
    summary_fi = PublicFaceTextField(help_text="Empty unless the experiment is public.")
    summary_sv = PublicFaceTextField(help_text="Empty unless the experiment is public.")
    summary_en = PublicFaceTextField(help_text="Empty unless the experiment is public.")
    status = serializers.ChoiceField(choices=ExperimentStatus.choices)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    city = OpenDataCityOutput()
    platform = OpenDataPlatformOutput(allow_null=True)
    call = OpenDataCallRefOutput(allow_null=True)
    granted_amount = serializers.DecimalField(
        max_digits=10, decimal_places=2, help_text="The grant the city awarded, in euros."
    )
    currency = serializers.SerializerMethodField()
    partners = OpenDataPartnerOutput(many=True, source="open_partners")
    report = OpenDataReportOutput(allow_null=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, experiment: Experiment) -> str | None:
        if not experiment.is_public:
            return None
        return absolute_url(self.context, "experiments:detail", slug=experiment.slug)

    @extend_schema_field({"type": "string", "enum": [CURRENCY]})
    def get_currency(self, experiment: Experiment) -> str:
        return CURRENCY


# --- Calls ----------------------------------------------------------------------------------------------


@extend_schema_field({"type": "string", "enum": list(CallPhase.values)})
class CallPhaseField(serializers.CharField):
    """The call's phase now (draft never appears: drafts are not published)."""


class OpenDataCallOutput(serializers.Serializer):
    slug = serializers.SlugField()
    url = serializers.SerializerMethodField(help_text="The call's page.")
    title_fi = serializers.CharField()
    title_sv = serializers.CharField()
    title_en = serializers.CharField()
    description_fi = serializers.CharField()
    description_sv = serializers.CharField()
    description_en = serializers.CharField()
    city = OpenDataCityOutput(source="platform.city")
    platform = OpenDataPlatformOutput()
    phase = CallPhaseField()
    themes = OpenDataThemeOutput(many=True, source="themes.all")
    needs = OpenDataNeedRefOutput(many=True, source="public_needs")
    eligibility = serializers.ListField(child=serializers.CharField(), help_text="Applicant kinds.")
    proposal_mode = serializers.ChoiceField(choices=ProposalMode.choices)
    funding_per_pilot = serializers.DecimalField(max_digits=10, decimal_places=2, help_text="In euros.")
    pilots_to_fund = serializers.IntegerField(allow_null=True)
    duration_min_months = serializers.IntegerField()
    duration_max_months = serializers.IntegerField()
    published_at = serializers.DateTimeField()
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    review_ends_at = serializers.DateTimeField()
    decision_ends_at = serializers.DateTimeField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, call: Call) -> str:
        return absolute_url(self.context, "calls:detail", slug=call.slug)


# --- Development needs ----------------------------------------------------------------------------------


class OpenDataNeedOutput(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField(help_text="The page of the need's platform.")
    title_fi = serializers.CharField()
    title_sv = serializers.CharField()
    title_en = serializers.CharField()
    description_fi = serializers.CharField()
    description_sv = serializers.CharField()
    description_en = serializers.CharField()
    status = serializers.ChoiceField(choices=NeedStatus.choices)
    city = OpenDataCityOutput(source="platform.city")
    platform = OpenDataPlatformOutput()
    owning_unit = serializers.CharField(source="owning_unit.name", default=None, allow_null=True)
    themes = OpenDataThemeOutput(many=True, source="themes.all")
    calls = OpenDataCallRefOutput(many=True, source="public_calls", help_text="Public calls answering it.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, need: DevelopmentNeed) -> str:
        return absolute_url(self.context, "platforms:detail", slug=need.platform.slug)

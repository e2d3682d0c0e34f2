"""The library's search form: the query and the filters, read from GET parameters by the page and the
API alike. Filters are chosen by slug (theme, city, platform, method) or value (sector, outcome, year);
the choices offered are those that can match something published (every sector is offered)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokeilu.accounts.models import Organisation
from kokeilu.core.forms_rendering import HdsFormMixin
from kokeilu.experiments.models import ServiceSector
from kokeilu.methods.models import Method
from kokeilu.platforms.models import Platform, Theme
from kokeilu.reports.models import FinalReport, NextStep, ReportState

from .selectors import LibraryFilters


def _approval_years() -> list[tuple[str, str]]:
    dates = FinalReport.objects.filter(state=ReportState.APPROVED).dates("approved_at", "year", order="DESC")
    return [(str(day.year), str(day.year)) for day in dates]


class LibrarySearchForm(HdsFormMixin, forms.Form):
    # No max_length: a long query is cut by the selector, not refused.
    q = forms.CharField(label=_("Search learnings"), required=False)
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        required=False,
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("All"),
    )
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        queryset=Organisation.objects.filter(experiments__final_report__state=ReportState.APPROVED)
        .distinct()
        .order_by("name"),
        to_field_name="slug",
        empty_label=_("All"),
    )
    platform = forms.ModelChoiceField(
        label=_("Platform"),
        required=False,
        queryset=Platform.objects.filter(is_public=True).select_related("city"),
        to_field_name="slug",
        empty_label=_("All"),
    )
    sector = forms.ChoiceField(
        label=_("Service sector"), required=False, choices=[("", _("All")), *ServiceSector.choices]
    )
    outcome = forms.ChoiceField(
        label=_("What happened next"), required=False, choices=[("", _("All")), *NextStep.choices]
    )
    year = forms.IntegerField(
        label=_("Year published"), required=False, min_value=1900, max_value=2200, widget=forms.Select
    )
    method = forms.ModelChoiceField(
        label=_("Method"),
        required=False,
        queryset=Method.objects.all(),
        to_field_name="slug",
        empty_label=_("All"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A NUL character is not refused: the selector drops control characters (odd input never fails).
        self.fields["q"].validators = []
        widget = self.fields["year"].widget
        assert isinstance(widget, forms.Select)
        widget.choices = [("", _("All")), *_approval_years()]

    def filters(self) -> LibraryFilters:
        """The filters from the fields that are valid (an invalid one counts as any)."""
        data = self.cleaned_data

        def pk(name: str) -> int | None:
            return data[name].pk if data.get(name) is not None else None

        return LibraryFilters(
            theme_id=pk("theme"),
            city_id=pk("city"),
            platform_id=pk("platform"),
            sector=data.get("sector") or "",
            outcome=data.get("outcome") or "",
            year=data.get("year"),
            method_id=pk("method"),
        )

"""The dashboard's filters: a year range and a call. The page, the downloads and the API parse them the
same way (`filters_from`)."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokeilu.core.forms_rendering import HdsFormMixin

from .selectors import CallChoice, DashboardFilters

FIRST_YEAR = 2000
LAST_YEAR = 2100
DEFAULT_YEARS = 10
MAX_YEARS = 30


def default_years() -> tuple[int, int]:
    """The last ten years, this one included (Europe/Helsinki)."""
    this_year = timezone.localdate().year
    return this_year - DEFAULT_YEARS + 1, this_year


class DashboardFilterForm(HdsFormMixin, forms.Form):
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    year_to = forms.IntegerField(
        label=_("To year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    call = forms.ChoiceField(
        label=_("Call"),
        required=False,
        help_text=_("With a call chosen, every number is the call's own and the years are not applied."),
    )

    def __init__(self, *args: Any, calls: list[CallChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.call_ids = {call.slug: call.id for call in calls}
        call_field = self.fields["call"]
        assert isinstance(call_field, forms.ChoiceField)
        call_field.choices = [
            ("", _("All calls")),
            *((call.slug, f"{call.title} ({call.year})") for call in calls),
        ]
        first, last = default_years()
        self.fields["year_from"].widget.attrs["placeholder"] = str(first)
        self.fields["year_to"].widget.attrs["placeholder"] = str(last)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = default_years()
        year_to = data.get("year_to") or max(last, data.get("year_from") or last)
        year_from = data.get("year_from") or min(first, year_to)
        if not self.has_error("year_from") and not self.has_error("year_to"):
            if year_from > year_to:
                self.add_error("year_to", _("The last year must not be before the first year."))
            elif year_to - year_from + 1 > MAX_YEARS:
                self.add_error("year_to", _("Choose at most %(count)s years.") % {"count": MAX_YEARS})
        data["year_from"], data["year_to"] = year_from, year_to
        return data


def filters_from(form: DashboardFilterForm) -> DashboardFilters:
    """The filters of a valid form; the defaults (the last ten years, every call) for an invalid one."""
    first, last = default_years()
    if not form.is_valid():
        return DashboardFilters(first, last)
    data = form.cleaned_data
    slug = data.get("call") or ""
    call_id = form.call_ids.get(slug)
    return DashboardFilters(data["year_from"], data["year_to"], call_id, slug if call_id else "")

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokeilu.core.forms_rendering import HdsFormMixin

from .models import SpendCategory


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class SpendLineForm(HdsFormMixin, forms.Form):
    """A spend line. The service decides; the form only parses (and keeps what was typed on errors)."""

    spent_on = forms.DateField(label=_("Date"), widget=DateInput())
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    amount = forms.DecimalField(
        label=_("Amount (EUR)"),
        max_digits=10,
        decimal_places=2,
        min_value=0.01,
        help_text=_("In euros with at most two decimals, e.g. 120.50."),
        localize=True,
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("No category")), *SpendCategory.choices], required=False
    )
    receipt = forms.FileField(
        label=_("Receipt"),
        required=False,
        help_text=_("Optional: a PDF, PNG or JPG file of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
    confirm_over_budget = forms.BooleanField(
        label=_("Record this even though the spending goes over the grant"),
        required=False,
        help_text=_("Needed only when this line takes the total spending over the grant."),
    )

    def __init__(self, *args: Any, editing: bool = False, has_receipt: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing and has_receipt:
            self.fields["remove_receipt"] = forms.BooleanField(
                label=_("Remove the current receipt"), required=False
            )
            self.fields["receipt"].help_text = _("Choose a file only to replace the current receipt.")
            self.order_fields([*list(self.fields)[:5], "remove_receipt", "confirm_over_budget"])


class GrantForm(HdsFormMixin, forms.Form):
    granted_amount = forms.DecimalField(
        label=_("Granted amount (EUR)"), max_digits=10, decimal_places=2, min_value=0, localize=True
    )

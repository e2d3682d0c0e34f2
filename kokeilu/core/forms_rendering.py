"""Form rendering in the Helsinki Design System, with errors tied to their fields for screen readers."""

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates


class KokeiluFormRenderer(DjangoTemplates):
    field_template_name = "core/forms/field.html"
    form_template_name = "core/forms/form.html"


class HdsBoundField(BoundField):
    """Adds HDS classes, `aria-invalid` and an `aria-describedby` that names the error and help texts."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        described_by = []
        if self.errors:
            attrs["aria-invalid"] = "true"
            described_by.append(f"{self.auto_id}_error")
        if self.help_text:
            described_by.append(f"{self.auto_id}_helptext")
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        if isinstance(widget, forms.CheckboxInput):
            # A single checkbox: HDS hides the native input and draws the box on the label.
            attrs["class"] = f"{attrs.get('class', '')} hds-checkbox__input".strip()
        elif not isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            attrs["class"] = f"{attrs.get('class', '')} hds-text-input__input".strip()
        return attrs


class HdsFormMixin:
    bound_field_class: type[BoundField] | None = HdsBoundField
    template_name_div = "core/forms/form.html"

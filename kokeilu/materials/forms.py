from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokeilu.core.forms_rendering import HdsFormMixin
from kokeilu.experiments.models import Audience, Experiment, ParticipantGroup


class MaterialForm(HdsFormMixin, forms.Form):
    """A new material (a file or a link) or the changes to one. The rules are in services.py."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text or CSV; at most 20 MB."),
    )
    url = forms.CharField(
        label=_("Or a link"),
        required=False,
        max_length=1000,
        help_text=_("A web address starting with https://"),
        widget=forms.URLInput(),
    )
    audience = forms.ChoiceField(label=_("Visible to"), choices=Audience.choices, initial=Audience.EXPERIMENT)
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=ParticipantGroup.objects.none(),
        required=False,
        help_text=_("Only when the material is for one group."),
    )

    def __init__(self, *args: Any, experiment: Experiment, kind: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group_field = self.fields["group"]
        assert isinstance(group_field, forms.ModelChoiceField)
        group_field.queryset = ParticipantGroup.objects.filter(experiment=experiment)
        if kind == "link":
            del self.fields["file"]
            self.fields["url"].label = _("Link")
        elif kind == "file":
            del self.fields["url"]
            self.fields["file"].label = _("Replace the file")

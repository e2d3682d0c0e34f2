from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokeilu.core.forms_rendering import HdsFormMixin
from kokeilu.experiments.models import Audience, Experiment, ParticipantGroup

from .models import Frequency, PostKind, PostLanguage


class PostForm(HdsFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PostKind.choices, initial=PostKind.STORY)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text; line breaks are kept."),
    )
    language = forms.ChoiceField(label=_("Language of the post"), choices=PostLanguage.choices)
    audience = forms.ChoiceField(label=_("Visible to"), choices=Audience.choices, initial=Audience.EXPERIMENT)
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=ParticipantGroup.objects.none(),
        required=False,
        help_text=_("Only when the post is for one group."),
    )

    def __init__(self, *args: Any, experiment: Experiment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group_field = self.fields["group"]
        assert isinstance(group_field, forms.ModelChoiceField)
        group_field.queryset = ParticipantGroup.objects.filter(experiment=experiment)


class CommentForm(HdsFormMixin, forms.Form):
    body = forms.CharField(label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class PreferenceForm(HdsFormMixin, forms.Form):
    announcements = forms.ChoiceField(
        label=_("Announcements"), choices=Frequency.choices, widget=forms.RadioSelect
    )
    stories = forms.ChoiceField(label=_("Stories"), choices=Frequency.choices, widget=forms.RadioSelect)

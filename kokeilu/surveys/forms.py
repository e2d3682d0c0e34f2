"""Forms of the survey builder, and the answer form's state (what was typed, and errors by question)."""

from dataclasses import dataclass, field
from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from kokeilu.core.forms_rendering import HdsFormMixin
from kokeilu.experiments.models import Experiment, ParticipantGroup

from .models import Question, QuestionKind, Survey


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class SurveyForm(HdsFormMixin, forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "title_fi",
            "title_sv",
            "title_en",
            "intro_fi",
            "intro_sv",
            "intro_en",
            "audience",
            "group",
            "allow_anonymous",
            "one_answer_per_person",
            "closes_at",
        ]
        widgets = {
            "closes_at": DateTimeInput(),
            "intro_fi": forms.Textarea(attrs={"rows": 3}),
            "intro_sv": forms.Textarea(attrs={"rows": 3}),
            "intro_en": forms.Textarea(attrs={"rows": 3}),
            "audience": forms.RadioSelect,
        }
        help_texts = {"group": _("Only when the survey is for one group.")}

    def __init__(self, *args: Any, experiment: Experiment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["group"]).queryset = ParticipantGroup.objects.filter(
            experiment=experiment
        )
        cast(forms.DateTimeField, self.fields["closes_at"]).input_formats = [
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ]

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


class QuestionForm(HdsFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=QuestionKind.choices, widget=forms.RadioSelect)
    text_fi = forms.CharField(label=_("Question (Finnish)"), max_length=500, required=False)
    text_sv = forms.CharField(label=_("Question (Swedish)"), max_length=500, required=False)
    text_en = forms.CharField(label=_("Question (English)"), max_length=500, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    position = forms.IntegerField(label=_("Position"), required=False, min_value=0)
    scale_max = forms.IntegerField(
        label=_("Highest rating (rating scale)"), min_value=2, max_value=10, initial=5, required=False
    )
    low_label_fi = forms.CharField(label=_("Label of the lowest rating (Finnish)"), required=False)
    low_label_sv = forms.CharField(label=_("Label of the lowest rating (Swedish)"), required=False)
    low_label_en = forms.CharField(label=_("Label of the lowest rating (English)"), required=False)
    high_label_fi = forms.CharField(label=_("Label of the highest rating (Finnish)"), required=False)
    high_label_sv = forms.CharField(label=_("Label of the highest rating (Swedish)"), required=False)
    high_label_en = forms.CharField(label=_("Label of the highest rating (English)"), required=False)
    options_fi = forms.CharField(
        label=_("Options in Finnish (choice questions), one per line"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    options_sv = forms.CharField(
        label=_("Options in Swedish, one per line in the same order"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    options_en = forms.CharField(
        label=_("Options in English, one per line in the same order"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    min_selections = forms.IntegerField(
        label=_("At least this many choices (multiple choice)"), min_value=1, required=False
    )
    max_selections = forms.IntegerField(
        label=_("At most this many choices (multiple choice)"), min_value=1, required=False
    )
    max_length = forms.IntegerField(
        label=_("Maximum length (free text)"), min_value=1, max_value=5000, initial=1000, required=False
    )

    @classmethod
    def initial_for(cls, question: Question) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(question, name) for name in cls.base_fields if not name.startswith("options_")
        }
        options = list(question.options.all())
        for code in ("fi", "sv", "en"):
            initial[f"options_{code}"] = "\n".join(getattr(option, f"text_{code}") for option in options)
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        counts = {
            code: len([line for line in _lines(data.get(f"options_{code}") or "") if line])
            for code in ("fi", "sv", "en")
        }
        for code in ("sv", "en"):
            if counts[code] and counts["fi"] and counts[code] != counts["fi"]:
                self.add_error(
                    f"options_{code}", _("Give the same number of options in each language, or none.")
                )
        return data

    def options(self) -> list[dict[str, str]]:
        columns = {
            code: [line for line in _lines(self.cleaned_data.get(f"options_{code}") or "") if line]
            for code in ("fi", "sv", "en")
        }
        count = max(len(lines) for lines in columns.values())
        return [
            {
                f"text_{code}": columns[code][index] if index < len(columns[code]) else ""
                for code in ("fi", "sv", "en")
            }
            for index in range(count)
        ]

    def changes(self) -> dict[str, Any]:
        data = {name: value for name, value in self.cleaned_data.items() if not name.startswith("options_")}
        for name in ("scale_max", "max_length", "position"):
            if data.get(name) is None:
                data.pop(name, None)
        return data


# --- Answering ---------------------------------------------------------------------------------------


@dataclass
class AnswerField:
    """One question on the answer form, with what the person chose or typed and its error."""

    question: Question
    values: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def name(self) -> str:
        return f"q{self.question.pk}"

    @property
    def text(self) -> str:
        return self.values[0] if self.values else ""


def answer_fields(
    questions: list[Question], data: QueryDict | None = None, errors: dict | None = None
) -> list:
    errors = errors or {}
    fields = []
    for question in questions:
        values = data.getlist(f"q{question.pk}") if data is not None else []
        fields.append(AnswerField(question=question, values=values, error=errors.get(question.pk, "")))
    return fields


def answers_from_post(questions: list[Question], data: QueryDict) -> dict[int, Any]:
    """The raw answers the service validates: a list for multiple choice, a single value otherwise."""
    raw: dict[int, Any] = {}
    for question in questions:
        values = data.getlist(f"q{question.pk}")
        raw[question.pk] = values if question.kind == QuestionKind.MULTIPLE else (values[0] if values else "")
    return raw

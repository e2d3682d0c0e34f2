"""The plan's forms. They parse input only; the rules are in services."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kokeilu.core.forms_rendering import HdsFormMixin
from kokeilu.experiments.models import ExperimentMember

from .models import GateVisibility, Milestone, Phase, PhaseTemplate, PlanStatus, TaskStatus, TemplatePhase


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _texts(form: forms.Form, base: str, label: str, *, textarea: bool = False, max_length: int = 120) -> None:
    names = {"fi": _("Finnish"), "sv": _("Swedish"), "en": _("English")}
    for code, language in names.items():
        widget = forms.Textarea(attrs={"rows": 3}) if textarea else None
        form.fields[f"{base}_{code}"] = forms.CharField(
            label=f"{label} ({language})", required=False, max_length=max_length, widget=widget
        )


class NamedForm(HdsFormMixin, forms.Form):
    """Name and description in Finnish, Swedish and English."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _texts(self, "name", str(_("Name")))
        _texts(self, "description", str(_("Description")), textarea=True, max_length=2000)


class TemplateForm(NamedForm):
    pass


class TemplatePhaseForm(NamedForm):
    pass


class PhaseForm(NamedForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "phase_%s")
        super().__init__(*args, **kwargs)
        self.fields["starts_on"] = forms.DateField(label=_("Starts on"), required=False, widget=DateInput())
        self.fields["ends_on"] = forms.DateField(label=_("Ends on"), required=False, widget=DateInput())


class GateQuestionForm(HdsFormMixin, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "question_%s")
        super().__init__(*args, **kwargs)
        _texts(self, "text", str(_("Question")), max_length=500)
        self.fields["visibility"] = forms.ChoiceField(
            label=_("Who sees the answer"),
            choices=GateVisibility.choices,
            initial=GateVisibility.PUBLIC,
            widget=forms.RadioSelect,
        )
        self.fields["is_required"] = forms.BooleanField(
            label=_("An answer is required to move on"), required=False, initial=True
        )


class GateAnswerForm(HdsFormMixin, forms.Form):
    text = forms.CharField(label=_("Answer"), max_length=8000, widget=forms.Textarea(attrs={"rows": 5}))


class ApplyTemplateForm(HdsFormMixin, forms.Form):
    template = forms.ModelChoiceField(label=_("Template"), queryset=PhaseTemplate.objects.none())

    def __init__(self, *args: Any, templates: QuerySet[PhaseTemplate], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "apply_%s")
        super().__init__(*args, **kwargs)
        cast(Any, self.fields["template"]).queryset = templates


class MilestoneForm(HdsFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    due_on = forms.DateField(label=_("Due date"), widget=DateInput())
    phase = forms.ModelChoiceField(label=_("Phase"), queryset=Phase.objects.none(), required=False)
    is_done = forms.BooleanField(label=_("Done"), required=False)

    def __init__(self, *args: Any, phases: QuerySet[Phase], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "milestone_%s")
        super().__init__(*args, **kwargs)
        cast(Any, self.fields["phase"]).queryset = phases


class TaskForm(HdsFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=ExperimentMember.objects.none(), required=False)
    due_on = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices, initial=TaskStatus.TODO)
    milestone = forms.ModelChoiceField(
        label=_("Milestone"), queryset=Milestone.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        owners: QuerySet[ExperimentMember],
        milestones: QuerySet[Milestone],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "task_%s")
        super().__init__(*args, **kwargs)
        owner_field = cast(Any, self.fields["owner"])
        owner_field.queryset = owners
        owner_field.label_from_instance = lambda member: str(member.user)
        cast(Any, self.fields["milestone"]).queryset = milestones


class StatusReportForm(HdsFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PlanStatus.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the experiment is at risk or late."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "report_%s")
        super().__init__(*args, **kwargs)


class TemplateQuestionForm(GateQuestionForm):
    """A gate question for one of a template's phases."""

    def __init__(self, *args: Any, phases: QuerySet[TemplatePhase], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phase"] = forms.ModelChoiceField(label=_("Phase"), queryset=phases)
        self.order_fields(["phase"])

"""Forms only parse input; the rules live in services.py."""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kokeilu.calls.models import ApplicantKind, Call, ProposalMode
from kokeilu.core.forms_rendering import HdsFormMixin

from .models import Proposal
from .services import MAX_ATTACHMENTS_PER_PROPOSAL, ProposalContent

_REQUIRED_TO_SUBMIT = _("Required to submit.")
FULL_MODE_FIELDS = ("solution", "team", "partner", "budget", "budget_details", "duration_months", "schedule")


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ProposalForm(HdsFormMixin, forms.Form):
    """The proposal form of one call: a short form in low-threshold mode, the full application with one
    field per call question otherwise. Only the title and applicant kind are needed to save a draft."""

    applicant_kind = forms.ChoiceField(label=_("Applying as"))
    organisation_name = forms.CharField(
        label=_("Organisation name"),
        max_length=200,
        required=False,
        help_text=_(
            "Required to submit when you apply as a company, association, school or research institution."
        ),
    )
    title = forms.CharField(label=_("Title of the proposal"), max_length=200)
    problem = forms.CharField(
        label=_("Problem description"),
        max_length=4000,
        required=False,
        widget=_textarea(6),
        help_text=_("What problem would your experiment solve, and for whom? Required to submit."),
    )
    solution = forms.CharField(
        label=_("Proposed solution"),
        max_length=8000,
        required=False,
        widget=_textarea(8),
        help_text=_REQUIRED_TO_SUBMIT,
    )
    team = forms.CharField(
        label=_("Team"),
        max_length=4000,
        required=False,
        widget=_textarea(4),
        help_text=_("Who will carry out the pilot? Required to submit."),
    )
    partner = forms.CharField(label=_("Partner organisation (optional)"), max_length=300, required=False)
    budget = forms.DecimalField(
        label=_("Budget (EUR)"),
        max_digits=10,
        decimal_places=2,
        required=False,
        help_text=_REQUIRED_TO_SUBMIT,
    )
    budget_details = forms.CharField(
        label=_("Budget details (optional)"), max_length=4000, required=False, widget=_textarea(4)
    )
    duration_months = forms.IntegerField(label=_("Duration (months)"), required=False, min_value=0)
    schedule = forms.CharField(
        label=_("Schedule"),
        max_length=4000,
        required=False,
        widget=_textarea(4),
        help_text=_REQUIRED_TO_SUBMIT,
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.call = call
        kind_field = cast(forms.ChoiceField, self.fields["applicant_kind"])
        kind_field.choices = [("", _("Choose…"))] + [
            (kind, ApplicantKind(kind).label) for kind in call.eligibility if kind in ApplicantKind.values
        ]
        self.question_fields: dict[int, str] = {}
        if call.proposal_mode != ProposalMode.FULL:
            for name in FULL_MODE_FIELDS:
                del self.fields[name]
            return
        self.fields["duration_months"].help_text = _(
            "The pilot lasts from %(min)s to %(max)s months. Required to submit."
        ) % {"min": call.duration_min_months, "max": call.duration_max_months}
        for question in call.questions.all():
            name = f"question_{question.pk}"
            help_parts = [str(question.help)] if question.help else []
            if question.required:
                help_parts.append(str(_REQUIRED_TO_SUBMIT))
            help_parts.append(str(_("At most %(max)s characters.") % {"max": question.max_length}))
            self.fields[name] = forms.CharField(
                label=str(question.text),
                required=False,
                max_length=question.max_length,
                widget=_textarea(5),
                help_text=" ".join(help_parts),
            )
            self.question_fields[question.pk] = name

    def content(self) -> ProposalContent:
        """The proposal fields this form shows, as the services take them."""
        data = self.cleaned_data
        content: ProposalContent = {
            "applicant_kind": data["applicant_kind"],
            "organisation_name": data["organisation_name"],
            "title": data["title"],
            "problem": data["problem"],
        }
        if self.call.proposal_mode == ProposalMode.FULL:
            budget: Decimal | None = data["budget"]
            content["solution"] = data["solution"]
            content["team"] = data["team"]
            content["partner"] = data["partner"]
            content["budget"] = budget
            content["budget_details"] = data["budget_details"]
            content["duration_months"] = data["duration_months"]
            content["schedule"] = data["schedule"]
        return content

    def answers(self) -> dict[int, str]:
        return {question_id: self.cleaned_data[name] for question_id, name in self.question_fields.items()}


def proposal_form_data(proposal: Proposal, answers: dict[int, str]) -> dict[str, str]:
    """The proposal's stored values as form input, to show stored values with errors next to them."""
    data = {
        "applicant_kind": proposal.applicant_kind,
        "organisation_name": proposal.organisation_name,
        "title": proposal.title,
        "problem": proposal.problem,
        "solution": proposal.solution,
        "team": proposal.team,
        "partner": proposal.partner,
        "budget": "" if proposal.budget is None else str(proposal.budget),
        "budget_details": proposal.budget_details,
        "duration_months": "" if proposal.duration_months is None else str(proposal.duration_months),
        "schedule": proposal.schedule,
    }
    data.update({f"question_{question_id}": text for question_id, text in answers.items()})
    return data


class AttachmentForm(HdsFormMixin, forms.Form):
    file = forms.FileField(label=_("File"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text or CSV, at most %(size)s MB each; "
            "at most %(count)s files per proposal."
        ) % {
            "size": f"{settings.KOKEILU_ATTACHMENT_MAX_BYTES / 1024 / 1024:g}",
            "count": MAX_ATTACHMENTS_PER_PROPOSAL,
        }


class CoApplicantInviteForm(HdsFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the co-applicant"),
        help_text=_("We send them a link. Once they accept, they can edit and submit the proposal with you."),
    )

"""Forms of the evaluation pages. They parse input only; the rules live in services.py."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kokeilu.accounts.models import User
from kokeilu.calls.models import ApplicantKind, Criterion
from kokeilu.core.forms_rendering import HdsFormMixin
from kokeilu.proposals.models import Proposal, ProposalStatus

from .models import DecisionOutcome, Recommendation, Review
from .selectors import MANAGER_LIST_PAGE_SIZE

NO_DECISION = "none"


class ReviewerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.email})" if obj.email else str(obj)


class ProposalFilterForm(HdsFormMixin, forms.Form):
    q = forms.CharField(label=_("Title contains"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            (ProposalStatus.SUBMITTED, ProposalStatus.SUBMITTED.label),
            (ProposalStatus.WITHDRAWN, ProposalStatus.WITHDRAWN.label),
        ],
    )
    applicant_kind = forms.ChoiceField(
        label=_("Applying as"), required=False, choices=[("", _("All")), *ApplicantKind.choices]
    )
    outcome = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[("", _("All")), (NO_DECISION, _("No decision yet")), *DecisionOutcome.choices],
    )
    fewer_reviews_than = forms.IntegerField(
        label=_("Fewer reviews than"), required=False, min_value=1, max_value=MANAGER_LIST_PAGE_SIZE
    )


class BulkAssignForm(HdsFormMixin, forms.Form):
    """The reviewers of a bulk assignment; the proposals are the checkboxes in the table rows."""

    reviewers = ReviewerChoiceField(
        label=_("Reviewers"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each chosen reviewer is assigned to each chosen proposal."),
    )

    def __init__(self, *args: Any, candidates: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = candidates  # type: ignore[attr-defined]


class ProposalSelectionForm(forms.Form):
    """Parses the proposal checkboxes of the manager's list."""

    proposals = forms.ModelMultipleChoiceField(
        queryset=Proposal.objects.none(),
        error_messages={"required": _("Choose at least one proposal.")},
    )

    def __init__(self, *args: Any, proposals: QuerySet[Proposal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = proposals  # type: ignore[attr-defined]


class SingleAssignForm(HdsFormMixin, forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=User.objects.none())

    def __init__(self, *args: Any, candidates: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = candidates  # type: ignore[attr-defined]


class ReviewForm(HdsFormMixin, forms.Form):
    """A 0–5 radio group and a comment per criterion, then the recommendation and an overall comment."""

    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        required=False,
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(
        self, *args: Any, criteria: Iterable[Criterion], review: Review | None = None, **kwargs: Any
    ) -> None:
        self.criteria = list(criteria)
        if review is not None:
            initial: dict[str, Any] = {"recommendation": review.recommendation, "comment": review.comment}
            for score in review.scores.all():
                initial[f"score_{score.criterion_id}"] = score.score
                initial[f"comment_{score.criterion_id}"] = score.comment
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(criterion)s (weight %(weight)d)")
                % {"criterion": criterion.name, "weight": criterion.weight},
                choices=[(value, str(value)) for value in range(6)],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                help_text=str(criterion.description) or _("0 = very weak, 5 = excellent."),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.name},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        # The per-criterion fields first; fields left out of the order keep theirs after them.
        self.order_fields([name for name in self.fields if name not in ("recommendation", "comment")])

    def scores(self) -> dict[int, tuple[int | None, str]]:
        return {
            criterion.pk: (
                self.cleaned_data.get(f"score_{criterion.pk}"),
                self.cleaned_data.get(f"comment_{criterion.pk}") or "",
            )
            for criterion in self.criteria
        }


class ConflictForm(HdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for the conflict of interest"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the programme managers see the reason."),
    )


class DecisionForm(HdsFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The applicant sees the reason in the decision e-mail."),
    )

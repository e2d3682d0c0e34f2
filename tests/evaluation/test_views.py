"""The review and selection pages: what they show, what their forms do, and how many queries they cost."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from kokeilu.evaluation.models import ConflictOfInterest, Decision, DecisionOutcome, Review, ReviewAssignment
from kokeilu.proposals.models import Attachment, ProposalAnswer, ProposalStatus
from tests.factories import (
    CallQuestionFactory,
    DecisionFactory,
    ReviewAssignmentFactory,
    SubmittedProposalFactory,
)

from .conftest import end_review_period, move_to_review_phase, save_review

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def squash(html: str) -> str:
    return re.sub(r"\s+", " ", html)


# --- My reviews --------------------------------------------------------------------------------------


def test_my_assignments_lists_only_my_own(client_for, reviewer, assignment, second_assignment, call):
    other = ReviewAssignmentFactory(proposal=SubmittedProposalFactory(call=call, title="Muiden ehdotus"))
    save_review(assignment, 3, submit=False)
    response = client_for(reviewer).get(reverse("evaluation:my_assignments"))
    assert response.status_code == 200
    page = text(response)
    assert reverse("evaluation:review", kwargs={"pk": assignment.pk}) in page
    assert "Draft saved" in page
    assert reverse("evaluation:review", kwargs={"pk": second_assignment.pk}) not in page
    assert other.proposal.title not in page


def test_my_assignments_query_count_does_not_grow(client_for, reviewer, call, django_assert_max_num_queries):
    for _ in range(3):
        ReviewAssignmentFactory(proposal=SubmittedProposalFactory(call=call), reviewer=reviewer)
    client = client_for(reviewer)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("evaluation:my_assignments")).status_code == 200
    for _ in range(20):
        ReviewAssignmentFactory(proposal=SubmittedProposalFactory(call=call), reviewer=reviewer)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("evaluation:my_assignments"))
    assert text(response).count('href="/en/review/assignments/') == 3 * 23  # title, review and conflict links


# --- The review form ---------------------------------------------------------------------------------


@pytest.fixture
def answered(call, proposal):
    question = CallQuestionFactory(call=call, text_en="Who benefits?", position=1)
    ProposalAnswer.objects.create(proposal=proposal, question=question, text="Palvelutorin asiakkaat.")
    return Attachment.objects.create(
        proposal=proposal,
        file=f"proposals/{proposal.pk}/0123456789abcdef",
        original_name="budjetti.pdf",
        content_type="application/pdf",
        size=2048,
        uploaded_by=proposal.created_by,
    )


def test_review_form_shows_the_proposal_and_a_radio_group_per_criterion(
    client_for, reviewer, assignment, criteria, answered
):
    response = client_for(reviewer).get(reverse("evaluation:review", kwargs={"pk": assignment.pk}))
    assert response.status_code == 200
    page = text(response)
    proposal = assignment.proposal
    assert proposal.title in page
    assert proposal.problem in page
    assert "Who benefits?" in page
    assert "Palvelutorin asiakkaat." in page
    download = reverse(
        "proposals:attachment_download", kwargs={"pk": proposal.pk, "attachment_pk": answered.pk}
    )
    assert f'href="{download}"' in page
    for criterion in criteria:
        for value in range(6):
            assert f'name="score_{criterion.pk}" value="{value}"' in page
        assert f'name="comment_{criterion.pk}"' in page
    assert "Impact (weight 2)" in page
    assert 'name="recommendation"' in page
    assert 'value="draft"' in page and "Save draft" in page
    assert 'value="submit"' in page and "Submit review" in page


def test_saving_a_draft(client_for, reviewer, assignment, criteria):
    impact, _feasibility = criteria
    url = reverse("evaluation:review", kwargs={"pk": assignment.pk})
    response = client_for(reviewer).post(
        url, {f"score_{impact.pk}": "4", f"comment_{impact.pk}": "Selkeä", "comment": "", "action": "draft"}
    )
    assert response.status_code == 302
    assert response["Location"] == url
    review = Review.objects.get()
    assert (review.status, review.weighted_score) == ("draft", None)
    assert list(review.scores.values_list("criterion_id", "score", "comment")) == [(impact.pk, 4, "Selkeä")]
    page = text(client_for(reviewer).get(url))
    assert f'name="score_{impact.pk}" value="4" id="id_score_{impact.pk}_4" checked' in squash(page)


def test_an_incomplete_submission_re_renders_with_what_was_typed(client_for, reviewer, assignment, criteria):
    impact, _feasibility = criteria
    response = client_for(reviewer).post(
        reverse("evaluation:review", kwargs={"pk": assignment.pk}),
        {
            f"score_{impact.pk}": "5",
            f"comment_{impact.pk}": "Erinomainen vaikuttavuus",
            "recommendation": "recommend",
            "comment": "Kokonaisuutena hyvä",
            "action": "submit",
        },
    )
    assert response.status_code == 200
    page = squash(text(response))
    assert "Score every criterion before submitting. Not scored: Feasibility." in page
    assert f'value="5" id="id_score_{impact.pk}_5" checked' in page
    assert "Erinomainen vaikuttavuus" in page
    assert "Kokonaisuutena hyvä" in page
    assert Review.objects.count() == 0


def test_others_reviews_appear_only_after_submitting(
    client_for, reviewer, assignment, second_assignment, criteria
):
    save_review(second_assignment, 1, 2)
    url = reverse("evaluation:review", kwargs={"pk": assignment.pk})
    client = client_for(reviewer)
    before = text(client.get(url))
    assert "Toinen-Arvioija" not in before
    assert "Other reviewers" not in before

    impact, feasibility = criteria
    response = client.post(
        url,
        {
            f"score_{impact.pk}": "5",
            f"score_{feasibility.pk}": "4",
            "recommendation": "recommend",
            "comment": "Valmis",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    assert Review.objects.get(reviewer=reviewer).weighted_score == Decimal("4.667")
    after = text(client.get(url))
    assert "Other reviewers" in after
    assert "Review by Testi Toinen-Arvioija" in after
    assert "Your review has been submitted and is final." in after
    assert 'id="review-form"' not in after


def test_after_the_review_period_the_form_is_gone_and_posts_are_refused(
    client_for, reviewer, assignment, criteria, call
):
    end_review_period(call)
    url = reverse("evaluation:review", kwargs={"pk": assignment.pk})
    page = text(client_for(reviewer).get(url))
    assert "The review period has ended." in page
    assert 'id="review-form"' not in page
    impact, feasibility = criteria
    response = client_for(reviewer).post(
        url,
        {
            f"score_{impact.pk}": "5",
            f"score_{feasibility.pk}": "4",
            "recommendation": "recommend",
            "action": "submit",
        },
    )
    assert response.status_code == 200
    assert "The review period of this call has ended (" in text(response)
    assert Review.objects.count() == 0


# --- Conflict of interest ----------------------------------------------------------------------------


def test_declaring_a_conflict(client_for, reviewer, assignment):
    url = reverse("evaluation:conflict", kwargs={"pk": assignment.pk})
    client = client_for(reviewer)
    assert "Reason for the conflict of interest" in text(client.get(url))
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200
    assert "This field is required." in text(empty)
    assert ReviewAssignment.objects.count() == 1
    response = client.post(url, {"reason": "Hakija on puolisoni yritys."})
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:my_assignments")
    assert ReviewAssignment.objects.count() == 0
    assert ConflictOfInterest.objects.get().reason == "Hakija on puolisoni yritys."


# --- The manager's list and bulk assignment ----------------------------------------------------------


def test_call_proposals_lists_filters_and_counts(
    client_for, programme_manager, call, proposal, assignment, second_assignment
):
    save_review(assignment, 3, 3)
    SubmittedProposalFactory(call=call, title="Peruttu ehdotus", status=ProposalStatus.WITHDRAWN)
    url = reverse("evaluation:call_proposals", kwargs={"slug": call.slug})
    client = client_for(programme_manager)
    page = squash(text(client.get(url)))
    assert proposal.title in page and "Peruttu ehdotus" in page
    assert "1 / 2" in page
    assert reverse("evaluation:proposal_reviews", kwargs={"pk": proposal.pk}) in page
    assert f'name="proposals" value="{proposal.pk}"' in page

    filtered = text(client.get(url, {"status": "withdrawn"}))
    assert "Peruttu ehdotus" in filtered and proposal.title not in filtered
    by_text = text(client.get(url, {"q": "asiointi"}))
    assert proposal.title in by_text and "Peruttu ehdotus" not in by_text
    fewer = text(client.get(url, {"fewer_reviews_than": "1"}))
    assert proposal.title not in fewer and "Peruttu ehdotus" in fewer


def test_call_proposals_paginates_fifty_per_page(client_for, programme_manager, call):
    SubmittedProposalFactory.create_batch(51, call=call)
    url = reverse("evaluation:call_proposals", kwargs={"slug": call.slug})
    first = text(client_for(programme_manager).get(url))
    second = text(client_for(programme_manager).get(url, {"page": 2}))
    assert first.count('name="proposals"') == 50
    assert second.count('name="proposals"') == 1
    assert "Page 1 of 2" in first


def test_bulk_assignment_from_the_list(
    client_for, programme_manager, call, proposal, reviewer, second_reviewer
):
    other = SubmittedProposalFactory(call=call, title="Toinen")
    ReviewAssignmentFactory(proposal=proposal, reviewer=reviewer)
    url = reverse("evaluation:call_proposals", kwargs={"slug": call.slug})
    response = client_for(programme_manager).post(
        url + "?status=submitted",
        {"proposals": [proposal.pk, other.pk], "reviewers": [reviewer.pk, second_reviewer.pk]},
        follow=True,
    )
    assert response.redirect_chain == [(url + "?status=submitted", 302)]
    page = text(response)
    assert "3 review assignments were created." in page
    assert "1 pair was skipped (already assigned: 1)." in page
    assert ReviewAssignment.objects.count() == 4


def test_bulk_assignment_without_proposals_re_renders(
    client_for, programme_manager, call, proposal, reviewer
):
    response = client_for(programme_manager).post(
        reverse("evaluation:call_proposals", kwargs={"slug": call.slug}), {"reviewers": [reviewer.pk]}
    )
    assert response.status_code == 200
    page = squash(text(response))
    assert "Choose at least one proposal." in page
    assert f'value="{reviewer.pk}" id="id_reviewers_0" checked' in page
    assert ReviewAssignment.objects.count() == 0


# --- Ranking and its export --------------------------------------------------------------------------


def _ranked(call, assignment, second_assignment):
    save_review(assignment, 5, 4)  # 4.667
    save_review(second_assignment, 2, 3)  # 2.333
    low = SubmittedProposalFactory(call=call, title="=Matala")
    save_review(ReviewAssignmentFactory(proposal=low, reviewer=assignment.reviewer), 1, 1)
    return low


def test_ranking_page(client_for, programme_manager, call, proposal, assignment, second_assignment):
    low = _ranked(call, assignment, second_assignment)
    response = client_for(programme_manager).get(reverse("evaluation:ranking", kwargs={"slug": call.slug}))
    assert response.status_code == 200
    page = squash(text(response))
    assert page.index(proposal.title) < page.index("=Matala")
    # The mean 3.500 as a bar of 70 % and as text; spread from 2.333 to 4.667 as a bar and as text.
    assert 'style="width: 70%"' in page
    assert "3.500" in page
    assert 'style="left: 47%; width: 47%"' in page
    assert "2.333 – 4.667 (spread 2.334)" in page
    assert "Mean: Impact" in page and "Mean: Feasibility" in page
    assert "3.50" in page
    assert reverse("evaluation:ranking_csv", kwargs={"slug": call.slug}) in page
    assert reverse("evaluation:proposal_reviews", kwargs={"pk": low.pk}) in page


def test_ranking_csv(client_for, programme_manager, call, proposal, assignment, second_assignment):
    low = _ranked(call, assignment, second_assignment)
    DecisionFactory(proposal=low, outcome=DecisionOutcome.REJECTED, decided_by=programme_manager)
    response = client_for(programme_manager).get(
        reverse("evaluation:ranking_csv", kwargs={"slug": call.slug})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="ranking-{call.slug}.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Rank",
        "Proposal ID",
        "Title",
        "Applicant",
        "Applying as",
        "Submitted reviews",
        "Assigned reviewers",
        "Mean weighted score",
        "Lowest score",
        "Highest score",
        "Spread",
        "Standard deviation",
        "Mean: Impact",
        "Mean: Feasibility",
        "Decision",
    ]
    assert rows[1] == [
        "1",
        str(proposal.pk),
        proposal.title,
        proposal.organisation_name,
        "Company",
        "2",
        "2",
        "3.500",
        "2.333",
        "4.667",
        "2.334",
        "1.167",
        "3.50",
        "3.50",
        "",
    ]
    # A title that a spreadsheet would run as a formula is exported as text.
    assert rows[2][:3] == ["2", str(low.pk), "'=Matala"]
    assert rows[2][-1] == "Not selected"
    assert len(rows) == 3


@pytest.mark.parametrize("size", [3, 30])
def test_ranking_and_list_query_counts_do_not_depend_on_the_number_of_proposals(
    client_for, programme_manager, call, reviewer, second_reviewer, size, django_assert_max_num_queries
):
    for _ in range(size):
        proposal = SubmittedProposalFactory(call=call)
        save_review(ReviewAssignmentFactory(proposal=proposal, reviewer=reviewer), 3, 4)
        save_review(ReviewAssignmentFactory(proposal=proposal, reviewer=second_reviewer), 2, submit=False)
        DecisionFactory(proposal=proposal, decided_by=programme_manager)
    client = client_for(programme_manager)
    with django_assert_max_num_queries(10):
        ranking = client.get(reverse("evaluation:ranking", kwargs={"slug": call.slug}))
    assert text(ranking).count('class="score-value"') == size
    with django_assert_max_num_queries(10):
        export = client.get(reverse("evaluation:ranking_csv", kwargs={"slug": call.slug}))
    assert len(export.content.decode("utf-8-sig").strip().splitlines()) == size + 1
    with django_assert_max_num_queries(11):
        listing = client.get(reverse("evaluation:call_proposals", kwargs={"slug": call.slug}))
    assert text(listing).count('name="proposals"') == size


# --- One proposal: reviews, conflicts, decision ------------------------------------------------------


def test_proposal_reviews_shows_reviews_conflicts_and_the_decision_form(
    client_for, programme_manager, call, proposal, assignment, second_assignment, third_reviewer
):
    save_review(assignment, 5, 4)
    save_review(second_assignment, 1, submit=False)
    third = ReviewAssignmentFactory(proposal=proposal, reviewer=third_reviewer)
    from kokeilu.evaluation import services

    services.conflict_of_interest_declare(assignment=third, reviewer=third_reviewer, reason="Entinen kollega")
    move_to_review_phase(call)
    page = text(
        client_for(programme_manager).get(reverse("evaluation:proposal_reviews", kwargs={"pk": proposal.pk}))
    )
    assert "Review by Testi Arvioija" in page
    assert "Weighted score 4.667 / 5" in page
    assert "Review by Testi Toinen-Arvioija" not in page  # a draft is the reviewer's own
    assert "Entinen kollega" in page and "Testi Kolmas-Arvioija" in page
    assert 'id="decision-form"' in page
    assert 'name="outcome"' in page


def test_recording_a_decision_from_the_page(
    client_for, programme_manager, call, proposal, applicant, django_capture_on_commit_callbacks
):
    move_to_review_phase(call)
    url = reverse("evaluation:decide", kwargs={"pk": proposal.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(programme_manager).post(
            url, {"outcome": "selected", "reason": "Paras ehdotus."}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:proposal_reviews", kwargs={"pk": proposal.pk})
    decision = Decision.objects.get()
    assert (decision.outcome, decision.reason, decision.decided_by) == (
        "selected",
        "Paras ehdotus.",
        programme_manager,
    )
    assert decision.notified_at is not None
    assert [message.to for message in mail.outbox] == [[applicant.email]]
    public = text(client_for(None).get(reverse("calls:detail", kwargs={"slug": call.slug})))
    assert proposal.title in public


def test_a_refused_decision_re_renders_with_the_message(client_for, programme_manager, call, proposal):
    response = client_for(programme_manager).post(
        reverse("evaluation:decide", kwargs={"pk": proposal.pk}),
        {"outcome": "selected", "reason": "Liian aikaisin"},
    )
    assert response.status_code == 200
    page = text(response)
    assert "Decisions can be recorded only after the deadline for proposals." in page
    assert "Liian aikaisin" in page
    assert Decision.objects.count() == 0


def test_assigning_and_removing_one_reviewer(
    client_for, programme_manager, proposal, reviewer, second_reviewer
):
    client = client_for(programme_manager)
    overview = reverse("evaluation:proposal_reviews", kwargs={"pk": proposal.pk})
    response = client.post(
        reverse("evaluation:assign", kwargs={"pk": proposal.pk}), {"reviewer": reviewer.pk}
    )
    assert (response.status_code, response["Location"]) == (302, overview)
    assignment = ReviewAssignment.objects.get()
    assert (assignment.reviewer, assignment.assigned_by) == (reviewer, programme_manager)

    again = client.post(reverse("evaluation:assign", kwargs={"pk": proposal.pk}), {"reviewer": reviewer.pk})
    assert again.status_code == 200
    assert f"{reviewer} is already assigned to this proposal." in text(again)
    assert ReviewAssignment.objects.count() == 1

    removed = client.post(reverse("evaluation:assignment_delete", kwargs={"pk": assignment.pk}))
    assert (removed.status_code, removed["Location"]) == (302, overview)
    assert ReviewAssignment.objects.count() == 0


def test_an_assignment_with_a_submitted_review_stays(client_for, programme_manager, assignment):
    save_review(assignment, 2, 2)
    response = client_for(programme_manager).post(
        reverse("evaluation:assignment_delete", kwargs={"pk": assignment.pk}), follow=True
    )
    assert "has already submitted a review; the assignment can no longer be removed." in text(response)
    assert ReviewAssignment.objects.count() == 1


@pytest.mark.parametrize("reviewers", [2, 8])
def test_review_pages_query_counts_do_not_depend_on_the_number_of_reviews(
    client_for, city, programme_manager, proposal, reviewers, django_assert_max_num_queries
):
    from kokeilu.accounts.models import Role
    from tests.factories import MembershipFactory, UserFactory

    assignments = []
    for number in range(reviewers):
        user = UserFactory(username=f"panel_{number}")
        MembershipFactory(user=user, organisation=city, role=Role.REVIEWER)
        assignment = ReviewAssignmentFactory(proposal=proposal, reviewer=user)
        save_review(assignment, number % 6, (number + 1) % 6)
        assignments.append(assignment)
    manager, own_reviewer = client_for(programme_manager), client_for(assignments[0].reviewer)
    with django_assert_max_num_queries(12):
        overview = manager.get(reverse("evaluation:proposal_reviews", kwargs={"pk": proposal.pk}))
    assert text(overview).count("Review by ") == reviewers
    with django_assert_max_num_queries(12):
        own = own_reviewer.get(reverse("evaluation:review", kwargs={"pk": assignments[0].pk}))
    assert text(own).count("Review by ") == reviewers - 1

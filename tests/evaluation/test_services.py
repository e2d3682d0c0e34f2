"""The rules of review and selection, exercised through the services and selectors."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from kokeilu.accounts.models import Role
from kokeilu.calls.models import ApplicantKind
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.evaluation import services
from kokeilu.evaluation.models import (
    ConflictOfInterest,
    CriterionScore,
    Decision,
    DecisionOutcome,
    Recommendation,
    Review,
    ReviewAssignment,
    ReviewStatus,
)
from kokeilu.evaluation.selectors import (
    criterion_means_for_call,
    proposal_list_for_call_managers,
    proposal_list_selected_for_call,
    proposal_ranking_for_call,
    review_list_visible_for_proposal,
)
from kokeilu.evaluation.tasks import decision_notify
from kokeilu.proposals.models import CoApplicant, CoApplicantStatus, ProposalStatus
from tests.factories import (
    CriterionFactory,
    DecisionFactory,
    MembershipFactory,
    ProposalFactory,
    ReviewAssignmentFactory,
    SubmittedProposalFactory,
)

from .conftest import end_review_period, move_to_review_phase, save_review

pytestmark = pytest.mark.django_db


def accept_co_applicant(proposal, user):
    return CoApplicant.objects.create(
        proposal=proposal,
        email=user.email,
        invited_by=proposal.created_by,
        user=user,
        status=CoApplicantStatus.ACCEPTED,
        responded_at=timezone.now(),
    )


def make_city_reviewer(user, city):
    MembershipFactory(user=user, organisation=city, role=Role.REVIEWER)
    return user


# --- Assignment --------------------------------------------------------------------------------------


class TestAssignmentCreate:
    def test_manager_assigns_a_reviewer_of_the_city(self, proposal, reviewer, programme_manager):
        assignment = services.review_assignment_create(
            proposal=proposal, reviewer=reviewer, assigned_by=programme_manager
        )
        assert list(ReviewAssignment.objects.values_list("proposal_id", "reviewer_id", "assigned_by_id")) == [
            (proposal.pk, reviewer.pk, programme_manager.pk)
        ]
        assert assignment.reviewer == reviewer

    def test_site_admin_may_assign(self, proposal, reviewer, site_admin):
        services.review_assignment_create(proposal=proposal, reviewer=reviewer, assigned_by=site_admin)
        assert ReviewAssignment.objects.filter(proposal=proposal, reviewer=reviewer).count() == 1

    @pytest.mark.parametrize("persona", ["other_city_manager", "reviewer", "applicant"])
    def test_only_the_citys_managers_may_assign(self, request, proposal, second_reviewer, persona):
        with pytest.raises(PermissionDeniedError):
            services.review_assignment_create(
                proposal=proposal, reviewer=second_reviewer, assigned_by=request.getfixturevalue(persona)
            )
        assert ReviewAssignment.objects.count() == 0

    @pytest.mark.parametrize("status", [ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN])
    def test_only_submitted_proposals(self, call, reviewer, programme_manager, status):
        proposal = ProposalFactory(call=call, status=status)
        with pytest.raises(ApplicationError) as error:
            services.review_assignment_create(
                proposal=proposal, reviewer=reviewer, assigned_by=programme_manager
            )
        assert error.value.field == "proposal"
        assert str(error.value.message) == "Only submitted proposals can be reviewed."
        assert ReviewAssignment.objects.count() == 0

    def test_reviewer_must_be_a_reviewer_of_the_calls_city(
        self, proposal, other_applicant, other_city_reviewer, programme_manager
    ):
        for outsider in (other_applicant, other_city_reviewer):
            with pytest.raises(ApplicationError) as error:
                services.review_assignment_create(
                    proposal=proposal, reviewer=outsider, assigned_by=programme_manager
                )
            assert error.value.field == "reviewer"
            assert str(error.value.message) == f"{outsider} is not a reviewer of this city."
        assert ReviewAssignment.objects.count() == 0

    def test_the_creator_can_never_review_their_proposal(self, city, proposal, applicant, programme_manager):
        make_city_reviewer(applicant, city)
        with pytest.raises(ApplicationError) as error:
            services.review_assignment_create(
                proposal=proposal, reviewer=applicant, assigned_by=programme_manager
            )
        assert (
            str(error.value.message) == f"{applicant} is an applicant of this proposal and cannot review it."
        )
        assert ReviewAssignment.objects.count() == 0

    def test_an_accepted_co_applicant_can_never_review_it(self, proposal, reviewer, programme_manager):
        accept_co_applicant(proposal, reviewer)
        with pytest.raises(ApplicationError):
            services.review_assignment_create(
                proposal=proposal, reviewer=reviewer, assigned_by=programme_manager
            )
        assert ReviewAssignment.objects.count() == 0

    def test_a_declined_co_applicant_may_review(self, proposal, reviewer, programme_manager):
        co_applicant = accept_co_applicant(proposal, reviewer)
        co_applicant.status = CoApplicantStatus.DECLINED
        co_applicant.save()
        services.review_assignment_create(proposal=proposal, reviewer=reviewer, assigned_by=programme_manager)
        assert ReviewAssignment.objects.filter(reviewer=reviewer).count() == 1

    def test_a_declared_conflict_blocks_reassignment(self, assignment, reviewer, programme_manager):
        services.conflict_of_interest_declare(
            assignment=assignment, reviewer=reviewer, reason="Entinen työnantaja"
        )
        with pytest.raises(ApplicationError) as error:
            services.review_assignment_create(
                proposal=assignment.proposal, reviewer=reviewer, assigned_by=programme_manager
            )
        assert (
            str(error.value.message) == f"{reviewer} has declared a conflict of interest with this proposal."
        )
        assert ReviewAssignment.objects.count() == 0

    def test_a_reviewer_is_assigned_once(self, assignment, reviewer, programme_manager):
        with pytest.raises(ApplicationError) as error:
            services.review_assignment_create(
                proposal=assignment.proposal, reviewer=reviewer, assigned_by=programme_manager
            )
        assert str(error.value.message) == f"{reviewer} is already assigned to this proposal."
        assert ReviewAssignment.objects.count() == 1

    def test_refused_after_the_review_period(self, call, proposal, reviewer, programme_manager):
        end_review_period(call)
        with pytest.raises(ApplicationError) as error:
            services.review_assignment_create(
                proposal=proposal, reviewer=reviewer, assigned_by=programme_manager
            )
        assert error.value.code == "review_period_ended"
        assert ReviewAssignment.objects.count() == 0


class TestBulkAssignment:
    def test_every_reviewer_to_every_proposal_skipping_with_reasons(
        self, call, city, proposal, reviewer, second_reviewer, third_reviewer, applicant, programme_manager
    ):
        second = SubmittedProposalFactory(call=call, title="Toinen")
        ReviewAssignmentFactory(proposal=proposal, reviewer=reviewer)  # already assigned
        ConflictOfInterest.objects.create(proposal=second, reviewer=second_reviewer, reason="Sukulainen")
        make_city_reviewer(applicant, city)  # applicant of `proposal` only

        result = services.review_assignments_bulk_create(
            proposals=[proposal, second],
            reviewers=[reviewer, second_reviewer, applicant],
            assigned_by=programme_manager,
        )

        assert result.created_count == 3
        assert result.skipped_count == 3
        assert result.skipped_by_reason == {"already_assigned": 1, "applicant": 1, "conflict_of_interest": 1}
        assert {(skip.proposal_id, skip.reviewer_id, skip.reason) for skip in result.skipped} == {
            (proposal.pk, reviewer.pk, "already_assigned"),
            (proposal.pk, applicant.pk, "applicant"),
            (second.pk, second_reviewer.pk, "conflict_of_interest"),
        }
        assert set(ReviewAssignment.objects.values_list("proposal_id", "reviewer_id")) == {
            (proposal.pk, reviewer.pk),
            (proposal.pk, second_reviewer.pk),
            (second.pk, reviewer.pk),
            (second.pk, applicant.pk),
        }
        assert ReviewAssignment.objects.filter(assigned_by=programme_manager).count() == 3

    def test_accepted_co_applicants_are_skipped(self, proposal, reviewer, programme_manager):
        accept_co_applicant(proposal, reviewer)
        result = services.review_assignments_bulk_create(
            proposals=[proposal], reviewers=[reviewer], assigned_by=programme_manager
        )
        assert (result.created_count, result.skipped_by_reason) == (0, {"applicant": 1})
        assert ReviewAssignment.objects.count() == 0

    def test_a_reviewer_from_outside_the_city_refuses_the_whole_request(
        self, proposal, reviewer, other_city_reviewer, programme_manager
    ):
        with pytest.raises(ApplicationError) as error:
            services.review_assignments_bulk_create(
                proposals=[proposal], reviewers=[reviewer, other_city_reviewer], assigned_by=programme_manager
            )
        assert error.value.field == "reviewers"
        assert ReviewAssignment.objects.count() == 0

    def test_a_draft_proposal_refuses_the_whole_request(self, call, proposal, reviewer, programme_manager):
        draft = ProposalFactory(call=call, title="Luonnos")
        with pytest.raises(ApplicationError) as error:
            services.review_assignments_bulk_create(
                proposals=[proposal, draft], reviewers=[reviewer], assigned_by=programme_manager
            )
        assert str(error.value.message) == "“Luonnos” is not submitted and cannot be reviewed."
        assert ReviewAssignment.objects.count() == 0

    def test_another_citys_manager_is_refused(self, proposal, reviewer, other_city_manager):
        with pytest.raises(PermissionDeniedError):
            services.review_assignments_bulk_create(
                proposals=[proposal], reviewers=[reviewer], assigned_by=other_city_manager
            )
        assert ReviewAssignment.objects.count() == 0

    def test_empty_choices_are_refused(self, proposal, reviewer, programme_manager):
        with pytest.raises(ApplicationError) as error:
            services.review_assignments_bulk_create(
                proposals=[], reviewers=[reviewer], assigned_by=programme_manager
            )
        assert error.value.field == "proposals"
        with pytest.raises(ApplicationError) as error:
            services.review_assignments_bulk_create(
                proposals=[proposal], reviewers=[], assigned_by=programme_manager
            )
        assert error.value.field == "reviewers"


class TestAssignmentDelete:
    def test_manager_removes_an_assignment_and_its_draft(self, assignment, programme_manager):
        save_review(assignment, 3, submit=False)
        services.review_assignment_delete(assignment=assignment, deleted_by=programme_manager)
        assert ReviewAssignment.objects.count() == 0
        assert Review.objects.count() == 0
        assert CriterionScore.objects.count() == 0

    def test_refused_once_a_review_is_submitted(self, assignment, programme_manager):
        save_review(assignment, 3, 4)
        with pytest.raises(ApplicationError) as error:
            services.review_assignment_delete(assignment=assignment, deleted_by=programme_manager)
        assert error.value.code == "review_submitted"
        assert ReviewAssignment.objects.count() == 1
        assert Review.objects.get().status == ReviewStatus.SUBMITTED

    @pytest.mark.parametrize("persona", ["reviewer", "other_city_manager"])
    def test_only_managers_remove(self, request, assignment, persona):
        with pytest.raises(PermissionDeniedError):
            services.review_assignment_delete(
                assignment=assignment, deleted_by=request.getfixturevalue(persona)
            )
        assert ReviewAssignment.objects.count() == 1


# --- Conflicts of interest ---------------------------------------------------------------------------


class TestConflictOfInterest:
    def test_declaring_deletes_the_assignment_and_the_draft_and_keeps_the_reason(self, assignment, reviewer):
        save_review(assignment, 4, submit=False)
        conflict = services.conflict_of_interest_declare(
            assignment=assignment, reviewer=reviewer, reason="  Olen hakijan hallituksessa.  "
        )
        assert list(ConflictOfInterest.objects.values_list("proposal_id", "reviewer_id", "reason")) == [
            (assignment.proposal_id, reviewer.pk, "Olen hakijan hallituksessa.")
        ]
        assert conflict.reason == "Olen hakijan hallituksessa."
        assert ReviewAssignment.objects.count() == 0
        assert Review.objects.count() == 0
        assert CriterionScore.objects.count() == 0

    def test_a_submitted_review_leaves_every_aggregate(
        self, call, assignment, second_assignment, reviewer, programme_manager
    ):
        save_review(assignment, 5, 4)  # 4.667
        save_review(second_assignment, 2, 3)  # 2.333
        before = proposal_ranking_for_call(call=call).get()
        assert (before.review_count, before.score_mean) == (2, Decimal("3.500"))

        services.conflict_of_interest_declare(assignment=assignment, reviewer=reviewer, reason="Jäävi")

        after = proposal_ranking_for_call(call=call).get()
        assert (after.review_count, after.assignment_count) == (1, 1)
        assert (after.score_mean, after.score_min, after.score_max) == (
            Decimal("2.333"),
            Decimal("2.333"),
            Decimal("2.333"),
        )
        first, second = call.criteria.order_by("position")
        assert criterion_means_for_call(call=call) == {
            assignment.proposal_id: {first.pk: Decimal("2.00"), second.pk: Decimal("3.00")}
        }
        row = proposal_list_for_call_managers(call=call).get()
        assert (row.review_count, row.assignment_count) == (1, 1)
        visible = review_list_visible_for_proposal(user=programme_manager, proposal=assignment.proposal)
        assert [review.reviewer_id for review in visible] == [second_assignment.reviewer_id]

    def test_a_reason_is_required(self, assignment, reviewer):
        with pytest.raises(ApplicationError) as error:
            services.conflict_of_interest_declare(assignment=assignment, reviewer=reviewer, reason="   ")
        assert error.value.field == "reason"
        assert ConflictOfInterest.objects.count() == 0
        assert ReviewAssignment.objects.count() == 1

    @pytest.mark.parametrize("persona", ["second_reviewer", "programme_manager"])
    def test_only_the_assigned_reviewer_declares(self, request, assignment, persona):
        with pytest.raises(PermissionDeniedError):
            services.conflict_of_interest_declare(
                assignment=assignment, reviewer=request.getfixturevalue(persona), reason="Jäävi"
            )
        assert ConflictOfInterest.objects.count() == 0
        assert ReviewAssignment.objects.count() == 1

    def test_a_conflict_is_skipped_by_bulk_assignment(self, assignment, reviewer, programme_manager):
        services.conflict_of_interest_declare(assignment=assignment, reviewer=reviewer, reason="Jäävi")
        result = services.review_assignments_bulk_create(
            proposals=[assignment.proposal], reviewers=[reviewer], assigned_by=programme_manager
        )
        assert (result.created_count, result.skipped_by_reason) == (0, {"conflict_of_interest": 1})
        assert ReviewAssignment.objects.count() == 0


# --- Reviews -----------------------------------------------------------------------------------------


class TestReviewSave:
    def test_weighted_score_by_hand(self, assignment, criteria):
        # Impact 5 × weight 2 + Feasibility 4 × weight 1 = 14; 14 / 3 = 4.6666… → 4.667
        review = save_review(assignment, 5, 4)
        assert review.status == ReviewStatus.SUBMITTED
        assert review.weighted_score == Decimal("4.667")
        assert review.submitted_at is not None
        review.refresh_from_db()
        assert review.weighted_score == Decimal("4.667")
        assert review.recommendation == Recommendation.RECOMMEND
        scores = dict(review.scores.values_list("criterion_id", "score"))
        assert scores == {criteria[0].pk: 5, criteria[1].pk: 4}

    def test_weighted_score_rounds_half_up(self, call, criteria):
        # Weights 2 + 1 + 5 = 8: 2×1 / 8 = 0.25 and 1×1 / 8 = 0.125 exactly. With a fourth criterion of
        # weight 8 the total is 16 and 1 / 16 = 0.0625, which rounds half up to 0.063 (not to even, 0.062).
        third = CriterionFactory(call=call, weight=5, position=3)
        all_criteria = [*criteria, third]
        assert services.weighted_score_for(
            scores={criteria[0].pk: 1, criteria[1].pk: 0, third.pk: 0}, criteria=all_criteria
        ) == Decimal("0.250")
        assert services.weighted_score_for(
            scores={criteria[0].pk: 0, criteria[1].pk: 1, third.pk: 0}, criteria=all_criteria
        ) == Decimal("0.125")
        heavy = CriterionFactory(call=call, weight=8, position=4)
        assert services.weighted_score_for(
            scores={criteria[0].pk: 0, criteria[1].pk: 1, third.pk: 0, heavy.pk: 0},
            criteria=[*all_criteria, heavy],
        ) == Decimal("0.063")

    def test_a_draft_may_be_partial(self, assignment, criteria):
        review = save_review(assignment, 3, submit=False, recommendation="")
        review.refresh_from_db()
        assert (review.status, review.weighted_score, review.submitted_at, review.recommendation) == (
            ReviewStatus.DRAFT,
            None,
            None,
            "",
        )
        assert list(review.scores.values_list("criterion_id", "score", "comment")) == [
            (criteria[0].pk, 3, "Vaikuttavuus 3")
        ]

    def test_saving_a_draft_replaces_its_scores(self, assignment, criteria):
        save_review(assignment, 3, 2, submit=False)
        review = save_review(assignment, None, 5, submit=False)
        assert list(review.scores.values_list("criterion_id", "score")) == [(criteria[1].pk, 5)]
        assert Review.objects.count() == 1

    def test_submitting_needs_every_criterion(self, assignment):
        with pytest.raises(ApplicationError) as error:
            save_review(assignment, 4, None)
        assert error.value.field == "scores"
        assert str(error.value.message) == "Score every criterion before submitting. Not scored: Feasibility."
        assert Review.objects.count() == 0

    def test_submitting_needs_a_recommendation(self, assignment):
        save_review(assignment, 4, submit=False)
        with pytest.raises(ApplicationError) as error:
            save_review(assignment, 4, 4, recommendation="")
        assert error.value.field == "recommendation"
        review = Review.objects.get()
        assert (review.status, review.scores.count()) == (ReviewStatus.DRAFT, 1)

    @pytest.mark.parametrize("score", [6, -1, True, "3", 2.5])
    def test_scores_are_whole_numbers_from_0_to_5(self, assignment, criteria, score):
        with pytest.raises(ApplicationError) as error:
            services.review_save(
                assignment=assignment,
                reviewer=assignment.reviewer,
                scores={criteria[0].pk: (score, "")},
                recommendation="",
                comment="",
                submit=False,
            )
        assert error.value.field == "scores"
        assert Review.objects.count() == 0

    def test_only_the_calls_criteria(self, assignment):
        foreign = CriterionFactory()
        with pytest.raises(ApplicationError) as error:
            services.review_save(
                assignment=assignment,
                reviewer=assignment.reviewer,
                scores={foreign.pk: (3, "")},
                recommendation="",
                comment="",
                submit=False,
            )
        assert str(error.value.message) == "Score only the criteria of this call."
        assert Review.objects.count() == 0

    def test_a_comment_needs_a_score(self, assignment, criteria):
        with pytest.raises(ApplicationError):
            services.review_save(
                assignment=assignment,
                reviewer=assignment.reviewer,
                scores={criteria[0].pk: (None, "Kommentti ilman pisteitä")},
                recommendation="",
                comment="",
                submit=False,
            )
        assert Review.objects.count() == 0

    def test_unknown_recommendation_is_refused(self, assignment):
        with pytest.raises(ApplicationError) as error:
            save_review(assignment, 3, 3, recommendation="maybe")
        assert error.value.field == "recommendation"
        assert Review.objects.count() == 0

    def test_a_submitted_review_is_final(self, assignment):
        save_review(assignment, 5, 4)
        with pytest.raises(ApplicationError) as error:
            save_review(assignment, 1, 1, submit=False)
        assert str(error.value.message) == "Your review has been submitted and is final."
        review = Review.objects.get()
        assert (review.status, review.weighted_score) == (ReviewStatus.SUBMITTED, Decimal("4.667"))
        assert sorted(review.scores.values_list("score", flat=True)) == [4, 5]

    def test_refused_after_the_review_period_with_the_date(self, call, assignment):
        end_review_period(call)
        with translation.override("en"), pytest.raises(ApplicationError) as error:
            save_review(assignment, 5, 4)
        assert error.value.code == "review_period_ended"
        ended = formats.date_format(timezone.localtime(call.review_ends_at), "SHORT_DATETIME_FORMAT")
        assert str(error.value.message) == f"The review period of this call has ended ({ended})."
        assert Review.objects.count() == 0

    def test_reviewing_is_possible_while_the_call_is_still_open(self, call, assignment):
        assert call.phase_at() == "open"
        assert save_review(assignment, 1, 1).status == ReviewStatus.SUBMITTED

    def test_only_the_assigned_reviewer(self, assignment, second_reviewer, criteria):
        with pytest.raises(PermissionDeniedError):
            services.review_save(
                assignment=assignment,
                reviewer=second_reviewer,
                scores={criteria[0].pk: (3, "")},
                recommendation="",
                comment="",
                submit=False,
            )
        assert Review.objects.count() == 0

    def test_a_withdrawn_proposal_cannot_be_reviewed(self, assignment):
        assignment.proposal.status = ProposalStatus.WITHDRAWN
        assignment.proposal.withdrawn_at = timezone.now()
        assignment.proposal.save()
        with pytest.raises(ApplicationError):
            save_review(assignment, 3, 3)
        assert Review.objects.count() == 0

    def test_a_co_applicant_accepted_after_assignment_cannot_review(self, assignment, reviewer):
        accept_co_applicant(assignment.proposal, reviewer)
        with pytest.raises(ApplicationError):
            save_review(assignment, 3, 3)
        assert Review.objects.count() == 0


class TestSealedReviews:
    def test_others_reviews_open_only_after_submitting_your_own(
        self, assignment, second_assignment, reviewer, second_reviewer, programme_manager
    ):
        proposal = assignment.proposal
        assert list(review_list_visible_for_proposal(user=reviewer, proposal=proposal)) == []
        others = save_review(second_assignment, 2, 3)
        own = save_review(assignment, 4, submit=False)

        assert list(review_list_visible_for_proposal(user=reviewer, proposal=proposal)) == [own]
        assert list(review_list_visible_for_proposal(user=programme_manager, proposal=proposal)) == [others]

        own = save_review(assignment, 4, 4)
        assert list(review_list_visible_for_proposal(user=reviewer, proposal=proposal)) == [others, own]
        assert list(review_list_visible_for_proposal(user=second_reviewer, proposal=proposal)) == [
            others,
            own,
        ]
        assert list(review_list_visible_for_proposal(user=programme_manager, proposal=proposal)) == [
            others,
            own,
        ]

    def test_nobody_else_sees_any(
        self,
        assignment,
        second_assignment,
        applicant,
        other_applicant,
        third_reviewer,
        other_city_manager,
        site_admin,
    ):
        from django.contrib.auth.models import AnonymousUser

        save_review(assignment, 4, 4)
        save_review(second_assignment, 2, 3)
        proposal = assignment.proposal
        for user in (applicant, other_applicant, third_reviewer, other_city_manager, AnonymousUser()):
            assert list(review_list_visible_for_proposal(user=user, proposal=proposal)) == []
        assert review_list_visible_for_proposal(user=site_admin, proposal=proposal).count() == 2


# --- Ranking -----------------------------------------------------------------------------------------


class TestRanking:
    def test_statistics_computed_in_the_database(
        self, call, criteria, proposal, assignment, second_assignment, third_reviewer, programme_manager
    ):
        third_assignment = ReviewAssignmentFactory(proposal=proposal, reviewer=third_reviewer)
        save_review(assignment, 5, 4)  # 14/3 = 4.667
        save_review(second_assignment, 2, 3)  # 7/3 = 2.333
        save_review(third_assignment, 3, 0)  # 6/3 = 2.000
        single = SubmittedProposalFactory(call=call, title="Yksi arvio")
        save_review(
            ReviewAssignmentFactory(proposal=single, reviewer=assignment.reviewer), 4, 1
        )  # 9/3 = 3.000
        unreviewed = SubmittedProposalFactory(call=call, title="Arvioimaton")
        ReviewAssignmentFactory(proposal=unreviewed, reviewer=assignment.reviewer)
        draft_only = SubmittedProposalFactory(call=call, title="Vain luonnos")
        save_review(ReviewAssignmentFactory(proposal=draft_only, reviewer=third_reviewer), 5, 5, submit=False)
        withdrawn = SubmittedProposalFactory(call=call, title="Peruttu")
        save_review(ReviewAssignmentFactory(proposal=withdrawn, reviewer=third_reviewer), 5, 5)
        withdrawn.status = ProposalStatus.WITHDRAWN
        withdrawn.save()
        ProposalFactory(call=call, title="Luonnos")
        SubmittedProposalFactory(title="Toisen haun ehdotus")
        DecisionFactory(proposal=single, outcome=DecisionOutcome.RESERVE, decided_by=programme_manager)

        rows = list(proposal_ranking_for_call(call=call))

        assert [row.title for row in rows] == [proposal.title, "Yksi arvio", "Arvioimaton", "Vain luonnos"]
        top, one, none, draft = rows
        # Mean of 4.667, 2.333, 2.000 = 3.000; population standard deviation:
        # deviations 1.667, −0.667, −1.000 → (2.778889 + 0.444889 + 1) / 3 = 1.407926 → √ = 1.187
        assert (top.review_count, top.assignment_count) == (3, 3)
        assert (top.score_mean, top.score_min, top.score_max, top.score_spread, top.score_stddev) == (
            Decimal("3.000"),
            Decimal("2.000"),
            Decimal("4.667"),
            Decimal("2.667"),
            Decimal("1.187"),
        )
        assert top.decision_outcome is None
        assert (one.review_count, one.score_mean, one.score_spread, one.score_stddev) == (
            1,
            Decimal("3.000"),
            Decimal("0.000"),
            Decimal("0.000"),
        )
        assert one.decision_outcome == DecisionOutcome.RESERVE
        for row in (none, draft):
            assert (row.review_count, row.assignment_count) == (0, 1)
            assert (row.score_mean, row.score_min, row.score_max, row.score_spread, row.score_stddev) == (
                None,
                None,
                None,
                None,
                None,
            )

        impact, feasibility = criteria
        assert criterion_means_for_call(call=call) == {
            proposal.pk: {impact.pk: Decimal("3.33"), feasibility.pk: Decimal("2.33")},
            single.pk: {impact.pk: Decimal("4.00"), feasibility.pk: Decimal("1.00")},
        }

    def test_a_conflicted_reviewer_never_counts_even_if_a_review_survives(
        self, call, criteria, assignment, second_assignment, reviewer, programme_manager
    ):
        save_review(assignment, 5, 5)
        save_review(second_assignment, 1, 1)
        # Bypass the service on purpose: the selectors must not count the review even if it still exists.
        ConflictOfInterest.objects.create(proposal=assignment.proposal, reviewer=reviewer, reason="Myöhemmin")

        row = proposal_ranking_for_call(call=call).get()
        assert (row.review_count, row.score_mean, row.score_spread) == (1, Decimal("1.000"), Decimal("0.000"))
        assert criterion_means_for_call(call=call) == {
            assignment.proposal_id: {criteria[0].pk: Decimal("1.00"), criteria[1].pk: Decimal("1.00")}
        }
        assert proposal_list_for_call_managers(call=call).get().review_count == 1
        assert [
            review.reviewer_id
            for review in review_list_visible_for_proposal(
                user=programme_manager, proposal=assignment.proposal
            )
        ] == [second_assignment.reviewer_id]


class TestManagerList:
    def test_filters_and_counts(self, call, proposal, assignment, second_assignment, programme_manager):
        save_review(assignment, 3, 3)
        resident = SubmittedProposalFactory(
            call=call, title="Asukkaan idea", applicant_kind=ApplicantKind.RESIDENT, organisation_name=""
        )
        withdrawn = SubmittedProposalFactory(call=call, title="Peruttu idea", status=ProposalStatus.WITHDRAWN)
        ProposalFactory(call=call, title="Luonnos idea")
        DecisionFactory(proposal=resident, outcome=DecisionOutcome.SELECTED, decided_by=programme_manager)

        def titles(**filters):
            return sorted(p.title for p in proposal_list_for_call_managers(call=call, **filters))

        assert titles() == sorted([proposal.title, "Asukkaan idea", "Peruttu idea"])
        assert titles(status=ProposalStatus.WITHDRAWN) == ["Peruttu idea"]
        assert titles(applicant_kind=ApplicantKind.RESIDENT) == ["Asukkaan idea"]
        assert titles(outcome=DecisionOutcome.SELECTED) == ["Asukkaan idea"]
        assert titles(outcome="none") == sorted([proposal.title, "Peruttu idea"])
        assert titles(text="IDEA") == ["Asukkaan idea", "Peruttu idea"]
        assert titles(fewer_reviews_than=1) == ["Asukkaan idea", "Peruttu idea"]
        assert titles(fewer_reviews_than=2) == sorted([proposal.title, "Asukkaan idea", "Peruttu idea"])
        row = proposal_list_for_call_managers(call=call, text=proposal.title).get()
        assert (row.review_count, row.assignment_count) == (1, 2)
        assert withdrawn.pk in {p.pk for p in proposal_list_for_call_managers(call=call)}


# --- Decisions ---------------------------------------------------------------------------------------


class TestDecision:
    def test_recorded_after_the_deadline_and_sent_in_the_applicants_language(
        self, call, proposal, applicant, programme_manager, settings, django_capture_on_commit_callbacks
    ):
        settings.KOKEILU_BASE_URL = "https://kokeilu.example.test/"
        applicant.preferred_language = "en"
        applicant.save()
        move_to_review_phase(call)

        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            decision = services.decision_record(
                proposal=proposal,
                outcome=DecisionOutcome.SELECTED,
                reason="  Vastaa palvelutorin tarpeeseen.  ",
                decided_by=programme_manager,
            )

        assert len(callbacks) == 1
        decision.refresh_from_db()
        assert (decision.outcome, decision.reason, decision.decided_by) == (
            DecisionOutcome.SELECTED,
            "Vastaa palvelutorin tarpeeseen.",
            programme_manager,
        )
        assert decision.notified_at is not None
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [applicant.email]
        assert message.subject == f"Decision on your proposal “{proposal.title}”"
        assert "Decision: Selected" in message.body
        assert "Vastaa palvelutorin tarpeeseen." in message.body
        assert f"https://kokeilu.example.test/en/proposals/{proposal.pk}/" in message.body
        with translation.override("en"):
            assert reverse("proposals:detail", kwargs={"pk": proposal.pk}) == f"/en/proposals/{proposal.pk}/"
        assert list(proposal_list_selected_for_call(call=call)) == [proposal]

    def test_accepted_co_applicants_are_told_in_their_own_language(
        self,
        call,
        proposal,
        applicant,
        reviewer,
        other_applicant,
        programme_manager,
        django_capture_on_commit_callbacks,
    ):
        applicant.preferred_language = "fi"
        applicant.save()
        other_applicant.preferred_language = "sv"
        other_applicant.save()
        accept_co_applicant(proposal, other_applicant)
        CoApplicant.objects.create(proposal=proposal, email="kutsuttu@example.test", invited_by=applicant)
        move_to_review_phase(call)

        with django_capture_on_commit_callbacks(execute=True):
            services.decision_record(
                proposal=proposal,
                outcome=DecisionOutcome.REJECTED,
                reason="Ei rahoitusta.",
                decided_by=programme_manager,
            )

        by_address = {message.to[0]: message for message in mail.outbox}
        assert sorted(by_address) == sorted([applicant.email, other_applicant.email])
        assert f"/fi/proposals/{proposal.pk}/" in by_address[applicant.email].body
        assert f"/sv/proposals/{proposal.pk}/" in by_address[other_applicant.email].body
        for address, language in ((applicant.email, "fi"), (other_applicant.email, "sv")):
            with translation.override(language):
                subject = gettext("Decision on your proposal “%(title)s”") % {"title": proposal.title}
                outcome = str(DecisionOutcome.REJECTED.label)
            assert by_address[address].subject == subject
            assert f": {outcome}\n" in by_address[address].body

    def test_notification_is_idempotent(
        self, call, proposal, programme_manager, django_capture_on_commit_callbacks
    ):
        move_to_review_phase(call)
        with django_capture_on_commit_callbacks(execute=True):
            decision = services.decision_record(
                proposal=proposal,
                outcome=DecisionOutcome.SELECTED,
                reason="Hyvä.",
                decided_by=programme_manager,
            )
        decision.refresh_from_db()
        sent_at = decision.notified_at
        decision_notify(decision_id=decision.pk)
        decision_notify(decision_id=decision.pk + 1000)  # gone: nothing to do
        decision.refresh_from_db()
        assert len(mail.outbox) == 1
        assert decision.notified_at == sent_at

    def test_a_changed_decision_is_dated_now_and_sent_again(
        self, call, proposal, programme_manager, site_admin, django_capture_on_commit_callbacks
    ):
        move_to_review_phase(call)
        with django_capture_on_commit_callbacks(execute=True):
            first = services.decision_record(
                proposal=proposal,
                outcome=DecisionOutcome.RESERVE,
                reason="Varalla.",
                decided_by=programme_manager,
            )
        first.refresh_from_db()
        first_decided_at = first.decided_at

        with django_capture_on_commit_callbacks(execute=True):
            services.decision_record(
                proposal=proposal, outcome=DecisionOutcome.RESERVE, reason="Varalla.", decided_by=site_admin
            )
        assert len(mail.outbox) == 1  # the same decision again changes nothing

        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            changed = services.decision_record(
                proposal=proposal, outcome=DecisionOutcome.SELECTED, reason="Valittu.", decided_by=site_admin
            )
        changed.refresh_from_db()
        assert changed.pk == first.pk
        assert Decision.objects.count() == 1
        assert changed.notified_at is None
        assert changed.decided_at > first_decided_at
        assert changed.decided_by == site_admin
        for callback in callbacks:
            callback()
        changed.refresh_from_db()
        assert changed.notified_at is not None
        assert len(mail.outbox) == 2
        assert "Valittu." in mail.outbox[1].body

    def test_refused_before_the_deadline(
        self, call, proposal, programme_manager, django_capture_on_commit_callbacks
    ):
        assert call.phase_at() == "open"
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(ApplicationError) as error,
        ):
            services.decision_record(
                proposal=proposal,
                outcome=DecisionOutcome.SELECTED,
                reason="Liian aikaisin.",
                decided_by=programme_manager,
            )
        assert error.value.code == "call_not_closed"
        assert Decision.objects.count() == 0
        assert callbacks == []
        assert mail.outbox == []

    @pytest.mark.parametrize("phase", ["review", "decision", "closed"])
    def test_allowed_in_each_phase_after_the_deadline(self, call, proposal, programme_manager, phase):
        now = timezone.now()
        call.opens_at = now - timedelta(days=30)
        call.closes_at = now - timedelta(days=20)
        call.review_ends_at = now + timedelta(days=1) if phase == "review" else now - timedelta(days=10)
        call.decision_ends_at = now - timedelta(days=1) if phase == "closed" else now + timedelta(days=5)
        call.save()
        assert call.phase_at() == phase
        services.decision_record(
            proposal=proposal,
            outcome=DecisionOutcome.REJECTED,
            reason="Ei nyt.",
            decided_by=programme_manager,
        )
        assert Decision.objects.get().outcome == DecisionOutcome.REJECTED

    def test_reason_and_outcome_are_required(self, call, proposal, programme_manager):
        move_to_review_phase(call)
        with pytest.raises(ApplicationError) as error:
            services.decision_record(
                proposal=proposal, outcome=DecisionOutcome.SELECTED, reason=" ", decided_by=programme_manager
            )
        assert error.value.field == "reason"
        with pytest.raises(ApplicationError) as error:
            services.decision_record(
                proposal=proposal, outcome="maybe", reason="Syy", decided_by=programme_manager
            )
        assert error.value.field == "outcome"
        assert Decision.objects.count() == 0

    @pytest.mark.parametrize("persona", ["other_city_manager", "reviewer", "applicant"])
    def test_managers_only(self, request, call, proposal, persona):
        move_to_review_phase(call)
        with pytest.raises(PermissionDeniedError):
            services.decision_record(
                proposal=proposal,
                outcome=DecisionOutcome.SELECTED,
                reason="Minä päätän.",
                decided_by=request.getfixturevalue(persona),
            )
        assert Decision.objects.count() == 0

    def test_a_withdrawn_proposal_cannot_be_decided(self, call, proposal, programme_manager):
        move_to_review_phase(call)
        proposal.status = ProposalStatus.WITHDRAWN
        proposal.save()
        with pytest.raises(ApplicationError):
            services.decision_record(
                proposal=proposal,
                outcome=DecisionOutcome.SELECTED,
                reason="Syy",
                decided_by=programme_manager,
            )
        assert Decision.objects.count() == 0

    def test_only_selected_proposals_are_public(self, call, proposal, programme_manager):
        reserve = SubmittedProposalFactory(call=call, title="Varalla")
        DecisionFactory(proposal=reserve, outcome=DecisionOutcome.RESERVE, decided_by=programme_manager)
        assert list(proposal_list_selected_for_call(call=call)) == []
        DecisionFactory(proposal=proposal, outcome=DecisionOutcome.SELECTED, decided_by=programme_manager)
        assert list(proposal_list_selected_for_call(call=call)) == [proposal]

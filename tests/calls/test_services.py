from datetime import timedelta

import pytest
from django.utils import timezone

from kokeilu.calls import services
from kokeilu.calls.models import Call, CallPhase
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from tests.factories import CallFactory, CriterionFactory, DevelopmentNeedFactory, PlatformFactory


def _dates(start_in_days: int = 1) -> dict:
    opens = timezone.now() + timedelta(days=start_in_days)
    return {
        "opens_at": opens,
        "closes_at": opens + timedelta(days=30),
        "review_ends_at": opens + timedelta(days=45),
        "decision_ends_at": opens + timedelta(days=60),
    }


@pytest.mark.django_db
def test_manager_creates_a_draft_call_answering_needs_of_the_platform(programme_manager, platform):
    need = DevelopmentNeedFactory(platform=platform)
    call = services.call_create(
        created_by=programme_manager,
        platform=platform,
        title_fi="Nopeat kokeilut",
        eligibility=["company", "resident"],
        needs=[need],
        **_dates(),
    )
    assert call.phase == CallPhase.DRAFT
    assert list(call.needs.all()) == [need]
    assert call.slug == "nopeat-kokeilut"
    assert call.created_by == programme_manager


@pytest.mark.django_db
def test_manager_of_another_city_cannot_create_a_call(other_city_manager, platform):
    with pytest.raises(PermissionDeniedError):
        services.call_create(
            created_by=other_city_manager,
            platform=platform,
            title_fi="X",
            eligibility=["company"],
            **_dates(),
        )
    assert Call.objects.count() == 0


@pytest.mark.django_db
def test_a_call_cannot_answer_needs_of_another_platform(programme_manager, platform):
    foreign_need = DevelopmentNeedFactory(platform=PlatformFactory(city=platform.city))
    with pytest.raises(ApplicationError) as error:
        services.call_create(
            created_by=programme_manager,
            platform=platform,
            title_fi="X",
            eligibility=["company"],
            needs=[foreign_need],
            **_dates(),
        )
    assert error.value.field == "needs"
    assert Call.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"eligibility": []}, "eligibility"),
        ({"eligibility": ["pirates"]}, "eligibility"),
        ({"duration_min_months": 4, "duration_max_months": 2}, "duration_max_months"),
    ],
)
def test_invalid_call_fields_are_refused_on_their_field(programme_manager, platform, changes, field):
    values = {"eligibility": ["company"], **_dates(), **changes}
    with pytest.raises(ApplicationError) as error:
        services.call_create(created_by=programme_manager, platform=platform, title_fi="X", **values)
    assert error.value.field == field


@pytest.mark.django_db
def test_deadline_before_opening_is_refused(programme_manager, platform):
    dates = _dates()
    dates["closes_at"] = dates["opens_at"] - timedelta(hours=1)
    with pytest.raises(ApplicationError) as error:
        services.call_create(
            created_by=programme_manager, platform=platform, title_fi="X", eligibility=["company"], **dates
        )
    assert error.value.field == "closes_at"


@pytest.mark.django_db
def test_publishing_needs_criteria_then_dates_decide_the_phase(programme_manager, platform):
    call = services.call_create(
        created_by=programme_manager, platform=platform, title_fi="X", eligibility=["company"], **_dates()
    )
    with pytest.raises(ApplicationError):
        services.call_publish(call=call, published_by=programme_manager)
    CriterionFactory(call=call)
    services.call_publish(call=call, published_by=programme_manager)
    call.refresh_from_db()
    assert call.phase == CallPhase.SCHEDULED
    assert call.phase_at(call.opens_at) == CallPhase.OPEN
    assert call.phase_at(call.closes_at) == CallPhase.REVIEW
    assert call.phase_at(call.review_ends_at) == CallPhase.DECISION
    assert call.phase_at(call.decision_ends_at) == CallPhase.CLOSED


@pytest.mark.django_db
def test_the_deadline_of_a_past_call_cannot_be_moved(programme_manager, platform):
    call = CallFactory(
        platform=platform,
        opens_at=timezone.now() - timedelta(days=10),
        closes_at=timezone.now() - timedelta(days=1),
    )
    with pytest.raises(ApplicationError) as error:
        services.call_update(
            call=call, updated_by=programme_manager, closes_at=timezone.now() + timedelta(days=3)
        )
    assert error.value.field == "closes_at"


@pytest.mark.django_db
def test_criteria_are_frozen_once_review_starts(programme_manager, platform):
    call = CallFactory(
        platform=platform,
        opens_at=timezone.now() - timedelta(days=10),
        closes_at=timezone.now() - timedelta(days=1),
    )
    criterion = CriterionFactory(call=call)
    with pytest.raises(ApplicationError):
        services.criterion_save(call=call, saved_by=programme_manager, criterion=criterion, weight=5)
    with pytest.raises(ApplicationError):
        services.criterion_delete(criterion=criterion, deleted_by=programme_manager)
    criterion.refresh_from_db()
    assert criterion.weight == 1

"""The reuse rules (kokeilu.reuse.services): what is copied where, who may, and what is refused."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext, override

from kokeilu.calls.models import Call
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.platforms.models import DevelopmentNeed, NeedStatus
from kokeilu.reports.models import Learning
from kokeilu.reuse import services
from kokeilu.reuse.models import LearningReuse

from .conftest import EVIDENCE, STATEMENTS

pytestmark = pytest.mark.django_db


def _in(language: str, text: str) -> str:
    with override(language):
        return gettext(text)


def _path(learning, language: str) -> str:
    with override(language):
        return reverse("reports:learning", kwargs={"pk": learning.pk})


def _descriptions(target) -> tuple[str, str, str]:
    target.refresh_from_db()
    return target.description_fi, target.description_sv, target.description_en


def _refused(code: str, action) -> None:
    with pytest.raises(ApplicationError) as error:
        action()
    assert not isinstance(error.value, PermissionDeniedError)
    assert error.value.code == code


def test_reusing_into_a_draft_call_appends_the_learning_in_each_of_its_languages(places, programme_manager):
    call = places.draft_call
    before_fi, before_sv, _before_en = _descriptions(call)
    reuse = services.learning_reuse_into_call(
        learning=places.learning, call=call, reused_by=programme_manager
    )
    fi, sv, en = _descriptions(call)
    for language, before, text in (("fi", before_fi, fi), ("sv", before_sv, sv)):
        # What was there stays first, the block follows after an empty line.
        assert text.startswith(
            before + "\n\n" + _in(language, "[Reused learning from %(city)s]") % {"city": "Helsinki"}
        )
        assert STATEMENTS[f"statement_{language}"] in text
        assert _in(language, "Evidence: %(evidence)s") % {"evidence": EVIDENCE} in text
        assert f"{_path(places.learning, language)}" in text
        assert text.endswith(_in(language, "[End of the reused learning]"))
    assert "Henkilöstökokeilu" in fi and "Personalförsök" in sv
    assert _path(places.learning, "sv") == f"/sv/reports/learnings/{places.learning.pk}/"
    # The English description was empty: it is now just the block.
    assert en.startswith(_in("en", "[Reused learning from %(city)s]") % {"city": "Helsinki"})
    assert "Staff experiment" in en and STATEMENTS["statement_en"] in en
    assert (reuse.learning_id, reuse.city_id, reuse.call_id, reuse.need_id, reuse.created_by) == (
        places.learning.pk,
        call.platform.city_id,
        call.pk,
        None,
        programme_manager,
    )


def test_a_language_the_learning_lacks_is_left_alone(places, programme_manager):
    Learning.objects.filter(pk=places.learning.pk).update(statement_en="")
    need = places.published_need
    _fi, _sv, en_before = _descriptions(need)
    services.learning_reuse_into_need(learning=places.learning, need=need, reused_by=programme_manager)
    fi, sv, en = _descriptions(need)
    assert STATEMENTS["statement_fi"] in fi and STATEMENTS["statement_sv"] in sv
    assert en == en_before


def test_the_block_without_evidence_has_no_evidence_line(places, programme_manager):
    Learning.objects.filter(pk=places.learning.pk).update(evidence="  ")
    services.learning_reuse_into_call(
        learning=places.learning, call=places.draft_call, reused_by=programme_manager
    )
    fi, _sv, _en = _descriptions(places.draft_call)
    assert _in("fi", "Evidence: %(evidence)s").split("%")[0] not in fi


@pytest.mark.parametrize("need_name", ["draft_need", "published_need"])
def test_reusing_into_an_open_need(places, programme_manager, need_name):
    need = getattr(places, need_name)
    status = need.status
    reuse = services.learning_reuse_into_need(
        learning=places.learning, need=need, reused_by=programme_manager
    )
    fi, sv, en = _descriptions(need)
    assert (
        STATEMENTS["statement_fi"] in fi
        and STATEMENTS["statement_sv"] in sv
        and STATEMENTS["statement_en"] in en
    )
    assert need.status == status  # copying is not publishing
    assert (reuse.need_id, reuse.call_id, reuse.city_id) == (need.pk, None, need.platform.city_id)


@pytest.mark.parametrize("need_name", ["addressed_need", "archived_need"])
def test_a_closed_need_refuses(places, programme_manager, need_name):
    need = getattr(places, need_name)
    before = _descriptions(need)
    _refused(
        "need_closed",
        lambda: services.learning_reuse_into_need(
            learning=places.learning, need=need, reused_by=programme_manager
        ),
    )
    assert _descriptions(need) == before
    assert not LearningReuse.objects.exists()


@pytest.mark.parametrize("call_name", ["open_call", "scheduled_call"])
def test_a_call_that_is_no_longer_a_draft_refuses_with_a_translated_message(
    places, programme_manager, call_name
):
    call = getattr(places, call_name)
    before = _descriptions(call)
    with pytest.raises(ApplicationError) as error:
        services.learning_reuse_into_call(learning=places.learning, call=call, reused_by=programme_manager)
    assert error.value.code == "call_not_draft"
    assert str(error.value.message) == _in(
        "fi", "Learnings can be copied only into a call that is still a draft; this call is published."
    )
    assert _descriptions(call) == before
    assert not LearningReuse.objects.exists()


def test_the_same_learning_into_the_same_target_twice_is_refused(places, programme_manager):
    services.learning_reuse_into_call(
        learning=places.learning, call=places.draft_call, reused_by=programme_manager
    )
    once = _descriptions(places.draft_call)
    _refused(
        "already_reused",
        lambda: services.learning_reuse_into_call(
            learning=places.learning, call=places.draft_call, reused_by=programme_manager
        ),
    )
    assert _descriptions(places.draft_call) == once
    assert LearningReuse.objects.count() == 1


def test_the_same_learning_into_several_targets_counts_each(places, programme_manager):
    services.learning_reuse_into_call(
        learning=places.learning, call=places.draft_call, reused_by=programme_manager
    )
    services.learning_reuse_into_need(
        learning=places.learning, need=places.draft_need, reused_by=programme_manager
    )
    services.learning_reuse_into_need(
        learning=places.learning, need=places.published_need, reused_by=programme_manager
    )
    assert LearningReuse.objects.filter(learning=places.learning).count() == 3


@pytest.mark.parametrize("learning_name", ["internal", "unapproved"])
def test_only_published_learnings_are_reused(places, programme_manager, learning_name):
    learning = getattr(places, learning_name)
    before = _descriptions(places.draft_call)
    _refused(
        "not_published",
        lambda: services.learning_reuse_into_call(
            learning=learning, call=places.draft_call, reused_by=programme_manager
        ),
    )
    assert _descriptions(places.draft_call) == before
    assert not LearningReuse.objects.exists()


@pytest.mark.parametrize("persona", ["other_city_manager", "reviewer", "applicant", "tester"])
def test_only_the_target_citys_managers_may_reuse(places, request, persona):
    user = request.getfixturevalue(persona)
    before = (_descriptions(places.draft_call), _descriptions(places.draft_need))
    with pytest.raises(PermissionDeniedError):
        services.learning_reuse_into_call(learning=places.learning, call=places.draft_call, reused_by=user)
    with pytest.raises(PermissionDeniedError):
        services.learning_reuse_into_need(learning=places.learning, need=places.draft_need, reused_by=user)
    with pytest.raises(PermissionDeniedError):
        services.learning_reuse_into_new_need(
            learning=places.learning, platform=places.platform, reused_by=user
        )
    assert (_descriptions(places.draft_call), _descriptions(places.draft_need)) == before
    assert not LearningReuse.objects.exists()
    assert DevelopmentNeed.objects.count() == 4


def test_permission_is_checked_before_anything_about_the_target(places, other_city_manager):
    """Someone who may not touch the call learns nothing about its state."""
    with pytest.raises(PermissionDeniedError):
        services.learning_reuse_into_call(
            learning=places.learning, call=places.open_call, reused_by=other_city_manager
        )


def test_site_admin_may_reuse_into_any_city(places, site_admin):
    reuse = services.learning_reuse_into_call(
        learning=places.learning, call=places.draft_call, reused_by=site_admin
    )
    assert reuse.city_id == places.draft_call.platform.city_id


def test_the_learnings_own_city_may_reuse_it_too(places, other_city_manager):
    reuse = services.learning_reuse_into_call(
        learning=places.learning, call=places.other_city_call, reused_by=other_city_manager
    )
    assert reuse.city_id == places.learning.report.experiment.city_id


def test_a_new_draft_need_from_the_learning(places, programme_manager):
    reuse = services.learning_reuse_into_new_need(
        learning=places.learning, platform=places.platform, reused_by=programme_manager
    )
    need = reuse.need
    assert need is not None and reuse.call is None
    need.refresh_from_db()
    assert (need.platform, need.status) == (places.platform, NeedStatus.DRAFT)
    assert (need.title_fi, need.title_sv, need.title_en) == (
        STATEMENTS["statement_fi"],
        STATEMENTS["statement_sv"],
        STATEMENTS["statement_en"],
    )
    assert need.description_sv.startswith(_in("sv", "[Reused learning from %(city)s]") % {"city": "Helsinki"})
    assert EVIDENCE in need.description_fi and _path(places.learning, "en") in need.description_en


def test_a_new_need_takes_a_long_statement_shortened_and_another_language_for_its_finnish_title(
    places, programme_manager
):
    long_sv = "Lång lärdom " + "ord " * 70
    Learning.objects.filter(pk=places.learning.pk).update(
        statement_fi="", statement_sv=long_sv, statement_en=""
    )
    reuse = services.learning_reuse_into_new_need(
        learning=places.learning, platform=places.platform, reused_by=programme_manager
    )
    need = DevelopmentNeed.objects.get(pk=reuse.need_id)
    assert len(need.title_fi) == 200 and need.title_fi.endswith("…")
    assert need.title_fi == need.title_sv and need.title_en == ""
    assert long_sv.strip() in need.description_sv and need.description_fi == "" and need.description_en == ""


def test_learning_reuse_takes_exactly_one_target(places, programme_manager):
    for targets in ({}, {"call": places.draft_call, "need": places.draft_need}):
        _refused(
            "one_target",
            lambda targets=targets: services.learning_reuse(
                learning=places.learning, reused_by=programme_manager, **targets
            ),
        )
    assert not LearningReuse.objects.exists()
    reuse = services.learning_reuse(
        learning=places.learning, reused_by=programme_manager, call=places.draft_call
    )
    assert reuse.call == places.draft_call


def test_the_database_holds_exactly_one_target_and_one_reuse_per_target(places, city):
    learning = places.learning
    for targets in ({}, {"call": places.draft_call, "need": places.draft_need}):
        with pytest.raises(IntegrityError), transaction.atomic():
            LearningReuse.objects.create(learning=learning, city=city, **targets)
    LearningReuse.objects.create(learning=learning, city=city, call=places.draft_call)
    with pytest.raises(IntegrityError), transaction.atomic():
        LearningReuse.objects.create(learning=learning, city=city, call=places.draft_call)
    LearningReuse.objects.create(learning=learning, city=city, need=places.draft_need)
    with pytest.raises(IntegrityError), transaction.atomic():
        LearningReuse.objects.create(learning=learning, city=city, need=places.draft_need)
    assert Call.objects.get(pk=places.draft_call.pk).learning_reuses.count() == 1

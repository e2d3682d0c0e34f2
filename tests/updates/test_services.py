import pytest

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.experiments.models import Audience
from kokeilu.experiments.selectors import experiment_access
from kokeilu.updates import services
from kokeilu.updates.models import Comment, Post, PostKind
from kokeilu.updates.selectors import post_list_visible, preference_for
from tests.factories import ExperimentFactory, ParticipantGroupFactory

pytestmark = pytest.mark.django_db


def _post(experiment, author, **kwargs):
    kwargs.setdefault("title", "Otsikko")
    kwargs.setdefault("body", "Teksti")
    return services.post_create(experiment=experiment, author=author, **kwargs)


@pytest.mark.parametrize("persona", ["team_member", "partner_member", "experiment_lead", "programme_manager"])
def test_team_posts(experiment, persona, request):
    post = _post(experiment, request.getfixturevalue(persona), kind=PostKind.ANNOUNCEMENT, language="sv")
    assert (post.kind, post.language, post.audience) == ("announcement", "sv", "experiment")


@pytest.mark.parametrize("persona", ["tester", "other_tester", "applicant", "other_city_manager"])
def test_others_cannot_post(experiment, persona, request):
    with pytest.raises(PermissionDeniedError):
        _post(experiment, request.getfixturevalue(persona))
    assert Post.objects.count() == 0


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({"title": "  "}, "title"),
        ({"body": ""}, "body"),
        ({"kind": "rumour"}, "kind"),
        ({"language": "de"}, "language"),
        ({"audience": "group"}, "group"),
        ({"audience": "secret"}, "audience"),
    ],
)
def test_post_fields_are_checked(experiment, team_member, kwargs, field):
    with pytest.raises(ApplicationError) as error:
        _post(experiment, team_member, **kwargs)
    assert error.value.field == field


def test_group_of_another_experiment_is_refused(experiment, team_member):
    foreign = ParticipantGroupFactory(experiment=ExperimentFactory(city=experiment.city))
    with pytest.raises(ApplicationError):
        _post(experiment, team_member, audience=Audience.GROUP, group=foreign)


def test_feed_visibility_follows_the_audience(
    experiment, shared_post, group_post, tester, other_tester, team_member, experiment_lead, applicant
):
    def titles(user):
        access = experiment_access(user=user, experiment=experiment)
        return {post.title for post in post_list_visible(experiment=experiment, access=access)}

    assert titles(tester) == {"Yhteinen tarina", "Vain testaajille"}
    assert titles(experiment_lead) == {"Yhteinen tarina", "Vain testaajille"}
    assert titles(other_tester) == {"Yhteinen tarina"}
    assert titles(team_member) == {"Yhteinen tarina"}
    assert titles(applicant) == set()


def test_pinned_posts_come_first(experiment, shared_post, group_post, experiment_lead):
    services.post_pin(post=shared_post, pinned_by=experiment_lead, pinned=True)
    access = experiment_access(user=experiment_lead, experiment=experiment)
    assert next(p.title for p in post_list_visible(experiment=experiment, access=access)) == "Yhteinen tarina"


@pytest.mark.parametrize("persona", ["team_member", "partner_member", "tester"])
def test_only_managers_pin(shared_post, persona, request):
    with pytest.raises(PermissionDeniedError):
        services.post_pin(post=shared_post, pinned_by=request.getfixturevalue(persona), pinned=True)
    shared_post.refresh_from_db()
    assert shared_post.pinned_at is None


def test_author_and_managers_edit_and_delete_others_do_not(
    shared_post, team_member, partner_member, experiment_lead, tester
):
    fields = {"title": "Uusi", "body": "B", "kind": "story", "language": "fi", "audience": "experiment"}
    for outsider in (partner_member, tester):
        with pytest.raises(PermissionDeniedError):
            services.post_update(post=shared_post, updated_by=outsider, **fields)
        with pytest.raises(PermissionDeniedError):
            services.post_delete(post=shared_post, deleted_by=outsider)
    services.post_update(post=shared_post, updated_by=team_member, **fields)
    services.post_update(post=shared_post, updated_by=experiment_lead, **{**fields, "title": "Johtajan"})
    shared_post.refresh_from_db()
    assert shared_post.title == "Johtajan"
    services.post_delete(post=shared_post, deleted_by=experiment_lead)
    assert Post.objects.count() == 0


def test_members_who_see_a_post_comment(
    shared_post, group_post, tester, other_tester, programme_manager, applicant, experiment
):
    services.comment_create(post=shared_post, author=other_tester, body="Hyvä!")
    services.comment_create(post=group_post, author=tester, body="Selvä.")
    services.comment_create(post=group_post, author=programme_manager, body="Kiitos.")
    with pytest.raises(PermissionDeniedError):
        services.comment_create(post=group_post, author=other_tester, body="Urkin")
    with pytest.raises(ApplicationError):
        services.comment_create(post=shared_post, author=tester, body="   ")
    experiment.is_public = True
    experiment.save()
    public = Post.objects.create(
        experiment=experiment, author=programme_manager, title="Julkinen", body="x", audience=Audience.PUBLIC
    )
    with pytest.raises(PermissionDeniedError):
        services.comment_create(post=public, author=applicant, body="Ulkopuolinen")
    assert Comment.objects.count() == 3


def test_comment_author_edits_and_deletes_managers_hide(
    tester_comment, tester, other_tester, experiment_lead, team_member
):
    with pytest.raises(PermissionDeniedError):
        services.comment_update(comment=tester_comment, updated_by=other_tester, body="x")
    with pytest.raises(PermissionDeniedError):
        services.comment_delete(comment=tester_comment, deleted_by=experiment_lead)
    with pytest.raises(PermissionDeniedError):
        services.comment_hide(comment=tester_comment, hidden_by=team_member)
    services.comment_update(comment=tester_comment, updated_by=tester, body="Korjattu")
    services.comment_hide(comment=tester_comment, hidden_by=experiment_lead)
    tester_comment.refresh_from_db()
    assert tester_comment.body == "Korjattu" and tester_comment.is_hidden
    assert tester_comment.hidden_by == experiment_lead
    services.comment_hide(comment=tester_comment, hidden_by=experiment_lead, hidden=False)
    tester_comment.refresh_from_db()
    assert not tester_comment.is_hidden
    services.comment_delete(comment=tester_comment, deleted_by=tester)
    assert Comment.objects.count() == 0


def test_preferences_default_and_set(experiment, tester, applicant):
    assert preference_for(experiment=experiment, user=tester) == {
        "announcements": "immediately",
        "stories": "weekly",
    }
    services.preference_set(experiment=experiment, user=tester, announcements="weekly", stories="none")
    assert preference_for(experiment=experiment, user=tester) == {
        "announcements": "weekly",
        "stories": "none",
    }
    with pytest.raises(ApplicationError):
        services.preference_set(experiment=experiment, user=tester, announcements="hourly", stories="none")
    with pytest.raises(PermissionDeniedError):
        services.preference_set(experiment=experiment, user=applicant, announcements="none", stories="none")


def test_body_length_is_limited(experiment, team_member):
    with pytest.raises(ApplicationError) as error:
        _post(experiment, team_member, body="x" * 20001)
    assert error.value.field == "body"

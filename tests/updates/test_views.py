import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext, override

from kokeilu.experiments.models import Audience
from kokeilu.updates.models import Comment, NotificationPreference, Post

pytestmark = pytest.mark.django_db


def _(text: str) -> str:
    """The Finnish text the pages show (they are requested in Finnish)."""
    with override("fi"):
        return gettext(text)


def url(name, experiment, **kwargs):
    return reverse(f"updates:{name}", kwargs={"slug": experiment.slug, **kwargs})


def test_feed_shows_group_posts_to_the_group_only(
    experiment, shared_post, group_post, tester, other_tester, client_for, django_assert_max_num_queries
):
    client = client_for(tester)
    with django_assert_max_num_queries(14):
        body = client.get(url("feed", experiment)).content.decode()
    assert "Yhteinen tarina" in body and "Vain testaajille" in body
    assert "Write a post" not in body
    body = client_for(other_tester).get(url("feed", experiment)).content.decode()
    assert "Yhteinen tarina" in body and "Vain testaajille" not in body


def test_feed_query_count_does_not_grow_with_posts(
    experiment, experiment_lead, tester, client_for, django_assert_max_num_queries
):
    for number in range(20):
        post = Post.objects.create(
            experiment=experiment, author=experiment_lead, title=f"Postaus {number}", body="x"
        )
        Comment.objects.create(post=post, author=tester, body="k")
    client = client_for(experiment_lead)
    with django_assert_max_num_queries(16):
        body = client.get(url("feed", experiment)).content.decode()
    assert body.count("Postaus ") == 20


def test_body_is_plain_text_with_line_breaks(experiment, team_member, tester, client_for):
    post = Post.objects.create(
        experiment=experiment,
        author=team_member,
        title="<i>Otsikko</i>",
        body="<script>alert(1)</script>\nToinen rivi",
    )
    body = client_for(tester).get(url("post", experiment, pk=post.pk)).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Toinen rivi" in body
    assert "<i>Otsikko</i>" not in body


def test_team_posts_through_the_page_and_members_are_mailed(
    experiment, team_member, tester, other_tester, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(team_member).post(
            url("create", experiment),
            {
                "kind": "announcement",
                "title": "Tiedote",
                "body": "Teksti",
                "language": "fi",
                "audience": "experiment",
            },
        )
    post = Post.objects.get()
    assert response.status_code == 302 and response["Location"] == url("post", experiment, pk=post.pk)
    assert sorted(m.to[0] for m in mail.outbox) == ["other_tester@example.test", "tester@example.test"]


def test_invalid_post_keeps_the_text_and_shows_the_error(experiment, team_member, client_for):
    response = client_for(team_member).post(
        url("create", experiment),
        {"kind": "story", "title": "Otsikko", "body": "Teksti", "language": "fi", "audience": "group"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_group_error"' in body and 'value="Otsikko"' in body
    assert Post.objects.count() == 0


def test_comments_edit_delete_and_hide(
    experiment, shared_post, tester, other_tester, experiment_lead, client_for
):
    client = client_for(tester)
    response = client.post(url("comment_create", experiment, pk=shared_post.pk), {"body": "Kommentti"})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (
        client.post(
            url("comment_edit", experiment, pk=shared_post.pk, comment_pk=comment.pk), {"body": "Korjattu"}
        ).status_code
        == 302
    )
    comment.refresh_from_db()
    assert comment.body == "Korjattu"
    lead = client_for(experiment_lead)
    assert (
        lead.post(
            url("comment_hide", experiment, pk=shared_post.pk, comment_pk=comment.pk), {"hidden": "1"}
        ).status_code
        == 302
    )
    other_view = client_for(other_tester).get(url("post", experiment, pk=shared_post.pk)).content.decode()
    assert "Korjattu" not in other_view and _("This comment was hidden.") in other_view
    assert "Korjattu" in lead.get(url("post", experiment, pk=shared_post.pk)).content.decode()
    assert (
        client.post(url("comment_delete", experiment, pk=shared_post.pk, comment_pk=comment.pk)).status_code
        == 302
    )
    assert Comment.objects.count() == 0


def test_pin(experiment, shared_post, experiment_lead, client_for):
    client_for(experiment_lead).post(url("pin", experiment, pk=shared_post.pk), {"pinned": "1"})
    shared_post.refresh_from_db()
    assert shared_post.is_pinned


def test_preferences_page_saves_the_persons_own_choice(experiment, tester, client_for):
    client = client_for(tester)
    page = client.get(url("preferences", experiment))
    assert page.status_code == 200
    assert 'value="immediately" id="id_announcements_0" checked' in page.content.decode()
    response = client.post(url("preferences", experiment), {"announcements": "weekly", "stories": "none"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=tester, experiment=experiment)
    assert (preference.announcements, preference.stories) == ("weekly", "none")


def test_public_posts_of_a_public_experiment_for_anonymous_visitors(
    experiment, team_member, shared_post, group_post, client_for
):
    public = Post.objects.create(
        experiment=experiment, author=team_member, title="Julkinen tarina", body="x", audience=Audience.PUBLIC
    )
    anonymous = client_for(None)
    assert anonymous.get(url("feed", experiment)).status_code == 404
    assert anonymous.get(url("atom", experiment)).status_code == 404
    experiment.is_public = True
    experiment.save()
    feed = anonymous.get(url("feed", experiment)).content.decode()
    assert "Julkinen tarina" in feed and "Yhteinen tarina" not in feed and "Vain testaajille" not in feed
    overview = anonymous.get(reverse("experiments:detail", kwargs={"slug": experiment.slug})).content.decode()
    assert "Julkinen tarina" in overview and "Yhteinen tarina" not in overview
    assert anonymous.get(url("post", experiment, pk=public.pk)).status_code == 200
    assert anonymous.get(url("post", experiment, pk=shared_post.pk)).status_code == 404
    atom = anonymous.get(url("atom", experiment))
    assert atom.status_code == 200 and atom["Content-Type"].startswith("application/atom+xml")
    content = atom.content.decode()
    assert (
        "Julkinen tarina" in content
        and "Yhteinen tarina" not in content
        and "Vain testaajille" not in content
    )


def test_overview_section_shows_latest_visible_posts(
    experiment, shared_post, group_post, other_tester, client_for
):
    body = client_for(other_tester).get(reverse("experiments:detail", kwargs={"slug": experiment.slug}))
    text = body.content.decode()
    assert "updates-overview-heading" in text and "Yhteinen tarina" in text and "Vain testaajille" not in text

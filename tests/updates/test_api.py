import pytest
from django.core import mail
from rest_framework.test import APIClient

from kokeilu.updates.models import Comment, Post

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def base(experiment):
    return f"/api/v1/experiments/{experiment.slug}/"


def test_posts_list_is_filtered_by_audience(experiment, shared_post, group_post, tester, other_tester):
    assert {p["title"] for p in api(tester).get(f"{base(experiment)}posts/").json()} == {
        "Yhteinen tarina",
        "Vain testaajille",
    }
    assert {p["title"] for p in api(other_tester).get(f"{base(experiment)}posts/").json()} == {
        "Yhteinen tarina"
    }
    assert api(other_tester).get(f"{base(experiment)}posts/{group_post.pk}/").status_code == 404
    assert api(other_tester).get(f"{base(experiment)}posts/{group_post.pk}/comments/").status_code == 404


def test_create_update_pin_delete(
    experiment, team_member, experiment_lead, tester, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api(team_member).post(
            f"{base(experiment)}posts/",
            {"kind": "announcement", "title": "API-tiedote", "body": "x", "language": "en"},
            format="json",
        )
    assert response.status_code == 201, response.content
    post_id = response.json()["id"]
    assert sorted(m.to[0] for m in mail.outbox) == ["experiment_lead@example.test", "tester@example.test"]
    detail = f"{base(experiment)}posts/{post_id}/"
    assert api(team_member).patch(detail, {"title": "Muutettu"}, format="json").json()["title"] == "Muutettu"
    assert api(team_member).patch(detail, {"pinned": True}, format="json").status_code == 403
    assert api(experiment_lead).patch(detail, {"pinned": True}, format="json").json()["pinned"] is True
    assert api(team_member).delete(detail).status_code == 204
    assert Post.objects.count() == 0
    assert len(mail.outbox) == 2  # editing, pinning and deleting send nothing


def test_invalid_kind_and_group(experiment, team_member):
    response = api(team_member).post(
        f"{base(experiment)}posts/", {"kind": "rumour", "title": "x", "body": "y"}, format="json"
    )
    assert response.status_code == 400 and "kind" in response.json()
    response = api(team_member).post(
        f"{base(experiment)}posts/",
        {"title": "x", "body": "y", "audience": "group", "group": 99999},
        format="json",
    )
    assert response.status_code == 400 and "group" in response.json()


def test_comments(experiment, shared_post, tester, other_tester, experiment_lead):
    comments = f"{base(experiment)}posts/{shared_post.pk}/comments/"
    created = api(tester).post(comments, {"body": "Hyvä"}, format="json")
    assert created.status_code == 201
    comment_id = created.json()["id"]
    assert (
        api(other_tester).patch(f"{comments}{comment_id}/", {"body": "x"}, format="json").status_code == 403
    )
    assert api(tester).patch(f"{comments}{comment_id}/", {"body": "Parempi"}, format="json").json()[
        "body"
    ] == ("Parempi")
    assert (
        api(tester).post(f"{comments}{comment_id}/hide/", {"hidden": True}, format="json").status_code == 403
    )
    assert (
        api(experiment_lead)
        .post(f"{comments}{comment_id}/hide/", {"hidden": True}, format="json")
        .json()["hidden"]
        is True
    )
    listed = api(other_tester).get(comments).json()
    assert listed[0]["hidden"] is True and listed[0]["body"] == ""
    assert api(experiment_lead).get(comments).json()[0]["body"] == "Parempi"
    assert api(experiment_lead).delete(f"{comments}{comment_id}/").status_code == 403
    assert api(tester).delete(f"{comments}{comment_id}/").status_code == 204
    assert Comment.objects.count() == 0


def test_my_notification_preference(experiment, tester, applicant):
    url = f"{base(experiment)}notification-preference/"
    assert api(tester).get(url).json() == {"announcements": "immediately", "stories": "weekly"}
    assert api(tester).put(
        url, {"announcements": "none", "stories": "immediately"}, format="json"
    ).json() == {"announcements": "none", "stories": "immediately"}
    assert api(tester).get(url).json() == {"announcements": "none", "stories": "immediately"}
    response = api(tester).put(url, {"announcements": "hourly", "stories": "none"}, format="json")
    assert response.status_code == 400 and "announcements" in response.json()
    assert api(applicant).get(url).status_code == 404

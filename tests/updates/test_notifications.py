"""E-mails: once per eligible member, audience and preference respected, digests idempotent per week,
the unsubscribe link works without login and cannot be forged."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kokeilu.experiments.models import Audience
from kokeilu.updates import services, tasks
from kokeilu.updates.models import DigestDelivery, Frequency, Notification, Post, PostKind
from kokeilu.updates.selectors import preference_for
from kokeilu.updates.tokens import unsubscribe_token
from tests.factories import ExperimentFactory

pytestmark = pytest.mark.django_db


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def publish(experiment, author, capture, **kwargs):
    kwargs.setdefault("title", "Tiedote")
    kwargs.setdefault("body", "Huomenna työpaja.")
    kwargs.setdefault("kind", PostKind.ANNOUNCEMENT)
    with capture(execute=True):
        return services.post_create(experiment=experiment, author=author, **kwargs)


def test_announcement_to_the_experiment_mails_every_member_but_the_author_once(
    experiment, everyone, experiment_lead, django_capture_on_commit_callbacks
):
    post = publish(experiment, experiment_lead, django_capture_on_commit_callbacks)
    # Members only (the city's programme manager is not a member); the author gets no copy.
    assert recipients() == [
        "other_tester@example.test",
        "partner_member@example.test",
        "team_member@example.test",
        "tester@example.test",
    ]
    assert Notification.objects.filter(post=post, sent_at__isnull=False).count() == 4
    # Running the task again sends nothing more.
    tasks.notify_post_published(post_id=post.pk)
    tasks.notify_post_published(post_id=post.pk)
    assert len(mail.outbox) == 4


def test_group_post_mails_only_the_group(
    experiment, everyone, experiment_lead, testers_group, django_capture_on_commit_callbacks
):
    publish(
        experiment,
        experiment_lead,
        django_capture_on_commit_callbacks,
        audience=Audience.GROUP,
        group=testers_group,
        title="Vain testaajille",
    )
    assert recipients() == ["tester@example.test"]
    assert "Vain testaajille" in mail.outbox[0].subject


def test_stories_go_to_the_weekly_digest_by_default(
    experiment, everyone, team_member, django_capture_on_commit_callbacks
):
    publish(experiment, team_member, django_capture_on_commit_callbacks, kind=PostKind.STORY)
    assert mail.outbox == []


def test_preference_is_respected(
    experiment,
    everyone,
    tester,
    other_tester,
    team_member,
    experiment_lead,
    django_capture_on_commit_callbacks,
):
    services.preference_set(experiment=experiment, user=tester, announcements="none", stories="immediately")
    services.preference_set(experiment=experiment, user=other_tester, announcements="weekly", stories="none")
    publish(experiment, experiment_lead, django_capture_on_commit_callbacks, kind=PostKind.ANNOUNCEMENT)
    assert recipients() == ["partner_member@example.test", "team_member@example.test"]
    mail.outbox.clear()
    publish(experiment, team_member, django_capture_on_commit_callbacks, kind=PostKind.STORY)
    assert recipients() == ["tester@example.test"]


def test_mail_is_in_the_recipients_language_and_has_a_working_unsubscribe_link(
    experiment,
    everyone,
    tester,
    experiment_lead,
    testers_group,
    django_capture_on_commit_callbacks,
    client_for,
):
    tester.preferred_language = "en"
    tester.save()
    publish(
        experiment,
        experiment_lead,
        django_capture_on_commit_callbacks,
        audience=Audience.GROUP,
        group=testers_group,
        title="Uusi aika",
        body="<b>Ei HTML:ää</b>\nToinen rivi",
    )
    message = mail.outbox[0]
    assert message.subject == "New announcement in Koestamo test lab: Uusi aika"
    assert "<b>Ei HTML:ää</b>\nToinen rivi" in message.body
    link = re.search(r"http://\S+/unsubscribe/\S+/", message.body).group(0)
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    path = (
        link.split("127.0.0.1:8000", 1)[1]
        if "127.0.0.1:8000" in link
        else link.split("//", 1)[1].split("/", 1)[1]
    )
    path = path if path.startswith("/") else f"/{path}"
    anonymous = client_for(None)
    page = anonymous.get(path)
    assert page.status_code == 200
    # Opening the link changes nothing; confirming does.
    assert preference_for(experiment=experiment, user=tester)["announcements"] == "immediately"
    assert anonymous.post(path).status_code == 200
    assert preference_for(experiment=experiment, user=tester) == {"announcements": "none", "stories": "none"}
    mail.outbox.clear()
    publish(
        experiment,
        experiment_lead,
        django_capture_on_commit_callbacks,
        audience=Audience.GROUP,
        group=testers_group,
    )
    assert mail.outbox == []


def test_unsubscribe_link_cannot_be_forged_or_moved_to_another_experiment(
    experiment, tester, other_tester, client_for
):
    token = unsubscribe_token(user_id=tester.pk, experiment_id=experiment.pk)
    other = ExperimentFactory(city=experiment.city, slug="toinen")
    anonymous = client_for(None)

    def post(slug, value):
        return anonymous.post(reverse("updates:unsubscribe", kwargs={"slug": slug, "token": value}))

    _user_part, rest = token.split(":", 1)
    forged_payload = unsubscribe_token(user_id=other_tester.pk, experiment_id=experiment.pk).split(":", 1)[0]
    assert post(experiment.slug, f"{forged_payload}:{rest}").status_code == 404
    assert post(experiment.slug, token[:-2] + ("AA" if not token.endswith("AA") else "BB")).status_code == 404
    assert post(experiment.slug, "garbage").status_code == 404
    assert post(other.slug, token).status_code == 404
    assert preference_for(experiment=experiment, user=tester)["announcements"] == "immediately"
    assert preference_for(experiment=experiment, user=other_tester)["announcements"] == "immediately"
    assert post(experiment.slug, token).status_code == 200
    assert preference_for(experiment=experiment, user=tester)["announcements"] == Frequency.NONE


def _monday_last_week():
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday() + 7)


def _backdate(post, day):
    when = datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_default_timezone())
    Post.objects.filter(pk=post.pk).update(created_at=when)


def test_weekly_digest_is_sent_once_per_week_with_visible_posts_only(
    experiment,
    everyone,
    team_member,
    experiment_lead,
    testers_group,
    tester,
    other_tester,
    django_capture_on_commit_callbacks,
):
    monday = _monday_last_week()
    story = publish(
        experiment,
        team_member,
        django_capture_on_commit_callbacks,
        kind=PostKind.STORY,
        title="Viikon tarina",
    )
    secret = publish(
        experiment,
        experiment_lead,
        django_capture_on_commit_callbacks,
        kind=PostKind.STORY,
        title="Ryhmän tarina",
        audience=Audience.GROUP,
        group=testers_group,
    )
    old = publish(
        experiment, team_member, django_capture_on_commit_callbacks, kind=PostKind.STORY, title="Vanha tarina"
    )
    _backdate(story, monday + datetime.timedelta(days=2))
    _backdate(secret, monday + datetime.timedelta(days=3))
    _backdate(old, monday - datetime.timedelta(days=3))
    services.preference_set(
        experiment=experiment, user=other_tester, announcements="immediately", stories="none"
    )
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_update_digests", stdout=None)
    by_address = {message.to[0]: message for message in mail.outbox}
    # other_tester wants no stories; the team member sees only their own story, so gets no digest.
    assert sorted(by_address) == [
        "experiment_lead@example.test",
        "partner_member@example.test",
        "tester@example.test",
    ]
    assert "Ryhmän tarina" in by_address["tester@example.test"].body
    assert "Viikon tarina" in by_address["tester@example.test"].body
    assert "Ryhmän tarina" not in by_address["partner_member@example.test"].body
    assert "Viikon tarina" in by_address["experiment_lead@example.test"].body
    assert all("Vanha tarina" not in message.body for message in mail.outbox)
    assert all("/unsubscribe/" in message.body for message in mail.outbox)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_update_digests", week_start=monday.isoformat(), stdout=None)
    tasks.send_weekly_digest(experiment_id=experiment.pk, user_id=tester.pk, week_start=monday.isoformat())
    assert len(mail.outbox) == sent
    assert DigestDelivery.objects.filter(week_start=monday, sent_at__isnull=False).count() == 4


def test_digest_command_refuses_a_day_that_is_not_monday():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_update_digests", week_start="2026-01-06")

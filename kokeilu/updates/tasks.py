"""E-mails about posts: the notification of a new post and the weekly digest.

Both are idempotent: a Notification row per (post, person) and a DigestDelivery row per (experiment,
person, week) are claimed (sent_at set) before the message goes out, so a task run twice, or two
workers running it at once, send each message once. The audience rule is applied per recipient with
experiments.selectors.audience_filter, the same rule as the pages."""

import datetime
import logging
from collections.abc import Iterator

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kokeilu.accounts.models import User
from kokeilu.experiments.models import Experiment, ExperimentMember
from kokeilu.experiments.selectors import audience_filter, experiment_access

from .models import DigestDelivery, Frequency, Notification, Post, PostKind
from .selectors import frequency_for_kind, preference_for
from .tokens import unsubscribe_token

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    return f"{settings.KOKEILU_BASE_URL.rstrip('/')}{path}"


def _links(experiment: Experiment, user: User) -> dict[str, str]:
    token = unsubscribe_token(user_id=user.pk, experiment_id=experiment.pk)
    return {
        "unsubscribe_url": absolute_url(
            reverse("updates:unsubscribe", kwargs={"slug": experiment.slug, "token": token})
        ),
        "preferences_url": absolute_url(reverse("updates:preferences", kwargs={"slug": experiment.slug})),
    }


def _send(user: User, subject: str, body: str, unsubscribe_url: str) -> None:
    message = EmailMessage(
        subject, body, None, [user.email], headers={"List-Unsubscribe": f"<{unsubscribe_url}>"}
    )
    message.send()


def _members(experiment: Experiment) -> Iterator[User]:
    members = ExperimentMember.objects.filter(experiment=experiment, user__is_active=True).select_related(
        "user"
    )
    for member in members:
        if member.user.email:
            yield member.user


def _can_see(post: Post, user: User) -> bool:
    access = experiment_access(user=user, experiment=post.experiment)
    return Post.objects.filter(pk=post.pk).filter(audience_filter(access)).exists()


def post_notification_recipients(post: Post) -> list[User]:
    """The members (but the author) who can see the post and want its kind immediately."""
    recipients = []
    for user in _members(post.experiment):
        if user.pk == post.author_id:
            continue
        preference = preference_for(experiment=post.experiment, user=user)
        if frequency_for_kind(preference, post.kind) != Frequency.IMMEDIATELY:
            continue
        if _can_see(post, user):
            recipients.append(user)
    return recipients


def notify_post_published(*, post_id: int) -> None:
    post = Post.objects.select_related("experiment", "author").filter(pk=post_id).first()
    if post is None:
        return
    for user in post_notification_recipients(post):
        notification, _created = Notification.objects.get_or_create(post=post, user=user)
        claimed = Notification.objects.filter(pk=notification.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
        if not claimed:
            continue
        try:
            _send_post_email(post, user)
        except Exception:
            # Give the message back so a later run can send it.
            Notification.objects.filter(pk=notification.pk).update(sent_at=None)
            logger.exception("Could not e-mail post %s to user %s", post.pk, user.pk)


def _send_post_email(post: Post, user: User) -> None:
    experiment = post.experiment
    with translation.override(user.preferred_language):
        links = _links(experiment, user)
        context = {
            "post": post,
            "experiment_title": experiment.title,
            "kind": post.get_kind_display(),
            "author": str(post.author),
            "url": absolute_url(reverse("updates:post", kwargs={"slug": experiment.slug, "pk": post.pk})),
            **links,
        }
        if post.kind == PostKind.ANNOUNCEMENT:
            subject = _("New announcement in %(experiment)s: %(title)s")
        else:
            subject = _("New story in %(experiment)s: %(title)s")
        subject = subject % {"experiment": experiment.title, "title": post.title}
        body = render_to_string("updates/email/post.txt", context)
    _send(user, subject, body, links["unsubscribe_url"])


# --- Weekly digest ---------------------------------------------------------------------------------------


def week_bounds(week_start: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The week's first and the next week's first moment in the installation's time zone."""
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(week_start, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(week_start + datetime.timedelta(days=7), datetime.time.min, tzinfo=zone)
    return start, end


def digest_posts(*, experiment: Experiment, user: User, week_start: datetime.date) -> list[Post]:
    """The week's posts the person may see, of the kinds they want weekly, not their own."""
    preference = preference_for(experiment=experiment, user=user)
    kinds = [kind for kind in PostKind.values if frequency_for_kind(preference, kind) == Frequency.WEEKLY]
    access = experiment_access(user=user, experiment=experiment)
    if not kinds or not access.can_view:
        return []
    start, end = week_bounds(week_start)
    return list(
        Post.objects.filter(experiment=experiment, kind__in=kinds, created_at__gte=start, created_at__lt=end)
        .filter(audience_filter(access))
        .exclude(author_id=user.pk)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def send_weekly_digest(*, experiment_id: int, user_id: int, week_start: str) -> None:
    """E-mail one person's digest of one experiment for one week, once."""
    experiment = Experiment.objects.filter(pk=experiment_id).first()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if experiment is None or user is None or not user.email:
        return
    start = datetime.date.fromisoformat(week_start)
    delivery, _created = DigestDelivery.objects.get_or_create(
        experiment=experiment, user=user, week_start=start
    )
    claimed = DigestDelivery.objects.filter(pk=delivery.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return
    posts = digest_posts(experiment=experiment, user=user, week_start=start)
    if not posts:
        return
    try:
        with translation.override(user.preferred_language):
            links = _links(experiment, user)
            context = {
                "experiment_title": experiment.title,
                "week_start": start,
                "posts": [
                    {
                        "post": post,
                        "kind": post.get_kind_display(),
                        "url": absolute_url(
                            reverse("updates:post", kwargs={"slug": experiment.slug, "pk": post.pk})
                        ),
                    }
                    for post in posts
                ],
                **links,
            }
            subject = ngettext(
                "This week in %(experiment)s: %(count)s new post",
                "This week in %(experiment)s: %(count)s new posts",
                len(posts),
            ) % {
                "experiment": experiment.title,
                "count": len(posts),
            }
            body = render_to_string("updates/email/digest.txt", context)
        _send(user, subject, body, links["unsubscribe_url"])
    except Exception:
        DigestDelivery.objects.filter(pk=delivery.pk).update(sent_at=None)
        raise
    DigestDelivery.objects.filter(pk=delivery.pk).update(post_count=len(posts))

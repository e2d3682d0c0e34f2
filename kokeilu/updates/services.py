"""Writes of the updates feed: posts, comments, pins and notification preferences.

- The experiment's team (managers, leads, team members, partner representatives) posts; a post's
  author and the experiment's managers edit and remove it; managers pin.
- Anyone who can see a post and is in the workspace (members and managers; never anonymous
  visitors or outsiders of a public experiment) comments; a comment's author edits and removes it;
  managers hide and show it again.
- A new post e-mails, after commit, every member who can see it and wants it immediately
  (kokeilu.updates.tasks.notify_post_published, idempotent per post and person).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokeilu.accounts.models import User
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.tasks import enqueue
from kokeilu.experiments.models import Audience, Experiment, ParticipantGroup
from kokeilu.experiments.selectors import audience_filter, experiment_access
from kokeilu.experiments.services import require_manage, require_team

from .models import Comment, Frequency, NotificationPreference, Post, PostKind, PostLanguage


def _clean_audience(
    *, experiment: Experiment, audience: str, group: ParticipantGroup | None
) -> ParticipantGroup | None:
    if audience not in Audience.values:
        raise ApplicationError(_("Choose who may see this."), field="audience")
    if audience == Audience.GROUP:
        if group is None:
            raise ApplicationError(_("Choose the group."), field="group")
        if group.experiment_id != experiment.pk:
            raise ApplicationError(_("The group is not one of this experiment's groups."), field="group")
        return group
    return None


def post_is_visible_to(*, post: Post, user: User) -> bool:
    """Whether the person may see the post: the audience rule of experiments.selectors."""
    access = experiment_access(user=user, experiment=post.experiment)
    return Post.objects.filter(pk=post.pk).filter(audience_filter(access)).exists()


def _require_visible(post: Post, user: User) -> None:
    if not post_is_visible_to(post=post, user=user):
        raise PermissionDeniedError(_("You cannot see this post."))


def _require_author_or_manager(post: Post, user: User) -> None:
    access = experiment_access(user=user, experiment=post.experiment)
    if access.can_manage:
        return
    if not (access.is_team and post.author_id == user.pk):
        raise PermissionDeniedError(_("Only the post's author and the experiment's managers can do this."))


def _clean_post_fields(kind: str, title: str, body: str, language: str) -> tuple[str, str]:
    if kind not in PostKind.values:
        raise ApplicationError(_("Choose a story or an announcement."), field="kind")
    if language not in PostLanguage.values:
        raise ApplicationError(_("Choose the language of the post."), field="language")
    title, body = (title or "").strip(), (body or "").strip()
    if not title:
        raise ApplicationError(_("Give the post a title."), field="title")
    if not body:
        raise ApplicationError(_("Write the text of the post."), field="body")
    if len(title) > 200:
        raise ApplicationError(_("The title can be at most 200 characters long."), field="title")
    if len(body) > 20000:
        raise ApplicationError(_("The text can be at most 20000 characters long."), field="body")
    return title, body


def post_create(
    *,
    experiment: Experiment,
    author: User,
    title: str,
    body: str,
    kind: str = PostKind.STORY,
    language: str = PostLanguage.FI,
    audience: str = Audience.EXPERIMENT,
    group: ParticipantGroup | None = None,
) -> Post:
    """Publish a post; the members who can see it and want it immediately are e-mailed after commit."""
    require_team(author, experiment)
    group = _clean_audience(experiment=experiment, audience=audience, group=group)
    title, body = _clean_post_fields(kind, title, body, language)
    post = Post(
        experiment=experiment,
        author=author,
        kind=kind,
        title=title,
        body=body,
        language=language,
        audience=audience,
        group=group,
    )
    with transaction.atomic():
        post.full_clean()
        post.save()
        enqueue("kokeilu.updates.tasks.notify_post_published", post_id=post.pk)
    return post


def post_update(
    *,
    post: Post,
    updated_by: User,
    title: str,
    body: str,
    kind: str,
    language: str,
    audience: str,
    group: ParticipantGroup | None = None,
) -> Post:
    """Change a post (its author or a manager). Nobody is notified again."""
    _require_author_or_manager(post, updated_by)
    _require_visible(post, updated_by)
    post.group = _clean_audience(experiment=post.experiment, audience=audience, group=group)
    post.title, post.body = _clean_post_fields(kind, title, body, language)
    post.kind, post.language, post.audience = kind, language, audience
    post.full_clean()
    post.save()
    return post


def post_delete(*, post: Post, deleted_by: User) -> None:
    _require_author_or_manager(post, deleted_by)
    _require_visible(post, deleted_by)
    post.delete()


def post_pin(*, post: Post, pinned_by: User, pinned: bool) -> Post:
    """Pin a post to the top of the feed (or unpin it): the experiment's managers only."""
    require_manage(pinned_by, post.experiment)
    post.pinned_at = (post.pinned_at or timezone.now()) if pinned else None
    post.save(update_fields=["pinned_at", "updated_at"])
    return post


def _require_can_comment(post: Post, user: User) -> None:
    access = experiment_access(user=user, experiment=post.experiment)
    if not access.can_view:
        raise PermissionDeniedError(_("Only the experiment's members can comment."))
    _require_visible(post, user)


def _clean_comment(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ApplicationError(_("Write a comment."), field="body")
    if len(body) > 4000:
        raise ApplicationError(_("A comment can be at most 4000 characters long."), field="body")
    return body


def comment_create(*, post: Post, author: User, body: str) -> Comment:
    """Comment on a post the person can see (members and managers of the experiment)."""
    _require_can_comment(post, author)
    comment = Comment(post=post, author=author, body=_clean_comment(body))
    comment.full_clean()
    comment.save()
    return comment


def _require_comment_author(comment: Comment, user: User) -> None:
    if comment.author_id != user.pk:
        raise PermissionDeniedError(_("Only the comment's author can do this."))
    _require_can_comment(comment.post, user)


def comment_update(*, comment: Comment, updated_by: User, body: str) -> Comment:
    _require_comment_author(comment, updated_by)
    comment.body = _clean_comment(body)
    comment.full_clean()
    comment.save()
    return comment


def comment_delete(*, comment: Comment, deleted_by: User) -> None:
    _require_comment_author(comment, deleted_by)
    comment.delete()


def comment_hide(*, comment: Comment, hidden_by: User, hidden: bool = True) -> Comment:
    """Hide a comment from everyone but the managers (or show it again): the experiment's managers."""
    require_manage(hidden_by, comment.post.experiment)
    if hidden:
        comment.hidden_at = comment.hidden_at or timezone.now()
        comment.hidden_by = hidden_by
    else:
        comment.hidden_at = None
        comment.hidden_by = None
    comment.save(update_fields=["hidden_at", "hidden_by", "updated_at"])
    return comment


def preference_set(
    *, experiment: Experiment, user: User, announcements: str, stories: str
) -> NotificationPreference:
    """Save the person's own notification preference for the experiment (members and managers)."""
    if not experiment_access(user=user, experiment=experiment).can_view:
        raise PermissionDeniedError(_("Only the experiment's members have notification settings."))
    for field, value in (("announcements", announcements), ("stories", stories)):
        if value not in Frequency.values:
            raise ApplicationError(_("Choose how often to be notified."), field=field)
    preference, _created = NotificationPreference.objects.update_or_create(
        experiment=experiment, user=user, defaults={"announcements": announcements, "stories": stories}
    )
    return preference


def preference_unsubscribe(*, experiment: Experiment, user: User) -> NotificationPreference:
    """Stop every e-mail about the experiment's posts (from the signed link in an e-mail; no login)."""
    preference, _created = NotificationPreference.objects.update_or_create(
        experiment=experiment,
        user=user,
        defaults={"announcements": Frequency.NONE, "stories": Frequency.NONE},
    )
    return preference

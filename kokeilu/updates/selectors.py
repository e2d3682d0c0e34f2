"""Reads of the updates feed: the one visibility gate (experiments.selectors.audience_filter) for the
feed, a post's page, the API, the overview, the Atom feed and the e-mails."""

from django.db.models import Count, Q, QuerySet

from kokeilu.accounts.selectors import AnyUser
from kokeilu.experiments.models import Audience, Experiment
from kokeilu.experiments.selectors import ExperimentAccess, audience_filter

from .models import DEFAULT_FREQUENCY, Comment, NotificationPreference, Post, PostKind


def post_list_visible(*, experiment: Experiment, access: ExperimentAccess) -> QuerySet[Post]:
    """The posts the person may see: pinned first, then newest first, with their visible comment count."""
    return (
        Post.objects.filter(experiment=experiment)
        .filter(audience_filter(access))
        .select_related("author", "group")
        .annotate(comment_count=Count("comments", filter=Q(comments__hidden_at__isnull=True)))
    )


def post_get_visible(*, experiment: Experiment, access: ExperimentAccess, pk: int) -> Post | None:
    post = (
        Post.objects.filter(experiment=experiment)
        .filter(audience_filter(access))
        .select_related("author", "group")
        .filter(pk=pk)
        .first()
    )
    if post is not None:
        post.experiment = experiment
    return post


def post_list_public(*, experiment: Experiment) -> QuerySet[Post]:
    """The public posts of a public experiment (the Atom feed); none for a non-public one."""
    if not experiment.is_public:
        return Post.objects.none()
    return Post.objects.filter(experiment=experiment, audience=Audience.PUBLIC).select_related("author")


def comment_list(*, post: Post, access: ExperimentAccess) -> list[Comment]:
    """A post's comments for workspace members (outsiders see none). Hidden comments keep their place
    for everyone; their text is shown to managers only (templates and the API check `is_hidden`)."""
    if not access.can_view:
        return []
    comments = list(Comment.objects.filter(post=post).select_related("author"))
    for comment in comments:
        comment.post = post
    return comments


def comment_get(*, post: Post, access: ExperimentAccess, pk: int) -> Comment | None:
    if not access.can_view:
        return None
    comment = Comment.objects.filter(post=post, pk=pk).select_related("author").first()
    if comment is not None:
        comment.post = post
    return comment


def preference_for(*, experiment: Experiment, user: AnyUser) -> dict[str, str]:
    """The person's notification frequency by kind of post (the defaults when none was saved)."""
    found = (
        NotificationPreference.objects.filter(experiment=experiment, user_id=user.pk).first()
        if user.is_authenticated
        else None
    )
    if found is None:
        return {
            "announcements": DEFAULT_FREQUENCY[PostKind.ANNOUNCEMENT],
            "stories": DEFAULT_FREQUENCY[PostKind.STORY],
        }
    return {"announcements": found.announcements, "stories": found.stories}


def frequency_for_kind(preference: dict[str, str], kind: str) -> str:
    return preference["announcements"] if kind == PostKind.ANNOUNCEMENT else preference["stories"]

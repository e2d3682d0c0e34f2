"""Updates: a feed of posts (stories and announcements) with comments, addressed to the public, the
experiment or one group, and the e-mail notifications about them.

Notification preference (per experiment and person), for each kind of post: "immediately", "weekly"
(a digest on Mondays) or "none". Without a saved preference announcements are sent immediately and
stories in the weekly digest: announcements are what a member needs to act on (a changed time, a new
task), stories are reading that should not fill the inbox.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kokeilu.core.models import BaseModel
from kokeilu.experiments.models import AudienceFields, Experiment


class PostKind(models.TextChoices):
    STORY = "story", _("Story")
    ANNOUNCEMENT = "announcement", _("Announcement")


class PostLanguage(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")


class Post(BaseModel, AudienceFields):
    """A story or an announcement, written in one language (the `language` field; pages mark it with
    `lang` so screen readers read it right). The body is plain text: line breaks are kept, HTML is
    shown as text."""

    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="posts"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PostKind.choices, default=PostKind.STORY)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=20000)
    language = models.CharField(
        _("language"), max_length=2, choices=PostLanguage.choices, default=PostLanguage.FI
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    pinned_at = models.DateTimeField(_("pinned at"), null=True, blank=True)

    class Meta(AudienceFields.Meta):
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = [models.F("pinned_at").desc(nulls_last=True), "-created_at", "-pk"]
        indexes = [models.Index(fields=["experiment", "created_at"], name="post_experiment_created_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_pinned(self) -> bool:
        return self.pinned_at is not None


class Comment(BaseModel):
    """A member's comment on a post. Its author edits or removes it; a manager can hide it (the text
    is then shown to managers only)."""

    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=4000)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately")
    WEEKLY = "weekly", _("In a weekly digest")
    NONE = "none", _("Never")


DEFAULT_FREQUENCY: dict[str, str] = {
    PostKind.ANNOUNCEMENT: Frequency.IMMEDIATELY,
    PostKind.STORY: Frequency.WEEKLY,
}


class NotificationPreference(BaseModel):
    """How one person wants to hear about one experiment's new posts, by kind of post."""

    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    announcements = models.CharField(
        _("announcements"),
        max_length=20,
        choices=Frequency.choices,
        default=DEFAULT_FREQUENCY[PostKind.ANNOUNCEMENT],
    )
    stories = models.CharField(
        _("stories"), max_length=20, choices=Frequency.choices, default=DEFAULT_FREQUENCY[PostKind.STORY]
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["experiment", "user"], name="notification_preference_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.experiment}"

    def for_kind(self, kind: str) -> str:
        return self.announcements if kind == PostKind.ANNOUNCEMENT else self.stories


class Notification(BaseModel):
    """The e-mail about one new post to one person: the row makes sending it idempotent."""

    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="notification_once_per_post")]


class DigestDelivery(BaseModel):
    """One person's weekly digest of one experiment for the week starting on `week_start` (a Monday):
    the row makes the digest idempotent per week."""

    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    week_start = models.DateField(_("week starting"))
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("weekly digest")
        verbose_name_plural = _("weekly digests")
        constraints = [
            models.UniqueConstraint(fields=["experiment", "user", "week_start"], name="digest_once_per_week")
        ]

"""A learning reused by a city: a programme manager copied a published learning into one of the city's
development needs or calls in preparation.

The copy itself is text appended to the target's description (see `reuse.services`); this row remembers
that it happened, so the library can show how often each learning was reused and where. A reuse has
exactly one target, and one learning goes into one target at most once (both database constraints).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokeilu.accounts.models import Organisation, OrganisationKind
from kokeilu.calls.models import Call
from kokeilu.core.models import BaseModel
from kokeilu.platforms.models import DevelopmentNeed, NeedStatus
from kokeilu.reports.models import Learning

# A development need takes in learnings while it is being prepared or is open for answers; an addressed or
# archived need is closed. A call takes them in while it is a draft (see `reuse.services`).
REUSABLE_NEED_STATUSES = (NeedStatus.DRAFT, NeedStatus.PUBLISHED)


class TargetKind(models.TextChoices):
    NEED = "need", _("Development need")
    CALL = "call", _("Call")


class LearningReuse(BaseModel):
    learning = models.ForeignKey(
        Learning, verbose_name=_("learning"), on_delete=models.CASCADE, related_name="reuses"
    )
    city = models.ForeignKey(
        Organisation,
        verbose_name=_("reusing city"),
        on_delete=models.PROTECT,
        related_name="learning_reuses",
        limit_choices_to={"kind": OrganisationKind.CITY},
    )
    need = models.ForeignKey(
        DevelopmentNeed,
        verbose_name=_("development need"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="learning_reuses",
    )
    call = models.ForeignKey(
        Call,
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="learning_reuses",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reused by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reuse of a learning")
        verbose_name_plural = _("reuses of learnings")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(need__isnull=False, call__isnull=True) | Q(need__isnull=True, call__isnull=False),
                name="reuse_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["learning", "need"], condition=Q(need__isnull=False), name="reuse_unique_need"
            ),
            models.UniqueConstraint(
                fields=["learning", "call"], condition=Q(call__isnull=False), name="reuse_unique_call"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learning} → {self.city}"

    @property
    def target_kind(self) -> str:
        return TargetKind.NEED if self.need_id is not None else TargetKind.CALL

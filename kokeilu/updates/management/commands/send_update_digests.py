"""Enqueue the weekly digests of new posts: one task per experiment and member who wants a digest.

Run it on Mondays (e.g. from cron); it covers the previous week (Monday to Sunday, Helsinki time) unless
--week-start names another Monday. Running it again for the same week sends nothing twice: each task
records its DigestDelivery and members whose digest was already sent are skipped."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from kokeilu.core.tasks import enqueue
from kokeilu.experiments.models import Experiment, ExperimentMember
from kokeilu.updates.models import DigestDelivery, Frequency, Post, PostKind
from kokeilu.updates.selectors import frequency_for_kind, preference_for
from kokeilu.updates.tasks import week_bounds


def previous_week_start(today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=today.weekday() + 7)


class Command(BaseCommand):
    help = "Enqueue the weekly digests of new posts (for the previous week by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--week-start", help="The Monday (YYYY-MM-DD) the digest's week starts on.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("week_start"):
            try:
                week_start = datetime.date.fromisoformat(options["week_start"])
            except ValueError:
                raise CommandError("--week-start must be a date: YYYY-MM-DD") from None
            if week_start.weekday() != 0:
                raise CommandError("--week-start must be a Monday")
        else:
            week_start = previous_week_start(timezone.localdate())
        start, end = week_bounds(week_start)
        experiment_ids = set(
            Post.objects.filter(created_at__gte=start, created_at__lt=end).values_list(
                "experiment_id", flat=True
            )
        )
        enqueued = 0
        with transaction.atomic():
            for experiment in Experiment.objects.filter(pk__in=experiment_ids):
                done = set(
                    DigestDelivery.objects.filter(
                        experiment=experiment, week_start=week_start, sent_at__isnull=False
                    ).values_list("user_id", flat=True)
                )
                members = ExperimentMember.objects.filter(experiment=experiment, user__is_active=True)
                for member in members.select_related("user"):
                    if member.user_id in done:
                        continue
                    preference = preference_for(experiment=experiment, user=member.user)
                    if not any(
                        frequency_for_kind(preference, kind) == Frequency.WEEKLY for kind in PostKind.values
                    ):
                        continue
                    enqueue(
                        "kokeilu.updates.tasks.send_weekly_digest",
                        experiment_id=experiment.pk,
                        user_id=member.user_id,
                        week_start=week_start.isoformat(),
                    )
                    enqueued += 1
        self.stdout.write(f"Enqueued {enqueued} digests for the week starting {week_start.isoformat()}.")

"""Enqueue the reminders that are due: for confirmed participants and slot holders of events starting
within the next 24 hours (or --hours). Safe to run as often as cron likes: each person is reminded once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from kokeilu.core.tasks import enqueue
from kokeilu.events.selectors import reminders_due


class Command(BaseCommand):
    help = "Enqueue e-mail reminders for events (and booked time slots) starting within the next 24 hours."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hours", type=int, default=24, help="How far ahead to remind (hours).")

    def handle(self, *args: Any, **options: Any) -> None:
        due = reminders_due(within_hours=options["hours"])
        with transaction.atomic():  # the tasks run after commit
            for registration_id in due.registration_ids:
                enqueue("kokeilu.events.tasks.send_registration_reminder", registration_id=registration_id)
            for booking_id in due.booking_ids:
                enqueue("kokeilu.events.tasks.send_booking_reminder", booking_id=booking_id)
        self.stdout.write(
            f"Enqueued {len(due.registration_ids)} event reminders and {len(due.booking_ids)} slot reminders."
        )

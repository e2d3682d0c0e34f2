"""Create a synthetic, pseudonymised dataset of a city in the analytics store (for demos and trials)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kokeilu.accounts.models import Organisation, OrganisationKind
from kokeilu.analytics import services
from kokeilu.core.exceptions import ApplicationError


class Command(BaseCommand):
    help = "Generate, pseudonymise and ingest a synthetic population as a dataset of a city."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--city", required=True, help="slug of the city")
        parser.add_argument("--people", type=int, default=3000)
        parser.add_argument("--seed", type=int, default=2017)
        parser.add_argument("--name", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        city = Organisation.objects.filter(slug=options["city"], kind=OrganisationKind.CITY).first()
        if city is None:
            raise CommandError(f"No city with the slug {options['city']!r}.")
        try:
            dataset = services.dataset_create_synthetic(
                city=city,
                created_by=None,
                people=options["people"],
                seed=options["seed"],
                name=options["name"],
            )
        except ApplicationError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(
            f"Created dataset {dataset.pk}: {dataset.name} ({dataset.people} people, {dataset.events} events)"
        )

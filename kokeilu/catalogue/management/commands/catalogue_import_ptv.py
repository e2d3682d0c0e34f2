"""`manage.py catalogue_import_ptv FILE --city espoo --as USERNAME`: bring a PTV-shaped JSON file into a
city's catalogue through the same service the manager page uses (nothing is fetched from the network)."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kokeilu.accounts.models import Organisation, OrganisationKind, User
from kokeilu.catalogue.ptv import ptv_import
from kokeilu.core.exceptions import ApplicationError


class Command(BaseCommand):
    help = (
        "Import services, locations and channels from a JSON file in the shape of the national service "
        "catalogue."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--city", required=True, help="Slug of the city whose catalogue receives the file."
        )
        parser.add_argument(
            "--as",
            dest="username",
            required=True,
            help="A programme manager of the city (or a site administrator).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        city = Organisation.objects.filter(slug=options["city"], kind=OrganisationKind.CITY).first()
        if city is None:
            raise CommandError(f"No city with the slug {options['city']!r}.")
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']!r}.")
        try:
            data = json.loads(options["file"].read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from error
        try:
            result = ptv_import(city=city, data=data, imported_by=user)
        except ApplicationError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(self.style.SUCCESS(result.summary()))
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(warning))

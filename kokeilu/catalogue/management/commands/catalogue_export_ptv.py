"""`manage.py catalogue_export_ptv --city espoo [--output FILE] [--include-unpublished]`: write a city's
catalogue as a JSON file in the shape of the national service catalogue."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kokeilu.accounts.models import Organisation, OrganisationKind
from kokeilu.catalogue.models import Service
from kokeilu.catalogue.ptv import ptv_export, services_for_export


class Command(BaseCommand):
    help = "Export a city's catalogue to a JSON file in the shape of the national service catalogue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--city", required=True, help="Slug of the city.")
        parser.add_argument("--output", type=Path, help="File to write; standard output when left out.")
        parser.add_argument("--include-unpublished", action="store_true", help="Export drafts too.")

    def handle(self, *args: Any, **options: Any) -> None:
        city = Organisation.objects.filter(slug=options["city"], kind=OrganisationKind.CITY).first()
        if city is None:
            raise CommandError(f"No city with the slug {options['city']!r}.")
        services = Service.objects.filter(producer__city=city)
        if not options["include_unpublished"]:
            services = services.filter(is_published=True)
        text = json.dumps(ptv_export(services=services_for_export(services)), ensure_ascii=False, indent=2)
        if options["output"]:
            options["output"].write_text(text + "\n", encoding="utf-8")
            self.stdout.write(
                self.style.SUCCESS(f"Wrote {services.count()} services to {options['output']}.")
            )
        else:
            self.stdout.write(text)

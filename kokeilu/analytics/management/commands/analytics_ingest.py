"""Ingest a pseudonymised extract (the directory `python -m kokeilu.analytics.cli pseudonymise` wrote)."""

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kokeilu.accounts.models import Organisation, OrganisationKind
from kokeilu.analytics import services
from kokeilu.analytics.pipeline import keys
from kokeilu.analytics.pipeline.errors import PipelineError
from kokeilu.core.exceptions import ApplicationError


class Command(BaseCommand):
    help = "Ingest a pseudonymised extract as a dataset of a city."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("extract", help="the directory written by the pseudonymise command")
        parser.add_argument("--city", required=True, help="slug of the city")
        parser.add_argument("--name", required=True)
        parser.add_argument(
            "--transfer-key-file", help=f"for encrypted extracts (default: ${keys.TRANSFER_KEY_ENV})"
        )
        parser.add_argument(
            "--strict", action="store_true", help="refuse the extract if any row is malformed"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        city = Organisation.objects.filter(slug=options["city"], kind=OrganisationKind.CITY).first()
        if city is None:
            raise CommandError(f"No city with the slug {options['city']!r}.")
        transfer_key = None
        key_file = options["transfer_key_file"]
        try:
            if key_file or os.environ.get(keys.TRANSFER_KEY_ENV):
                transfer_key = keys.load_key(
                    key_file=Path(key_file) if key_file else None,
                    env_var=keys.TRANSFER_KEY_ENV,
                    purpose="transfer",
                )
            dataset = services.dataset_ingest_extract(
                city=city,
                created_by=None,
                name=options["name"],
                extract_dir=Path(options["extract"]),
                transfer_key=transfer_key,
                strict=options["strict"],
            )
        except (ApplicationError, PipelineError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Created dataset {dataset.pk}: {dataset.people} people, {dataset.events} events, "
            f"{dataset.rejected_rows} malformed rows not stored"
        )

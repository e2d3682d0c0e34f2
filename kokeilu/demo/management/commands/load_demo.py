"""`python manage.py load_demo`: fill an empty database with the demo and print a login for each role."""

import os
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kokeilu.core.exceptions import ApplicationError
from kokeilu.demo.loader import Persona, demo_is_loaded, demo_load, persona_list, persona_passwords_set

DEFAULT_PASSWORD = "kokeilu-demo"
DUMMY_EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"


def _catalogue_demo(password: str) -> list[Any]:
    """Espoo's family services from all three sectors, with feedback and answers (idempotent)."""
    from kokeilu.accounts.models import Organisation, OrganisationKind
    from kokeilu.catalogue.demo import load_catalogue_demo

    espoo = Organisation.objects.get(slug="espoo", kind=OrganisationKind.CITY)
    return list(load_catalogue_demo(city=espoo, password=password))


class Command(BaseCommand):
    help = (
        "Load the demo: Espoo's Iso Omena rapid pilots, Helsinki's staff experiment campaign and an open "
        "KYKY call, with a persona for each role. Every persona's password is KOKEILU_DEMO_PASSWORD "
        f"(default “{DEFAULT_PASSWORD}”). Running it again only resets the personas' passwords."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--analytics-people",
            type=int,
            default=5000,
            help="size of the synthetic population for service-path analytics (0: none)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("KOKEILU_DEMO_PASSWORD") or DEFAULT_PASSWORD
        if demo_is_loaded():
            persona_passwords_set(password=password)
            catalogue_personas = _catalogue_demo(password)
            self.stdout.write(_("The demo is already loaded; the personas' passwords were reset."))
            self._print_logins([*persona_list(), *catalogue_personas], password)
            return
        # The services e-mail applicants about submissions and decisions; the demo's invented people
        # must not flood the console, so mail goes nowhere while the demo loads.
        email_backend = settings.EMAIL_BACKEND
        settings.EMAIL_BACKEND = DUMMY_EMAIL_BACKEND
        started = time.monotonic()
        try:
            personas = demo_load(password=password, analytics_people=options["analytics_people"])
            personas = [*personas, *_catalogue_demo(password)]
        except ApplicationError as error:
            # A service refused part of the story: nothing was saved; say which rule refused it.
            details = getattr(error, "errors", None) or {error.field or "-": [str(error.message)]}
            raise CommandError(_("The demo could not be loaded: %(errors)s") % {"errors": details}) from error
        finally:
            settings.EMAIL_BACKEND = email_backend
        self.stdout.write(
            self.style.SUCCESS(
                _("The demo was loaded in %(seconds).1f s.") % {"seconds": time.monotonic() - started}
            )
        )
        self._print_logins(personas, password)

    def _print_logins(self, personas: list[Persona], password: str) -> None:
        rows = [(_("role"), _("username"), _("password"))]
        rows += [(_(persona.role), persona.username, password) for persona in personas]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        self.stdout.write("")
        with translation.override("fi"):
            login_path = reverse("accounts:login")
        self.stdout.write(_("Sign in at %(path)s on the demo server as:") % {"path": login_path})
        for number, row in enumerate(rows):
            self.stdout.write(
                "  " + " · ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            )
            if number == 0:
                self.stdout.write("  " + "-+-".join("-" * width for width in widths))

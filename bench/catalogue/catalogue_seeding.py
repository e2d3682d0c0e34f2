"""Seeds a city's catalogue at the issue's scale: 50,000 services of 500 producers at 100,000 locations with
weekly hours and exceptions, and 1,000,000 feedback items over the past year.

The large tables are written with PostgreSQL's COPY (through Django's connection), with explicit ids and
the sequences moved past them afterwards; everything is deterministic (a fixed random seed). Rows are
generated, not written through the services: the benchmark measures reading them.
"""

import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import time, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from kokeilu.accounts.models import Organisation, OrganisationKind
from kokeilu.catalogue.models import (
    LifeSituation,
    OpeningException,
    OpeningHours,
    Producer,
    Service,
    ServiceClass,
    ServiceLocation,
    TargetGroup,
)
from kokeilu.feedback.models import Feedback

SEED_VERSION = 2
CITY_SLUG = "bench-catalogue-city"
# Words that service names are made of: (Finnish, Swedish, English).
WORDS = (
    ("neuvola", "rådgivning", "clinic"),
    ("perhe", "familj", "family"),
    ("vauva", "baby", "baby"),
    ("päiväkoti", "daghem", "day care"),
    ("kerho", "klubb", "club"),
    ("valmennus", "förberedelse", "coaching"),
    ("terapia", "terapi", "therapy"),
    ("liikunta", "motion", "exercise"),
    ("kirjasto", "bibliotek", "library"),
    ("neuvonta", "rådgivning", "advice"),
    ("kotipalvelu", "hemtjänst", "home help"),
    ("vertaistuki", "kamratstöd", "peer support"),
    ("musiikki", "musik", "music"),
    ("uinti", "simning", "swimming"),
    ("ohjaus", "handledning", "guidance"),
    ("kahvila", "kafé", "café"),
    ("leikki", "lek", "play"),
    ("hammashoito", "tandvård", "dental care"),
    ("kieli", "språk", "language"),
    ("retki", "utflykt", "outing"),
)
LANGUAGE_SETS = (",fi,", ",fi,sv,", ",fi,en,", ",fi,sv,en,", ",fi,sv,en,ru,", ",fi,en,ar,so,")
SECTORS = ("public", "private", "third")


@dataclass(frozen=True)
class CatalogueSeedSize:
    producers: int = 500
    services: int = 50_000
    locations_per_service: int = 2
    feedback: int = 1_000_000
    feedback_days: int = 365

    def marker(self) -> dict[str, Any]:
        return {"benchmark": "catalogue", "version": SEED_VERSION, **asdict(self)}

    @property
    def locations(self) -> int:
        return self.services * self.locations_per_service


def _columns(model: type[models.Model], names: Sequence[str]) -> list[str]:
    return [model._meta.get_field(name).column for name in names]


def _copy(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """COPY rows into the table; returns how many."""
    count = 0
    raw = connection.connection
    assert raw is not None
    column_list = ", ".join(f'"{column}"' for column in columns)
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table}" ({column_list}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _reset_sequence(model: type[models.Model]) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), COALESCE(MAX(id), 1)) "
            f'FROM "{table}"'
        )


class _Seeder:
    def __init__(self, size: CatalogueSeedSize) -> None:
        self.size = size
        self.rng = random.Random(311)
        self.now = timezone.now()

    def run(self) -> None:
        with transaction.atomic():
            connection.ensure_connection()
            city = Organisation.objects.create(
                kind=OrganisationKind.CITY, name="Benchkaupunki", slug=CITY_SLUG
            )
            self.producer_ids = self._producers(city)
            print(f"  {len(self.producer_ids)} producers", flush=True)
            print(f"  {self._services()} services", flush=True)
            print(f"  {self._classifications()} classifications", flush=True)
            print(f"  {self._locations()} locations", flush=True)
            print(f"  {self._hours()} opening hours, {self._exceptions()} exceptions", flush=True)
            print(f"  {self._feedback()} feedback items", flush=True)
            for model in (Service, ServiceLocation, OpeningHours, OpeningException, Feedback):
                _reset_sequence(model)
        # VACUUM as well as ANALYZE: autovacuum keeps a live database's visibility map current, and without
        # it the index-only scans the catalogue's counts rely on would read the tables after all.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    def _producers(self, city: Organisation) -> list[int]:
        kinds = {
            "public": OrganisationKind.CITY_UNIT,
            "private": OrganisationKind.COMPANY,
            "third": OrganisationKind.ASSOCIATION,
        }
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    kind=kinds[SECTORS[number % 3]],
                    name=f"Tuottaja {number}",
                    slug=f"bench-producer-{number}",
                    city=city if SECTORS[number % 3] == "public" else None,
                )
                for number in range(self.size.producers)
            ]
        )
        producers = Producer.objects.bulk_create(
            [
                Producer(
                    organisation=organisation, city=city, sector=SECTORS[number % 3], response_target_days=10
                )
                for number, organisation in enumerate(organisations)
            ]
        )
        return [producer.pk for producer in producers]

    def _service_rows(self) -> Iterator[list[Any]]:
        rng = self.rng
        for number in range(1, self.size.services + 1):
            first, second = rng.sample(WORDS, 2)
            name_fi, name_sv, name_en = (f"{first[i].capitalize()}{second[i]} {number}" for i in range(3))
            summary_fi = f"{first[0].capitalize()} ja {second[0]} lähellä sinua."
            producer_index = number % self.size.producers
            fee = rng.random() < 0.4
            amount = Decimal(rng.randrange(5, 400)) if fee else None
            search = " ".join((name_fi, name_sv, name_en, summary_fi, f"tuottaja {producer_index}")).lower()
            yield [
                number,
                self.now,
                self.now,
                self.producer_ids[producer_index],
                f"s-{number}",
                name_fi,
                name_sv,
                name_en,
                summary_fi,
                "",
                f"{first[2].capitalize()} near you.",
                "",
                "",
                "",
                rng.choice(LANGUAGE_SETS),
                "fee" if fee else "free",
                amount,
                "",
                "",
                "",
                rng.random() < 0.97,
                search,
            ]

    def _services(self) -> int:
        names = [
            "id",
            "created_at",
            "updated_at",
            "producer",
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "summary_fi",
            "summary_sv",
            "summary_en",
            "description_fi",
            "description_sv",
            "description_en",
            "languages",
            "price_type",
            "price_amount",
            "price_info_fi",
            "price_info_sv",
            "price_info_en",
            "is_published",
            "search_text",
        ]
        return _copy(Service._meta.db_table, _columns(Service, names), self._service_rows())

    def _classifications(self) -> int:
        total = 0
        for field, model in (
            ("life_situations", LifeSituation),
            ("target_groups", TargetGroup),
            ("service_classes", ServiceClass),
        ):
            ids = list(model._default_manager.values_list("id", flat=True))
            through = getattr(Service, field).through
            source, target = (f.column for f in through._meta.fields if f.name != "id")
            per_service = 2 if field == "life_situations" else 1

            def rows(ids: list[int] = ids, per_service: int = per_service) -> Iterator[tuple[int, int]]:
                for service_id in range(1, self.size.services + 1):
                    for item in self.rng.sample(ids, self.rng.randint(1, per_service)):
                        yield service_id, item

            total += _copy(through._meta.db_table, [source, target], rows())
        return total

    def _locations(self) -> int:
        rng = self.rng
        names = [
            "id",
            "created_at",
            "updated_at",
            "producer",
            "name_fi",
            "name_sv",
            "name_en",
            "street_address_fi",
            "street_address_sv",
            "postal_code",
            "post_office_fi",
            "post_office_sv",
            "latitude",
            "longitude",
            "closed_on_public_holidays",
        ]

        def rows() -> Iterator[list[Any]]:
            for number in range(1, self.size.locations + 1):
                service = (number + 1) // self.size.locations_per_service
                producer_index = service % self.size.producers
                yield [
                    number,
                    self.now,
                    self.now,
                    self.producer_ids[producer_index],
                    f"Palvelupiste {number}",
                    "",
                    "",
                    f"Benchkatu {number}",
                    "",
                    f"{2100 + number % 800:05d}",
                    "Espoo",
                    "",
                    Decimal(f"{60.15 + rng.random() * 0.1:.6f}"),
                    Decimal(f"{24.60 + rng.random() * 0.3:.6f}"),
                    rng.random() < 0.9,
                ]

        count = _copy(ServiceLocation._meta.db_table, _columns(ServiceLocation, names), rows())
        through = ServiceLocation.services.through
        location_column = through._meta.get_field("servicelocation").column
        service_column = through._meta.get_field("service").column
        pairs = (
            (number, (number + 1) // self.size.locations_per_service)
            for number in range(1, self.size.locations + 1)
        )
        _copy(through._meta.db_table, [location_column, service_column], pairs)
        return count

    def _hours(self) -> int:
        rng = self.rng

        def rows() -> Iterator[tuple[int, int, int, time, time]]:
            row_id = 0
            for location in range(1, self.size.locations + 1):
                opens = time(rng.choice((7, 8, 8, 9)), rng.choice((0, 30)))
                closes = time(rng.choice((15, 16, 16, 18, 20)), 0)
                days = [*range(5)] + ([5] if rng.random() < 0.3 else []) + ([6] if rng.random() < 0.1 else [])
                for weekday in days:
                    row_id += 1
                    if weekday >= 5:
                        yield row_id, location, weekday, time(10), time(14)
                    else:
                        yield row_id, location, weekday, opens, closes

        return _copy(
            OpeningHours._meta.db_table,
            _columns(OpeningHours, ["id", "location", "weekday", "opens", "closes"]),
            rows(),
        )

    def _exceptions(self) -> int:
        rng = self.rng
        today = timezone.localdate()
        names = [
            "id",
            "created_at",
            "updated_at",
            "location",
            "date_from",
            "date_to",
            "is_closed",
            "opens",
            "closes",
            "description_fi",
            "description_sv",
            "description_en",
        ]

        def rows() -> Iterator[list[Any]]:
            row_id = 0
            for location in range(1, self.size.locations + 1):
                draw = rng.random()
                if draw < 0.05:  # closed around now
                    row_id += 1
                    yield [
                        row_id,
                        self.now,
                        self.now,
                        location,
                        today - timedelta(days=1),
                        today + timedelta(days=1),
                        True,
                        None,
                        None,
                        "Suljettu",
                        "",
                        "",
                    ]
                elif draw < 0.06:  # other hours around now
                    row_id += 1
                    yield [
                        row_id,
                        self.now,
                        self.now,
                        location,
                        today,
                        today + timedelta(days=2),
                        False,
                        time(12),
                        time(15),
                        "Lyhennetty",
                        "",
                        "",
                    ]
                elif draw < 0.30:  # a past or future break
                    start = today + timedelta(days=rng.randint(-200, 200))
                    row_id += 1
                    yield [
                        row_id,
                        self.now,
                        self.now,
                        location,
                        start,
                        start + timedelta(days=rng.randint(0, 14)),
                        True,
                        None,
                        None,
                        "Tauko",
                        "",
                        "",
                    ]

        return _copy(OpeningException._meta.db_table, _columns(OpeningException, names), rows())

    def _feedback(self) -> int:
        rng = self.rng
        services = self.size.services
        producers = self.size.producers
        span = self.size.feedback_days * 86400
        names = [
            "id",
            "created_at",
            "updated_at",
            "service",
            "producer",
            "token",
            "channel",
            "kind",
            "satisfaction",
            "description",
            "description_hidden",
            "attributes",
            "requested_at",
            "state",
            "latitude",
            "longitude",
            "address_string",
            "address_id",
            "zipcode",
            "media_url",
            "photo",
            "photo_content_type",
            "email",
            "first_name",
            "last_name",
            "phone",
            "device_id",
            "account_id",
            "language",
            "public_answer",
            "answered_at",
            "first_answered_at",
            "response_seconds",
            "closed_at",
            "internal_note",
        ]
        kinds = ("praise", "complaint", "idea", "question")
        open_states = ("received", "in_progress", "waiting")

        def rows() -> Iterator[list[Any]]:
            for number in range(1, self.size.feedback + 1):
                # Popular services get more feedback: a skewed draw over the service ids.
                service = min(services, int(services * rng.random() ** 2) + 1)
                requested = self.now - timedelta(seconds=rng.randrange(span))
                is_open = rng.random() < 0.3
                answered = not is_open or rng.random() < 0.3
                response = rng.randrange(3600, 20 * 86400) if answered else None
                answered_at = requested + timedelta(seconds=response) if response else None
                state = (
                    rng.choice(open_states)
                    if is_open
                    else ("resolved" if rng.random() < 0.9 else "dismissed")
                )
                yield [
                    number,
                    requested,
                    answered_at or requested,
                    service,
                    self.producer_ids[service % producers],
                    f"{number:016x}",
                    "web" if number % 3 else "open311",
                    kinds[number % 4],
                    rng.randint(1, 5) if rng.random() < 0.6 else None,
                    f"Palaute numero {number}.",
                    False,
                    "{}",
                    requested,
                    state,
                    None,
                    None,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "fi",
                    f"Vastaus palautteeseen {number}." if answered else "",
                    answered_at,
                    answered_at,
                    response,
                    None if is_open else answered_at or requested,
                    "",
                ]

        return _copy(Feedback._meta.db_table, _columns(Feedback, names), rows())


def seed(size: CatalogueSeedSize) -> None:
    _Seeder(size).run()

"""Demo of the service catalogue: a city's family services from all three sectors in Finnish, Swedish and
English, with locations, opening hours, contact channels, and feedback that has been answered.

Everything is written through the catalogue's and the feedback app's services, as people would. The
companies, associations, people, phone numbers and e-mail addresses are invented; place names and street
addresses are real places in Espoo. Run it again and nothing changes: the load is one transaction and is
skipped when the city already has the demo's producers.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokeilu.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from kokeilu.accounts.services import membership_add, user_create
from kokeilu.feedback.demo import feedback_demo_load

from ..models import LifeSituation, Producer, Service, ServiceClass, TargetGroup
from ..services import (
    address_point_save,
    channel_save,
    location_create,
    location_set_weekly_hours,
    location_update,
    opening_exception_add,
    producer_create,
    service_create,
)
from .data import ADDRESSES, EMAIL_DOMAIN, PRODUCERS, ProducerSpec

__all__ = ["DemoPersona", "catalogue_demo_is_loaded", "load_catalogue_demo"]


@dataclass(frozen=True)
class DemoPersona:
    role: str
    username: str


def _person(username: str, first_name: str, last_name: str, password: str | None) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(
            username=username,
            email=f"{username}@{EMAIL_DOMAIN}",
            password=password,
            first_name=first_name,
            last_name=last_name,
            validate=False,
        )
    return user


def _city_manager(city: Organisation, password: str | None) -> User:
    """A programme manager of the city acts for the city (the demo's own one when there is one)."""
    membership = (
        Membership.objects.filter(organisation=city, role=Role.PROGRAMME_MANAGER)
        .select_related("user")
        .order_by("id")
        .first()
    )
    if membership is not None:
        return membership.user
    user = _person(f"{city.slug}-catalogue-manager", "Kaisa", "Katalogi", password)
    membership_add(user=user, organisation=city, role=Role.PROGRAMME_MANAGER)
    return user


def _organisation(city: Organisation, spec: ProducerSpec) -> Organisation | None:
    return (
        Organisation.objects.filter(name=spec.name)
        .filter(kind=spec.kind, **({"city": city} if spec.kind == OrganisationKind.CITY_UNIT else {}))
        .first()
    )


def catalogue_demo_is_loaded(*, city: Organisation) -> bool:
    return Service.objects.filter(code=PRODUCERS[0].services[0].code, producer__city=city).exists()


def load_catalogue_demo(*, city: Organisation, password: str | None = None) -> list[DemoPersona]:
    """Load the demo into the city's catalogue (once; later calls return the personas and change nothing).
    `password` is given to the producers' feedback handlers (none when left out)."""
    personas = [
        DemoPersona(_("Feedback handler (%(producer)s)") % {"producer": spec.name}, spec.handler[0])
        for spec in PRODUCERS
    ]
    if catalogue_demo_is_loaded(city=city):
        if password:
            # As the main demo does on a second run: the logins it prints must work.
            for user in User.objects.filter(username__in=[persona.username for persona in personas]):
                user.set_password(password)
                user.save(update_fields=["password"])
        return personas
    with transaction.atomic():
        manager = _city_manager(city, password)
        for address, latitude, longitude in ADDRESSES:
            address_point_save(
                address=address, latitude=Decimal(latitude), longitude=Decimal(longitude), city=city
            )
        classifications: dict[str, dict[str, Any]] = {
            "life_situations": {item.code: item for item in LifeSituation.objects.all()},
            "target_groups": {item.code: item for item in TargetGroup.objects.all()},
            "service_classes": {item.code: item for item in ServiceClass.objects.all()},
        }
        for spec in PRODUCERS:
            handler = _person(*spec.handler, password)
            organisation = _organisation(city, spec)
            producer = (
                Producer.objects.filter(organisation=organisation).first()
                if organisation is not None
                else None
            ) or producer_create(
                created_by=manager,
                city=city,
                organisation=organisation,
                name=spec.name,
                kind=spec.kind,
                business_id=spec.business_id,
                sector=spec.sector,
                response_target_days=spec.response_target_days,
                **spec.description.fields("description"),
            )
            membership_add(user=handler, organisation=producer.organisation, role=Role.MEMBER)
            locations = []
            given_at: dict[int, list[Service]] = {index: [] for index in range(len(spec.locations))}
            for location_spec in spec.locations:
                location = location_create(
                    created_by=handler,
                    producer=producer,
                    **location_spec.name.fields("name"),
                    street_address_fi=location_spec.street,
                    street_address_sv=location_spec.street_sv,
                    postal_code=location_spec.postal_code,
                    post_office_fi=location_spec.post_office,
                    post_office_sv="Esbo",
                    latitude=Decimal(location_spec.latitude),
                    longitude=Decimal(location_spec.longitude),
                )
                location_set_weekly_hours(
                    location=location, updated_by=handler, intervals=location_spec.hours
                )
                christmas = timezone.localdate().replace(month=12, day=27)
                opening_exception_add(
                    location=location,
                    added_by=handler,
                    date_from=christmas,
                    date_to=christmas + timedelta(days=3),
                    description_fi="Joulutauko",
                    description_sv="Jullov",
                    description_en="Christmas break",
                )
                locations.append(location)
            for service_spec in spec.services:
                service = service_create(
                    created_by=handler,
                    producer=producer,
                    code=service_spec.code,
                    languages=service_spec.languages,
                    life_situations=[
                        classifications["life_situations"][code] for code in service_spec.life_situations
                    ],
                    target_groups=[
                        classifications["target_groups"][code] for code in service_spec.target_groups
                    ],
                    service_classes=[
                        classifications["service_classes"][code] for code in service_spec.service_classes
                    ],
                    is_published=True,
                    price_type="fee" if service_spec.price is not None else "free",
                    price_amount=service_spec.price,
                    **service_spec.name.fields("name"),
                    **service_spec.summary.fields("summary"),
                    **service_spec.description.fields("description"),
                    **service_spec.price_info.fields("price_info"),
                )
                if service_spec.location is not None:
                    given_at[service_spec.location].append(service)
                for position, channel in enumerate(service_spec.channels):
                    channel_save(
                        service=service,
                        saved_by=handler,
                        kind=channel.kind,
                        url=channel.url,
                        phone_number=channel.phone_number,
                        phone_charge=channel.phone_charge,
                        position=position,
                        **channel.name.fields("name"),
                        **channel.hours.fields("hours"),
                    )
                feedback_demo_load(service=service, handler=handler, items=service_spec.feedback)
            for index, services_here in given_at.items():
                location_update(location=locations[index], updated_by=handler, services=services_here)
    return personas

"""Export to the PTV shape."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import time
from typing import Any

from django.db import models

from kokeilu.accounts.models import OrganisationKind

from ..models import (
    MIDNIGHT,
    ChannelKind,
    Classification,
    ContactChannel,
    LifeSituation,
    PhoneCharge,
    PriceType,
    Producer,
    Sector,
    Service,
    ServiceLocation,
)
from .common import CHANNEL_TYPES, LANGUAGES, ORGANIZATION_TYPES, PHONE_CHARGES, WEEKDAYS
from .common import identifier as _identifier
from .common import source_id as _source_id


def _localized(row: Any, base: str, item_type: str | None = None) -> list[dict[str, str]]:
    items = []
    for language in LANGUAGES:
        value = getattr(row, f"{base}_{language}", "")
        if value:
            item = {"language": language, "value": value}
            if item_type:
                item = {"type": item_type, **item}
            items.append(item)
    return items


def _finto_items(items: Iterable[Classification]) -> list[dict[str, Any]]:
    return [{"code": item.code, "uri": item.uri or None, "name": _localized(item, "name")} for item in items]


def _life_events(items: Iterable[LifeSituation]) -> list[dict[str, Any]]:
    """Life situations as PTV names them: the national code and URI where one is recorded (PTV accepts
    only those), with Kokeilu's own code alongside so that a file read back finds the same situation."""
    return [
        {
            "code": item.national_code or item.code,
            "uri": item.uri or None,
            "kokeiluCode": item.code,
            "name": _localized(item, "name"),
        }
        for item in items
    ]


def _time_text(value: time) -> str:
    return "00:00:00" if value == MIDNIGHT else f"{value:%H:%M:%S}"


def _export_organization(producer: Producer) -> dict[str, Any]:
    organisation = producer.organisation
    return {
        "id": _identifier("producer", producer),
        "sourceId": _source_id("producer", producer.pk),
        "organizationType": ORGANIZATION_TYPES.get(OrganisationKind(organisation.kind), "Organization"),
        "businessCode": organisation.business_id or None,
        "organizationNames": [{"type": "Name", "language": "fi", "value": organisation.name}],
        "organizationDescriptions": _localized(producer, "description", "Description"),
        "webPages": [{"url": producer.web_page, "value": organisation.name, "language": "fi"}]
        if producer.web_page
        else [],
        "publishingStatus": "Published",
        "kokeiluSector": producer.sector,
        "kokeiluResponseTargetDays": producer.response_target_days,
    }


def _export_service(service: Service) -> dict[str, Any]:
    descriptions = [
        *_localized(service, "summary", "Summary"),
        *_localized(service, "description", "Description"),
        *_localized(service, "price_info", "ChargeTypeAdditionalInfo"),
    ]
    producer_reference = {
        "id": _identifier("producer", service.producer),
        "name": service.producer.organisation.name,
    }
    channel_ids = sorted({_identifier("channel", channel) for channel in service.channels.all()})
    location_ids = sorted(_identifier("location", location) for location in service.locations.all())
    return {
        "id": _identifier("service", service),
        "sourceId": service.code,
        "type": "Service",
        "fundingType": "PubliclyFunded" if service.producer.sector == Sector.PUBLIC else "MarketFunded",
        "serviceNames": _localized(service, "name", "Name"),
        "serviceDescriptions": descriptions,
        "serviceChargeType": "FreeOfCharge" if service.price_type == PriceType.FREE else "Chargeable",
        "languages": service.language_codes,
        "lifeEvents": _life_events(service.life_situations.all()),
        "targetGroups": _finto_items(service.target_groups.all()),
        "serviceClasses": _finto_items(service.service_classes.all()),
        "organizations": [
            {"roleType": "Responsible", "organization": producer_reference},
            {"roleType": "Producer", "provisionType": "SelfProduced", "organization": producer_reference},
        ],
        "serviceChannels": [
            {"serviceChannel": {"id": channel_id}} for channel_id in [*location_ids, *channel_ids]
        ],
        "publishingStatus": "Published" if service.is_published else "Draft",
        "modified": service.updated_at.isoformat(),
        "kokeiluPrice": (
            {"amount": f"{service.price_amount:.2f}", "currency": "EUR"}
            if service.price_amount is not None
            else None
        ),
    }


def _export_location(location: ServiceLocation, service_ids: list[str]) -> dict[str, Any]:
    regular = [
        {
            "serviceHourType": "DaysOfTheWeek",
            "validForNow": True,
            "isClosed": False,
            "openingHour": [
                {
                    "dayFrom": WEEKDAYS[row.weekday],
                    "dayTo": None,
                    "from": _time_text(row.opens),
                    "to": _time_text(row.closes),
                }
                for row in location.opening_hours.all()
            ],
        }
    ]
    exceptional = [
        {
            "serviceHourType": "Exceptional",
            "validFrom": f"{row.date_from.isoformat()}T00:00:00",
            "validTo": f"{row.date_to.isoformat()}T00:00:00",
            "isClosed": row.is_closed,
            "additionalInformation": _localized(row, "description"),
            "openingHour": (
                []
                if row.is_closed or not row.opens or not row.closes
                else [{"from": _time_text(row.opens), "to": _time_text(row.closes)}]
            ),
        }
        for row in location.opening_exceptions.all()
    ]
    street_address = {
        "street": _localized(location, "street_address"),
        "streetNumber": None,
        "postalCode": location.postal_code,
        "postOffice": _localized(location, "post_office"),
        "latitude": f"{location.latitude}",
        "longitude": f"{location.longitude}",
    }
    return {
        "id": _identifier("location", location),
        "sourceId": _source_id("location", location.pk),
        "serviceChannelType": "ServiceLocation",
        "organizationId": _identifier("producer", location.producer),
        "serviceChannelNames": _localized(location, "name", "Name"),
        "addresses": [
            {"type": "Location", "subType": "Street", "country": "FI", "streetAddress": street_address}
        ],
        "serviceHours": [*regular, *exceptional],
        "services": [{"service": {"id": service_id}} for service_id in service_ids],
        "publishingStatus": "Published",
        "kokeiluClosedOnPublicHolidays": location.closed_on_public_holidays,
    }


def _export_channel(channels: list[ContactChannel], service_ids: list[str]) -> dict[str, Any]:
    channel = channels[0]
    entity: dict[str, Any] = {
        "id": _identifier("channel", channel),
        "sourceId": _source_id("channel", channel.pk),
        "serviceChannelType": CHANNEL_TYPES[ChannelKind(channel.kind)],
        "organizationId": _identifier("producer", channel.service.producer),
        "serviceChannelNames": _localized(channel, "name", "Name"),
        "services": [{"service": {"id": service_id}} for service_id in service_ids],
        "publishingStatus": "Published",
    }
    hours = _localized(channel, "hours")
    if hours:
        entity["serviceHours"] = [
            {
                "serviceHourType": "DaysOfTheWeek",
                "validForNow": True,
                "additionalInformation": hours,
                "openingHour": [],
            }
        ]
    if channel.kind == ChannelKind.PHONE:
        entity["phoneNumbers"] = [
            {
                "type": "Phone",
                "number": channel.phone_number,
                "prefixNumber": None,
                "serviceChargeType": PHONE_CHARGES.get(PhoneCharge(channel.phone_charge), "Other")
                if channel.phone_charge
                else None,
                "language": "fi",
            }
        ]
    else:
        entity["webPage"] = [{"language": "fi", "value": channel.url}]
    return entity


def ptv_export(*, services: Iterable[Service]) -> dict[str, Any]:
    """The services, their producers, locations and channels in the PTV shape. The caller decides which
    services (published ones for everyone, also drafts for those who edit them)."""
    services = list(services)
    producers: dict[int, Producer] = {}
    locations: dict[int, ServiceLocation] = {}
    location_services: dict[int, list[str]] = defaultdict(list)
    channels: dict[str, list[ContactChannel]] = defaultdict(list)
    channel_services: dict[str, list[str]] = defaultdict(list)
    for service in services:
        producers[service.producer_id] = service.producer
        service_id = _identifier("service", service)
        for location in service.locations.all():
            locations[location.pk] = location
            location_services[location.pk].append(service_id)
        for channel in service.channels.all():
            channel_id = _identifier("channel", channel)
            channels[channel_id].append(channel)
            channel_services[channel_id].append(service_id)
    return {
        "organizations": [_export_organization(producer) for producer in producers.values()],
        "services": [_export_service(service) for service in services],
        "serviceChannels": [
            *(_export_location(location, location_services[pk]) for pk, location in locations.items()),
            *(_export_channel(rows, channel_services[channel_id]) for channel_id, rows in channels.items()),
        ],
    }


def services_for_export(queryset: models.QuerySet[Service]) -> models.QuerySet[Service]:
    return (
        queryset.select_related("producer", "producer__organisation")
        .prefetch_related(
            "life_situations",
            "target_groups",
            "service_classes",
            "channels__service__producer",
            "locations__opening_hours",
            "locations__opening_exceptions",
            "locations__producer",
        )
        .order_by("producer_id", "id")
    )

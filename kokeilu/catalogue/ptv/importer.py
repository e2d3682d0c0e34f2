"""Import from the PTV shape, through the catalogue's services."""

import re
import uuid
from collections import defaultdict
from datetime import time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kokeilu.accounts.models import Organisation, OrganisationKind, User
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError

from .. import services as catalogue_services
from ..models import (
    MIDNIGHT,
    ChannelKind,
    Classification,
    ContactChannel,
    LifeSituation,
    OpeningException,
    PriceType,
    Producer,
    Sector,
    Service,
    ServiceClass,
    ServiceLocation,
    TargetGroup,
)
from ..national import broader_life_event_uri, normalise_life_event_uri
from ..selectors import user_can_manage_catalogue_of
from .common import (
    PHONE_CHARGES,
    PRIVATE_ORGANIZATION_TYPES,
    PUBLIC_ORGANIZATION_TYPES,
    WEEKDAYS,
    own_identifier,
)
from .reading import ImportResult, Reader, find_row, parse_day, parse_time, three


class _Importer:
    def __init__(self, *, city: Organisation, imported_by: User) -> None:
        self.city, self.user = city, imported_by
        self.result = ImportResult()
        # Channel identifier → identifiers of the services that list it.
        self.channel_links: dict[str, set[str]] = defaultdict(set)
        self.producers: dict[str, Producer] = {}
        self.services: dict[str, Service] = {}
        self.organizations: dict[str, Reader] = {}
        self.classifications: dict[type[Classification], list[Classification]] = {}

    # Classifications are curated code lists: items are matched, never created.
    def _classified(self, model: type[Classification], reader: Reader, key: str) -> list[Classification]:
        known = self.classifications.setdefault(model, list(model._default_manager.all()))
        found: list[Classification] = []
        for number, item in enumerate(reader.list(key)):
            item_reader = Reader(item, f"{reader.path}.{key}[{number}]")
            # Our own export gives Kokeilu's code beside the national one.
            code = item_reader.text("kokeiluCode") or item_reader.text("code")
            uri = item_reader.text("uri")
            names = item_reader.localized("name")
            match = next(
                (
                    candidate
                    for candidate in known
                    if (code and candidate.code == code)
                    or (uri and candidate.uri == uri)
                    or (names.get("fi") and candidate.name_fi.lower() == names["fi"].lower())
                ),
                None,
            )
            if match is None and model is LifeSituation:
                match = self._by_national_life_event(known, uri or item_reader.text("code"))
            if match is None:
                self.result.warnings.append(
                    _("%(path)s: “%(name)s” is not in the catalogue's code list and was left out.")
                    % {"path": item_reader.path, "name": names.get("fi") or code or uri}
                )
            elif match not in found:
                found.append(match)
        return found

    @staticmethod
    def _by_national_life_event(known: list[Classification], text: str) -> Classification | None:
        """The life situation recorded for a national life event (its URI over http or https, or its
        code KE4.1); failing that, the one recorded for the item it belongs to (KE4)."""
        uri = normalise_life_event_uri(text)
        for wanted in (uri, broader_life_event_uri(uri)):
            if wanted:
                found = next((candidate for candidate in known if candidate.uri == wanted), None)
                if found is not None:
                    return found
        return None

    def producer_for(self, organisation_id: str, fallback_name: str, path: str) -> Producer:
        if organisation_id in self.producers:
            return self.producers[organisation_id]
        entity = self.organizations.get(organisation_id)
        identifier = uuid.UUID(organisation_id) if organisation_id else None
        source_id = entity.text("sourceId") if entity else ""
        producer = find_row(Producer, "producer", identifier, source_id)
        if producer is not None and producer.city_id != self.city.pk:
            raise ApplicationError(
                _("%(path)s: the organisation produces services in another city's catalogue.")
                % {"path": path},
                field="file",
            )
        names = entity.localized("organizationNames", "Name") if entity else {}
        name = names.get("fi") or next(iter(names.values()), "") or fallback_name
        sector = entity.text("kokeiluSector") if entity else ""
        organization_type = entity.text("organizationType") if entity else ""
        if sector not in Sector.values:
            sector = (
                Sector.PUBLIC
                if organization_type in PUBLIC_ORGANIZATION_TYPES
                else Sector.PRIVATE
                if organization_type in PRIVATE_ORGANIZATION_TYPES
                else Sector.THIRD
                if organization_type == "Organization"
                else ""
            )
        descriptions: dict[str, Any] = three(
            entity.localized("organizationDescriptions", "Description") if entity else {}, "description"
        )
        target = entity.data.get("kokeiluResponseTargetDays") if entity else None
        if isinstance(target, int) and 1 <= target <= 90:
            descriptions["response_target_days"] = target
        if producer is None:
            business_id = entity.text("businessCode") if entity else ""
            organisation = None
            if business_id:
                organisation = Organisation.objects.filter(business_id=business_id).first()
            if organisation is None and name:
                organisation = (
                    Organisation.objects.filter(name__iexact=name)
                    .filter(
                        Q(city=self.city)
                        | Q(pk=self.city.pk)
                        | Q(city__isnull=True, kind__in=["company", "association"])
                    )
                    .first()
                )
            if organisation is not None and hasattr(organisation, "catalogue_producer"):
                producer = organisation.catalogue_producer
            elif organisation is not None:
                producer = catalogue_services.producer_create(
                    created_by=self.user,
                    city=self.city,
                    organisation=organisation,
                    sector=sector,
                    ptv_id=identifier,
                    **descriptions,
                )
                self.result.created["producer"] += 1
            else:
                if not name:
                    raise ApplicationError(
                        _("%(path)s: the producer has no name.") % {"path": path}, field="file"
                    )
                kind = (
                    OrganisationKind.CITY_UNIT
                    if organization_type in PUBLIC_ORGANIZATION_TYPES or sector == Sector.PUBLIC
                    else OrganisationKind.ASSOCIATION
                    if sector == Sector.THIRD or organization_type == "Organization"
                    else OrganisationKind.COMPANY
                )
                producer = catalogue_services.producer_create(
                    created_by=self.user,
                    city=self.city,
                    name=name,
                    kind=kind,
                    business_id=business_id,
                    sector=sector,
                    ptv_id=identifier,
                    **descriptions,
                )
                self.result.created["producer"] += 1
        elif entity is not None and any(
            value for key, value in descriptions.items() if key.startswith("description")
        ):
            catalogue_services.producer_update(producer=producer, updated_by=self.user, **descriptions)
            self.result.updated["producer"] += 1
        self.producers[organisation_id] = producer
        return producer

    def service(self, reader: Reader) -> None:
        status = reader.text("publishingStatus") or "Published"
        identifier = reader.uuid()
        source_id = reader.text("sourceId")
        existing = find_row(Service, "service", identifier, "")
        if existing is None and source_id:
            # Our own export puts the service's code in sourceId.
            candidate = Service.objects.filter(code=source_id).first()
            if candidate is not None and (
                identifier is None or own_identifier("service", candidate.pk) == identifier
            ):
                existing = candidate
        if status in ("Deleted", "Archived"):
            if existing is not None and existing.is_published:
                catalogue_services.service_update(service=existing, updated_by=self.user, is_published=False)
                self.result.updated["service"] += 1
            return
        names = reader.localized("serviceNames", "Name")
        if not names.get("fi"):
            raise reader.error("serviceNames", _("a name in Finnish is required."))
        roles = [
            Reader(item, f"{reader.path}.organizations[{n}]")
            for n, item in enumerate(reader.list("organizations"))
        ]
        role = next((r for r in roles if r.text("roleType") == "Producer"), None) or next(
            (r for r in roles if r.text("roleType") == "Responsible"), None
        )
        if role is None or not isinstance(role.data.get("organization"), dict):
            raise reader.error("organizations", _("the producing organisation is missing."))
        reference = Reader(role.data["organization"], f"{role.path}.organization")
        organisation_id = str(reference.uuid() or "")
        if not organisation_id:
            raise reference.error("id", _("the producing organisation has no identifier."))
        producer = self.producer_for(organisation_id, reference.text("name"), reference.path)
        charge = reader.text("serviceChargeType")
        price_info = reader.localized("serviceDescriptions", "ChargeTypeAdditionalInfo")
        amount = self._amount(reader, price_info)
        fields: dict[str, Any] = {
            **three(names, "name", 100),
            **three(reader.localized("serviceDescriptions", "Summary"), "summary", 150),
            **three(reader.localized("serviceDescriptions", "Description"), "description", 2500),
            **three(price_info, "price_info", 150),
            "price_type": PriceType.FEE if charge in ("Chargeable", "Charged") else PriceType.FREE,
            "price_amount": amount if charge in ("Chargeable", "Charged") else None,
            "is_published": status == "Published",
        }
        if fields["price_type"] == PriceType.FEE and amount is None:
            fields["price_type"] = PriceType.FREE
            self.result.warnings.append(
                _(
                    "%(path)s: the service is chargeable but no amount could be read; "
                    "it was imported as free, "
                    "check it."
                )
                % {"path": reader.path}
            )
        languages = [code for code in reader.list("languages") if isinstance(code, str)]
        known_languages = [code for code in languages if code in catalogue_services.SERVICE_LANGUAGE_CODES]
        classifications: dict[str, Any] = {
            "life_situations": self._classified(LifeSituation, reader, "lifeEvents"),
            "target_groups": self._classified(TargetGroup, reader, "targetGroups"),
            "service_classes": self._classified(ServiceClass, reader, "serviceClasses"),
        }
        if existing is not None:
            if existing.producer_id != producer.pk:
                raise reader.error("organizations", _("the service belongs to another producer here."))
            service = catalogue_services.service_update(
                service=existing,
                updated_by=self.user,
                languages=known_languages or ["fi"],
                **classifications,
                **fields,
            )
            self.result.updated["service"] += 1
        else:
            code = source_id if source_id and re.fullmatch(r"[-a-zA-Z0-9_]{1,60}", source_id) else ""
            if code and (
                code in catalogue_services.RESERVED_CODES or Service.objects.filter(code=code).exists()
            ):
                code = ""
            service = catalogue_services.service_create(
                created_by=self.user,
                producer=producer,
                code=code,
                languages=known_languages or ["fi"],
                ptv_id=identifier,
                **classifications,
                **fields,
            )
            self.result.created["service"] += 1
        if identifier is not None:
            self.services[str(identifier)] = service
        for reference_item in reader.list("serviceChannels") if identifier is not None else []:
            channel = reference_item.get("serviceChannel") if isinstance(reference_item, dict) else None
            if isinstance(channel, dict) and channel.get("id"):
                self.channel_links[str(channel["id"])].add(str(identifier))

    def _amount(self, reader: Reader, price_info: dict[str, str]) -> Decimal | None:
        extension = reader.data.get("kokeiluPrice")
        if isinstance(extension, dict) and extension.get("amount") not in (None, ""):
            try:
                return Decimal(str(extension["amount"])).quantize(Decimal("0.01"))
            except InvalidOperation as error:
                raise reader.error("kokeiluPrice", _("the amount is not a number.")) from error
        for text in price_info.values():
            match = re.search(r"(\d+(?:[.,]\d{1,2})?)\s*(?:€|eur)", text, re.IGNORECASE)
            if match:
                return Decimal(match.group(1).replace(",", ".")).quantize(Decimal("0.01"))
        return None

    def _linked_services(self, reader: Reader, producer: Producer) -> list[Service]:
        identifiers = set(self.channel_links.get(str(reader.uuid()), set()))
        for item in reader.list("services"):
            service = item.get("service") if isinstance(item, dict) else None
            if isinstance(service, dict) and service.get("id"):
                identifiers.add(str(service["id"]))
        linked = []
        for identifier in sorted(identifiers):
            service = self.services.get(identifier)
            if service is None:
                try:
                    service = find_row(Service, "service", uuid.UUID(identifier), "")
                except ValueError:
                    service = None
            if service is None:
                self.result.warnings.append(
                    _("%(path)s: a linked service is not in the file or the catalogue.")
                    % {"path": reader.path}
                )
            elif service.producer_id != producer.pk:
                self.result.warnings.append(
                    _("%(path)s: “%(service)s” belongs to another producer and was not linked.")
                    % {"path": reader.path, "service": service.name_fi}
                )
            elif service not in linked:
                linked.append(service)
        return linked

    def channel(self, reader: Reader) -> None:
        kind = reader.text("serviceChannelType")
        if reader.text("publishingStatus") in ("Deleted", "Archived"):
            return
        organisation_id = reader.text("organizationId")
        if organisation_id:
            try:
                uuid.UUID(organisation_id)
            except ValueError as error:
                raise reader.error("organizationId", _("is not a valid identifier.")) from error
            producer = self.producer_for(organisation_id, "", reader.path)
        else:
            linked = [
                self.services[i] for i in self.channel_links.get(str(reader.uuid()), ()) if i in self.services
            ]
            if not linked:
                raise reader.error("organizationId", _("the channel's organisation is missing."))
            producer = linked[0].producer
        services = self._linked_services(reader, producer)
        if kind == "ServiceLocation":
            self._location(reader, producer, services)
        elif kind in ("EChannel", "WebPage", "Phone"):
            self._contact_channel(reader, kind, services)
        else:
            self.result.warnings.append(
                _("%(path)s: channels of type “%(type)s” are not part of the catalogue and were left out.")
                % {"path": reader.path, "type": kind or "?"}
            )

    def _location(self, reader: Reader, producer: Producer, services: list[Service]) -> None:
        names = reader.localized("serviceChannelNames", "Name")
        addresses = [
            Reader(item, f"{reader.path}.addresses[{n}]") for n, item in enumerate(reader.list("addresses"))
        ]
        address = next((a for a in addresses if a.text("type") in ("Location", "Visiting", "")), None)
        street_data = address.data.get("streetAddress") if address else None
        if address is None or not isinstance(street_data, dict):
            raise reader.error("addresses", _("a service location needs a street address."))
        street = Reader(street_data, f"{address.path}.streetAddress")
        streets = street.localized("street")
        number = street.text("streetNumber")
        try:
            latitude = Decimal(street.text("latitude")).quantize(Decimal("0.000001"))
            longitude = Decimal(street.text("longitude")).quantize(Decimal("0.000001"))
        except InvalidOperation as error:
            raise street.error("latitude", _("the location needs coordinates (WGS84).")) from error
        holidays_value = reader.data.get("kokeiluClosedOnPublicHolidays")
        fields: dict[str, Any] = {
            **three(names or {"fi": streets.get("fi", "")}, "name", 100),
            "street_address_fi": f"{streets.get('fi', '')} {number}".strip()[:100],
            "street_address_sv": f"{streets['sv']} {number}".strip()[:100] if streets.get("sv") else "",
            "postal_code": street.text("postalCode")[:5],
            "post_office_fi": street.localized("postOffice").get("fi", "")[:50],
            "post_office_sv": street.localized("postOffice").get("sv", "")[:50],
            "latitude": latitude,
            "longitude": longitude,
            "closed_on_public_holidays": holidays_value if isinstance(holidays_value, bool) else True,
        }
        identifier = reader.uuid()
        existing = find_row(ServiceLocation, "location", identifier, reader.text("sourceId"))
        if existing is not None:
            if existing.producer_id != producer.pk:
                raise reader.error("organizationId", _("the location belongs to another producer here."))
            location = catalogue_services.location_update(
                location=existing,
                updated_by=self.user,
                services=[*existing.services.all(), *services],
                **fields,
            )
            self.result.updated["location"] += 1
        else:
            location = catalogue_services.location_create(
                created_by=self.user, producer=producer, services=services, ptv_id=identifier, **fields
            )
            self.result.created["location"] += 1
        self._hours(reader, location)

    def _hours(self, reader: Reader, location: ServiceLocation) -> None:
        weekly: dict[int, list[tuple[time, time]]] = defaultdict(list)
        exceptions: list[dict[str, Any]] = []
        for number, item in enumerate(reader.list("serviceHours")):
            hours = Reader(item, f"{reader.path}.serviceHours[{number}]")
            kind = hours.text("serviceHourType")
            openings = [
                Reader(o, f"{hours.path}.openingHour[{n}]") for n, o in enumerate(hours.list("openingHour"))
            ]
            if kind in ("DaysOfTheWeek", "Standard"):
                if hours.data.get("validForNow") is False and hours.text("validTo"):
                    continue  # a period of regular hours that has ended
                for opening in openings:
                    first = (
                        WEEKDAYS.index(opening.text("dayFrom"))
                        if opening.text("dayFrom") in WEEKDAYS
                        else None
                    )
                    if first is None:
                        raise opening.error("dayFrom", _("should be a weekday in English (Monday…Sunday)."))
                    last = (
                        WEEKDAYS.index(opening.text("dayTo")) if opening.text("dayTo") in WEEKDAYS else first
                    )
                    opens = parse_time(opening.text("from"), opening, "from")
                    closes = parse_time(opening.text("to"), opening, "to")
                    days = [(first + offset) % 7 for offset in range((last - first) % 7 + 1)]
                    for weekday in days:
                        if closes != MIDNIGHT and closes <= opens:
                            # Past midnight: the evening on this day, the rest on the next.
                            weekly[weekday].append((opens, MIDNIGHT))
                            weekly[(weekday + 1) % 7].append((MIDNIGHT, closes))
                        else:
                            weekly[weekday].append((opens, closes))
            elif kind in ("Exceptional", "Exception", "Special"):
                valid_from = parse_day(hours.text("validFrom"), hours, "validFrom")
                valid_to = (
                    parse_day(hours.text("validTo"), hours, "validTo")
                    if hours.text("validTo")
                    else valid_from
                )
                descriptions = three(hours.localized("additionalInformation"), "description", 150)
                if hours.data.get("isClosed") or not openings:
                    exceptions.append(
                        {"date_from": valid_from, "date_to": valid_to, "is_closed": True, **descriptions}
                    )
                for opening in [] if hours.data.get("isClosed") else openings:
                    exceptions.append(
                        {
                            "date_from": valid_from,
                            "date_to": valid_to,
                            "is_closed": False,
                            "opens": parse_time(opening.text("from"), opening, "from"),
                            "closes": parse_time(opening.text("to"), opening, "to"),
                            **descriptions,
                        }
                    )
            else:
                self.result.warnings.append(
                    _("%(path)s: service hours of type “%(type)s” were left out.")
                    % {"path": hours.path, "type": kind}
                )
        catalogue_services.location_set_weekly_hours(
            location=location, updated_by=self.user, intervals=weekly
        )
        for exception in OpeningException.objects.filter(location=location).select_related(
            "location__producer"
        ):
            catalogue_services.opening_exception_delete(exception=exception, deleted_by=self.user)
        for exception_fields in exceptions:
            catalogue_services.opening_exception_add(
                location=location, added_by=self.user, **exception_fields
            )

    def _contact_channel(self, reader: Reader, kind: str, services: list[Service]) -> None:
        names = reader.localized("serviceChannelNames", "Name")
        hours_text: dict[str, str] = {}
        for number, item in enumerate(reader.list("serviceHours")):
            for language, value in (
                Reader(item, f"{reader.path}.serviceHours[{number}]")
                .localized("additionalInformation")
                .items()
            ):
                hours_text.setdefault(language, value)
        fields: dict[str, Any] = {**three(names, "name", 100), **three(hours_text, "hours", 150)}
        if kind == "Phone":
            phones = [
                Reader(p, f"{reader.path}.phoneNumbers[{n}]")
                for n, p in enumerate(reader.list("phoneNumbers"))
            ]
            phone = next((p for p in phones if p.text("type") in ("Phone", "")), None)
            if phone is None:
                raise reader.error("phoneNumbers", _("a phone channel needs a phone number."))
            charges = {value: key for key, value in PHONE_CHARGES.items()}
            fields.update(
                kind=ChannelKind.PHONE,
                phone_number=f"{phone.text('prefixNumber')} {phone.text('number')}".strip()[:30],
                phone_charge=charges.get(phone.text("serviceChargeType"), ""),
                url="",
            )
        else:
            pages: dict[str, Any] = reader.localized("webPage") or {
                item.get("language", "fi"): item.get("url") or item.get("value")
                for item in reader.list("webPages")
                if isinstance(item, dict)
            }
            url = pages.get("fi") or next(iter(pages.values()), "")
            if not url:
                raise reader.error("webPage", _("the channel needs a web address."))
            fields.update(
                kind=ChannelKind.E_SERVICE if kind == "EChannel" else ChannelKind.WEB_PAGE,
                url=url,
                phone_number="",
            )
        if not fields["name_fi"]:
            fields["name_fi"] = next(iter(names.values()), "") or str(ChannelKind(fields["kind"]).label)
        identifier = reader.uuid()
        for service in services:
            existing = find_row(
                ContactChannel, "channel", identifier, reader.text("sourceId"), service=service
            )
            catalogue_services.channel_save(
                service=service,
                saved_by=self.user,
                channel=existing,
                **({} if existing else {"ptv_id": identifier}),
                **fields,
            )
            (self.result.updated if existing else self.result.created)["channel"] += 1


def _entities(data: Any) -> tuple[list[Any], list[Any], list[Any]]:
    if isinstance(data, dict) and "itemList" in data and "services" not in data:
        data = {"services": data["itemList"]}
    if not isinstance(data, dict) or not isinstance(data.get("services", []), list):
        raise ApplicationError(
            _(
                "The file should hold an object with the lists “organizations”, "
                "“services” and “serviceChannels”."
            ),
            field="file",
        )
    lists = []
    for key in ("organizations", "services", "serviceChannels"):
        value = data.get(key) or []
        if not isinstance(value, list):
            raise ApplicationError(_("“%(key)s” should be a list.") % {"key": key}, field="file")
        lists.append(value)
    return lists[0], lists[1], lists[2]


def ptv_import(*, city: Organisation, data: Any, imported_by: User) -> ImportResult:
    """Bring a PTV-shaped file into the city's catalogue: producers, services, locations with their hours,
    and contact channels are created or updated through the same services the pages use. All or nothing:
    an error anywhere names its place in the file and saves nothing."""
    if not user_can_manage_catalogue_of(imported_by, city.pk):
        raise PermissionDeniedError()
    organizations, services, channels = _entities(data)
    importer = _Importer(city=city, imported_by=imported_by)
    with transaction.atomic():
        for number, item in enumerate(organizations):
            reader = Reader(item, f"organizations[{number}]")
            identifier = reader.uuid()
            if identifier is not None:
                importer.organizations[str(identifier)] = reader
        for number, item in enumerate(services):
            importer.service(Reader(item, f"services[{number}]"))
        for number, item in enumerate(channels):
            importer.channel(Reader(item, f"serviceChannels[{number}]"))
    return importer.result

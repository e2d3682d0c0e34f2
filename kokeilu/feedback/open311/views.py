"""The Open311 GeoReport v2 server at /open311/v2/: service discovery, the service list and definitions,
POST and GET service requests and tokens, in XML and JSON, with the field names, formats, status codes and
error lists of the specification (http://wiki.open311.org/GeoReport_v2).

Mapping to Kokeilu: a GeoReport service is a published catalogue service (service_code = its code); a
service request is a feedback item routed to the service's producer. jurisdiction_id is optional: when
given it is a city's slug and limits everything to that city's catalogue. An optional `locale` (fi, sv,
en) chooses the language of names and notices. Dates are w3 format in Finnish time with the offset.

These are plain Django views, not DRF: GeoReport is not a REST resource model of ours, so it has no place
in the OpenAPI schema; the specification is its documentation.
"""

import functools
import re
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from kokeilu.accounts.models import Organisation, OrganisationKind
from kokeilu.catalogue.models import Service
from kokeilu.catalogue.selectors import CATALOGUE, FEEDBACK, cache_versions
from kokeilu.core.cache import cached_text
from kokeilu.core.exceptions import ApplicationError
from kokeilu.feedback import selectors, services
from kokeilu.feedback.models import DESCRIPTION_MAX_LENGTH, IntakeChannel
from kokeilu.feedback.ratelimit import client_identity, limit_for, rate_limit_exceeded

from .attributes import KIND, SATISFACTION, service_attributes
from .formats import CONTENT_TYPES, FORMATS, errors, render, respond

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
HELSINKI = selectors.HELSINKI
_ATTRIBUTE_KEY = re.compile(r"^attribute\[([^\]]+)\](\[\])?$")


class Open311Error(Exception):
    def __init__(
        self, status: int, items: list[tuple[int, str]], headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(items)
        self.status, self.items, self.headers = status, items, headers or {}


def _language(request: HttpRequest) -> str:
    locale = (request.GET.get("locale") or request.POST.get("locale") or "").lower()[:2]
    return locale if locale in ("fi", "sv", "en") else "fi"


def open311_view(methods: tuple[str, ...]) -> Any:
    """Check the format, answer in the requested language, and turn Open311Error into the error list."""

    def decorate(view: Any) -> Any:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, fmt: str, **kwargs: Any) -> HttpResponse:
            if fmt not in FORMATS:
                return errors(
                    "xml", 400, [(400, _("Unknown format “%(format)s”: use xml or json.") % {"format": fmt})]
                )
            with translation.override(_language(request)):
                try:
                    return view(request, fmt, **kwargs)
                except Open311Error as error:
                    return errors(fmt, error.status, error.items, headers=error.headers)

        # Clients authenticate with api_key, not with a session cookie, so there is no CSRF to guard.
        return csrf_exempt(require_http_methods(list(methods))(wrapped))

    return decorate


def _w3(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return timezone.localtime(moment, HELSINKI).isoformat(timespec="seconds")


def _jurisdiction(request: HttpRequest) -> Organisation | None:
    value = (request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id") or "").strip()
    if not value:
        return None
    city = Organisation.objects.filter(kind=OrganisationKind.CITY, slug=value).first()
    if city is None:
        raise Open311Error(
            404, [(404, _("jurisdiction_id provided was not found: %(value)s") % {"value": value})]
        )
    return city


def _service_notice(target_days: int) -> str:
    return _(
        "The producer aims to answer within %(days)s days. The answer is published on the service's page."
    ) % {"days": target_days}


# --- Discovery, services, definitions -----------------------------------------------------------------


@open311_view(("GET",))
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    """Service discovery: where the GeoReport v2 endpoint is and what it speaks."""
    changeset = selectors.open311_changeset() or datetime(2026, 1, 1, tzinfo=HELSINKI)
    endpoint_url = request.build_absolute_uri("/open311/v2")
    contact = getattr(settings, "KOKEILU_OPEN311_CONTACT", "") or _(
        "Questions about the feedback API go to the city's experiment programme."
    )
    key_service = getattr(settings, "KOKEILU_OPEN311_KEY_SERVICE", "") or _(
        "API keys for sending feedback are given by the site administrators."
    )
    document = {
        "changeset": _w3(changeset),
        "contact": contact,
        "key_service": key_service,
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": endpoint_url,
                "changeset": _w3(changeset),
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return respond(fmt, "discovery", document)


def _service_entry(service: Service) -> dict[str, Any]:
    classes = list(service.service_classes.all())
    return {
        "service_code": service.code,
        "service_name": str(service.name),
        "description": str(service.summary) or str(service.description)[:200],
        "metadata": True,
        "type": "realtime",
        "keywords": ", ".join(str(item.name) for item in service.life_situations.all()),
        "group": str(classes[0].name) if classes else "",
    }


@open311_view(("GET",))
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    services_list = selectors.open311_services(city=_jurisdiction(request))
    return respond(fmt, "services", [_service_entry(service) for service in services_list])


def _published_service(code: str, city: Organisation | None) -> Service:
    services_list = Service.objects.filter(code=code, is_published=True).select_related(
        "producer__organisation"
    )
    if city is not None:
        services_list = services_list.filter(producer__city=city)
    service = services_list.first()
    if service is None:
        raise Open311Error(404, [(404, _("service_code provided was not found: %(code)s") % {"code": code})])
    return service


@open311_view(("GET",))
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    service = _published_service(code, _jurisdiction(request))
    definition = {
        "service_code": service.code,
        "attributes": [attribute.as_definition() for attribute in service_attributes()],
    }
    return respond(fmt, "service_definition", definition)


# --- Service requests ---------------------------------------------------------------------------------


def _request_entry(item: selectors.Open311Request, language: str, notices: dict[int, str]) -> dict[str, Any]:
    if item.target_days not in notices:
        notices[item.target_days] = _service_notice(item.target_days)
    closed_or_updated = item.closed_at if not item.is_open and item.closed_at else item.updated_at
    return {
        "service_request_id": item.id,
        "status": "open" if item.is_open else "closed",
        "status_notes": item.public_answer or None,
        "service_name": item.service_name(language),
        "service_code": item.service_code,
        "description": item.public_description or None,
        "agency_responsible": item.agency,
        "service_notice": notices[item.target_days],
        "requested_datetime": _w3(item.requested_at),
        "updated_datetime": _w3(closed_or_updated),
        "expected_datetime": _w3(item.requested_at + timedelta(days=item.target_days)),
        "address": item.address_string or None,
        "address_id": item.address_id or None,
        "zipcode": item.zipcode or None,
        "lat": float(item.latitude) if item.latitude is not None else None,
        "long": float(item.longitude) if item.longitude is not None else None,
        "media_url": item.media_url or None,
    }


def _request_entries(items: list[selectors.Open311Request]) -> list[dict[str, Any]]:
    language = translation.get_language() or "fi"
    notices: dict[int, str] = {}
    return [_request_entry(item, language, notices) for item in items]


def _parse_w3(name: str, value: str) -> datetime:
    text = value.strip().replace(" ", "+")  # an unencoded "+" of an offset arrives as a space
    invalid = Open311Error(
        400,
        [
            (
                400,
                _("%(name)s must be a w3 date and time with a time zone, e.g. 2010-01-01T00:00:00Z.")
                % {"name": name},
            )
        ],
    )
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.combine(date.fromisoformat(text), time(0, 0), tzinfo=HELSINKI)
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise invalid from error
    if moment.tzinfo is None:
        raise invalid
    return moment


MAX_PAGE = 100_000


@open311_view(("GET", "POST"))
def requests_view(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create_request(request, fmt)
    return _list_requests(request, fmt)


def _comma_list(request: HttpRequest, name: str) -> list[str]:
    values: list[str] = []
    for raw in request.GET.getlist(name):
        values.extend(part.strip() for part in raw.split(",") if part.strip())
    return values


def _list_requests(request: HttpRequest, fmt: str) -> HttpResponse:
    city = _jurisdiction(request)
    query = selectors.Open311Query(city=city)
    problems: list[tuple[int, str]] = []
    id_values = _comma_list(request, "service_request_id")
    for value in id_values:
        if value.isdigit():
            query.ids.append(int(value))
        else:
            problems.append(
                (400, _("service_request_id must be a list of numbers: %(value)s") % {"value": value})
            )
    query.service_codes = _comma_list(request, "service_code")
    for name in ("start_date", "end_date"):
        if request.GET.get(name):
            try:
                setattr(query, name.replace("_date", ""), _parse_w3(name, request.GET[name]))
            except Open311Error as error:
                problems.extend(error.items)
    query.statuses = _comma_list(request, "status")
    for status in query.statuses:
        if status not in ("open", "closed"):
            problems.append((400, _("status must be open or closed: %(value)s") % {"value": status}))
    # page and page_size: the paging extension other GeoReport servers share; page 1 is the newest.
    page_limits = {"page": MAX_PAGE, "page_size": selectors.OPEN311_MAX_RESULTS}
    for name, highest in page_limits.items():
        value = request.GET.get(name, "").strip()
        if not value:
            continue
        if value.isdigit() and 1 <= int(value) <= highest:
            setattr(query, name, int(value))
        else:
            message = _("%(name)s must be a whole number from 1 to %(max)s: %(value)s")
            problems.append((400, message % {"name": name, "max": highest, "value": value}))
    if query.start and query.end and not query.ids:
        if query.end < query.start:
            problems.append((400, _("end_date is before start_date.")))
        elif query.end - query.start > timedelta(days=selectors.OPEN311_DEFAULT_DAYS):
            problems.append((400, _("The date range may not span more than 90 days.")))
    if problems:
        raise Open311Error(400, problems)
    # A list of up to 1,000 requests is rendered once and kept until the catalogue or feedback changes
    # (their versions are in the key), or the default range moves on by a minute.
    parts = (
        *cache_versions(CATALOGUE, FEEDBACK),
        fmt,
        city.pk if city else None,
        tuple(query.ids),
        tuple(query.service_codes),
        query.start.isoformat() if query.start else None,
        query.end.isoformat() if query.end else None,
        tuple(sorted(set(query.statuses))),
        query.page,
        query.page_size,
        None if (query.ids or query.start or query.end) else selectors.open311_default_start().isoformat(),
    )
    body = cached_text(
        "open311-requests",
        parts,
        lambda: render(fmt, "service_requests", _request_entries(selectors.open311_request_list(query))),
    )
    return HttpResponse(body, content_type=CONTENT_TYPES[fmt])


def _degrees(value: str) -> Decimal | None:
    """Decimal degrees, to the micro-degree (about 10 cm) the database keeps."""
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) > 180:
        return None
    return number.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def _create_request(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    api_key = (data.get("api_key") or "").strip()
    if not api_key:
        raise Open311Error(403, [(403, _("api_key was not provided -- can't proceed with create_request."))])
    client = services.api_client_authenticate(raw_key=api_key)
    if client is None:
        raise Open311Error(403, [(403, "Invalid api_key received -- can't proceed with create_request.")])
    identity = f"{client.pk}:{client_identity(request)}"
    if rate_limit_exceeded(scope="open311", identity=identity):
        _allowed, window = limit_for("open311")
        raise Open311Error(
            400,
            [(429, _("Too many requests from this client; try again in a few minutes."))],
            headers={"Retry-After": str(window)},
        )
    city = _jurisdiction(request)
    code = (data.get("service_code") or "").strip()
    if not code:
        raise Open311Error(400, [(400, _("service_code was not provided."))])
    service = _published_service(code, city)

    problems: list[tuple[int, str]] = []
    latitude, longitude = data.get("lat", "").strip(), data.get("long", "").strip()
    address_string = data.get("address_string", "").strip()
    address_id = data.get("address_id", "").strip()
    lat_value = long_value = None
    if latitude or longitude:
        lat_value, long_value = _degrees(latitude), _degrees(longitude)
        if lat_value is None or long_value is None:
            problems.append((400, _("lat and long must both be given as WGS84 decimal degrees.")))
            lat_value = long_value = None
    if lat_value is None and not address_string and not address_id:
        problems.append((400, _("A location is required: lat and long, address_string or address_id.")))
    description = data.get("description", "")
    if len(description) > DESCRIPTION_MAX_LENGTH:
        problems.append(
            (
                400,
                _("description is limited to %(max)s characters (received %(length)s).")
                % {"max": f"{DESCRIPTION_MAX_LENGTH:,}", "length": f"{len(description):,}"},
            )
        )
    answers: dict[str, list[str]] = {}
    for key in data:
        match = _ATTRIBUTE_KEY.match(key)
        if match:
            answers.setdefault(match.group(1), []).extend(
                value for value in data.getlist(key) if value.strip()
            )
    for attribute in service_attributes():
        given = answers.get(attribute.code, [])
        if attribute.required and not given:
            problems.append((400, _("attribute[%(code)s] is required.") % {"code": attribute.code}))
        elif given and (len(given) > 1 or given[0] not in attribute.keys):
            problems.append(
                (
                    400,
                    _("attribute[%(code)s] must be one of: %(keys)s.")
                    % {"code": attribute.code, "keys": ", ".join(key for key, _name in attribute.values)},
                )
            )
    if problems:
        raise Open311Error(400, problems)
    satisfaction = answers.get(SATISFACTION)
    try:
        feedback = services.feedback_submit(
            service=service,
            kind=answers[KIND][0],
            channel=IntakeChannel.OPEN311,
            api_client=client,
            description=description,
            satisfaction=int(satisfaction[0]) if satisfaction else None,
            giver=services.Giver(
                email=data.get("email", "").strip(),
                first_name=data.get("first_name", "").strip(),
                last_name=data.get("last_name", "").strip(),
                phone=data.get("phone", "").strip(),
                device_id=data.get("device_id", "").strip(),
                account_id=data.get("account_id", "").strip(),
            ),
            place=services.Place(
                latitude=lat_value, longitude=long_value, address_string=address_string, address_id=address_id
            ),
            media_url=data.get("media_url", "").strip(),
            language=_language(request),
            attributes=dict(answers),
        )
    except ApplicationError as error:
        raise Open311Error(400, [(400, str(error.message))]) from error
    entry = {
        "service_request_id": feedback.pk,
        "service_notice": _service_notice(service.producer.response_target_days),
        "account_id": feedback.account_id or None,
    }
    return respond(fmt, "service_requests", [entry])


@open311_view(("GET",))
def request_detail(request: HttpRequest, fmt: str, request_id: str) -> HttpResponse:
    city = _jurisdiction(request)
    found = (
        selectors.open311_request_list(selectors.Open311Query(ids=[int(request_id)], city=city))
        if request_id.isdigit()
        else []
    )
    if not found:
        raise Open311Error(
            404, [(404, _("service_request_id provided was not found: %(id)s") % {"id": request_id})]
        )
    return respond(fmt, "service_requests", _request_entries(found[:1]))


@open311_view(("GET",))
def token_detail(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    feedback = selectors.open311_request_by_token(token=token, city=_jurisdiction(request))
    if feedback is None:
        raise Open311Error(404, [(404, _("token provided was not found: %(token)s") % {"token": token})])
    return respond(fmt, "service_requests", [{"service_request_id": feedback.pk, "token": feedback.token}])


@require_GET
def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Any other address under /open311/v2/: the specification's general error, in XML."""
    return errors("xml", 404, [(404, _("No such resource in GeoReport v2: %(path)s") % {"path": path})])

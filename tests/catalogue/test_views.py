"""Finding and comparing: browse by life situation, search, filter by sector, price, language and opening
time, compare side by side with distances, and a map that needs no tiles."""

import re
from datetime import datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from kokeilu.catalogue import services
from kokeilu.catalogue.services import address_point_save

pytestmark = pytest.mark.django_db
HOME = "catalogue:home"


def found_codes(response) -> list[str]:  # type: ignore[no-untyped-def]
    return re.findall(r'name="service" value="([^"]+)"', response.content.decode())


def search(client, **params) -> list[str]:  # type: ignore[no-untyped-def]
    response = client.get(reverse(HOME), params)
    assert response.status_code == 200
    return sorted(found_codes(response))


ALL = ["neuvola-testila", "perhekahvila-perhekerho", "perhevalmennus-vauvavalo"]


def test_the_start_page_offers_life_situations_that_have_services(client, catalogue):
    response = client.get(reverse(HOME))
    page = response.content.decode()
    assert 'data-code="child-is-born"' in page
    assert 'data-code="moving"' not in page  # no service for it
    assert "3 services" in page or "3 palvelua" in page
    assert found_codes(response) == []  # nothing searched yet


def test_a_life_situation_lists_its_services_from_every_sector(client, catalogue):
    assert search(client, life_situation="child-is-born") == ALL
    assert search(client, life_situation="moving") == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "vauvaperheille"}, ALL),  # every summary says so
        ({"q": "kerho"}, ["perhekahvila-perhekerho"]),  # the producer's name counts too
        ({"q": "MÖDRARÅDGIVNING"}, ["neuvola-testila"]),  # Swedish, any case
        ({"q": "antenatal vauvavalo"}, ["perhevalmennus-vauvavalo"]),  # every word must match
        ({"q": "antenatal perhekerho"}, []),
        ({"sector": "private"}, ["perhevalmennus-vauvavalo"]),
        ({"sector": ["public", "third"]}, ["neuvola-testila", "perhekahvila-perhekerho"]),
        ({"price": "free"}, ["neuvola-testila", "perhekahvila-perhekerho"]),
        ({"price": "fee"}, ["perhevalmennus-vauvavalo"]),
        ({"max_fee": "100"}, ["neuvola-testila", "perhekahvila-perhekerho"]),
        ({"max_fee": "120"}, ALL),
        ({"language": "ru"}, ["perhekahvila-perhekerho"]),
        ({"language": "en"}, ["neuvola-testila", "perhevalmennus-vauvavalo"]),
        ({"target_group": "families-with-children", "service_class": "family-services"}, ALL),
        ({"target_group": "older-people"}, []),
        ({"open": "at", "at": "2026-06-01T09:00"}, ALL),  # a Monday morning
        ({"open": "at", "at": "2026-06-07T09:00"}, []),  # a Sunday
        ({"open": "at", "at": "2026-06-01T18:30"}, ["perhekahvila-perhekerho"]),  # the café's evening
        ({"open": "at", "at": "2026-06-19T09:00"}, []),  # Midsummer Eve
        ({"city": "helsinki"}, []),
    ],
)
def test_filters(client, catalogue, catalogue_admin, other_city, params, expected):
    services.location_set_weekly_hours(
        location=catalogue.association_location,
        updated_by=catalogue_admin,
        intervals={0: [(time(8), time(16)), (time(18), time(20))], 1: [(time(8), time(16))]},
    )
    # Helsinki needs a published service to be offered as a city.
    assert search(client, **params) == expected


def test_open_now_uses_the_present_moment(client, catalogue, monkeypatch):
    monday_morning = datetime(2026, 6, 1, 9, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
    monkeypatch.setattr("django.utils.timezone.now", lambda: monday_morning)
    assert search(client, open="now") == ALL
    monkeypatch.setattr("django.utils.timezone.now", lambda: monday_morning.replace(hour=22))
    assert search(client, open="now") == []


@pytest.mark.parametrize(("params", "count"), [({}, 3), ({"sector": "private"}, 1), ({"q": "kerho"}, 1)])
def test_the_count_of_open_services_agrees_however_it_is_counted(client, catalogue, params, count):
    """With no other filter the count takes the set of open locations; with one, it checks each service."""
    response = client.get(reverse(HOME), {"open": "at", "at": "2026-06-01T09:00", **params})
    assert len(found_codes(response)) == count
    assert f'data-count="{count}"' in response.content.decode()


def test_asking_for_a_time_without_giving_one_explains_itself(client, catalogue):
    response = client.get(reverse(HOME), {"open": "at"})
    page = response.content.decode()
    assert "aria-invalid" in page
    assert found_codes(response) == []


def test_unpublished_services_are_not_found(client, catalogue, catalogue_admin):
    services.service_update(service=catalogue.company_service, updated_by=catalogue_admin, is_published=False)
    assert search(client, life_situation="child-is-born") == ["neuvola-testila", "perhekahvila-perhekerho"]


def test_the_result_list_costs_the_same_few_queries_however_long(client, catalogue, catalogue_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse(HOME) + "?life_situation=child-is-born"
    client.get(url)
    with CaptureQueriesContext(connection) as short_list:
        assert len(found_codes(client.get(url))) == 3
    for number in range(15):
        services.service_create(
            created_by=catalogue_admin,
            producer=catalogue.company,
            name_fi=f"Lisäpalvelu {number}",
            life_situations=[catalogue.unit_service.life_situations.get()],
            is_published=True,
        )
    # Both measured with the search's count and page already cached (the first request after a change
    # reads them once).
    client.get(url)
    with CaptureQueriesContext(connection) as long_list:
        assert len(found_codes(client.get(url))) == 18
    assert len(long_list) == len(short_list) <= 10


def test_a_cached_search_shows_a_change_at_once(client, catalogue, catalogue_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse(HOME) + "?life_situation=child-is-born"
    with CaptureQueriesContext(connection) as first:
        assert len(found_codes(client.get(url))) == 3
    with CaptureQueriesContext(connection) as repeated:
        assert len(found_codes(client.get(url))) == 3
    # The choices, the count, the page's ids and the rendered list all come from the cache: only the
    # catalogue's version is read.
    assert len(repeated) == 1 < len(first)
    services.service_update(service=catalogue.company_service, updated_by=catalogue_admin, is_published=False)
    assert search(client, life_situation="child-is-born") == ["neuvola-testila", "perhekahvila-perhekerho"]


def test_an_uncached_result_list_costs_the_same_few_queries_however_long(client, catalogue, catalogue_admin):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse(HOME) + "?life_situation=child-is-born"
    cache.clear()
    with CaptureQueriesContext(connection) as short_list:
        assert len(found_codes(client.get(url))) == 3
    for number in range(15):
        services.service_create(
            created_by=catalogue_admin,
            producer=catalogue.company,
            name_fi=f"Lisäpalvelu {number}",
            life_situations=[catalogue.unit_service.life_situations.get()],
            is_published=True,
        )
    cache.clear()
    with CaptureQueriesContext(connection) as long_list:
        assert len(found_codes(client.get(url))) == 18
    assert len(long_list) == len(short_list) <= 10


def test_the_cached_page_is_kept_per_language(client, catalogue):
    from django.utils import translation

    url = reverse(HOME) + "?life_situation=child-is-born"
    finnish = client.get(url).content.decode()
    with translation.override("en"):
        english_url = reverse(HOME) + "?life_situation=child-is-born"
        english = client.get(english_url).content.decode()
        shown_in_english = translation.gettext("Life situation")
    with translation.override("fi"):
        shown_in_finnish = translation.gettext("Life situation")
    assert shown_in_english != shown_in_finnish
    assert f">{shown_in_finnish}<" in finnish and f">{shown_in_english}<" not in finnish
    assert f">{shown_in_english}<" in english and f">{shown_in_finnish}<" not in english
    assert sorted(found_codes(client.get(english_url))) == ALL


def test_the_cached_page_shows_each_user_only_their_own_name(client, catalogue, catalogue_admin, applicant):
    url = reverse(HOME) + "?life_situation=child-is-born"
    client.force_login(catalogue_admin)
    assert str(catalogue_admin) in client.get(url).content.decode()
    client.force_login(applicant)
    page = client.get(url).content.decode()
    assert str(applicant) in page and str(catalogue_admin) not in page
    assert sorted(found_codes(client.get(url))) == ALL
    client.logout()
    page = client.get(url).content.decode()
    assert str(applicant) not in page and str(catalogue_admin) not in page


def test_an_unknown_code_is_refused_with_the_choices_cached(client, catalogue):
    client.get(reverse(HOME))  # the choices are cached
    response = client.get(reverse(HOME), {"life_situation": "no-such-situation"})
    assert "aria-invalid" in response.content.decode()
    assert found_codes(response) == []


def test_a_new_producers_city_is_offered_at_once(client, catalogue, other_city, site_admin):
    from kokeilu.accounts.models import OrganisationKind

    assert search(client, city="helsinki") == []  # not a city of the catalogue: refused
    assert 'value="helsinki"' not in client.get(reverse(HOME)).content.decode()
    services.producer_create(
        created_by=site_admin, city=other_city, name="Helsingin Palvelu Oy", kind=OrganisationKind.COMPANY
    )
    assert 'value="helsinki"' in client.get(reverse(HOME)).content.decode()


def test_the_service_page_shows_hours_channels_and_where_to_give_feedback(client, catalogue, catalogue_admin):
    services.channel_save(
        service=catalogue.company_service, saved_by=catalogue_admin, kind="phone", name_fi="Ajanvaraus",
        phone_number="+358 50 000 1234", phone_charge="free",
    )  # fmt: skip
    response = client.get(reverse("catalogue:detail", kwargs={"code": "perhevalmennus-vauvavalo"}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Perhevalmennus" in page and "Vauvavalo Oy" in page
    assert "120,00 €" in page
    assert 'href="tel:+358500001234"' in page
    assert page.count("<tr") == 8  # the week: a header and seven days
    assert f"{reverse('feedback:give')}?service=perhevalmennus-vauvavalo" in page
    assert 'id="you-said-we-did"' in page


def test_two_producers_side_by_side_with_distances_from_an_address(client, catalogue):
    address_point_save(
        address="Otakaari 1, 02150 Espoo", latitude=Decimal("60.186"), longitude=Decimal("24.828")
    )
    response = client.get(
        reverse("catalogue:compare"),
        {"service": ["neuvola-testila", "perhevalmennus-vauvavalo"], "address": "Otakaari 1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    headers = re.findall(r'<th scope="col"><a href="[^"]+">([^<]+)</a></th>', page)
    assert headers == ["Äitiysneuvola", "Perhevalmennus"]
    assert "Testilän neuvola" in page and "Vauvavalo Oy" in page
    assert "120,00 €" in page
    # Piispansilta 11 is 5.7 km and Tapiontori 3 is 1.7 km from Otakaari 1 in a straight line.
    assert re.findall(r'class="compare-table__distance">([^<]+)<', page) == ["5,7 km", "1,7 km"]
    assert page.count('class="compare-table__day"') == 7
    assert page.count('class="location-map__marker') == 3  # two locations and the address


def test_distance_from_typed_coordinates_and_an_unknown_address(client, catalogue):
    url = reverse("catalogue:compare")
    page = client.get(url, {"service": "neuvola-testila", "address": "60.1613, 24.7385"}).content.decode()
    assert re.findall(r'class="compare-table__distance">([^<]+)<', page) == ["0 m"]
    page = client.get(url, {"service": "neuvola-testila", "address": "Tuntemattomantie 9"}).content.decode()
    assert 'id="address-not-found"' in page
    assert "compare-table__distance" not in page


def test_at_most_four_services_and_only_published_ones_are_compared(client, catalogue, catalogue_admin):
    services.service_update(service=catalogue.company_service, updated_by=catalogue_admin, is_published=False)
    extra = [
        services.service_create(
            created_by=catalogue_admin, producer=catalogue.unit, name_fi=f"Palvelu {n}", is_published=True
        )
        for n in range(3)
    ]
    codes = [
        "perhevalmennus-vauvavalo",
        "neuvola-testila",
        *[service.code for service in extra],
        "no-such-service",
    ]
    page = client.get(reverse("catalogue:compare"), {"service": codes}).content.decode()
    headers = re.findall(r'<th scope="col"><a href="[^"]+">([^<]+)</a></th>', page)
    assert headers == [
        "Äitiysneuvola",
        "Palvelu 0",
        "Palvelu 1",
    ]  # the first four asked, minus the unpublished
    assert 'id="too-many-services"' in page


def test_the_map_draws_locations_without_tiles_and_lists_them(client, catalogue):
    response = client.get(reverse("catalogue:map"), {"life_situation": "child-is-born"})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="location-map__marker"') == 3
    assert len(re.findall(r"<li><strong>", page)) == 3
    assert "60.161300, 24.738500" in page  # coordinates as text, whatever the language's decimal sign
    # Nothing is loaded from elsewhere: no images, scripts or styles from another host.
    assert not re.search(r'(src|href)="https?://', page)
    assert "<img" not in page and "leaflet" not in page.lower()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "," not in re.sub(r"<title.*?</title>|<desc.*?</desc>|<text.*?</text>", "", svg, flags=re.S)


def test_pages_speak_swedish_and_english(client, catalogue):
    sv = client.get("/sv/services/compare/?service=neuvola-testila").content.decode()
    assert "Mödrarådgivning" in sv
    en = client.get("/en/services/neuvola-testila/").content.decode()
    assert "Maternity clinic" in en and 'lang="en"' in en

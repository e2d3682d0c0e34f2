"""Distances, address look-up from the local table, and the tile-free map drawing."""

from decimal import Decimal

import pytest

from kokeilu.catalogue.geo import (
    GeoPoint,
    draw_map,
    format_distance,
    haversine_km,
    normalise_address,
    parse_point,
)
from kokeilu.catalogue.selectors import geocode
from kokeilu.catalogue.services import address_point_save


def test_haversine_matches_the_length_of_a_degree_and_is_symmetric():
    equator = GeoPoint(0, 0)
    assert haversine_km(equator, GeoPoint(0, 1)) == pytest.approx(111.195, abs=0.001)
    assert haversine_km(GeoPoint(1, 0), equator) == pytest.approx(111.195, abs=0.001)
    helsinki, espoo = GeoPoint(60.1699, 24.9384), GeoPoint(60.1613, 24.7385)
    assert haversine_km(helsinki, espoo) == pytest.approx(haversine_km(espoo, helsinki))
    # At 60° N a degree of longitude is half as long as at the equator (55.5975 km along the parallel);
    # the great circle between its ends is a little shorter still.
    along_parallel = 111.1951 / 2
    great_circle = haversine_km(GeoPoint(60, 24), GeoPoint(60, 25))
    assert great_circle == pytest.approx(55.5970, abs=0.0005)
    assert great_circle < along_parallel
    assert haversine_km(helsinki, helsinki) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("60.161, 24.738", (60.161, 24.738)),
        ("  -33.9;18.4 ", (-33.9, 18.4)),
        ("60 24", (60.0, 24.0)),
        ("91, 24", None),
        ("60.1, 181", None),
        ("Piispansilta 11", None),
        ("", None),
    ],
)
def test_coordinates_are_read_from_what_was_typed(text, expected):
    point = parse_point(text)
    assert (None if point is None else (point.latitude, point.longitude)) == expected


def test_addresses_are_compared_without_case_punctuation_or_spacing():
    assert normalise_address("  PIISPANSILTA 11,  02230 Espoo ") == "piispansilta 11 02230 espoo"
    assert normalise_address("Mäntytie 3 B, Vantaa") == "mäntytie 3 b vantaa"
    assert normalise_address("Crème Brûlée-katu 1") == "creme brulee katu 1"


@pytest.mark.django_db
def test_geocode_reads_the_local_table_then_the_locations(catalogue):
    address_point_save(
        address="Otakaari 1, 02150 Espoo", latitude=Decimal("60.186"), longitude=Decimal("24.828")
    )
    exact = geocode("otakaari 1 02150 espoo")
    assert exact is not None and (exact.latitude, exact.longitude) == (60.186, 24.828)
    prefix = geocode("Otakaari 1")
    assert prefix is not None and prefix.label == "Otakaari 1, 02150 Espoo"
    from_location = geocode("Tapiontori 3, Espoo")
    assert from_location is not None and (from_location.latitude, from_location.longitude) == (
        60.1754,
        24.8058,
    )
    assert geocode("Tuntemattomantie 99") is None
    coordinates = geocode("60.2, 24.9")
    assert coordinates is not None and coordinates.latitude == 60.2


def test_the_map_fits_every_point_and_keeps_crowded_numbers_apart():
    points = [
        GeoPoint(60.1613, 24.7385, "Iso Omena"),
        GeoPoint(60.1613, 24.7385, "Iso Omena, kirjasto"),
        GeoPoint(60.2190, 24.8130, "Leppävaara"),
        GeoPoint(60.1510, 24.6370, "Kivenlahti"),
    ]
    drawing = draw_map(points, origin=GeoPoint(60.186, 24.828, "Otakaari 1"))
    assert [marker.number for marker in drawing.markers] == [1, 2, 3, 4, 0]
    assert drawing.markers[-1].kind == "origin"
    for marker in drawing.markers:
        assert 0 <= marker.x <= drawing.width and 0 <= marker.y <= drawing.height
    first, second = drawing.markers[0], drawing.markers[1]
    assert abs(first.x - second.x) + abs(first.y - second.y) >= 12
    leppavaara, kivenlahti = drawing.markers[2], drawing.markers[3]
    assert leppavaara.y < kivenlahti.y  # north is up
    assert leppavaara.x > kivenlahti.x  # east is right
    assert drawing.scale_label in {"1,0 km", "2,0 km", "5,0 km"} and drawing.scale_length > 0


@pytest.mark.parametrize(
    ("kilometres", "text"), [(0.234, "230 m"), (1.26, "1,3 km"), (12.4, "12 km"), (0.05, "50 m")]
)
def test_distances_are_written_for_people(kilometres, text):
    assert format_distance(kilometres) == text

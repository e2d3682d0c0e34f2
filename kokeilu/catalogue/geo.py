"""Distances, address look-up from local tables, and a map drawn as SVG without any tile server."""

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class GeoPoint:
    latitude: float
    longitude: float
    label: str = ""


def haversine_km(a: GeoPoint, b: GeoPoint) -> float:
    """Great-circle distance between two WGS84 points in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


_POINT = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,;\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


def parse_point(text: str) -> GeoPoint | None:
    """'60.1699, 24.9384' (latitude, longitude in WGS84) as a point; None when it is not one."""
    match = _POINT.match(text or "")
    if not match:
        return None
    try:
        latitude, longitude = float(Decimal(match.group(1))), float(Decimal(match.group(2)))
    except InvalidOperation:
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return GeoPoint(latitude, longitude, text.strip())


def normalise_address(text: str) -> str:
    """Case, accents of foreign letters, punctuation and spacing do not matter when looking an address up;
    å, ä and ö are kept (they are letters of their own in Finnish and Swedish)."""
    text = unicodedata.normalize("NFC", text or "").lower()
    kept = []
    for char in text:
        if char in "åäö":
            kept.append(char)
            continue
        decomposed = unicodedata.normalize("NFD", char)
        kept.append("".join(part for part in decomposed if unicodedata.category(part) != "Mn"))
    text = "".join(kept)
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def format_distance(kilometres: float) -> str:
    if kilometres < 1:
        return f"{round(kilometres * 1000, -1):.0f} m"
    return f"{kilometres:.1f} km".replace(".", ",") if kilometres < 10 else f"{kilometres:.0f} km"


@dataclass(frozen=True)
class MapMarker:
    number: int
    x: float
    y: float
    label: str
    kind: str = "location"


@dataclass(frozen=True)
class MapDrawing:
    width: int
    height: int
    markers: list[MapMarker]
    scale_length: float  # pixels
    scale_label: str


_SCALE_STEPS_KM = (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500)


def draw_map(
    points: list[GeoPoint], *, origin: GeoPoint | None = None, width: int = 640, height: int = 400
) -> MapDrawing:
    """Place points on a plane (equirectangular, scaled by the cosine of the mean latitude, which is
    accurate enough within a city) so that all fit with a margin; numbered in the order given."""
    everything = [*points, *([origin] if origin else [])]
    margin = 24
    if not everything:
        return MapDrawing(width, height, [], 0, "")
    mean_latitude = sum(point.latitude for point in everything) / len(everything)
    stretch = math.cos(math.radians(mean_latitude))
    xs = [point.longitude * stretch for point in everything]
    ys = [point.latitude for point in everything]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 0.005)
    centre_x, centre_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    scale = min(width - 2 * margin, height - 2 * margin) / span  # pixels per degree of latitude

    def place(point: GeoPoint) -> tuple[float, float]:
        x = width / 2 + (point.longitude * stretch - centre_x) * scale
        y = height / 2 - (point.latitude - centre_y) * scale
        return round(x, 1), round(y, 1)

    markers: list[MapMarker] = []
    for number, point in enumerate(points, start=1):
        x, y = place(point)
        # Places at the same spot (a service centre with several producers) are set around it so that
        # every number stays readable.
        crowd = sum(1 for marker in markers if abs(marker.x - x) < 12 and abs(marker.y - y) < 12)
        if crowd:
            angle = crowd * math.pi / 3
            x, y = round(x + 20 * math.cos(angle), 1), round(y - 20 * math.sin(angle), 1)
        markers.append(MapMarker(number, x, y, point.label))
    if origin is not None:
        markers.append(MapMarker(0, *place(origin), origin.label, kind="origin"))
    pixels_per_km = scale / 111.195
    scale_km = next((step for step in reversed(_SCALE_STEPS_KM) if step * pixels_per_km <= width / 4), 0.1)
    return MapDrawing(width, height, markers, round(scale_km * pixels_per_km, 1), format_distance(scale_km))

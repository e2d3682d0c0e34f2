"""Read every open data channel as text, parsed the way a consumer would parse it."""

import csv
import io
import json

import feedparser
from django.test import Client
from openpyxl import load_workbook

KINDS = ("learnings", "experiments", "calls", "needs")
API = "/api/v1/open-data"


def get_ok(client: Client, url: str, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code, response.content[:500])
    return response


def json_pages(client: Client, kind: str) -> list[dict]:
    """Every page of the JSON list, following `next`."""
    pages = []
    url: str | None = f"{API}/{kind}/?limit=2"
    while url:
        page = get_ok(client, url).json()
        pages.append(page)
        url = page["next"]
    return pages


def json_items(client: Client, kind: str) -> list[dict]:
    return [item for page in json_pages(client, kind) for item in page["results"]]


def jsonld_document(client: Client, kind: str) -> dict:
    response = get_ok(client, f"{API}/{kind}.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(response.content)


def csv_rows(client: Client, kind: str) -> list[dict[str, str]]:
    response = get_ok(client, f"{API}/{kind}.csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";"))


def xlsx_workbook(client: Client, kind: str):
    response = get_ok(client, f"{API}/{kind}.xlsx")
    return load_workbook(io.BytesIO(response.content))


def xlsx_rows(client: Client, kind: str) -> list[dict[str, object]]:
    rows = list(xlsx_workbook(client, kind)["data"].iter_rows(values_only=True))
    headers = rows[0]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def feed(client: Client, language: str = "fi"):
    response = get_ok(client, f"/{language}/open-data/learnings.atom")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def channel_text(client: Client, channel: str, kind: str) -> str:
    """Everything the channel says about the kind, as one text to search (the Atom feed has learnings
    only, in every language)."""
    if channel == "json":
        return json.dumps(json_pages(client, kind), ensure_ascii=False)
    if channel == "jsonld":
        return json.dumps(jsonld_document(client, kind), ensure_ascii=False)
    if channel == "csv":
        return get_ok(client, f"{API}/{kind}.csv").content.decode("utf-8")
    if channel == "xlsx":
        workbook = xlsx_workbook(client, kind)
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    if channel == "atom":
        return "\n".join(
            get_ok(client, f"/{code}/open-data/learnings.atom").content.decode()
            for code in ("fi", "sv", "en")
        )
    raise AssertionError(channel)

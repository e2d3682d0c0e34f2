"""After an import and a run, no raw identifier is anywhere: not in the database, not in any output file."""

import re
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest
from django.db import connection
from django.urls import reverse

from kokeilu.analytics import services
from kokeilu.analytics.models import RunStatus
from kokeilu.analytics.pipeline import hetu
from kokeilu.analytics.pipeline.report import all_tables

from .conftest import fast_parameters, make_extract

pytestmark = pytest.mark.django_db


def _database_text() -> str:
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                parts.append("\x1f".join("" if value is None else str(value) for value in row))
    return "\n".join(parts)


def _file_text(path: Path) -> str:
    if path.suffix == ".parquet":
        table = pq.read_table(path)
        return "\n".join(
            "\x1f".join(str(v) for v in pl.from_arrow(table).get_column(name).cast(pl.String).to_list())
            for name in table.column_names
        )
    return path.read_bytes().decode("utf-8", errors="replace")


def _assert_clean(text: str, identifiers: dict[str, set[str]], keys: list[bytes], where: str) -> None:
    assert hetu.find_in_text(text) == [], where
    for kind, values in identifiers.items():
        pattern = re.compile("|".join(re.escape(v) for v in sorted(values, key=len, reverse=True)))
        found = pattern.search(text)
        assert found is None, f"{kind} {found.group(0) if found else ''} in {where}"
    for key in keys:
        assert key.hex() not in text, where


def test_no_raw_identifier_survives_import_and_analysis(
    tmp_path, city, analyst, client_for, django_capture_on_commit_callbacks, analytics_store
):
    extract = make_extract(tmp_path / "owner", 800, seed=31)
    people = pl.read_parquet(extract.raw / "people.parquet")
    identifiers = {
        "identity code": set(people.get_column("hetu")),
        "name": {f"{first} {last}" for first, last in people.select("first_name", "last_name").iter_rows()}
        | {f"{first},{last}" for first, last in people.select("first_name", "last_name").iter_rows()},
        "address": set(people.get_column("street_address")),
    }

    dataset = services.dataset_ingest_extract(
        city=city,
        created_by=analyst,
        name="Espoo 2002–2016",
        extract_dir=extract.transfer,
        transfer_key=extract.transfer_key,
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = services.analysis_run_start(user=analyst, dataset=dataset, parameters=fast_parameters())
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED

    # Every page and every export an analyst can open.
    client = client_for(analyst)
    outputs = [
        client.get(reverse("analytics:run_list")).content,
        client.get(reverse("analytics:run_detail", kwargs={"pk": run.pk})).content,
    ]
    for group in run.results["groups"]:
        outputs.append(
            client.get(
                reverse("analytics:group_detail", kwargs={"pk": run.pk, "number": group["number"]})
            ).content
        )
    for table in all_tables(run.results):
        outputs.append(
            client.get(reverse("analytics:table_csv", kwargs={"pk": run.pk, "key": table["key"]})).content
        )
    keys = [extract.key, extract.transfer_key]
    for index, content in enumerate(outputs):
        _assert_clean(content.decode(), identifiers, keys, f"page or export {index}")

    database = _database_text()
    _assert_clean(database, identifiers, keys, "the database")
    # The scan does find what it looks for (a control, so this test can fail).
    for planted in (people.get_column("hetu")[0], people.get_column("street_address")[0], extract.key.hex()):
        with pytest.raises(AssertionError):
            _assert_clean(database + planted, identifiers, keys, "control")

    files = [p for root in (analytics_store, extract.transfer) for p in root.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {
        "people.parquet",
        "events.parquet",
        "ingest_report.json",
        "manifest.json",
    }
    for path in files:
        _assert_clean(_file_text(path), identifiers, keys, str(path))
    # The store's people file holds pseudonyms, a coarsened date of birth and the home area only.
    stored = pl.read_parquet(analytics_store / dataset.store_name / "people.parquet")
    assert stored.columns == ["person", "person_id", "birth_date", "home_area"]
    assert (stored.get_column("birth_date").dt.day() == 1).all()

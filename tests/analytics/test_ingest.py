"""Ingest: only valid pseudonymised rows are stored; every malformed row is reported, none silently lost."""

import json
import os
import shutil

import polars as pl
import pytest

from kokeilu.analytics.pipeline import ingest
from kokeilu.analytics.pipeline.errors import PipelineError
from kokeilu.analytics.pipeline.pseudonymise import PseudonymiseOptions, pseudonym_for, pseudonymise_extract

PEOPLE = (
    "hetu,first_name,last_name,birth_date,home_area\n"
    "270772-087E,Toivo,Jokinen,1972-07-27,Tapiola\n"
    "131052-308T,Aino,Laine,1952-10-13,Leppävaara\n"
    "010594Y9032,Venla,Salo,1994-05-01,Kauklahti\n"
)
EVENTS = "hetu,event_date,service_code,unit\n" + "".join(
    f"{code},200{i % 9 + 1}-0{i % 9 + 1}-1{i % 9},{service},Tapiolan yksikkö\n"
    for i, (code, service) in enumerate(
        [("270772-087E", "TH01"), ("131052-308T", "SO01"), ("010594Y9032", "LS03")] * 40
    )
)


@pytest.fixture
def key():
    return os.urandom(32)


@pytest.fixture
def extract(tmp_path, key):
    """A pseudonymised CSV extract of three people and 120 events, not encrypted, so tests can edit it."""
    (tmp_path / "people.csv").write_text(PEOPLE)
    (tmp_path / "events.csv").write_text(EVENTS)
    pseudonymise_extract(
        people_path=tmp_path / "people.csv",
        events_path=tmp_path / "events.csv",
        out_dir=tmp_path / "extract",
        key=key,
        options=PseudonymiseOptions(output_format="csv"),
    )
    return tmp_path / "extract"


def _append_events(extract, lines):
    with open(extract / "events.csv", "a", encoding="utf-8") as handle:
        handle.write("".join(line + "\n" for line in lines))
    manifest = json.loads((extract / "manifest.json").read_text())
    manifest["files"]["events"]["rows"] += len(lines)
    (extract / "manifest.json").write_text(json.dumps(manifest))


def test_a_clean_extract_is_stored_with_people_numbered_in_order(extract, tmp_path, key):
    report = ingest.ingest_extract(extract_dir=extract, store_dir=tmp_path / "store")
    assert (report.people, report.events, report.rejected_count) == (3, 120, 0)
    people = pl.read_parquet(tmp_path / "store" / "people.parquet")
    assert people.get_column("person").to_list() == [0, 1, 2]
    assert people.get_column("person_id").to_list() == [
        pseudonym_for(key, code) for code in ("270772-087E", "131052-308T", "010594Y9032")
    ]
    events = pl.read_parquet(tmp_path / "store" / "events.parquet")
    assert events.schema == pl.Schema(ingest.EVENTS_SCHEMA)
    assert events.group_by("person").len().sort("person").get_column("len").to_list() == [40, 40, 40]
    assert json.loads((tmp_path / "store" / "ingest_report.json").read_text())["rejected_count"] == 0


def test_malformed_rows_are_reported_with_their_lines_and_counted_not_stored(extract, tmp_path, key):
    someone = pseudonym_for(key, "131052-308T")
    stranger = pseudonym_for(key, "020504A902E")
    _append_events(
        extract,
        [
            f"{someone},2005-02-30,TH01,Tapiolan yksikkö",  # line 122: no such date
            f"{someone},2005-02-03,XX99,Tapiolan yksikkö",  # line 123: not on the code list
            f"{stranger},2005-02-03,TH01,Tapiolan yksikkö",  # line 124: not in the people file
            f"{someone},2005-02-03",  # line 125: too few fields
            "not-a-pseudonym,2005-02-03,TH01,Tapiolan yksikkö",  # line 126
            f"{someone},2005-02-03,TH01,Tapiolan yksikkö",  # line 127: fine
        ],
    )
    report = ingest.ingest_extract(
        extract_dir=extract,
        store_dir=tmp_path / "store",
        options=ingest.IngestOptions(max_malformed_share=1.0),
    )
    assert report.events == 121
    rejected = sorted((r.line, r.column, r.reason) for r in report.rejected)
    assert rejected == [
        (122, "event_date", "not a valid event date"),
        (123, "service_code", "not on the service code list"),
        (124, "person_id", "the person is not in the people file"),
        (125, None, "expected 4 fields, found 2"),
        (126, "person_id", "not a pseudonym"),
    ]
    assert report.rejected_count == 5
    assert report.rejected_by_reason["events.csv: not a valid event date"] == 1
    listed = pl.read_csv(tmp_path / "store" / "rejected_lines.csv")
    assert sorted(listed.get_column("line").to_list()) == [122, 123, 124, 125, 126]
    # The report names places, never the rejected values.
    assert someone not in (tmp_path / "store" / "rejected_lines.csv").read_text()
    assert stranger not in (tmp_path / "store" / "ingest_report.json").read_text()


def test_strict_ingest_refuses_at_the_first_malformed_row(extract, tmp_path, key):
    _append_events(extract, [f"{pseudonym_for(key, '131052-308T')},2005-13-01,TH01,Tapiolan yksikkö"])
    with pytest.raises(PipelineError) as refused:
        ingest.ingest_extract(
            extract_dir=extract, store_dir=tmp_path / "store", options=ingest.IngestOptions(strict=True)
        )
    assert refused.value.code == "malformed_rows"
    assert "events.csv, line 122, column 'event_date'" in str(refused.value)
    assert not (tmp_path / "store").exists()


def test_too_many_malformed_rows_refuse_the_extract(extract, tmp_path, key):
    _append_events(extract, [f"{pseudonym_for(key, '131052-308T')},2005-13-01,TH01,x"] * 5)
    with pytest.raises(PipelineError) as refused:
        ingest.ingest_extract(extract_dir=extract, store_dir=tmp_path / "store")
    assert refused.value.code == "malformed_rows"
    assert "5 of 128 rows" in str(refused.value)


def test_a_raw_identity_code_where_a_pseudonym_belongs_refuses_the_extract(extract, tmp_path):
    _append_events(extract, ["131052-308T,2005-02-03,TH01,Tapiolan yksikkö"])
    with pytest.raises(PipelineError) as refused:
        ingest.ingest_extract(extract_dir=extract, store_dir=tmp_path / "store")
    assert refused.value.code == "raw_identity_code"
    assert "events.csv, line 122, column 'person_id'" in str(refused.value)


def test_an_identity_code_in_any_column_refuses_the_extract(extract, tmp_path, key):
    _append_events(extract, [f"{pseudonym_for(key, '131052-308T')},2005-02-03,TH01,soitti 010594Y9032"])
    with pytest.raises(PipelineError) as refused:
        ingest.ingest_extract(extract_dir=extract, store_dir=tmp_path / "store")
    assert refused.value.code == "identity_code_in_column"
    assert "line 122, column 'unit'" in str(refused.value)


def test_a_raw_identifier_column_refuses_the_extract(extract, tmp_path):
    people = pl.read_csv(extract / "people.csv").with_columns(first_name=pl.lit("Aino"))
    people.write_csv(extract / "people.csv")
    with pytest.raises(PipelineError) as refused:
        ingest.ingest_extract(extract_dir=extract, store_dir=tmp_path / "store")
    assert refused.value.code == "raw_identifier_column"
    assert "column 'first_name'" in str(refused.value)


def test_a_truncated_csv_is_caught_by_the_manifest(extract, tmp_path):
    lines = (extract / "events.csv").read_text().splitlines(keepends=True)
    (extract / "events.csv").write_text("".join(lines[:-10]) + lines[-10][:15])
    with pytest.raises(PipelineError) as refused:
        ingest.ingest_extract(
            extract_dir=extract,
            store_dir=tmp_path / "store",
            options=ingest.IngestOptions(max_malformed_share=1.0),
        )
    assert refused.value.code == "truncated_file"
    assert "events.csv" in str(refused.value)
    assert "111 rows but the manifest lists 120" in str(refused.value)


def test_an_empty_file_is_named(extract, tmp_path):
    (extract / "events.csv").write_text("")
    with pytest.raises(PipelineError) as refused:
        ingest.ingest_extract(extract_dir=extract, store_dir=tmp_path / "store")
    assert refused.value.code == "empty_file"
    assert "events.csv" in str(refused.value)


def test_a_missing_manifest_and_a_used_store_are_refused(extract, tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "old.parquet").write_text("x")
    with pytest.raises(PipelineError) as used:
        ingest.ingest_extract(extract_dir=extract, store_dir=tmp_path / "store")
    assert used.value.code == "store_exists"
    (extract / "manifest.json").unlink()
    with pytest.raises(PipelineError) as missing:
        ingest.ingest_extract(extract_dir=extract, store_dir=tmp_path / "other")
    assert missing.value.code == "missing_file"


def test_an_encrypted_extract_needs_the_right_transfer_key(small_extract, tmp_path):
    with pytest.raises(PipelineError) as without:
        ingest.ingest_extract(extract_dir=small_extract.transfer, store_dir=tmp_path / "a")
    assert without.value.code == "key_missing"
    with pytest.raises(PipelineError) as wrong:
        ingest.ingest_extract(
            extract_dir=small_extract.transfer, store_dir=tmp_path / "b", transfer_key=os.urandom(32)
        )
    assert wrong.value.code == "wrong_decryption_key"
    assert "people.parquet.enc" in str(wrong.value)
    report = ingest.ingest_extract(
        extract_dir=small_extract.transfer, store_dir=tmp_path / "c", transfer_key=small_extract.transfer_key
    )
    assert report.people == small_extract.people
    # Nothing decrypted is left behind next to the store.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]


def test_a_truncated_encrypted_file_is_refused(small_extract, tmp_path):
    copy = tmp_path / "extract"
    shutil.copytree(small_extract.transfer, copy)
    data = (copy / "events.parquet.enc").read_bytes()
    (copy / "events.parquet.enc").write_bytes(data[: len(data) - 1000])
    with pytest.raises(PipelineError) as refused:
        ingest.ingest_extract(
            extract_dir=copy, store_dir=tmp_path / "store", transfer_key=small_extract.transfer_key
        )
    assert refused.value.code == "truncated_file"
    assert "events.parquet.enc" in str(refused.value)
    assert not (tmp_path / "store").exists()

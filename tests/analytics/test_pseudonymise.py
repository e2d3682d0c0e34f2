"""Pseudonymisation at the source: keyed hashes, coarsened dates, and refusals that say where."""

import os
import shutil

import polars as pl
import pytest

from kokeilu.analytics.pipeline import crypto, generate, hetu
from kokeilu.analytics.pipeline.errors import PipelineError
from kokeilu.analytics.pipeline.pseudonymise import (
    PseudonymiseOptions,
    Pseudonymiser,
    pseudonym_for,
    pseudonymise_extract,
)


@pytest.fixture(scope="module")
def raw(tmp_path_factory):
    directory = tmp_path_factory.mktemp("raw")
    config = generate.GenerationConfig(people=300, seed=21, chunk_size=300)
    generate.write_population(config, directory / "csv", file_format="csv")
    generate.write_population(config, directory / "parquet", file_format="parquet")
    return directory


def _run(raw_dir, out, key, fmt="csv", **options):
    return pseudonymise_extract(
        people_path=raw_dir / f"people.{fmt}",
        events_path=raw_dir / f"events.{fmt}",
        out_dir=out,
        key=key,
        options=PseudonymiseOptions(output_format="csv", **options),
    )


def test_pseudonyms_are_stable_for_one_key_and_different_under_another():
    first, second = os.urandom(32), os.urandom(32)
    assert pseudonym_for(first, "131052-308T") == pseudonym_for(first, "131052-308T")
    assert pseudonym_for(first, "131052-308T") != pseudonym_for(second, "131052-308T")
    assert pseudonym_for(first, "131052-308T") != pseudonym_for(first, "010594Y9032")
    assert len(pseudonym_for(first, "131052-308T")) == 32
    # Names and identity codes are hashed under different labels, so equal strings do not link.
    assert Pseudonymiser(first).pseudonym("name", "131052-308T") != pseudonym_for(first, "131052-308T")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_the_output_has_pseudonyms_and_no_raw_identifier(raw, tmp_path, fmt):
    key = os.urandom(32)
    manifest = _run(raw / fmt, tmp_path / "out", key, fmt=fmt)
    people_in = pl.read_parquet(raw / "parquet" / "people.parquet")
    people_out = pl.read_csv(tmp_path / "out" / "people.csv")
    events_out = pl.read_csv(tmp_path / "out" / "events.csv")
    assert people_out.columns == [
        "person_id",
        "name_pseudonym",
        "address_pseudonym",
        "birth_date",
        "home_area",
    ]
    assert people_out.get_column("person_id").to_list() == [pseudonym_for(key, c) for c in people_in["hetu"]]
    assert set(events_out.get_column("person_id")) <= set(people_out.get_column("person_id"))
    text = (tmp_path / "out" / "people.csv").read_text() + (tmp_path / "out" / "events.csv").read_text()
    for row in people_in.iter_rows(named=True):
        assert row["hetu"] not in text
        assert row["street_address"] not in text
        assert f"{row['first_name']},{row['last_name']}" not in text
    assert hetu.find_in_text(text) == []
    assert key.hex() not in text
    assert manifest["files"]["events"]["rows"] == events_out.height
    assert key.hex() not in (tmp_path / "out" / "manifest.json").read_text()


@pytest.mark.parametrize(
    ("precision", "expected"), [("month", "1972-07-01"), ("year", "1972-01-01"), ("day", "1972-07-27")]
)
def test_dates_of_birth_are_coarsened_on_request(tmp_path, precision, expected):
    (tmp_path / "people.csv").write_text("hetu,birth_date\n270772-087E,1972-07-27\n")
    (tmp_path / "events.csv").write_text("hetu,event_date,service_code\n270772-087E,2005-01-02,TH01\n")
    _run(tmp_path, tmp_path / "out", os.urandom(32), birth_date_precision=precision)
    assert (tmp_path / "out" / "people.csv").read_text().splitlines()[1].endswith(f",{expected}")


def _write(tmp_path, people, events):
    (tmp_path / "people.csv").write_text(people)
    (tmp_path / "events.csv").write_text(events)


PEOPLE = (
    "hetu,first_name,last_name,birth_date,home_area\n"
    "270772-087E,Toivo,Jokinen,1972-07-27,Tapiola\n"
    "131052-308T,Aino,Laine,1952-10-13,Tapiola\n"
)
EVENTS = (
    "hetu,event_date,service_code,unit\n"
    "270772-087E,2005-01-02,TH01,Tapiolan terveysasema\n"
    "131052-308T,2006-03-04,SO01,Tapiolan sosiaalipalvelut\n"
)


@pytest.mark.parametrize(
    ("people", "events", "code", "where"),
    [
        (
            PEOPLE,
            EVENTS.replace("Tapiolan sosiaalipalvelut", "asiakas 010594Y9032 soitti"),
            "identity_code_in_column",
            ("events.csv", "line 3", "column 'unit'"),
        ),
        (
            PEOPLE.replace("Tapiola\n131052", "Tapiola 131052-308T\n131052"),
            EVENTS,
            "identity_code_in_column",
            ("people.csv", "line 2", "column 'home_area'"),
        ),
        (
            PEOPLE.replace("131052-308T", "131052-308U"),
            EVENTS,
            "identity_code_check_character",
            ("people.csv", "line 3", "column 'hetu'"),
        ),
        (
            PEOPLE,
            EVENTS.replace("270772-087E", "270772-087F"),
            "identity_code_check_character",
            ("events.csv", "line 2", "column 'hetu'"),
        ),
        (
            PEOPLE.replace("1952-10-13", "1952-13-10"),
            EVENTS,
            "bad_date",
            ("people.csv", "line 3", "column 'birth_date'"),
        ),
        (PEOPLE.replace("hetu,", "henkilo,"), EVENTS, "missing_column", ("people.csv", "column 'hetu'")),
        (
            PEOPLE,
            EVENTS.replace(",service_code", ",code"),
            "missing_column",
            ("events.csv", "column 'service_code'"),
        ),
        (
            PEOPLE + "270772-087E,Toivo,Jokinen,1972-07-27,Tapiola\n",
            EVENTS,
            "duplicate_identity_code",
            ("people.csv", "line 4"),
        ),
        (PEOPLE, EVENTS + "131052-308T,2006-03-04\n", "malformed_line", ("events.csv", "line 4")),
        (
            PEOPLE,
            EVENTS + '131052-308T,2006-03-04,SO01,"unterminated\n',
            "malformed_line",
            ("events.csv", "line 4"),
        ),
        (
            PEOPLE.replace("270772-087E,", ","),
            EVENTS,
            "missing_identity_code",
            ("people.csv", "line 2", "column 'hetu'"),
        ),
        ("", EVENTS, "empty_file", ("people.csv",)),
        ("hetu,birth_date\n", EVENTS, "empty_file", ("people.csv",)),
    ],
)
def test_bad_input_is_refused_naming_file_line_and_column(tmp_path, people, events, code, where):
    _write(tmp_path, people, events)
    with pytest.raises(PipelineError) as refused:
        _run(tmp_path, tmp_path / "out", os.urandom(32))
    assert refused.value.code == code
    for part in where:
        assert part in str(refused.value)
    # A refused extract leaves nothing half-written.
    assert not any((tmp_path / "out").glob("*.csv"))


def test_encrypted_output_needs_the_transfer_key(raw, tmp_path):
    key, transfer_key = os.urandom(32), os.urandom(32)
    manifest = pseudonymise_extract(
        people_path=raw / "csv" / "people.csv",
        events_path=raw / "csv" / "events.csv",
        out_dir=tmp_path / "out",
        key=key,
        transfer_key=transfer_key,
        options=PseudonymiseOptions(encrypt=True),
    )
    assert manifest["files"]["people"]["name"] == "people.parquet.enc"
    assert crypto.is_encrypted(tmp_path / "out" / "people.parquet.enc")
    crypto.decrypt_file(tmp_path / "out" / "events.parquet.enc", tmp_path / "events.parquet", transfer_key)
    assert pl.read_parquet(tmp_path / "events.parquet").height == manifest["files"]["events"]["rows"]
    for name in ("people.parquet.enc", "events.parquet.enc", "manifest.json"):
        content = (tmp_path / "out" / name).read_bytes()
        assert key not in content and transfer_key not in content
        assert key.hex().encode() not in content and transfer_key.hex().encode() not in content


def test_encryption_without_a_transfer_key_is_refused(raw, tmp_path):
    with pytest.raises(PipelineError) as refused:
        pseudonymise_extract(
            people_path=raw / "csv" / "people.csv",
            events_path=raw / "csv" / "events.csv",
            out_dir=tmp_path / "out",
            key=os.urandom(32),
            options=PseudonymiseOptions(encrypt=True),
        )
    assert refused.value.code == "key_missing"


def test_a_truncated_parquet_input_is_refused(raw, tmp_path):
    shutil.copy(raw / "parquet" / "people.parquet", tmp_path / "people.parquet")
    data = (raw / "parquet" / "events.parquet").read_bytes()
    (tmp_path / "events.parquet").write_bytes(data[: len(data) // 2])
    with pytest.raises(PipelineError) as refused:
        pseudonymise_extract(
            people_path=tmp_path / "people.parquet",
            events_path=tmp_path / "events.parquet",
            out_dir=tmp_path / "out",
            key=os.urandom(32),
        )
    assert refused.value.code == "truncated_file"
    assert "events.parquet" in str(refused.value)

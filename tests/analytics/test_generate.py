"""The synthetic population: reproducible for a seed, at a realistic density, with valid raw identifiers."""

import polars as pl
import pytest

from kokeilu.analytics.pipeline import codes, generate, hetu


def _population(seed: int, people: int = 2_000, chunk_size: int = 700) -> list[generate.PopulationChunk]:
    return list(
        generate.generate_chunks(generate.GenerationConfig(people=people, seed=seed, chunk_size=chunk_size))
    )


def _concat(chunks, part):
    return pl.concat([getattr(chunk, part) for chunk in chunks])


def test_the_same_seed_gives_the_same_population():
    first, second = _population(7), _population(7)
    for part in ("people", "events", "truth"):
        assert _concat(first, part).equals(_concat(second, part))


def test_another_seed_gives_another_population():
    assert not _concat(_population(7), "events").equals(_concat(_population(8), "events"))


def test_files_written_twice_are_byte_identical(tmp_path):
    config = generate.GenerationConfig(people=800, seed=3, chunk_size=300)
    for name in ("a", "b"):
        generate.write_population(config, tmp_path / name, file_format="csv", with_truth=True)
    for table in ("people", "events", "truth"):
        assert (tmp_path / "a" / f"{table}.csv").read_bytes() == (
            tmp_path / "b" / f"{table}.csv"
        ).read_bytes()


def test_csv_and_parquet_hold_the_same_rows(tmp_path):
    config = generate.GenerationConfig(people=500, seed=4, chunk_size=200)
    generate.write_population(config, tmp_path / "csv", file_format="csv")
    generate.write_population(config, tmp_path / "parquet", file_format="parquet")
    for table in ("people", "events"):
        from_parquet = pl.read_parquet(tmp_path / "parquet" / f"{table}.parquet")
        from_csv = pl.read_csv(tmp_path / "csv" / f"{table}.csv", schema=from_parquet.schema)
        assert from_csv.equals(from_parquet)


def test_a_real_extract_is_imitated_with_valid_unique_identity_codes_and_known_service_codes():
    chunks = _population(9, people=3_000)
    people, events = _concat(chunks, "people"), _concat(chunks, "events")
    identity_codes = people.get_column("hetu").to_list()
    assert len(set(identity_codes)) == len(identity_codes) == 3_000
    parsed = [hetu.parse(code) for code in identity_codes]
    assert [p.birth_date for p in parsed] == people.get_column("birth_date").to_list()
    # Both traditional and 2023 century signs appear.
    signs = {code[6] for code in identity_codes}
    assert {"-", "A"} <= signs
    assert signs & {"Y", "X", "W", "V", "U"}
    assert signs & {"B", "C", "D", "E", "F"}
    assert set(events.get_column("hetu").unique().to_list()) <= set(identity_codes)
    assert set(events.get_column("service_code").unique().to_list()) <= set(codes.CODES_BY_KEY)
    assert people.get_column("first_name").null_count() == 0
    assert people.get_column("street_address").str.contains(r"^\D+ \d+").all()


def test_events_fall_in_the_window_after_birth_at_espoo_density():
    chunks = _population(10, people=6_000, chunk_size=3_000)
    people, events = _concat(chunks, "people"), _concat(chunks, "events")
    per_person = events.height / people.height
    # Espoo's extract: 37 million events for 520,000 people, about 71 a person.
    assert 64 <= per_person <= 78
    joined = events.join(people.select("hetu", "birth_date"), on="hetu")
    assert joined.filter(pl.col("event_date") <= pl.col("birth_date")).height == 0
    assert events.get_column("event_date").min() >= generate.GenerationConfig().window_start
    assert events.get_column("event_date").max().year == 2016


def test_every_planted_path_type_is_present():
    truth = _concat(_population(12, people=4_000), "truth")
    shares = truth.get_column("path_type").value_counts(normalize=True)
    share = dict(zip(shares.get_column("path_type"), shares.get_column("proportion"), strict=True))
    assert set(share) == set(generate.PATH_TYPES)
    assert share["light"] > 0.7
    assert all(share[kind] > 0.02 for kind in generate.PATH_TYPES)


def test_a_population_needs_people():
    with pytest.raises(ValueError):
        list(generate.generate_chunks(generate.GenerationConfig(people=0)))

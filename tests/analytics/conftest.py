"""Personas and data for the analytics tests.

`analyst` and `data_protection_officer` belong to `city` (Espoo); `other_city_analyst` to Helsinki. The
analytics store is a fresh temporary directory per test, and long tasks run immediately after commit.
Generated extracts are made once per session: generation is deterministic, so sharing them is safe.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

from kokeilu.accounts.models import Role
from kokeilu.analytics import services
from kokeilu.analytics.pipeline import generate, ingest, pseudonymise
from tests.factories import MembershipFactory, UserFactory

SMALL_POPULATION = 1_500


@pytest.fixture
def analyst(city):
    user = UserFactory(username="analyst", first_name="Testi", last_name="Analyytikko")
    MembershipFactory(user=user, organisation=city, role=Role.ANALYST)
    return user


@pytest.fixture
def data_protection_officer(city):
    user = UserFactory(username="data_protection_officer", first_name="Testi", last_name="Tietosuojavastaava")
    MembershipFactory(user=user, organisation=city, role=Role.DATA_PROTECTION_OFFICER)
    return user


@pytest.fixture
def other_city_analyst(other_city):
    user = UserFactory(
        username="other_city_analyst", first_name="Testi", last_name="Helsinkiläinen-Analyytikko"
    )
    MembershipFactory(user=user, organisation=other_city, role=Role.ANALYST)
    return user


@pytest.fixture(autouse=True)
def analytics_store(settings, tmp_path):
    """Every test gets its own store, and long tasks run right after commit (no threads in unit tests)."""
    settings.KOKEILU_ANALYTICS_STORE_DIR = str(tmp_path / "store")
    settings.KOKEILU_TASK_BACKENDS = {"default": "immediate", "long": "immediate"}
    return tmp_path / "store"


@dataclass(frozen=True)
class Extract:
    raw: Path
    transfer: Path
    key: bytes
    transfer_key: bytes
    people: int

    def truth(self) -> pl.DataFrame:
        """Each person's planted path type, keyed by the pseudonym (as a data owner could give it)."""
        truth = pl.read_parquet(self.raw / "truth.parquet")
        pseudonymiser = pseudonymise.Pseudonymiser(self.key)
        return truth.with_columns(person_id=pseudonymiser.people(truth.get_column("hetu"))).drop("hetu")


def make_extract(
    directory: Path, people: int, seed: int, *, encrypt: bool = True, fmt: str = "parquet"
) -> Extract:
    key = os.urandom(32)
    transfer_key = os.urandom(32)
    generate.write_population(
        generate.GenerationConfig(people=people, seed=seed, chunk_size=min(people, 5_000)),
        directory / "raw",
        file_format=fmt,
        with_truth=True,
    )
    pseudonymise.pseudonymise_extract(
        people_path=directory / "raw" / f"people.{fmt}",
        events_path=directory / "raw" / f"events.{fmt}",
        out_dir=directory / "transfer",
        key=key,
        transfer_key=transfer_key if encrypt else None,
        options=pseudonymise.PseudonymiseOptions(encrypt=encrypt),
    )
    return Extract(directory / "raw", directory / "transfer", key, transfer_key, people)


@pytest.fixture(scope="session")
def small_extract(tmp_path_factory) -> Extract:
    """1,500 generated people, pseudonymised and encrypted."""
    return make_extract(tmp_path_factory.mktemp("small-extract"), SMALL_POPULATION, seed=11)


@pytest.fixture(scope="session")
def small_store(tmp_path_factory, small_extract) -> Path:
    """The small extract ingested into a store (read-only for tests)."""
    store = tmp_path_factory.mktemp("small-store") / "store"
    ingest.ingest_extract(
        extract_dir=small_extract.transfer,
        store_dir=store,
        transfer_key=small_extract.transfer_key,
        # Small row groups, so a distributed engine reads the store in several partitions.
        options=ingest.IngestOptions(row_group_rows=20_000),
    )
    return store


@pytest.fixture
def dataset(city, analyst):
    """A synthetic dataset of the city, created the way the demo creates one."""
    return services.dataset_create_synthetic(city=city, created_by=analyst, people=SMALL_POPULATION, seed=11)


def fast_parameters(**overrides):
    """Run parameters that keep the unit tests quick: fewer CLARA samples, up to six groups."""
    from kokeilu.analytics.pipeline.runner import AnalysisParameters

    values = {"k_max": 6, "clara_samples": 3, "clara_sample_size": 300}
    values.update(overrides)
    return AnalysisParameters(**values)

"""The benchmark's PostgreSQL database: created when missing, recognised by a marker, never someone else's.

The marker is a one-row table `bench_seed` holding the size of the seeded programme. A database whose
marker differs from the wanted size is dropped and created again; a database that holds data but no marker
is refused, so pointing DATABASE_URL at a real database can never wipe it.
"""

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kokeilu_bench"


class RefusedDatabaseError(RuntimeError):
    pass


@dataclass(frozen=True)
class Database:
    url: str

    @property
    def name(self) -> str:
        return urlsplit(self.url).path.lstrip("/")

    @property
    def maintenance_url(self) -> str:
        """The same server's `postgres` database, from which databases are created and dropped."""
        parts = urlsplit(self.url)
        return urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, parts.fragment))

    def exists(self) -> bool:
        with psycopg.connect(self.maintenance_url, autocommit=True) as connection:
            row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name]).fetchone()
        return row is not None

    def create(self) -> None:
        with psycopg.connect(self.maintenance_url, autocommit=True) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))

    def drop(self) -> None:
        with psycopg.connect(self.maintenance_url, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.name))
            )

    def marker(self) -> dict[str, Any] | None:
        """The seeded size recorded in the database, or None when there is no marker."""
        with psycopg.connect(self.url) as connection:
            table = connection.execute("SELECT to_regclass('public.bench_seed')").fetchone()
            if table is None or table[0] is None:
                return None
            row = connection.execute("SELECT size FROM bench_seed").fetchone()
        return row[0] if row else None

    def holds_data(self) -> bool:
        """Whether the database has any user account (an empty or un-migrated database has none)."""
        with psycopg.connect(self.url) as connection:
            table = connection.execute("SELECT to_regclass('public.accounts_user')").fetchone()
            if table is None or table[0] is None:
                return False
            row = connection.execute("SELECT EXISTS (SELECT 1 FROM accounts_user)").fetchone()
        return bool(row and row[0])

    def write_marker(self, size: dict[str, Any]) -> None:
        with psycopg.connect(self.url) as connection:
            connection.execute("CREATE TABLE IF NOT EXISTS bench_seed (size jsonb NOT NULL)")
            connection.execute("DELETE FROM bench_seed")
            connection.execute("INSERT INTO bench_seed (size) VALUES (%s::jsonb)", [json.dumps(size)])

    def server_version(self) -> str:
        with psycopg.connect(self.url) as connection:
            row = connection.execute("SHOW server_version").fetchone()
        return str(row[0]) if row else "?"


def prepare(database: Database, wanted: dict[str, Any]) -> bool:
    """Make sure the database exists and is ours. Returns True when it must be (re)seeded."""
    if not database.exists():
        database.create()
        return True
    marker = database.marker()
    if marker == wanted:
        return False
    if marker is None:
        if database.holds_data():
            raise RefusedDatabaseError(
                f"The database {database.name!r} holds data but was not seeded by this benchmark; "
                "refusing to touch it. Point DATABASE_URL at an empty or benchmark database."
            )
        return True
    # Seeded by the benchmark, but at another size (or by an older seeding): start afresh.
    database.drop()
    database.create()
    return True


def migrate_and_seed(
    database: Database, wanted: dict[str, Any], seed: Callable[[], None], *, what: str
) -> dict[str, Any]:
    """`prepare` the database, migrate it, and seed it (`what` says with what) unless its marker is
    `wanted` already. Returns {"reseeded": ..., "seconds": ...} for the results file. Django must be set
    up; raises RefusedDatabaseError as `prepare` does."""
    from django.core.management import call_command

    must_seed = prepare(database, wanted)
    print(f"Database {database.name} (PostgreSQL {database.server_version()}): migrating …", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    seeding: dict[str, Any] = {"reseeded": must_seed}
    if must_seed:
        print(f"Seeding {what} …", flush=True)
        started = time.monotonic()
        seed()
        seeding["seconds"] = round(time.monotonic() - started, 1)
        database.write_marker(wanted)
        print(f"Seeded in {seeding['seconds']} s.", flush=True)
    else:
        print("The seeded data is already there (its marker matches); not seeding again.", flush=True)
    return seeding

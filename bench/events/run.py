"""500 people register at the same moment for a 100-seat workshop, over HTTP, served the way production is.

1. PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/kokeilu_bench_events — a database of
   its own): created when missing and migrated with the production settings (bench/benchdb.py refuses a
   database that holds data it did not seed). 500 people, each with an API token, are members of one
   experiment; they are made once. Every run makes a new 100-seat workshop, so runs do not disturb each
   other.
2. gunicorn serves the production settings on a free loopback port (bench/run_bench.py's server). Every
   person opens a connection and POSTs /api/v1/experiments/<slug>/events/<id>/register/ with their own
   token, all 500 at once (asyncio); bench/loadgen.py measures the ceiling.
3. The figures: how many are confirmed and waitlisted (from the responses and from the database), errors,
   wall time, p50/p95/p99 latency and req/s — and the trivial /fi/healthz ceiling's req/s measured in the
   same run, with the ratio. Printed and written to bench/results/events.json.

Exits 1 when the counts are wrong (not exactly 100 confirmed and 400 waitlisted, or any error).

    .venv/bin/python bench/events/run.py
Environment: DATABASE_URL; BENCH_EVENTS_PEOPLE (500), BENCH_EVENTS_SEATS (100); BENCH_WORKERS etc. as
bench/run_bench.py.
"""

import asyncio
import json
import os
import platform
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

EVENTS_DIR = Path(__file__).resolve().parent
BENCH_DIR = EVENTS_DIR.parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results"
sys.path[:0] = [str(ROOT), str(BENCH_DIR)]

import run_bench  # noqa: E402
from benchdb import Database, RefusedDatabaseError, prepare  # noqa: E402
from loadgen import percentile, run_load  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kokeilu_bench_events"
PEOPLE = int(os.environ.get("BENCH_EVENTS_PEOPLE", "500"))
SEATS = int(os.environ.get("BENCH_EVENTS_SEATS", "100"))
SLUG = "bench-events"
USERNAME = "bench-events-{number}"
CEILING_REQUESTS = 2000
CEILING_CLIENTS = 20
REQUEST_TIMEOUT_SECONDS = 60.0


@dataclass
class Burst:
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    errors: int = 0


def _seed_people() -> tuple[Any, list[str]]:
    """The experiment and its PEOPLE members with their API tokens (made once, reused by later runs)."""
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from kokeilu.accounts.models import Organisation, OrganisationKind, User
    from kokeilu.experiments.models import Experiment, ExperimentMember

    city, _ = Organisation.objects.get_or_create(
        slug="bench-events-city", defaults={"name": "Benchmark City", "kind": OrganisationKind.CITY}
    )
    lead, _ = User.objects.get_or_create(
        username="bench-events-lead", defaults={"email": "lead@example.test"}
    )
    experiment = Experiment.objects.filter(slug=SLUG).first()
    if experiment is None:
        today = timezone.localdate()
        experiment = Experiment.objects.create(
            city=city,
            slug=SLUG,
            title_fi="Kuormitustesti",
            starts_on=today,
            ends_on=today + timedelta(days=90),
            status="running",
            created_by=lead,
        )
        ExperimentMember.objects.create(experiment=experiment, user=lead, role="lead")
    existing = set(
        User.objects.filter(username__startswith="bench-events-").values_list("username", flat=True)
    )
    names = [USERNAME.format(number=number) for number in range(PEOPLE)]
    User.objects.bulk_create(
        [User(username=name, email=f"{name}@example.test") for name in names if name not in existing]
    )
    users = list(User.objects.filter(username__in=names).order_by("pk"))
    members = set(ExperimentMember.objects.filter(experiment=experiment).values_list("user_id", flat=True))
    ExperimentMember.objects.bulk_create(
        [
            ExperimentMember(experiment=experiment, user=user, role="tester")
            for user in users
            if user.pk not in members
        ]
    )
    with_token = set(Token.objects.filter(user__in=users).values_list("user_id", flat=True))
    Token.objects.bulk_create(
        [Token(user=user, key=Token.generate_key()) for user in users if user.pk not in with_token]
    )
    tokens = dict(Token.objects.filter(user__in=users).values_list("user_id", "key"))
    return experiment, [tokens[user.pk] for user in users]


def _new_workshop(experiment: Any) -> Any:
    from django.utils import timezone

    from kokeilu.accounts.models import User
    from kokeilu.events import services

    lead = User.objects.get(username="bench-events-lead")
    start = timezone.now() + timedelta(days=7)
    return services.event_create(
        experiment=experiment,
        created_by=lead,
        title_fi=f"Työpaja {datetime.now(UTC):%Y-%m-%d %H:%M:%S}",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Iso Omena",
        capacity=SEATS,
    )


async def _register(host: str, port: int, path: str, token: str, start: asyncio.Event, burst: Burst) -> None:
    request = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Token {token}\r\n"
        "Accept: application/json\r\nAccept-Language: en\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    ).encode("latin-1")
    await start.wait()
    sent = time.perf_counter()
    writer = None
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), REQUEST_TIMEOUT_SECONDS)
        writer.write(request)
        await writer.drain()
        status, body = await asyncio.wait_for(_read_until_closed(reader), REQUEST_TIMEOUT_SECONDS)
    except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
        burst.latencies_ms.append((time.perf_counter() - sent) * 1000)
        burst.statuses[type(error).__name__] += 1
        burst.errors += 1
        return
    finally:
        if writer is not None:
            writer.close()
    burst.latencies_ms.append((time.perf_counter() - sent) * 1000)
    burst.statuses[str(status)] += 1
    if status != 201:
        burst.errors += 1
        return
    try:
        burst.outcomes[json.loads(body)["status"]] += 1
    except (ValueError, KeyError):
        burst.errors += 1


async def _read_until_closed(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """The whole response (the request asked the server to close the connection after it)."""
    data = await reader.read()
    head, _separator, body = data.partition(b"\r\n\r\n")
    status_line = head.split(b"\r\n", 1)[0].decode("latin-1")
    if not status_line.startswith("HTTP/"):
        raise ValueError(f"not an HTTP response: {status_line!r}")
    return int(status_line.split(" ", 2)[1]), body


async def _burst(host: str, port: int, path: str, tokens: list[str]) -> Burst:
    burst = Burst()
    start = asyncio.Event()
    tasks = [asyncio.create_task(_register(host, port, path, token, start, burst)) for token in tokens]
    await asyncio.sleep(0.2)  # every task is waiting at the start line
    started = time.perf_counter()
    start.set()
    await asyncio.gather(*tasks)
    burst.seconds = time.perf_counter() - started
    return burst


def main() -> int:
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not database_url.startswith(("postgres://", "postgresql://")):
        print("The benchmark needs PostgreSQL: set DATABASE_URL to a postgres:// URL.", file=sys.stderr)
        return 2
    run_bench._configure_environment(database_url)
    warnings.filterwarnings("ignore", message="No directory at")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    database = Database(database_url)
    try:
        prepare(database, {"events_people": PEOPLE})
    except RefusedDatabaseError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"Database {database.name} (PostgreSQL {database.server_version()}): migrating …", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    experiment, tokens = _seed_people()
    database.write_marker({"events_people": PEOPLE})
    workshop = _new_workshop(experiment)
    path = f"/api/v1/experiments/{experiment.slug}/events/{workshop.pk}/register/"
    connections.close_all()

    RESULTS.mkdir(parents=True, exist_ok=True)
    port = run_bench._free_port()
    load_before = os.getloadavg()
    print(
        f"Starting gunicorn on {run_bench.HOST}:{port} "
        f"({run_bench.WORKERS} {run_bench.WORKER_CLASS} workers) …",
        flush=True,
    )
    server = run_bench._start_gunicorn(port, RESULTS / "gunicorn-events.log")
    try:
        run_bench._wait_until_ready(server, port)
        # Warm every worker, then measure the ceiling and the burst in the same run.
        run_load(
            host=run_bench.HOST,
            port=port,
            path="/fi/healthz",
            clients=CEILING_CLIENTS,
            requests=200,
            max_seconds=30,
        )
        print(
            f"  measuring the ceiling: {CEILING_REQUESTS} × /fi/healthz, {CEILING_CLIENTS} clients …",
            flush=True,
        )
        ceiling = run_load(
            host=run_bench.HOST,
            port=port,
            path="/fi/healthz",
            clients=CEILING_CLIENTS,
            requests=CEILING_REQUESTS,
            max_seconds=60,
        )
        print(f"  {PEOPLE} people register at once for {SEATS} seats …", flush=True)
        burst = asyncio.run(_burst(run_bench.HOST, port, path, tokens))
    finally:
        run_bench._stop(server)

    from kokeilu.events.models import Registration

    stored = Counter(Registration.objects.filter(event=workshop).values_list("status", flat=True))
    confirmed = burst.outcomes.get("confirmed", 0)
    waitlisted = burst.outcomes.get("waitlisted", 0)
    requests_per_second = len(burst.latencies_ms) / burst.seconds if burst.seconds else 0.0
    ratio = requests_per_second / ceiling.requests_per_second if ceiling.requests_per_second else None
    correct = (
        confirmed == SEATS
        and waitlisted == PEOPLE - SEATS
        and burst.errors == 0
        and stored.get("confirmed", 0) == SEATS
        and stored.get("waitlisted", 0) == PEOPLE - SEATS
    )
    report: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cores": run_bench.CORES,
            "python": platform.python_version(),
            "postgresql": database.server_version(),
            "load_average_before": [round(value, 2) for value in load_before],
            "load_average_after": [round(value, 2) for value in os.getloadavg()],
        },
        "server": {
            "workers": run_bench.WORKERS,
            "worker_class": run_bench.WORKER_CLASS,
            "threads": run_bench.THREADS,
        },
        "registrations": {
            "path": path,
            "people": PEOPLE,
            "seats": SEATS,
            "confirmed": confirmed,
            "waitlisted": waitlisted,
            "errors": burst.errors,
            "statuses": dict(burst.statuses),
            "stored": dict(stored),
            "wall_seconds": round(burst.seconds, 3),
            "p50_ms": round(percentile(burst.latencies_ms, 0.50), 1),
            "p95_ms": round(percentile(burst.latencies_ms, 0.95), 1),
            "p99_ms": round(percentile(burst.latencies_ms, 0.99), 1),
            "requests_per_second": round(requests_per_second, 1),
            "throughput_vs_ceiling": round(ratio, 3) if ratio is not None else None,
        },
        "ceiling": {
            "path": "/fi/healthz",
            "requests": ceiling.requests,
            "clients": ceiling.clients,
            "errors": ceiling.errors,
            "p50_ms": round(ceiling.median_ms, 1),
            "p95_ms": round(ceiling.p95_ms, 1),
            "requests_per_second": round(ceiling.requests_per_second, 1),
        },
        "counts_correct": correct,
    }
    output = RESULTS / "events.json"
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    figures = report["registrations"]
    print()
    print(
        f"  registered {confirmed} (stored {stored.get('confirmed', 0)}), waitlisted {waitlisted} "
        f"(stored {stored.get('waitlisted', 0)}), errors {burst.errors}"
    )
    print(
        f"  wall {figures['wall_seconds']} s; latency p50 {figures['p50_ms']} ms, "
        f"p95 {figures['p95_ms']} ms, "
        f"p99 {figures['p99_ms']} ms; {figures['requests_per_second']} req/s"
    )
    print(
        f"  ceiling /fi/healthz {report['ceiling']['requests_per_second']} req/s; "
        f"registrations at {figures['throughput_vs_ceiling']} × the ceiling"
    )
    print(f"\nWritten to {output.relative_to(ROOT)}.")
    if not correct:
        print(f"WRONG COUNTS: expected {SEATS} confirmed and {PEOPLE - SEATS} waitlisted with no errors.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The catalogue and Open311 at the issue's scale, served the way production is.

1. PostgreSQL (BENCH_CATALOGUE_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/kokeilu_bench_catalogue
   — a database of its own, so that `make bench`'s database is never dropped for this one): created when
   missing, migrated with the production settings and seeded with 50,000 services, 100,000 locations and
   1,000,000 feedback items unless its marker says it already holds exactly that (bench/benchdb.py).
2. Queries and time of one request alone, per page, measured in-process: with the page cached, and with
   the cache emptied first (what the first request after a change of the catalogue costs).
3. gunicorn serves the production settings on a free loopback port; bench/loadgen.py sends a fixed number
   of requests from 20 concurrent clients to each page: the trivial /fi/healthz (the ceiling), catalogue
   search, filters, "open now" and "open at a given time", and Open311 GET requests (the default query:
   the newest 1,000 of the last 90 days, in JSON and XML; a filtered one; a single request).
4. Each page's p95 latency and throughput are reported as ratios to the ceiling's, printed and written to
   bench/catalogue/results/catalogue.json. gunicorn is stopped whatever happens.

The server, the load generator and PostgreSQL share the machine's cores; run it on a quiet machine.
Environment: as bench/run_bench.py (BENCH_REQUESTS, BENCH_CLIENTS, BENCH_MAX_SECONDS, BENCH_WORKERS, …), and
BENCH_CATALOGUE_SCALE (default 1) to try the script on a smaller catalogue.

    .venv/bin/python bench/catalogue/run.py
"""

import json
import math
import os
import platform
import sys
import time
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

CATALOGUE_DIR = Path(__file__).resolve().parent
BENCH_DIR = CATALOGUE_DIR.parent
ROOT = BENCH_DIR.parent
RESULTS = CATALOGUE_DIR / "results"
sys.path[:0] = [str(ROOT), str(BENCH_DIR)]

import run_bench  # noqa: E402
from benchdb import Database, RefusedDatabaseError, migrate_and_seed  # noqa: E402
from loadgen import LoadResult, run_load  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kokeilu_bench_catalogue"
SETTINGS = "bench.catalogue.settings"


@dataclass
class Page:
    key: str
    label: str
    path: str = ""


def _pages(popular_code: str, newest_request: int) -> list[Page]:
    monday = datetime.now() + timedelta(days=(7 - datetime.now().weekday()) % 7 or 7)
    at = f"{monday:%Y-%m-%d}T10:00"
    return [
        Page("healthz", "/fi/healthz (ceiling)", "/fi/healthz"),
        Page("catalogue_start", "catalogue start page", "/fi/services/"),
        Page("search", "search a word", "/fi/services/?q=neuvola"),
        Page("search_page_5", "search, page 5", "/fi/services/?q=perhe&page=5"),
        Page(
            "filters",
            "life situation + sector + price",
            "/fi/services/?life_situation=child-is-born&sector=private&price=free",
        ),
        Page("open_now", "open now (all services)", "/fi/services/?open=now"),
        Page(
            "open_at",
            "open Monday 10:00 + life situation",
            f"/fi/services/?open=at&at={at}&life_situation=child-is-born",
        ),
        Page("open311_json", "Open311 GET requests.json (1,000)", "/open311/v2/requests.json"),
        Page("open311_xml", "Open311 GET requests.xml (1,000)", "/open311/v2/requests.xml"),
        Page(
            "open311_filtered",
            "Open311 requests, service_code + status",
            f"/open311/v2/requests.json?service_code={popular_code}&status=open",
        ),
        Page("open311_one", "Open311 GET requests/{id}.json", f"/open311/v2/requests/{newest_request}.json"),
    ]


def _alone(pages: list[Page]) -> dict[str, dict[str, Any]]:
    """Queries and time of one request with nothing else running, per page (after a warming request), and
    the time of one with the cache emptied first (the first request after the catalogue changes)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    measured: dict[str, dict[str, Any]] = {}
    for page in pages:
        client.get(page.path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path)
        queries = list(captured.captured_queries)
        durations = []
        for _repeat in range(3):
            started = time.perf_counter()
            client.get(page.path)
            durations.append((time.perf_counter() - started) * 1000)
        cold_durations = []
        for _repeat in range(3):
            cache.clear()
            started = time.perf_counter()
            client.get(page.path)
            cold_durations.append((time.perf_counter() - started) * 1000)
        measured[page.key] = {
            "status": response.status_code,
            "queries": len(queries),
            "sql_ms": round(sum(float(query["time"]) for query in queries) * 1000, 1),
            "alone_ms": round(sorted(durations)[1], 1),
            "cold_ms": round(sorted(cold_durations)[1], 1),
            "bytes": len(response.content),
        }
        if response.status_code != 200:
            print(f"Warning: {page.path} answered {response.status_code} in-process.", flush=True)
    return measured


def _load(port: int, pages: list[Page]) -> dict[str, LoadResult]:
    results: dict[str, LoadResult] = {}
    for page in pages:
        count = run_bench.REQUESTS * 4 if page.key == "healthz" else run_bench.REQUESTS
        run_load(
            host=run_bench.HOST,
            port=port,
            path=page.path,
            clients=run_bench.CLIENTS,
            requests=2 * run_bench.CLIENTS,
            max_seconds=30,
        )
        print(f"  measuring {page.label}: {count} requests, {run_bench.CLIENTS} clients …", flush=True)
        results[page.key] = run_load(
            host=run_bench.HOST,
            port=port,
            path=page.path,
            clients=run_bench.CLIENTS,
            requests=count,
            max_seconds=run_bench.MAX_SECONDS,
        )
    return results


def _ratio(value: float, ceiling: float) -> float | None:
    if not ceiling or math.isnan(value) or math.isnan(ceiling):
        return None
    return round(value / ceiling, 3)


def _report(
    pages: list[Page], results: dict[str, LoadResult], alone: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    ceiling = results["healthz"]
    rows = []
    for page in pages:
        result = results[page.key]
        rows.append(
            {
                "page": page.key,
                "label": page.label,
                "path": page.path,
                "requests": result.requests,
                "clients": result.clients,
                "seconds": round(result.seconds, 2),
                "stopped_by_time": result.stopped_by_time,
                "median_ms": round(result.median_ms, 1),
                "p95_ms": round(result.p95_ms, 1),
                "requests_per_second": round(result.requests_per_second, 1),
                "errors": result.errors,
                "statuses": dict(result.statuses),
                "p95_vs_ceiling": _ratio(result.p95_ms, ceiling.p95_ms),
                "throughput_vs_ceiling": _ratio(result.requests_per_second, ceiling.requests_per_second),
                "alone": alone.get(page.key),
            }
        )
    return rows


def _print(rows: list[dict[str, Any]]) -> None:
    header = (
        "page",
        "median ms",
        "p95 ms",
        "req/s",
        "errors",
        "p95 × ceiling",
        "req/s × ceiling",
        "queries",
        "alone ms",
        "cold ms",
    )
    lines = [header]
    for row in rows:
        alone = row["alone"] or {}
        lines.append(
            (
                row["label"],
                f"{row['median_ms']:.1f}",
                f"{row['p95_ms']:.1f}",
                f"{row['requests_per_second']:.0f}",
                str(row["errors"]),
                "–" if row["page"] == "healthz" else f"{row['p95_vs_ceiling']}",
                "–" if row["page"] == "healthz" else f"{row['throughput_vs_ceiling']}",
                str(alone.get("queries", "–")),
                str(alone.get("alone_ms", "–")),
                str(alone.get("cold_ms", "–")),
            )
        )
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    for number, line in enumerate(lines):
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
        if number == 0:
            print("  " + "  ".join("-" * width for width in widths))


def main() -> int:
    database_url = os.environ.get("BENCH_CATALOGUE_DATABASE_URL") or DEFAULT_URL
    if not database_url.startswith(("postgres://", "postgresql://")):
        print(
            "The benchmark needs PostgreSQL: set BENCH_CATALOGUE_DATABASE_URL to a postgres:// URL.",
            file=sys.stderr,
        )
        return 2
    run_bench._configure_environment(database_url)
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    warnings.filterwarnings("ignore", message="No directory at")

    import django

    django.setup()
    from catalogue_seeding import CatalogueSeedSize, seed

    # BENCH_CATALOGUE_SCALE shrinks the catalogue for a quick trial run (the marker records the size).
    scale = float(os.environ.get("BENCH_CATALOGUE_SCALE", "1"))
    size = CatalogueSeedSize(
        producers=max(3, round(500 * scale)),
        services=max(10, round(50_000 * scale)),
        feedback=max(10, round(1_000_000 * scale)),
    )
    database = Database(database_url)
    try:
        seeding = migrate_and_seed(
            database,
            size.marker(),
            lambda: seed(size),
            what=f"{size.services} services, {size.locations} locations, {size.feedback} feedback",
        )
    except RefusedDatabaseError as error:
        print(error, file=sys.stderr)
        return 2

    from kokeilu.catalogue.models import Service, ServiceLocation
    from kokeilu.feedback.models import Feedback

    seeding["rows"] = {
        "services": Service.objects.count(),
        "locations": ServiceLocation.objects.count(),
        "feedback": Feedback.objects.count(),
    }
    pages = _pages("s-1", Feedback.objects.order_by("-id").values_list("id", flat=True).first() or 1)
    alone = _alone(pages)

    from django.db import connections

    connections.close_all()
    RESULTS.mkdir(parents=True, exist_ok=True)
    port = run_bench._free_port()
    load_before = os.getloadavg()
    print(
        f"Starting gunicorn on {run_bench.HOST}:{port} "
        f"({run_bench.WORKERS} {run_bench.WORKER_CLASS} workers) …",
        flush=True,
    )
    server = run_bench._start_gunicorn(port, RESULTS / "gunicorn.log")
    try:
        run_bench._wait_until_ready(server, port)
        results = _load(port, pages)
    finally:
        run_bench._stop(server)
    rows = _report(pages, results, alone)
    report = {
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
        "load": {
            "clients": run_bench.CLIENTS,
            "requests_per_page": run_bench.REQUESTS,
            "max_seconds": run_bench.MAX_SECONDS,
        },
        "seeding": seeding,
        "pages": rows,
    }
    (RESULTS / "catalogue.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print()
    _print(rows)
    print(f"\nWritten to {RESULTS / 'catalogue.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

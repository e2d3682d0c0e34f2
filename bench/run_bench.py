"""`make bench`: how the pages that matter hold up on a large programme, served the way production is.

1. PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/kokeilu_bench): the database is
   created when missing, migrated with the production settings, and seeded with bulk_create only when the
   seeded size recorded in it differs from the wanted one (see benchdb.py and seeding.py).
2. The SQL query count of each page, measured in-process with django.test.Client and
   CaptureQueriesContext on a call with 40 proposals and on one with 400.
3. gunicorn serves config.wsgi with the production settings on a free loopback port; our own asyncio load
   generator sends a fixed number of requests (bounded in time) from 20 concurrent clients to each page:
   the trivial /fi/healthz (the ceiling of the stack), the public call page, the manager's filtered and
   paginated proposal list and the ranking. The manager's pages use a session made for a seeded
   programme manager.
4. A table is printed and everything is written to bench/results/bench.json, with each target (p95 under
   100 ms, at least a third of the ceiling's throughput) marked met or not met. gunicorn is stopped at
   the end whatever happens.

Environment: DATABASE_URL, BENCH_REQUESTS (per page, default 600; the ceiling gets 4×),
BENCH_CLIENTS (20), BENCH_MAX_SECONDS (per page, 60), BENCH_WORKER_CLASS (sync), BENCH_WORKERS (cores + 1),
BENCH_THREADS (1).
"""

import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results"
sys.path.insert(0, str(ROOT))

from benchdb import DEFAULT_URL, Database, RefusedDatabaseError, migrate_and_seed  # noqa: E402
from loadgen import LoadResult, run_load  # noqa: E402

HOST = "127.0.0.1"
P95_TARGET_MS = 100.0
THROUGHPUT_TARGET = 1 / 3
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "20"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "600"))
MAX_SECONDS = float(os.environ.get("BENCH_MAX_SECONDS", "60"))
CORES = os.cpu_count() or 1
# Sync workers, one more than there are cores: the pages are CPU-bound (PostgreSQL and the load generator
# share the same cores), and a sync worker takes requests in the kernel's accept order, so no connection
# waits behind others' keep-alive requests (gthread workers measured higher p95 here for that reason).
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "sync")
WORKERS = int(os.environ.get("BENCH_WORKERS", str(CORES + 1)))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))


@dataclass
class Page:
    key: str
    label: str
    url_name: str
    query: str = ""
    manager: bool = False
    path: str = ""  # for the target call; empty when the page does not exist in this tree
    missing: str = ""


PAGES = [
    Page("healthz", "/fi/healthz (ceiling)", "core:healthz"),
    Page("call_detail", "public call page", "calls:detail"),
    Page(
        "call_proposals",
        "manager's list, filtered, page 2",
        "evaluation:call_proposals",
        "?status=submitted&applicant_kind=company&page=2",
        manager=True,
    ),
    Page("ranking", "ranking", "evaluation:ranking", manager=True),
]


def _configure_environment(database_url: str) -> None:
    """The settings production uses; the subprocesses (gunicorn) inherit them."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DATABASE_URL": database_url,
            "DJANGO_SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or f"bench-{secrets.token_urlsafe(40)}",
            "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost,testserver",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "DJANGO_LOG_LEVEL": "ERROR",
        }
    )


def _path(page: Page, slug: str) -> str:
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    with translation.override("fi"):
        try:
            if page.url_name == "core:healthz":
                return reverse(page.url_name)
            return reverse(page.url_name, kwargs={"slug": slug}) + page.query
        except NoReverseMatch:
            return ""


def _resolve_pages(slug: str) -> None:
    """Find each page's URL on the target call; a page this tree does not have is reported, not measured."""
    for page in PAGES:
        page.path = _path(page, slug)
        if not page.path:
            page.missing = f"URL name {page.url_name!r} does not exist in this tree"


def _query_counts(small_slug: str, target_slug: str, manager: Any) -> dict[str, dict[str, Any]]:
    """Queries per page on the small and the target call, and how long one request takes alone,
    measured in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    anonymous, signed_in = Client(), Client()
    signed_in.force_login(manager)
    counts: dict[str, dict[str, Any]] = {}
    for page in PAGES:
        if page.missing:
            continue
        client = signed_in if page.manager else anonymous
        row: dict[str, Any] = {}
        for label, slug in (("small", small_slug), ("target", target_slug)):
            path = _path(page, slug)
            client.get(path)  # warm: the first request fills per-process caches
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            # Read the log now: every request's start clears the connection's query log.
            queries = list(captured.captured_queries)
            # The time one request takes alone, without concurrent load: the best median to hope for.
            durations = []
            for _repeat in range(3):
                started = time.perf_counter()
                client.get(path)
                durations.append((time.perf_counter() - started) * 1000)
            row[label] = {
                "path": path,
                "status": response.status_code,
                "queries": len(queries),
                "sql_ms": round(sum(float(query["time"]) for query in queries) * 1000, 1),
                "alone_ms": round(sorted(durations)[1], 1),
                "bytes": len(response.content),
            }
        row["grows_with_proposals"] = row["target"]["queries"] > row["small"]["queries"]
        counts[page.key] = row
    return counts


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _start_gunicorn(port: int, log: Path) -> subprocess.Popen[bytes]:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "config.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(WORKERS),
        "--worker-class",
        WORKER_CLASS,
        "--threads",
        str(THREADS),
        "--log-level",
        "warning",
    ]
    with log.open("wb") as output:
        # A session of its own, so the whole server (master and workers) can be stopped together.
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=os.environ.copy(),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _wait_until_ready(server: subprocess.Popen[bytes], port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/fi/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {timeout:.0f} s")


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)  # gunicorn's graceful shutdown stops its workers too
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def _load(port: int, cookie: str) -> dict[str, LoadResult]:
    results: dict[str, LoadResult] = {}
    for page in PAGES:
        if page.missing:
            continue
        count = REQUESTS * 4 if page.key == "healthz" else REQUESTS
        header = cookie if page.manager else ""
        # Warm every worker (connections, templates, translations) before measuring.
        run_load(
            host=HOST,
            port=port,
            path=page.path,
            cookie=header,
            clients=CLIENTS,
            requests=2 * CLIENTS,
            max_seconds=30,
        )
        print(f"  measuring {page.label}: {count} requests, {CLIENTS} clients …", flush=True)
        results[page.key] = run_load(
            host=HOST,
            port=port,
            path=page.path,
            cookie=header,
            clients=CLIENTS,
            requests=count,
            max_seconds=MAX_SECONDS,
        )
    return results


def _report(results: dict[str, LoadResult], counts: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    ceiling = results.get("healthz")
    rows = []
    for page in PAGES:
        row: dict[str, Any] = {"page": page.key, "label": page.label, "path": page.path}
        if page.missing:
            row["not_measured"] = page.missing
            rows.append(row)
            continue
        result = results[page.key]
        ratio = (
            result.requests_per_second / ceiling.requests_per_second if ceiling and ceiling.seconds else None
        )
        row.update(
            requests=result.requests,
            clients=result.clients,
            seconds=round(result.seconds, 2),
            stopped_by_time=result.stopped_by_time,
            median_ms=round(result.median_ms, 1),
            p95_ms=round(result.p95_ms, 1),
            requests_per_second=round(result.requests_per_second, 1),
            errors=result.errors,
            statuses=dict(result.statuses),
            throughput_vs_ceiling=round(ratio, 3) if ratio is not None else None,
            queries=counts.get(page.key),
        )
        if page.key != "healthz":
            row["targets"] = {
                "p95_under_100_ms": "met" if result.p95_ms < P95_TARGET_MS else "not met",
                "at_least_a_third_of_ceiling": "met"
                if ratio is not None and ratio >= THROUGHPUT_TARGET
                else "not met",
                "no_errors": "met" if result.errors == 0 else "not met",
            }
        rows.append(row)
    return rows


def _print_table(rows: list[dict[str, Any]]) -> None:
    header = (
        "page",
        "median ms",
        "p95 ms",
        "req/s",
        "errors",
        "× ceiling",
        "p95<100ms",
        "≥⅓ ceiling",
        "queries 40→400",
        "alone ms 40→400",
    )
    lines = [header]
    for row in rows:
        if "not_measured" in row:
            lines.append(
                (row["label"], "–", "–", "–", "–", "–", "–", "–", "–", f"not measured: {row['not_measured']}")
            )
            continue
        queries = row.get("queries")
        query_text = f"{queries['small']['queries']} → {queries['target']['queries']}" if queries else "–"
        alone_text = (
            f"{queries['small']['alone_ms']:.0f} → {queries['target']['alone_ms']:.0f}" if queries else "–"
        )
        targets = row.get("targets", {})
        lines.append(
            (
                row["label"],
                f"{row['median_ms']:.1f}",
                f"{row['p95_ms']:.1f}",
                f"{row['requests_per_second']:.0f}",
                str(row["errors"]),
                f"{row['throughput_vs_ceiling']:.2f}" if row["throughput_vs_ceiling"] is not None else "–",
                targets.get("p95_under_100_ms", "ceiling"),
                targets.get("at_least_a_third_of_ceiling", "ceiling"),
                query_text,
                alone_text,
            )
        )
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    for number, line in enumerate(lines):
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
        if number == 0:
            print("  " + "  ".join("-" * width for width in widths))


def main() -> int:
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not database_url.startswith(("postgres://", "postgresql://")):
        print("The benchmark needs PostgreSQL: set DATABASE_URL to a postgres:// URL.", file=sys.stderr)
        return 2
    _configure_environment(database_url)
    # WhiteNoise warns when static files have not been collected; the benchmark requests no static files.
    warnings.filterwarnings("ignore", message="No directory at")

    import django

    django.setup()  # loads the apps; no database connection is opened yet
    from seeding import SMALL_SLUG, TARGET_SLUG, SeedSize, manager_username, seed

    size = SeedSize()
    database = Database(database_url)
    try:
        seeding = migrate_and_seed(
            database,
            size.marker(),
            lambda: seed(size),
            what=f"{size.calls} calls, {size.proposals} proposals, {size.reviews} reviews",
        )
    except RefusedDatabaseError as error:
        print(error, file=sys.stderr)
        return 2

    from kokeilu.accounts.models import User
    from kokeilu.calls.models import Call
    from kokeilu.evaluation.models import Decision, Review
    from kokeilu.proposals.models import Proposal

    seeding["rows"] = {
        "calls": Call.objects.count(),
        "proposals": Proposal.objects.count(),
        "reviews": Review.objects.count(),
        "decisions": Decision.objects.count(),
    }

    target = Call.objects.select_related("platform__city").get(slug=TARGET_SLUG)
    city_key = target.platform.city.slug.removeprefix("bench-")
    manager = User.objects.get(username=manager_username(city_key))
    _resolve_pages(target.slug)
    counts = _query_counts(SMALL_SLUG, TARGET_SLUG, manager)
    for key, row in counts.items():
        for label in ("small", "target"):
            if row[label]["status"] != 200:
                print(f"Warning: {row[label]['path']} answered {row[label]['status']} in-process ({key}).")

    from django.conf import settings
    from django.db import connections
    from django.test import Client

    client = Client()
    client.force_login(manager)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    connections.close_all()

    RESULTS.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    load_before = os.getloadavg()
    print(f"Starting gunicorn on {HOST}:{port} ({WORKERS} {WORKER_CLASS} workers) …", flush=True)
    server = _start_gunicorn(port, RESULTS / "gunicorn.log")
    try:
        _wait_until_ready(server, port)
        results = _load(port, cookie)
    finally:
        _stop(server)
    rows = _report(results, counts)

    report: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cores": CORES,
            "python": platform.python_version(),
            "postgresql": database.server_version(),
            "load_average_before": [round(value, 2) for value in load_before],
            "load_average_after": [round(value, 2) for value in os.getloadavg()],
        },
        "server": {"gunicorn_workers": WORKERS, "threads_per_worker": THREADS, "worker_class": WORKER_CLASS},
        "load": {
            "clients": CLIENTS,
            "requests_per_page": REQUESTS,
            "ceiling_requests": 4 * REQUESTS,
            "max_seconds_per_page": MAX_SECONDS,
        },
        "seed": {**size.marker(), **seeding},
        "target_call": {
            "slug": TARGET_SLUG,
            "proposals": Proposal.objects.filter(call__slug=TARGET_SLUG).count(),
        },
        "small_call": {
            "slug": SMALL_SLUG,
            "proposals": Proposal.objects.filter(call__slug=SMALL_SLUG).count(),
        },
        "targets": {
            "p95_ms_below": P95_TARGET_MS,
            "throughput_vs_ceiling_at_least": round(THROUGHPUT_TARGET, 3),
        },
        "pages": rows,
    }
    output = RESULTS / "bench.json"
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print()
    print(
        f"Target call {TARGET_SLUG}: {report['target_call']['proposals']} proposals; programme: "
        f"{seeding['rows']['proposals']} proposals, {seeding['rows']['reviews']} reviews. "
        f"{CLIENTS} clients; load average before {load_before[0]:.2f} on {CORES} cores."
    )
    _print_table(rows)
    print(f"\nWritten to {output.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    # A terminating signal unwinds through the finally blocks, so gunicorn is always stopped.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    sys.exit(main())

"""The programme dashboard of a city with 10 years × 50 calls, over HTTP, served the way production is.

1. PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/kokeilu_bench_dashboards — a
   database of its own): created when missing and migrated with the production settings (bench/benchdb.py
   refuses a database that holds data it did not seed; a database seeded at another size is recreated).
2. Seeded once with bulk_create: one city with 12 units and 3 platforms, 40 development needs a year,
   50 calls a year for the last 10 years (this one included), 20–60 submitted proposals per call from six
   kinds of applicant, a decision on every proposal of a call whose decision period is over (about 8 %
   selected), an experiment for every selected proposal (running, completed, planned or cancelled by its
   dates) with its responsible unit and grant, and 2–8 spend lines per started experiment.
3. In-process: the SQL queries and the time of one dashboard render with an empty cache (every number
   computed) and with a warm one (the data version checked, the page from the cache).
4. gunicorn serves config.wsgi with the production settings on a free loopback port (bench/run_bench.py's
   server); bench/loadgen.py's 20 clients request the trivial /fi/healthz (the ceiling) and then the
   signed-in programme manager's dashboard (the default ten years). p50/p95/p99 latency and req/s, and the
   dashboard's ratios to the ceiling, are printed and written to bench/results/dashboards.json.

    .venv/bin/python bench/dashboards/run.py
Environment: DATABASE_URL; BENCH_REQUESTS (dashboard requests, 600; the ceiling gets 4×), BENCH_CLIENTS
(20), BENCH_MAX_SECONDS (60); BENCH_WORKERS etc. as bench/run_bench.py.
"""

import json
import os
import platform
import random
import sys
import time
import warnings
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

DASHBOARDS_DIR = Path(__file__).resolve().parent
BENCH_DIR = DASHBOARDS_DIR.parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results"
sys.path[:0] = [str(ROOT), str(BENCH_DIR)]

import run_bench  # noqa: E402
from benchdb import Database, RefusedDatabaseError, migrate_and_seed  # noqa: E402
from loadgen import LoadResult, run_load  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kokeilu_bench_dashboards"
YEARS = 10
CALLS_PER_YEAR = 50
NEEDS_PER_YEAR = 40
PROPOSALS_PER_CALL = (20, 60)
UNITS = 12
SEED_VERSION = 1
CITY_SLUG = "bench-dashboards-city"
MANAGER = "bench-dashboards-manager"
BATCH = 2000
KINDS = (
    ("company", 45),
    ("association", 20),
    ("school", 10),
    ("research", 10),
    ("resident", 10),
    ("city_staff", 5),
)


def _marker() -> dict[str, Any]:
    return {
        "dashboards": SEED_VERSION,
        "years": YEARS,
        "calls_per_year": CALLS_PER_YEAR,
        "proposals_per_call": list(PROPOSALS_PER_CALL),
        "first_year": date.today().year - YEARS + 1,
    }


def _seed() -> None:
    """The programme, with bulk_create; every row keeps the invariants the services keep."""
    from zoneinfo import ZoneInfo

    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from kokeilu.accounts.models import Membership, Organisation, OrganisationKind, Role, User
    from kokeilu.calls.models import Call
    from kokeilu.evaluation.models import Decision, DecisionOutcome
    from kokeilu.experiments.models import Experiment, ExperimentStatus
    from kokeilu.funding.models import SpendLine
    from kokeilu.platforms.models import DevelopmentNeed, NeedStatus, Platform
    from kokeilu.proposals.models import Proposal, ProposalStatus

    helsinki = ZoneInfo("Europe/Helsinki")
    rng = random.Random(4_050)
    now = timezone.now()
    today = timezone.localdate()
    first_year = today.year - YEARS + 1
    unusable = make_password(None)

    with transaction.atomic():
        city = Organisation.objects.create(kind=OrganisationKind.CITY, name="Benchmark City", slug=CITY_SLUG)
        units = Organisation.objects.bulk_create(
            Organisation(
                kind=OrganisationKind.CITY_UNIT,
                name=f"Yksikkö {n + 1}",
                slug=f"{CITY_SLUG}-unit-{n}",
                city=city,
            )
            for n in range(UNITS)
        )
        manager = User.objects.create(username=MANAGER, email="manager@example.invalid", password=unusable)
        Membership.objects.create(user=manager, organisation=city, role=Role.PROGRAMME_MANAGER)
        applicants = User.objects.bulk_create(
            User(username=f"bench-dashboards-applicant-{n}", email=f"a{n}@example.invalid", password=unusable)
            for n in range(300)
        )
        platforms = Platform.objects.bulk_create(
            Platform(city=city, slug=f"{CITY_SLUG}-platform-{n}", name_fi=f"Alusta {n + 1}") for n in range(3)
        )

        needs_by_year: dict[int, list[DevelopmentNeed]] = {}
        for year in range(first_year, today.year + 1):
            needs_by_year[year] = DevelopmentNeed.objects.bulk_create(
                DevelopmentNeed(
                    platform=rng.choice(platforms),
                    owning_unit=rng.choice(units),
                    title_fi=f"Tarve {year}-{n + 1}",
                    status=rng.choice([NeedStatus.PUBLISHED, NeedStatus.ADDRESSED, NeedStatus.ARCHIVED]),
                )
                for n in range(NEEDS_PER_YEAR)
            )
            DevelopmentNeed.objects.filter(pk__in=[need.pk for need in needs_by_year[year]]).update(
                created_at=datetime(year, 1, 15, 12, tzinfo=helsinki)
            )

        calls: list[Call] = []
        for year in range(first_year, today.year + 1):
            for n in range(CALLS_PER_YEAR):
                opens = datetime(year, 1, 5, 9, tzinfo=helsinki) + timedelta(days=7 * n)
                calls.append(
                    Call(
                        platform=rng.choice(platforms),
                        slug=f"bench-dashboards-call-{year}-{n:02d}",
                        title_fi=f"Haku {year}/{n + 1}",
                        title_en=f"Call {year}/{n + 1}",
                        eligibility=[kind for kind, _weight in KINDS],
                        funding_per_pilot=Decimal(rng.choice([5000, 10000, 20000])),
                        published_at=opens - timedelta(days=14),
                        opens_at=opens,
                        closes_at=opens + timedelta(days=30),
                        review_ends_at=opens + timedelta(days=51),
                        decision_ends_at=opens + timedelta(days=65),
                    )
                )
        calls = Call.objects.bulk_create(calls, batch_size=BATCH)
        Through = Call.needs.through
        Through.objects.bulk_create(
            (
                Through(call_id=call.pk, developmentneed_id=need.pk)
                for call in calls
                for need in rng.sample(needs_by_year[call.opens_at.astimezone(helsinki).year], 2)
            ),
            batch_size=BATCH,
        )

        kinds = [kind for kind, _weight in KINDS]
        weights = [weight for _kind, weight in KINDS]
        proposals: list[Proposal] = []
        for call in calls:
            for n in range(rng.randint(*PROPOSALS_PER_CALL)):
                submitted = call.opens_at + (call.closes_at - call.opens_at) * rng.uniform(0.05, 0.99)
                proposals.append(
                    Proposal(
                        call=call,
                        created_by=rng.choice(applicants),
                        applicant_kind=rng.choices(kinds, weights)[0],
                        organisation_name=f"Kokeilija {n} Oy",
                        title=f"Ehdotus {n + 1}",
                        problem="Asiakkaat eivät löydä oikeaa palvelua.",
                        budget=Decimal(rng.randrange(2000, 20000, 500)),
                        status=ProposalStatus.SUBMITTED,
                        submitted_at=submitted,
                    )
                )
        proposals = Proposal.objects.bulk_create(proposals, batch_size=BATCH)

        decisions: list[Decision] = []
        selected: list[tuple[Proposal, datetime]] = []
        for proposal in proposals:
            call = proposal.call
            if call.decision_ends_at > now:
                continue
            decided = call.review_ends_at + (call.decision_ends_at - call.review_ends_at) * rng.uniform(0, 1)
            draw = rng.random()
            outcome = (
                DecisionOutcome.SELECTED
                if draw < 0.08
                else DecisionOutcome.RESERVE
                if draw < 0.15
                else DecisionOutcome.REJECTED
            )
            decisions.append(
                Decision(
                    proposal=proposal,
                    outcome=outcome,
                    reason="Arvioitu kriteerien mukaan.",
                    decided_by=manager,
                    decided_at=decided,
                    notified_at=decided,
                )
            )
            if outcome == DecisionOutcome.SELECTED:
                selected.append((proposal, decided))
        Decision.objects.bulk_create(decisions, batch_size=BATCH)

        experiments: list[Experiment] = []
        for number, (proposal, decided) in enumerate(selected):
            starts = decided.astimezone(helsinki).date() + timedelta(days=rng.randint(14, 60))
            ends = starts + timedelta(days=rng.randint(30, 100))
            if rng.random() < 0.05:
                status = ExperimentStatus.CANCELLED
            elif ends < today:
                status = ExperimentStatus.COMPLETED
            elif starts <= today:
                status = ExperimentStatus.RUNNING
            else:
                status = ExperimentStatus.PLANNED
            experiments.append(
                Experiment(
                    city=city,
                    owner_unit=rng.choice([*units, None]),
                    platform=proposal.call.platform,
                    call=proposal.call,
                    proposal=proposal,
                    slug=f"bench-dashboards-experiment-{number}",
                    title_fi=proposal.title,
                    granted_amount=proposal.call.funding_per_pilot,
                    starts_on=starts,
                    ends_on=ends,
                    status=status,
                    created_by=manager,
                )
            )
        experiments = Experiment.objects.bulk_create(experiments, batch_size=BATCH)

        lines: list[SpendLine] = []
        for experiment in experiments:
            if experiment.status == ExperimentStatus.PLANNED:
                continue
            share = Decimal(str(rng.uniform(0.3, 1.05)))
            count = rng.randint(2, 8)
            each = (experiment.granted_amount * share / count).quantize(Decimal("0.01"))
            for n in range(count):
                lines.append(
                    SpendLine(
                        experiment=experiment,
                        spent_on=min(experiment.starts_on + timedelta(days=7 * n), experiment.ends_on),
                        purpose=f"Hankinta {n + 1}",
                        amount=max(each, Decimal("0.01")),
                        recorded_by=manager,
                    )
                )
        SpendLine.objects.bulk_create(lines, batch_size=BATCH)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give a real database


def _in_process(manager: Any, path: str) -> dict[str, Any]:
    """The queries and time of one render with an empty cache and with a warm one."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(manager)
    figures: dict[str, Any] = {}
    cold_ms: list[float] = []
    for _repeat in range(3):
        cache.clear()
        client.force_login(manager)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            cold_ms.append((time.perf_counter() - started) * 1000)
        figures["cold_queries"] = len(captured.captured_queries)
        figures["cold_sql_ms"] = round(sum(float(q["time"]) for q in captured.captured_queries) * 1000, 1)
        figures["status"] = response.status_code
        figures["bytes"] = len(response.content)
    warm_ms: list[float] = []
    for _repeat in range(5):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            client.get(path)
            warm_ms.append((time.perf_counter() - started) * 1000)
        figures["warm_queries"] = len(captured.captured_queries)
    figures["cold_ms"] = round(sorted(cold_ms)[1], 1)
    figures["warm_ms"] = round(sorted(warm_ms)[2], 1)
    return figures


def main() -> int:
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not database_url.startswith(("postgres://", "postgresql://")):
        print("The benchmark needs PostgreSQL: set DATABASE_URL to a postgres:// URL.", file=sys.stderr)
        return 2
    run_bench._configure_environment(database_url)
    warnings.filterwarnings("ignore", message="No directory at")

    import django

    django.setup()
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    database = Database(database_url)
    try:
        seeding = migrate_and_seed(database, _marker(), _seed, what=f"{YEARS} years × {CALLS_PER_YEAR} calls")
    except RefusedDatabaseError as error:
        print(error, file=sys.stderr)
        return 2

    from kokeilu.accounts.models import User
    from kokeilu.calls.models import Call
    from kokeilu.evaluation.models import Decision
    from kokeilu.experiments.models import Experiment
    from kokeilu.funding.models import SpendLine
    from kokeilu.proposals.models import Proposal

    seeding["rows"] = {
        "calls": Call.objects.filter(platform__city__slug=CITY_SLUG).count(),
        "proposals": Proposal.objects.filter(call__platform__city__slug=CITY_SLUG).count(),
        "decisions": Decision.objects.filter(proposal__call__platform__city__slug=CITY_SLUG).count(),
        "experiments": Experiment.objects.filter(city__slug=CITY_SLUG).count(),
        "spend_lines": SpendLine.objects.filter(experiment__city__slug=CITY_SLUG).count(),
    }
    print(f"Rows: {seeding['rows']}", flush=True)
    manager = User.objects.get(username=MANAGER)
    path = f"/fi/dashboards/{CITY_SLUG}/"
    in_process = _in_process(manager, path)
    if in_process["status"] != 200:
        print(f"The dashboard answered {in_process['status']} in-process.", file=sys.stderr)
        return 1
    print(
        f"  in-process: cold {in_process['cold_ms']} ms ({in_process['cold_queries']} queries, "
        f"{in_process['cold_sql_ms']} ms SQL), warm {in_process['warm_ms']} ms "
        f"({in_process['warm_queries']} queries)",
        flush=True,
    )
    client = Client()
    client.force_login(manager)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    connections.close_all()

    requests = int(os.environ.get("BENCH_REQUESTS", "600"))
    RESULTS.mkdir(parents=True, exist_ok=True)
    port = run_bench._free_port()
    load_before = os.getloadavg()
    print(
        f"Starting gunicorn on {run_bench.HOST}:{port} "
        f"({run_bench.WORKERS} {run_bench.WORKER_CLASS} workers) …",
        flush=True,
    )
    server = run_bench._start_gunicorn(port, RESULTS / "dashboards-gunicorn.log")
    try:
        run_bench._wait_until_ready(server, port)
        results: dict[str, LoadResult] = {}
        for key, target, count, header in (
            ("ceiling", "/fi/healthz", requests * 4, ""),
            ("dashboard", path, requests, cookie),
        ):
            # Warm every worker (connections, templates, translations, each worker's page cache).
            run_load(
                host=run_bench.HOST,
                port=port,
                path=target,
                cookie=header,
                clients=run_bench.CLIENTS,
                requests=4 * run_bench.CLIENTS,
                max_seconds=60,
            )
            print(f"  measuring {target}: {count} requests, {run_bench.CLIENTS} clients …", flush=True)
            results[key] = run_load(
                host=run_bench.HOST,
                port=port,
                path=target,
                cookie=header,
                clients=run_bench.CLIENTS,
                requests=count,
                max_seconds=run_bench.MAX_SECONDS,
            )
    finally:
        run_bench._stop(server)

    ceiling, dashboard = results["ceiling"].figures(), results["dashboard"].figures()
    ratios = {
        "throughput_vs_ceiling": round(dashboard["requests_per_second"] / ceiling["requests_per_second"], 3)
        if ceiling["requests_per_second"]
        else None,
        "p50_vs_ceiling": round(dashboard["p50_ms"] / ceiling["p50_ms"], 2) if ceiling["p50_ms"] else None,
        "p95_vs_ceiling": round(dashboard["p95_ms"] / ceiling["p95_ms"], 2) if ceiling["p95_ms"] else None,
    }
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
        "seeding": seeding,
        "in_process": in_process,
        "ceiling": ceiling,
        "dashboard": dashboard,
        "ratios": ratios,
    }
    output = RESULTS / "dashboards.json"
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print()
    for label, figures in (("ceiling /fi/healthz", ceiling), ("dashboard", dashboard)):
        print(
            f"  {label}: p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, p99 {figures['p99_ms']} ms, "
            f"{figures['requests_per_second']} req/s, errors {figures['errors']}"
        )
    print(
        f"  dashboard / ceiling: throughput × {ratios['throughput_vs_ceiling']}, "
        f"p50 × {ratios['p50_vs_ceiling']}, p95 × {ratios['p95_vs_ceiling']}"
    )
    print(f"\nWritten to {output.relative_to(ROOT)}.")
    return 1 if dashboard["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())

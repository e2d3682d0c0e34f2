"""The learnings library with 100,000 public learnings, over HTTP, served the way production is.

1. PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/kokeilu_bench_library — a
   database of its own): created when missing and migrated with the production settings (bench/benchdb.py
   refuses a database that holds data it did not seed; a database seeded at another size is recreated).
2. Seeded once with bulk_create: one city with a platform, a few calls, 2,000 experiments with one approved
   final report each, and 100,000 public learnings spread over the reports. Each learning has a Finnish,
   Swedish and English statement built from word lists; the topic words are drawn with Zipf weights, so
   the most common topic is in about a fifth of the learnings and the rarest in well under one per cent.
   Search reads the stored, GIN-indexed vectors that triggers keep on each learning (the library's
   migration 0001); the seed writes through those triggers.
3. VACUUM (ANALYZE) of the library's tables on every run: this PostgreSQL runs without autovacuum, which
   would have done it after the bulk load (and after the migration that added the vectors).
4. In-process: the SQL queries and the time of one render of each measured page.
5. gunicorn serves config.wsgi with the production settings on a free loopback port (bench/run_bench.py's
   server); bench/loadgen.py's 20 anonymous clients request the trivial /fi/healthz (the ceiling) and then
   each library page: no query, a common Finnish word, a Swedish word on the Swedish page, and a rare
   Finnish word on page 3. p50/p95/p99 latency and req/s, and each page's ratios to the ceiling, are
   printed and written to bench/results/library.json.

    .venv/bin/python bench/library/run.py
Environment: DATABASE_URL; BENCH_REQUESTS (requests per library page, 600; the ceiling gets 4×),
BENCH_CLIENTS (20), BENCH_MAX_SECONDS (60); BENCH_WORKERS etc. as bench/run_bench.py.
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
from urllib.parse import quote

LIBRARY_DIR = Path(__file__).resolve().parent
BENCH_DIR = LIBRARY_DIR.parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results"
sys.path[:0] = [str(ROOT), str(BENCH_DIR)]

import run_bench  # noqa: E402
from benchdb import Database, RefusedDatabaseError, migrate_and_seed  # noqa: E402
from loadgen import LoadResult, run_load  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kokeilu_bench_library"
EXPERIMENTS = 2000
LEARNINGS = 100_000
CALLS = 5
SEED_VERSION = 1
CITY_SLUG = "bench-library-city"
MANAGER = "bench-library-manager"
BATCH = 5000

# Topic words (most common first) in the three languages; the n-th is drawn with weight 1 / (n + 1).
TOPICS_FI = (
    "palvelu",
    "asiakas",
    "koulu",
    "kirjasto",
    "liikenne",
    "nuoret",
    "ikääntyneet",
    "terveys",
    "energia",
    "kierrätys",
    "pysäköinti",
    "sovellus",
    "neuvonta",
    "ruokailu",
    "liikunta",
    "asukkaat",
    "päiväkoti",
    "kulttuuri",
    "työllisyys",
    "sote",
    "opastus",
    "lumityöt",
    "valaistus",
    "pyöräily",
    "ilmanlaatu",
    "melu",
    "vesihuolto",
    "katutila",
    "puisto",
    "uimahalli",
    "museo",
    "teatteri",
    "kirjastoauto",
)
TOPICS_SV = (
    "tjänsten",
    "kunden",
    "skolan",
    "biblioteket",
    "trafiken",
    "ungdomarna",
    "äldre",
    "hälsan",
    "energin",
    "återvinningen",
    "parkeringen",
    "appen",
    "rådgivningen",
    "maten",
    "motionen",
    "invånarna",
    "daghemmet",
    "kulturen",
    "sysselsättningen",
    "vården",
    "vägledningen",
    "snöröjningen",
    "belysningen",
    "cyklingen",
    "luftkvaliteten",
    "bullret",
    "vattnet",
    "gatan",
    "parken",
    "simhallen",
    "museet",
    "teatern",
    "bokbussen",
)
TOPICS_EN = (
    "service",
    "customer",
    "school",
    "library",
    "traffic",
    "young people",
    "older people",
    "health",
    "energy",
    "recycling",
    "parking",
    "app",
    "advice",
    "meals",
    "exercise",
    "residents",
    "day care",
    "culture",
    "employment",
    "care",
    "guidance",
    "snow clearing",
    "lighting",
    "cycling",
    "air quality",
    "noise",
    "water",
    "street",
    "park",
    "swimming hall",
    "museum",
    "theatre",
    "mobile library",
)
WEIGHTS = [1 / (n + 1) for n in range(len(TOPICS_FI))]
FINDINGS = (
    (
        "toimii paremmin, kun {t} suunnitellaan yhdessä käyttäjien kanssa",
        "fungerar bättre när {t} planeras tillsammans med användarna",
        "works better when the {t} is designed together with its users",
    ),
    (
        "vaatii selkeämpää viestintää: moni ei tiennyt, että {t} oli muuttunut",
        "kräver tydligare kommunikation: många visste inte att {t} hade ändrats",
        "needs clearer communication: many did not know that the {t} had changed",
    ),
    (
        "säästi aikaa, koska {t} oli saatavilla verkossa ympäri vuorokauden",
        "sparade tid eftersom {t} fanns på nätet dygnet runt",
        "saved time because the {t} was available online around the clock",
    ),
    (
        "ei tuottanut odotettua hyötyä; {t} kannattaa kokeilla uudelleen pienemmällä ryhmällä",
        "gav inte den väntade nyttan; {t} bör prövas igen med en mindre grupp",
        "did not bring the expected benefit; the {t} should be tried again with a smaller group",
    ),
    (
        "lisäsi käyttöä selvästi, kun {t} tuotiin lähemmäs arkea",
        "ökade användningen klart när {t} fördes närmare vardagen",
        "clearly increased use when the {t} was brought closer to everyday life",
    ),
    (
        "osoitti, että {t} tarvitsee oman vastuuhenkilön kokeilun jälkeen",
        "visade att {t} behöver en egen ansvarsperson efter försöket",
        "showed that the {t} needs a named owner after the experiment",
    ),
)
OPENERS = (
    ("Kokeilu", "Försöket", "The experiment"),
    ("Pilotti", "Piloten", "The pilot"),
    ("Asiakaskysely", "Kundenkäten", "The customer survey"),
    ("Mittaus", "Mätningen", "The measurement"),
    ("Henkilöstön palaute", "Personalens respons", "Staff feedback"),
)
COMMON_WORD = TOPICS_FI[0]
SWEDISH_WORD = TOPICS_SV[2]
RARE_WORD = TOPICS_FI[-1]


def _marker() -> dict[str, Any]:
    return {"library": SEED_VERSION, "experiments": EXPERIMENTS, "learnings": LEARNINGS, "calls": CALLS}


def _statement(rng: random.Random) -> tuple[str, str, str]:
    topic = rng.choices(range(len(TOPICS_FI)), WEIGHTS)[0]
    opener = rng.choice(OPENERS)
    finding = rng.choice(FINDINGS)
    return tuple(  # type: ignore[return-value]
        f"{opener[n]} {finding[n].format(t=topics[topic])}."
        for n, topics in enumerate((TOPICS_FI, TOPICS_SV, TOPICS_EN))
    )


def _seed() -> None:
    """The library, with bulk_create; every row keeps the invariants the services keep."""
    from zoneinfo import ZoneInfo

    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from kokeilu.accounts.models import Membership, Organisation, OrganisationKind, Role, User
    from kokeilu.calls.models import Call
    from kokeilu.experiments.models import Experiment, ExperimentStatus
    from kokeilu.platforms.models import Platform
    from kokeilu.reports.models import FinalReport, Learning, NextStep, ReportState, Visibility

    helsinki = ZoneInfo("Europe/Helsinki")
    rng = random.Random(4_100)
    today = date.today()

    with transaction.atomic():
        city = Organisation.objects.create(kind=OrganisationKind.CITY, name="Benchmark City", slug=CITY_SLUG)
        manager = User.objects.create(
            username=MANAGER, email="manager@example.invalid", password=make_password(None)
        )
        Membership.objects.create(user=manager, organisation=city, role=Role.PROGRAMME_MANAGER)
        platform_ = Platform.objects.create(city=city, slug=f"{CITY_SLUG}-platform", name_fi="Kokeilualusta")
        calls = []
        for n in range(CALLS):
            opens = datetime(today.year - 4 + n, 2, 1, 9, tzinfo=helsinki)
            calls.append(
                Call(
                    platform=platform_,
                    slug=f"bench-library-call-{n}",
                    title_fi=f"Haku {n + 1}",
                    title_sv=f"Utlysning {n + 1}",
                    title_en=f"Call {n + 1}",
                    eligibility=["company", "association"],
                    funding_per_pilot=Decimal(10000),
                    published_at=opens - timedelta(days=14),
                    opens_at=opens,
                    closes_at=opens + timedelta(days=30),
                    review_ends_at=opens + timedelta(days=51),
                    decision_ends_at=opens + timedelta(days=65),
                )
            )
        calls = Call.objects.bulk_create(calls)

        experiments = []
        for n in range(EXPERIMENTS):
            call = calls[n % CALLS]
            starts = call.decision_ends_at.astimezone(helsinki).date() + timedelta(days=rng.randint(14, 60))
            topic = rng.randrange(len(TOPICS_FI))
            experiments.append(
                Experiment(
                    city=city,
                    platform=platform_,
                    call=call,
                    slug=f"bench-library-experiment-{n}",
                    title_fi=f"Kokeilu {n + 1}: {TOPICS_FI[topic]}",
                    title_sv=f"Försök {n + 1}: {TOPICS_SV[topic]}",
                    title_en=f"Experiment {n + 1}: {TOPICS_EN[topic]}",
                    granted_amount=call.funding_per_pilot,
                    starts_on=starts,
                    ends_on=starts + timedelta(days=rng.randint(30, 100)),
                    status=ExperimentStatus.COMPLETED,
                    is_public=True,
                    created_by=manager,
                )
            )
        experiments = Experiment.objects.bulk_create(experiments, batch_size=BATCH)

        reports = []
        for experiment in experiments:
            submitted = datetime.combine(experiment.ends_on, datetime.min.time(), helsinki) + timedelta(
                days=rng.randint(3, 20)
            )
            reports.append(
                FinalReport(
                    experiment=experiment,
                    summary_fi=f"{experiment.title_fi}: kokeilu saatiin päätökseen ja tulokset koottiin.",
                    summary_sv=f"{experiment.title_sv}: försöket avslutades och resultaten sammanställdes.",
                    next_step=rng.choice(NextStep.values),
                    next_step_owner_name="Palvelualueen johtaja",
                    state=ReportState.APPROVED,
                    created_by=manager,
                    submitted_by=manager,
                    submitted_at=submitted,
                    approved_by=manager,
                    approved_at=submitted + timedelta(days=rng.randint(1, 14)),
                )
            )
        reports = FinalReport.objects.bulk_create(reports, batch_size=BATCH)

        per_report = LEARNINGS // len(reports)
        extra = LEARNINGS - per_report * len(reports)
        batch: list[Learning] = []
        for index, report in enumerate(reports):
            for position in range(per_report + (1 if index < extra else 0)):
                fi, sv, en = _statement(rng)
                batch.append(
                    Learning(
                        report=report,
                        position=position,
                        statement_fi=fi,
                        statement_sv=sv,
                        statement_en=en,
                        evidence="Havainnot, asiakaskysely ja käyttötilastot kokeilun ajalta.",
                        visibility=Visibility.PUBLIC,
                    )
                )
            if len(batch) >= BATCH:
                Learning.objects.bulk_create(batch, batch_size=BATCH)
                batch = []
        Learning.objects.bulk_create(batch, batch_size=BATCH)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give a real database


def _vacuum() -> None:
    """What autovacuum would have done by now (this server runs without it): the visibility map that
    lets the count read an index only, and statistics, after the bulk load and after any migration that
    rewrote the learnings (adding the search vectors did). Quick when nothing changed."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) reports_learning, reports_finalreport, experiments_experiment")


def _in_process(path: str) -> dict[str, Any]:
    """The queries and time of one anonymous render (the median of three)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    figures: dict[str, Any] = {}
    times: list[float] = []
    for _repeat in range(3):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        figures["queries"] = len(captured.captured_queries)
        figures["sql_ms"] = round(sum(float(q["time"]) for q in captured.captured_queries) * 1000, 1)
        figures["status"] = response.status_code
        figures["bytes"] = len(response.content)
    figures["ms"] = round(sorted(times)[1], 1)
    return figures


def _ratios(page: dict[str, Any], ceiling: dict[str, Any]) -> dict[str, Any]:
    return {
        "throughput_vs_ceiling": round(page["requests_per_second"] / ceiling["requests_per_second"], 3)
        if ceiling["requests_per_second"]
        else None,
        "p50_vs_ceiling": round(page["p50_ms"] / ceiling["p50_ms"], 2) if ceiling["p50_ms"] else None,
        "p95_vs_ceiling": round(page["p95_ms"] / ceiling["p95_ms"], 2) if ceiling["p95_ms"] else None,
    }


def main() -> int:
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not database_url.startswith(("postgres://", "postgresql://")):
        print("The benchmark needs PostgreSQL: set DATABASE_URL to a postgres:// URL.", file=sys.stderr)
        return 2
    run_bench._configure_environment(database_url)
    warnings.filterwarnings("ignore", message="No directory at")

    import django

    django.setup()
    from django.db import connections

    database = Database(database_url)
    try:
        seeding = migrate_and_seed(
            database, _marker(), _seed, what=f"{EXPERIMENTS} experiments and {LEARNINGS} learnings"
        )
    except RefusedDatabaseError as error:
        print(error, file=sys.stderr)
        return 2
    _vacuum()

    from kokeilu.experiments.models import Experiment
    from kokeilu.reports.models import FinalReport, Learning

    seeding["rows"] = {
        "experiments": Experiment.objects.filter(city__slug=CITY_SLUG).count(),
        "reports": FinalReport.objects.filter(experiment__city__slug=CITY_SLUG).count(),
        "learnings": Learning.objects.filter(report__experiment__city__slug=CITY_SLUG).count(),
    }
    holding = Learning.objects.filter(report__experiment__city__slug=CITY_SLUG)
    seeding["matching"] = {
        COMMON_WORD: holding.filter(statement_fi__icontains=COMMON_WORD).count(),
        SWEDISH_WORD: holding.filter(statement_sv__icontains=SWEDISH_WORD).count(),
        RARE_WORD: holding.filter(statement_fi__icontains=RARE_WORD).count(),
    }
    print(f"Rows: {seeding['rows']}; learnings holding the words: {seeding['matching']}", flush=True)

    pages = {
        "no_query": "/fi/library/",
        "common_word": f"/fi/library/?q={quote(COMMON_WORD)}",
        "swedish_word": f"/sv/library/?q={quote(SWEDISH_WORD)}",
        "rare_word_page_3": f"/fi/library/?q={quote(RARE_WORD)}&page=3",
    }
    in_process: dict[str, dict[str, Any]] = {}
    for key, path in pages.items():
        in_process[key] = _in_process(path)
        figures = in_process[key]
        print(
            f"  in-process {path}: {figures['status']}, {figures['ms']} ms "
            f"({figures['queries']} queries, {figures['sql_ms']} ms SQL)",
            flush=True,
        )
        if figures["status"] != 200:
            print(f"{path} answered {figures['status']} in-process.", file=sys.stderr)
            return 1
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
    server = run_bench._start_gunicorn(port, RESULTS / "library-gunicorn.log")
    try:
        run_bench._wait_until_ready(server, port)
        results: dict[str, LoadResult] = {}
        targets = [("ceiling", "/fi/healthz", requests * 4)] + [
            (key, path, requests) for key, path in pages.items()
        ]
        for key, target, count in targets:
            # Warm every worker (connections, templates, translations).
            run_load(
                host=run_bench.HOST,
                port=port,
                path=target,
                cookie="",
                clients=run_bench.CLIENTS,
                requests=2 * run_bench.CLIENTS,
                max_seconds=30,
            )
            print(f"  measuring {target}: {count} requests, {run_bench.CLIENTS} clients …", flush=True)
            results[key] = run_load(
                host=run_bench.HOST,
                port=port,
                path=target,
                cookie="",
                clients=run_bench.CLIENTS,
                requests=count,
                max_seconds=run_bench.MAX_SECONDS,
            )
    finally:
        run_bench._stop(server)

    ceiling = results["ceiling"].figures()
    measured = {key: results[key].figures() for key in pages}
    ratios = {key: _ratios(figures, ceiling) for key, figures in measured.items()}
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
        "pages": measured,
        "ratios": ratios,
    }
    output = RESULTS / "library.json"
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print()
    header = f"  {'page':<40} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8} {'err':>4}"
    print(header + f" {'p95 ×ceil':>10} {'req/s ×ceil':>12}")
    for key, figures in [("ceiling", ceiling), *measured.items()]:
        line = (
            f"  {figures['path']:<40} {figures['p50_ms']:>8} {figures['p95_ms']:>8} {figures['p99_ms']:>8} "
            f"{figures['requests_per_second']:>8} {figures['errors']:>4}"
        )
        if key in ratios:
            line += f" {ratios[key]['p95_vs_ceiling']:>10} {ratios[key]['throughput_vs_ceiling']:>12}"
        if figures["errors"] and figures["errors"] == figures["requests"]:
            line += " (every request failed: the latencies are the client's timeout, not the page's)"
        print(line + (" (stopped by time)" if figures["stopped_by_time"] else ""))
    print(f"\nWritten to {output.relative_to(ROOT)}.")
    return 1 if any(figures["errors"] for figures in measured.values()) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Survey-answer intake: how many answers per second the public link takes, served the way production is.

1. PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/kokeilu_bench_surveys): created when
   missing and migrated with the production settings (bench/benchdb.py guards against touching a database
   this benchmark did not seed). An open public survey with 8 questions (rating, NPS, single and multiple
   choice, free text) that takes anonymous answers is seeded once, through the surveys services.
2. gunicorn serves config.wsgi on a free loopback port (the same launcher as bench/run_bench.py).
3. The /fi/healthz ceiling is measured first (bench/loadgen.py), then sustained intake: CLIENTS concurrent
   anonymous clients POST varied valid answers for SECONDS seconds, each as soon as the previous answer
   came back, to the public link's API endpoint (JSON, 201) and then to the HTML link form (/fi/s/<token>/,
   302 to the thank-you page). Each phase checks that the number of responses stored equals the number of
   successful HTTP answers.
4. A table is printed; everything goes to bench/results/surveys.json.

Environment: DATABASE_URL, BENCH_CLIENTS (20), BENCH_SECONDS (per phase, 20), BENCH_WORKERS (cores + 1).
"""

import asyncio
import itertools
import json
import os
import platform
import random
import sys
import time
import urllib.parse
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SURVEY_DIR = Path(__file__).resolve().parent
BENCH_DIR = SURVEY_DIR.parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results"
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(ROOT))

import run_bench  # noqa: E402  (its gunicorn launcher and environment)
from benchdb import Database, RefusedDatabaseError, prepare  # noqa: E402
from loadgen import REQUEST_TIMEOUT_SECONDS, _Connection, _exchange, percentile, run_load  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kokeilu_bench_surveys"
HOST = run_bench.HOST
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "20"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
SEED_MARKER = {"benchmark": "surveys", "questions": 8, "version": 1}
EXPERIMENT_SLUG = "bench-surveys"
CSRF_SECRET = "benchcsrfsecretbenchcsrfsecret12"  # 32 characters: Django accepts the unmasked secret


@dataclass
class Intake:
    phase: str
    clients: int
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    successes: int = 0
    errors: int = 0

    def percentile(self, share: float) -> float:
        return percentile(self.latencies_ms, share)

    @property
    def answers_per_second(self) -> float:
        return self.successes / self.seconds if self.seconds else 0.0


def _seed() -> dict[str, Any]:
    """An open public survey with 8 questions that takes anonymous answers (through the services)."""
    import datetime as dt

    from django.contrib.auth.hashers import make_password

    from kokeilu.accounts.models import Membership, Organisation, OrganisationKind, Role, User
    from kokeilu.experiments.models import Audience, Experiment, ExperimentStatus
    from kokeilu.surveys import services

    city = Organisation.objects.create(
        kind=OrganisationKind.CITY, name="Bench City", slug="bench-surveys-city"
    )
    manager = User.objects.create(username="bench-surveys-manager", password=make_password(None))
    Membership.objects.create(user=manager, organisation=city, role=Role.PROGRAMME_MANAGER)
    today = dt.date.today()
    experiment = Experiment.objects.create(
        city=city,
        slug=EXPERIMENT_SLUG,
        title_fi="Kouluruokakysely",
        starts_on=today,
        ends_on=today + dt.timedelta(days=90),
        status=ExperimentStatus.RUNNING,
        created_by=manager,
    )
    survey = services.survey_create(
        experiment=experiment,
        created_by=manager,
        title_fi="Mitä mieltä olit kouluruoasta?",
        audience=Audience.PUBLIC,
        allow_anonymous=True,
        one_answer_per_person=True,
    )

    def add(kind: str, text: str, **fields: Any) -> None:
        services.question_add(survey=survey, added_by=manager, kind=kind, text_fi=text, **fields)

    dishes = [{"text_fi": name} for name in ("Pizza", "Lasagne", "Lohikeitto", "Tacot", "Pinaattiletut")]
    add("rating", "Kuinka hyvää ruoka oli?", required=True, scale_max=5)
    add("rating", "Kuinka kiireetöntä ruokailu oli?", scale_max=7)
    add("nps", "Suosittelisitko ruokalaa?", required=True)
    add("single", "Söitkö joka päivä?", required=True, options=dishes[:3])
    add("single", "Mikä luokka-aste?", options=[{"text_fi": f"{n}. luokka"} for n in range(1, 10)])
    add("multiple", "Mitä haluaisit useammin?", options=dishes, min_selections=1, max_selections=3)
    add("text", "Terveiset keittiölle", max_length=500)
    add("text", "Muuta?", max_length=200)
    services.survey_open(survey=survey, changed_by=manager)
    return {"experiment": experiment.slug, "token": survey.token}


def _answer_bodies(count: int) -> tuple[list[dict[str, Any]], list[list[tuple[str, str]]]]:
    """Varied valid answers, as JSON bodies for the API and as form fields for the HTML link."""
    from kokeilu.surveys.models import Survey

    survey = Survey.objects.get(experiment__slug=EXPERIMENT_SLUG)
    questions = list(survey.questions.prefetch_related("options"))
    rng = random.Random(2026)
    texts = ["Hyvää!", "Enemmän kasvisruokaa.", "Liian suolaista.", "", "Kiitos keittiölle 😊"]
    bodies, forms = [], []
    for _ in range(count):
        answers: dict[str, Any] = {}
        fields: list[tuple[str, str]] = []
        for question in questions:
            options = [option.pk for option in question.options.all()]
            if question.kind in ("rating", "nps"):
                value: Any = rng.choice(list(question.scale))
                fields.append((f"q{question.pk}", str(value)))
            elif question.kind == "single":
                value = rng.choice(options)
                fields.append((f"q{question.pk}", str(value)))
            elif question.kind == "multiple":
                value = rng.sample(options, rng.randint(1, 3))
                fields.extend((f"q{question.pk}", str(option)) for option in value)
            else:
                value = rng.choice(texts)
                fields.append((f"q{question.pk}", value))
            answers[str(question.pk)] = value
        bodies.append({"answers": answers})
        forms.append(fields)
    return bodies, forms


def _requests(phase: str, port: int, token: str) -> list[bytes]:
    bodies, forms = _answer_bodies(200)
    host = f"Host: {HOST}:{port}"
    prepared = []
    if phase == "api":
        path = f"/api/v1/experiments/{EXPERIMENT_SLUG}/surveys/link/{token}/answers/"
        for body in bodies:
            payload = json.dumps(body).encode()
            head = (
                f"POST {path} HTTP/1.1\r\n{host}\r\nContent-Type: application/json\r\n"
                f"Accept: application/json\r\nContent-Length: {len(payload)}\r\n"
                "Connection: keep-alive\r\n\r\n"
            )
            prepared.append(head.encode("latin-1") + payload)
    else:
        path = f"/fi/s/{token}/"
        for fields in forms:
            payload = urllib.parse.urlencode([("csrfmiddlewaretoken", CSRF_SECRET), *fields]).encode()
            head = (
                f"POST {path} HTTP/1.1\r\n{host}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                f"Cookie: csrftoken={CSRF_SECRET}\r\nContent-Length: {len(payload)}\r\n"
                "Connection: keep-alive\r\n\r\n"
            )
            prepared.append(head.encode("latin-1") + payload)
    return prepared


async def _intake(phase: str, port: int, requests: list[bytes], seconds: float) -> Intake:
    """CLIENTS clients each POST an answer as soon as the previous one has been answered, for `seconds`."""
    result = Intake(phase=phase, clients=CLIENTS)
    success = 201 if phase == "api" else 302
    tickets = itertools.count()
    started = time.perf_counter()
    deadline = started + seconds

    async def client() -> None:
        connection: _Connection | None = None
        while time.perf_counter() < deadline:
            request = requests[next(tickets) % len(requests)]
            sent = time.perf_counter()
            try:
                status, keep_alive, used = await asyncio.wait_for(
                    _exchange(HOST, port, connection, request), REQUEST_TIMEOUT_SECONDS
                )
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
                result.latencies_ms.append((time.perf_counter() - sent) * 1000)
                result.statuses[type(error).__name__] = result.statuses.get(type(error).__name__, 0) + 1
                result.errors += 1
                if connection is not None:
                    connection.close()
                connection = None
                continue
            result.latencies_ms.append((time.perf_counter() - sent) * 1000)
            result.statuses[str(status)] = result.statuses.get(str(status), 0) + 1
            if status == success:
                result.successes += 1
            else:
                result.errors += 1
            if keep_alive:
                connection = used
            else:
                used.close()
                connection = None
        if connection is not None:
            connection.close()

    await asyncio.gather(*(client() for _ in range(CLIENTS)))
    result.seconds = time.perf_counter() - started
    return result


def _response_count() -> int:
    from django.db import connections

    from kokeilu.surveys.models import SurveyResponse

    count = SurveyResponse.objects.filter(survey__experiment__slug=EXPERIMENT_SLUG).count()
    connections.close_all()
    return count


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

    database = Database(database_url)
    try:
        must_seed = prepare(database, SEED_MARKER)
    except RefusedDatabaseError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"Database {database.name} (PostgreSQL {database.server_version()}): migrating …", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    if must_seed:
        _seed()
        database.write_marker(SEED_MARKER)
        print("Seeded an open public survey with 8 questions.", flush=True)
    from kokeilu.surveys.models import Survey

    token = Survey.objects.get(experiment__slug=EXPERIMENT_SLUG).token
    RESULTS.mkdir(exist_ok=True)
    port = run_bench._free_port()
    phases = {phase: _requests(phase, port, token) for phase in ("api", "form")}
    from django.db import connections

    connections.close_all()
    server = run_bench._start_gunicorn(port, RESULTS / "surveys-gunicorn.log")
    intakes: dict[str, dict[str, Any]] = {}
    try:
        run_bench._wait_until_ready(server, port)
        run_load(
            host=HOST, port=port, path="/fi/healthz", clients=CLIENTS, requests=4 * CLIENTS, max_seconds=30
        )
        print(
            f"  measuring the ceiling /fi/healthz: {CLIENTS} clients for up to {SECONDS:.0f} s …", flush=True
        )
        ceiling = run_load(
            host=HOST, port=port, path="/fi/healthz", clients=CLIENTS, requests=10**9, max_seconds=SECONDS
        )
        for phase, requests in phases.items():
            asyncio.run(_intake(phase, port, requests, 1.0))  # warm every worker on this path
            before = _response_count()
            print(f"  answer intake ({phase}): {CLIENTS} clients for {SECONDS:.0f} s …", flush=True)
            intake = asyncio.run(_intake(phase, port, requests, SECONDS))
            stored = _response_count() - before
            ratio = intake.answers_per_second / ceiling.requests_per_second if ceiling.seconds else None
            intakes[phase] = {
                "endpoint": "POST /api/v1/experiments/<slug>/surveys/link/<token>/answers/ (JSON)"
                if phase == "api"
                else "POST /fi/s/<token>/ (HTML form)",
                "clients": CLIENTS,
                "seconds": round(intake.seconds, 2),
                "requests": len(intake.latencies_ms),
                "answers_stored": stored,
                "successful_responses": intake.successes,
                "stored_equals_successes": stored == intake.successes,
                "errors": intake.errors,
                "statuses": intake.statuses,
                "answers_per_second": round(intake.answers_per_second, 1),
                "p50_ms": round(intake.percentile(0.50), 1),
                "p95_ms": round(intake.percentile(0.95), 1),
                "p99_ms": round(intake.percentile(0.99), 1),
                "ratio_to_ceiling": round(ratio, 3) if ratio is not None else None,
            }
    finally:
        run_bench._stop(server)

    report = {
        "benchmark": "survey answer intake",
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cores": run_bench.CORES,
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "database": {"name": database.name, "postgresql": database.server_version(), "reseeded": must_seed},
        "server": {"gunicorn_workers": run_bench.WORKERS, "worker_class": run_bench.WORKER_CLASS},
        "survey": {"questions": 8, "anonymous": True},
        "ceiling_healthz": {
            "requests_per_second": round(ceiling.requests_per_second, 1),
            "p50_ms": round(ceiling.median_ms, 1),
            "p95_ms": round(ceiling.p95_ms, 1),
            "errors": ceiling.errors,
        },
        "intake": intakes,
    }
    (RESULTS / "surveys.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print()
    print(f"  /fi/healthz ceiling: {ceiling.requests_per_second:.0f} req/s (p95 {ceiling.p95_ms:.1f} ms)")
    header = (
        "intake",
        "answers/s",
        "× ceiling",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "stored",
        "2xx/302",
        "errors",
        "match",
    )
    lines = [header]
    for phase, row in intakes.items():
        lines.append(
            (
                phase,
                f"{row['answers_per_second']:.0f}",
                f"{row['ratio_to_ceiling']:.2f}",
                f"{row['p50_ms']:.1f}",
                f"{row['p95_ms']:.1f}",
                f"{row['p99_ms']:.1f}",
                str(row["answers_stored"]),
                str(row["successful_responses"]),
                str(row["errors"]),
                "yes" if row["stored_equals_successes"] else "NO",
            )
        )
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    for number, line in enumerate(lines):
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
        if number == 0:
            print("  " + "  ".join("-" * width for width in widths))
    print(f"\nWritten to {RESULTS / 'surveys.json'}")
    ok = all(row["stored_equals_successes"] and row["errors"] == 0 for row in intakes.values())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Demo content of this app for the demo experiments (called by kokeilu.demo.experiments).

Koestamo follows the DISCOVER → DREAM → DESIGN → DO template and is in its DESIGN phase, with the gate
questions of DISCOVER and DREAM answered (public and internal), milestones and tasks. The staff
experiments use the plain numbered template or Tampere's model at varied phases; some are at risk or
late, with a reason."""

import datetime

from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.experiments.models import ExperimentMember

from . import services
from .models import GateVisibility, Phase, PhaseState, PhaseTemplate, PlanStatus, TaskStatus

KOESTAMO_ANSWERS = {
    # (phase position, question position): answer
    (1, 1): "Palvelutorin asiakkaat, erityisesti ensikertalaiset ja ikääntyneet, eivät löydä oikeaa "
    "palvelupistettä. Haastattelimme 24 asiakasta ja kuusi työntekijää: opasteet ovat liian pieniä ja "
    "organisaatioiden nimet eivät kerro asiakkaalle mitään.",
    (1, 2): "Riskinä on, että digitaalinen opastus jättää ilman älypuhelinta asioivat ulkopuolelle; "
    "kokeilussa säilytetään myös painetut opasteet.",
    (2, 1): "Jatkoon valittiin kosketusnäyttöinen opaskartta sisäänkäynnille ja QR-koodeilla avautuva "
    "reittiopastus, koska ne saivat työpajassa eniten kannatusta asiakkailta.",
    (3, 1): "Testaamme, löytääkö asiakas oikean palvelupisteen alle kahdessa minuutissa. Mittaamme "
    "reittiaikoja, henkilöstölle esitettyjä reittikysymyksiä ja asiakastyytyväisyyttä.",
}

KOESTAMO_MILESTONES = (
    # (days from start, title, phase position, done)
    (14, "Asiakashaastattelut tehty", 1, True),
    (30, "Ideointityöpaja pidetty", 2, True),
    (50, "Opastuksen prototyyppi valmis testiin", 3, False),
    (70, "Testijakso alkaa palvelutorilla", 4, False),
    (88, "Loppuraportti ja suositukset", 4, False),
)

KOESTAMO_TASKS = (
    # (title, days from start, status, milestone index, owner: "lead"/"team0"/"team1")
    ("Haastattelurungon laatiminen", 5, TaskStatus.DONE, 0, "lead"),
    ("Haastattelujen yhteenveto", 16, TaskStatus.DONE, 0, "team0"),
    ("Työpajan kutsut ja tilavaraus", 24, TaskStatus.DONE, 1, "team0"),
    ("Opaskartan sisällöt organisaatioilta", 40, TaskStatus.DOING, 2, "team1"),
    ("QR-koodien sijoittelu reiteille", 45, TaskStatus.TODO, 2, "lead"),
    ("Tietosuojaselosteen tarkistus", 35, TaskStatus.TODO, 2, "lead"),
    ("Testaajien rekrytointi", 60, TaskStatus.TODO, 3, "team0"),
)

STAFF_TASKS = (
    ("Aloituspalaveri tiimin kanssa", 3),
    ("Kokeilusuunnitelma ja mittarit", 10),
    ("Asiakaspalautteen kerääminen", 35),
    ("Tulosten yhteenveto", 80),
)

STAFF_STATUS = {
    # index: (status, reason)
    1: (PlanStatus.AT_RISK, "Kumppanin toimitus viivästyy kahdella viikolla; testijakso voi siirtyä."),
    4: (PlanStatus.LATE, "Testipaikan henkilöstövajeen vuoksi testijakso alkoi kuukauden myöhässä."),
    7: (PlanStatus.AT_RISK, "Testaajia on ilmoittautunut vasta puolet tavoitteesta."),
}


def _day(demo: DemoExperiment, offset: int) -> datetime.date:
    return demo.experiment.starts_on + datetime.timedelta(days=offset)


def _answer_and_advance(demo: DemoExperiment, times: int, answers: dict[tuple[int, int], str]) -> None:
    """Answer the gate questions of the current phase (from `answers`, or a default text) and move on."""
    for _step in range(times):
        phase = Phase.objects.filter(experiment=demo.experiment, state=PhaseState.CURRENT).first()
        if phase is None:
            return
        for question in phase.gate_questions.order_by("position"):
            text = answers.get((phase.position, question.position)) or (
                "Vaihe käytiin läpi tiimin kanssa; havainnot on kirjattu kokeilun muistioon."
            )
            author = demo.lead if question.visibility == GateVisibility.PUBLIC else demo.manager
            services.gate_answer_save(question=question, answered_by=author, text=text)
        services.phase_advance(experiment=demo.experiment, advanced_by=demo.manager)


def _member(demo: DemoExperiment, key: str) -> ExperimentMember | None:
    user = demo.lead if key == "lead" or not demo.team else demo.team[int(key[-1]) % len(demo.team)]
    return ExperimentMember.objects.filter(experiment=demo.experiment, user=user).first()


def _seed_koestamo(demo: DemoExperiment) -> None:
    template = PhaseTemplate.objects.get(city__isnull=True, key="koestamo")
    services.phase_apply_template(experiment=demo.experiment, template=template, applied_by=demo.manager)
    _answer_and_advance(demo, 2, KOESTAMO_ANSWERS)  # DISCOVER and DREAM are done; DESIGN is current
    design = Phase.objects.get(experiment=demo.experiment, state=PhaseState.CURRENT)
    first_design_question = design.gate_questions.order_by("position").first()
    if first_design_question is not None:
        services.gate_answer_save(
            question=first_design_question, answered_by=demo.lead, text=KOESTAMO_ANSWERS[(3, 1)]
        )
    phases = {phase.position: phase for phase in Phase.objects.filter(experiment=demo.experiment)}
    milestones = [
        services.milestone_create(
            experiment=demo.experiment,
            created_by=demo.lead,
            title=title,
            due_on=_day(demo, offset),
            is_done=done,
            phase=phases.get(position),
        )
        for offset, title, position, done in KOESTAMO_MILESTONES
    ]
    for title, offset, status, milestone_index, owner in KOESTAMO_TASKS:
        services.task_create(
            experiment=demo.experiment,
            created_by=demo.lead,
            title=title,
            owner=_member(demo, owner),
            due_on=_day(demo, offset),
            status=status,
            milestone=milestones[milestone_index],
        )
    services.status_report_create(
        experiment=demo.experiment, reported_by=demo.lead, status=PlanStatus.ON_TRACK
    )
    services.status_report_create(
        experiment=demo.experiment,
        reported_by=demo.lead,
        status=PlanStatus.AT_RISK,
        reason="Kahden organisaation opastesisällöt puuttuvat vielä; prototyypin valmistuminen voi siirtyä "
        "viikolla.",
    )


def _seed_staff(demo: DemoExperiment) -> None:
    key = "tampere" if demo.index % 2 else "numbered"
    template = PhaseTemplate.objects.get(city__isnull=True, key=key)
    services.phase_apply_template(experiment=demo.experiment, template=template, applied_by=demo.manager)
    _answer_and_advance(demo, demo.index % 3, {})
    phase_count = Phase.objects.filter(experiment=demo.experiment).count()
    services.milestone_create(
        experiment=demo.experiment,
        created_by=demo.lead,
        title="Kokeilu käynnissä",
        due_on=_day(demo, 7),
        is_done=demo.index % 3 > 0,
        phase=Phase.objects.filter(experiment=demo.experiment, position=1).first(),
    )
    services.milestone_create(
        experiment=demo.experiment,
        created_by=demo.lead,
        title="Tulokset esitelty",
        due_on=demo.experiment.ends_on,
        phase=Phase.objects.filter(experiment=demo.experiment, position=phase_count).first(),
    )
    done_count = demo.index % 3 + 1
    for number, (title, offset) in enumerate(STAFF_TASKS):
        services.task_create(
            experiment=demo.experiment,
            created_by=demo.lead,
            title=title,
            owner=_member(demo, "lead" if number % 2 == 0 else "team0"),
            due_on=_day(demo, offset),
            status=TaskStatus.DONE if number < done_count else TaskStatus.TODO,
        )
    status, reason = STAFF_STATUS.get(demo.index, (PlanStatus.ON_TRACK, ""))
    services.status_report_create(
        experiment=demo.experiment, reported_by=demo.lead, status=status, reason=reason
    )


def seed(demo: DemoExperiment) -> None:
    """Create this app's demo rows for one demo experiment (through the services)."""
    if Phase.objects.filter(experiment=demo.experiment).exists():
        return
    if demo.kind == "koestamo":
        _seed_koestamo(demo)
    else:
        _seed_staff(demo)

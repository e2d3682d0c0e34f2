"""The demo's experiments: Iso Omena's Koestamo and the nine Helsinki staff experiments.

Each is created through the experiments services from a selected proposal of the demo's calls (the
Koestamo from the persona "applicant"'s wayfinding pilot), given people and groups, and then every
workspace app seeds its content through its own services (`<app>.demo.seed`).
"""

import datetime
import importlib
import random

from django.utils import timezone

from kokeilu.accounts.models import Organisation, OrganisationKind, User
from kokeilu.accounts.services import user_create
from kokeilu.calls.models import Call
from kokeilu.experiments import services
from kokeilu.experiments.models import ExperimentMember, MemberRole, ParticipantGroup, ServiceSector
from kokeilu.proposals.models import Proposal

from .data import iso_omena, staff_campaign
from .experiments_context import DemoExperiment

# The workspace apps whose demo seeders run for every demo experiment, in this order.
SEEDED_APPS = (
    "planning",
    "funding",
    "agreements",
    "events",
    "materials",
    "updates",
    "surveys",
    "methods",
    "references",
    "reports",
    "reuse",
)

# Invented first and last names for the demo's testers and staff (no real people).
FIRST_NAMES = (
    "Aino",
    "Eetu",
    "Helmi",
    "Ilari",
    "Juulia",
    "Kasper",
    "Lotta",
    "Mikael",
    "Nelli",
    "Oskari",
    "Pihla",
    "Rasmus",
)
LAST_NAMES = (
    "Kokeilija",
    "Testinen",
    "Palautemaa",
    "Kuuntelija",
    "Omenainen",
    "Polkunen",
    "Kyselä",
    "Vastaaja",
)

KOESTAMO_TEXTS = {
    "sector": ServiceSector.ADMINISTRATION,  # the service centre's customer service
    "title_fi": "Koestamo: digitaalinen opastus palvelutorin reiteille",
    "title_sv": "Koestamo: digital vägvisning på servicetorgets rutter",
    "title_en": "Koestamo: digital wayfinding on the service centre's routes",
    "summary_sv": "Koestamo är Iso Omenas testlabb: personal och kunder testar en digital vägvisning till "
    "servicetorgets tio organisationer. Vi prövar i tre månader om kunderna hittar rätt disk snabbare och "
    "om personalen får färre frågor om vägen.",
    "summary_en": "Koestamo is Iso Omena's test lab: staff and customers test digital wayfinding to the "
    "service centre's ten organisations. For three months we try whether customers find the right desk "
    "faster and whether staff get fewer questions about the way.",
}

# Swedish and English titles and summaries of Helsinki's staff experiments (the proposals are in Finnish).
STAFF_TRANSLATIONS: dict[str, tuple[str, str, str, str]] = {
    "Tietoa lähialueesta osallistuvan budjetoinnin tueksi": (
        "Information om närområdet som stöd för deltagande budgetering",
        "Local area information to support participatory budgeting",
        "Invånarna vet inte vad som redan finns i deras område när de kommer med idéer till den deltagande "
        "budgeteringen. Vi behöver ett åskådligt sätt att visa områdets idrottsplatser och allmänna områden.",
        "Residents do not know what their area already has when they come up with ideas for participatory "
        "budgeting. We need a clear way to show the area's sports venues and public spaces.",
    ),
    "Kohdennettu palaute kouluruoasta": (
        "Riktad respons om skolmaten",
        "Targeted feedback on school food",
        "Vi får bara allmän respons om skolmaten. Mer detaljerad respons skulle hjälpa till att planera "
        "matsedlarna och ge eleverna möjlighet att påverka.",
        "We only get general feedback on school food. More detailed feedback would help plan the menus and "
        "give pupils a say.",
    ),
    "Sähköinen avainten ja sopimusten hallinta asukastiloihin": (
        "Elektronisk hantering av nycklar och avtal för invånarlokaler",
        "Electronic management of keys and agreements for residents' premises",
        "Nycklarna och användningsavtalen för invånarlokalerna finns på papper, och informationen går dåligt "
        "fram.",
        "The keys and user agreements of residents' premises are on paper, and information flows poorly.",
    ),
    "Paljon palveluja tarvitsevien potilaiden tunnistaminen": (
        "Att identifiera patienter som behöver många tjänster",
        "Identifying patients who need many services",
        "Hälsostationen har patienter som besöker den ofta, men vi identifierar dem inte i tid och erbjuder "
        "inte vård som motsvarar deras behov.",
        "The health station has patients who visit often, but we do not identify them in time or offer care "
        "that matches their needs.",
    ),
    "Sujuvampi palvelussuhteen aloitus": (
        "En smidigare början på anställningen",
        "A smoother start to employment",
        "Uppgifterna kring en ny anställds start är utspridda, och cheferna måste leta efter anvisningar på "
        "många ställen.",
        "The tasks around a new employee's start are scattered, and supervisors have to look for "
        "instructions in many places.",
    ),
    "Keskustelurobotti paikkatiedon analyyseihin": (
        "En chattbot för analyser av geografisk information",
        "A chatbot for geospatial analyses",
        "Kunskapsbaserad ledning behöver analyser av geografisk information, men att beställa dem av "
        "experter tar veckor.",
        "Knowledge-based management needs geospatial analyses, but ordering them from experts takes weeks.",
    ),
    "Massarekrytoinnin prosessi digitaaliseksi": (
        "En digital process för massrekrytering",
        "A digital process for mass recruitment",
        "Massrekryteringen av sommaranställda samordnas med tabeller, vilket tar mycket tid både för "
        "sektorerna och för personaltjänsterna.",
        "The mass recruitment of summer employees is coordinated with spreadsheets, which takes a lot of "
        "time from both the divisions and HR services.",
    ),
    "Nopean avun henkilöstö varhaiskasvatuksen alueille": (
        "Snabbhjälpspersonal för småbarnspedagogikens områden",
        "Rapid-response staff for early childhood education areas",
        "När ett daghem saknar personal tar det tid att hitta en vikarie, eftersom vi inte ser vem som är "
        "ledig och passar för uppgiften.",
        "When a day-care centre is short of staff, finding a substitute takes time because we cannot see who "
        "is free and suited to the task.",
    ),
    "Uuden esihenkilön perehdytyspolku": (
        "Introduktionsstig för nya chefer",
        "An induction path for new supervisors",
        "Introduktionsmaterialet för nya chefer finns utspritt i olika system.",
        "The induction materials for new supervisors are scattered across different systems.",
    ),
}

# The service sector (toimiala) of each of Helsinki's staff experiments, by its Finnish title.
STAFF_SECTORS: dict[str, str] = {
    "Tietoa lähialueesta osallistuvan budjetoinnin tueksi": ServiceSector.ADMINISTRATION,
    "Kohdennettu palaute kouluruoasta": ServiceSector.EDUCATION,
    "Sähköinen avainten ja sopimusten hallinta asukastiloihin": ServiceSector.CULTURE_LEISURE,
    "Paljon palveluja tarvitsevien potilaiden tunnistaminen": ServiceSector.SOCIAL_HEALTH,
    "Sujuvampi palvelussuhteen aloitus": ServiceSector.ADMINISTRATION,
    "Keskustelurobotti paikkatiedon analyyseihin": ServiceSector.URBAN_ENVIRONMENT,
    "Massarekrytoinnin prosessi digitaaliseksi": ServiceSector.ADMINISTRATION,
    "Nopean avun henkilöstö varhaiskasvatuksen alueille": ServiceSector.EDUCATION,
    "Uuden esihenkilön perehdytyspolku": ServiceSector.ADMINISTRATION,
}

GROUP_NAMES = {
    "testers": ("Kokeiluryhmä", "Testgruppen", "Testers"),
    "staff": ("Palvelutorin henkilöstö", "Personalen på servicetorget", "Service centre staff"),
}


def _invented_people(prefix: str, count: int, rng: random.Random, language: str = "fi") -> list[User]:
    people = []
    for number in range(1, count + 1):
        username = f"{prefix}-{number}"
        user = User.objects.filter(username=username).first() or user_create(
            username=username,
            email=f"{username}@example.test",
            password=None,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            preferred_language=language,
            validate=False,
        )
        people.append(user)
    return people


def _groups(experiment, manager: User, testers: list[User], staff: list[User]) -> dict[str, ParticipantGroup]:
    groups = {}
    for key, (name_fi, name_sv, name_en) in GROUP_NAMES.items():
        groups[key] = services.group_create(
            experiment=experiment, created_by=manager, name_fi=name_fi, name_sv=name_sv, name_en=name_en
        )
    members = {member.user_id: member for member in ExperimentMember.objects.filter(experiment=experiment)}
    groups["testers"].members.set([members[user.pk] for user in testers])
    groups["staff"].members.set([members[user.pk] for user in staff])
    return groups


def _add_members(experiment, manager: User, people: list[User], role: str) -> None:
    for user in people:
        if not ExperimentMember.objects.filter(experiment=experiment, user=user).exists():
            services.member_add(experiment=experiment, user=user, role=role, added_by=manager)


def _seed_apps(demo: DemoExperiment) -> None:
    for app in SEEDED_APPS:
        importlib.import_module(f"kokeilu.{app}.demo").seed(demo)


def _selected(call_title_fi: str) -> list[Proposal]:
    call = Call.objects.get(title_fi=call_title_fi)
    return list(
        Proposal.objects.filter(call=call, decision__outcome="selected")
        .select_related("created_by")
        .order_by("pk")
    )


def experiments_load(*, now: datetime.datetime | None = None) -> list[DemoExperiment]:
    """Create the demo experiments and their content. Runs once, after the calls have their decisions."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    rng = random.Random(2026)
    loaded: list[DemoExperiment] = []

    espoo_manager = User.objects.get(username="espoo-manager")
    wayfinding = next(p for p in _selected(iso_omena.CALL.title.fi) if p.created_by.username == "applicant")
    koestamo = services.experiment_create_from_proposal(
        proposal=wayfinding, created_by=espoo_manager, starts_on=today - datetime.timedelta(days=45)
    )
    services.experiment_update(
        experiment=koestamo, updated_by=espoo_manager, is_public=True, **KOESTAMO_TEXTS
    )
    services.experiment_transition(experiment=koestamo, to_status="running", changed_by=espoo_manager)
    testers = [User.objects.get(username="participant"), *_invented_people("koestamo-tester", 9, rng)]
    staff = _invented_people("iso-omena-staff", 5, rng)
    _add_members(koestamo, espoo_manager, staff[:1], MemberRole.TEAM)
    _add_members(koestamo, espoo_manager, staff[1:] + testers, MemberRole.TESTER)
    groups = _groups(koestamo, espoo_manager, testers, staff)
    lead = User.objects.get(username="applicant")
    loaded.append(
        DemoExperiment(
            experiment=koestamo,
            kind="koestamo",
            index=0,
            manager=espoo_manager,
            lead=lead,
            team=[staff[0]],
            testers=testers,
            groups=groups,
            now=now,
            random=random.Random(1),
        )
    )

    helsinki_manager = User.objects.get(username="helsinki-manager")
    for index, proposal in enumerate(_selected(staff_campaign.CALL.title.fi)):
        # Three finished last spring, five are running and the last starts next month.
        if index < 3:
            start = today - datetime.timedelta(days=240 - 10 * index)
        elif index < 8:
            start = today - datetime.timedelta(days=20 + 7 * index)
        else:
            start = today + datetime.timedelta(days=30)
        experiment = services.experiment_create_from_proposal(
            proposal=proposal, created_by=helsinki_manager, starts_on=start
        )
        sector = STAFF_SECTORS.get(experiment.title_fi, "")
        translation = STAFF_TRANSLATIONS.get(experiment.title_fi)
        if translation is not None:
            title_sv, title_en, summary_sv, summary_en = translation
            services.experiment_update(
                experiment=experiment,
                updated_by=helsinki_manager,
                title_sv=title_sv,
                title_en=title_en,
                summary_sv=summary_sv,
                summary_en=summary_en,
                sector=sector,
            )
        if index < 8:
            services.experiment_transition(
                experiment=experiment, to_status="running", changed_by=helsinki_manager
            )
        if index < 3:
            services.experiment_transition(
                experiment=experiment, to_status="completed", changed_by=helsinki_manager
            )
        if index % 2 == 0:
            services.experiment_update(experiment=experiment, updated_by=helsinki_manager, is_public=True)
        unit = Organisation.objects.filter(kind=OrganisationKind.CITY_UNIT, city=experiment.city).order_by(
            "pk"
        )
        if unit.exists():
            services.experiment_update(
                experiment=experiment, updated_by=helsinki_manager, owner_unit=unit[index % unit.count()]
            )
        testers = _invented_people(f"{experiment.slug[:40]}-tester", 6, rng)
        staff = _invented_people(f"{experiment.slug[:40]}-staff", 3, rng)
        _add_members(experiment, helsinki_manager, staff[:1], MemberRole.TEAM)
        _add_members(experiment, helsinki_manager, staff[1:] + testers, MemberRole.TESTER)
        loaded.append(
            DemoExperiment(
                experiment=experiment,
                kind="staff",
                index=index,
                manager=helsinki_manager,
                lead=proposal.created_by,
                team=[staff[0]],
                testers=testers,
                groups=_groups(experiment, helsinki_manager, testers, staff),
                now=now,
                random=random.Random(100 + index),
            )
        )
    for demo in loaded:
        _seed_apps(demo)
    return loaded

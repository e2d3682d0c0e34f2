"""Demo content of this app for the demo experiments (called by kokeilu.demo.experiments).

Koestamo gets a co-design workshop that is full (12 seats, 2 on the waiting list), a testing day with
20-minute slots for the chosen testers (some booked) and a public info session. Each staff experiment gets
its kick-off workshop (in the past for those already running) and, while running, a results workshop.
"""

import datetime
import zoneinfo

from kokeilu.accounts.models import User
from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.experiments.models import Audience, ExperimentMember, MemberRole

from . import services
from .models import Event, EventKind

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=HELSINKI)


def _testers(demo: DemoExperiment) -> list[User]:
    """Every tester of the experiment (the chosen testers first), in a fixed order."""
    others = [
        member.user
        for member in ExperimentMember.objects.filter(experiment=demo.experiment, role=MemberRole.TESTER)
        .select_related("user")
        .order_by("pk")
        if member.user not in demo.testers
    ]
    return [*demo.testers, *others]


def _register(event: Event, people: list[User]) -> None:
    for person in people:
        services.registration_create(event=event, user=person)


def _seed_koestamo(demo: DemoExperiment) -> None:
    experiment, lead = demo.experiment, demo.lead
    people = _testers(demo)
    workshop_day = demo.today + datetime.timedelta(days=9)
    workshop = services.event_create(
        experiment=experiment,
        created_by=lead,
        kind=EventKind.WORKSHOP,
        title_fi="Yhteissuunnittelutyöpaja: opasteet Iso Omenan palvelutorilla",
        title_sv="Workshop i samskapande: skyltning på Iso Omenas servicetorg",
        title_en="Co-design workshop: wayfinding at Iso Omena's service centre",
        description_fi="Kävelemme palvelutorin läpi asiakkaan reittiä ja luonnostelemme "
        "uudet opasteet yhdessä.",
        description_sv="Vi går kundens väg genom servicetorget och skissar nya skyltar tillsammans.",
        description_en="We walk the customer's route through the service centre and sketch "
        "new signs together.",
        starts_at=_at(workshop_day, 13),
        ends_at=_at(workshop_day, 15, 30),
        place="Iso Omenan palvelutori, neuvotteluhuone Koivu, Piispansilta 11, Espoo",
        capacity=12,
        audience=Audience.EXPERIMENT,
    )
    # Twelve seats and fourteen people: the last two wait.
    _register(workshop, people[:14])

    testing_day = demo.today + datetime.timedelta(days=16)
    testing = services.event_create(
        experiment=experiment,
        created_by=lead,
        kind=EventKind.TEST_SESSION,
        title_fi="Testauspäivä: opastesovelluksen käyttäjätestit",
        title_sv="Testdag: användartester av skyltappen",
        title_en="Testing day: user tests of the wayfinding app",
        description_fi="Varaa oma 20 minuutin aikasi. Löydät palvelutorin läpi sovelluksen avulla.",
        description_sv="Boka en egen tid på 20 minuter. Du hittar genom servicetorget med hjälp av appen.",
        description_en="Book a 20-minute time of your own. You find your way through "
        "the centre using the app.",
        starts_at=_at(testing_day, 9),
        ends_at=_at(testing_day, 12),
        place="Iso Omenan palvelutori, infopiste",
        audience=Audience.GROUP,
        group=demo.groups["testers"],
    )
    slots = services.slots_generate(
        event=testing, created_by=lead, first_starts_at=_at(testing_day, 9), length_minutes=20, count=9
    )
    chosen = demo.random.sample(range(len(slots)), 4)
    for person, slot_index in zip(demo.testers[:4], sorted(chosen), strict=True):
        services.slot_book(slot=slots[slot_index], user=person)

    info_day = demo.today + datetime.timedelta(days=4)
    info = services.event_create(
        experiment=experiment,
        created_by=lead,
        kind=EventKind.INFO_SESSION,
        title_fi="Infotilaisuus: mikä on Koestamo?",
        title_sv="Informationsmöte: vad är Koestamo?",
        title_en="Info session: what is Koestamo?",
        description_fi="Kerromme kokeilusta ja siitä, miten voit osallistua. Kaikki tervetulleita.",
        description_sv="Vi berättar om försöket och hur du kan delta. Alla välkomna.",
        description_en="We tell about the experiment and how you can take part. Everyone is welcome.",
        starts_at=_at(info_day, 17),
        ends_at=_at(info_day, 18),
        place="Iso Omenan kirjasto, Lava",
        online_url="https://meet.example.test/koestamo-info",
        audience=Audience.PUBLIC,
    )
    _register(info, people[:5])


def _seed_staff(demo: DemoExperiment) -> None:
    experiment, lead = demo.experiment, demo.lead
    start_day = experiment.starts_on
    title = str(experiment.title)
    kickoff = services.event_create(
        experiment=experiment,
        created_by=lead,
        kind=EventKind.WORKSHOP,
        title_fi=f"Aloitustyöpaja: {experiment.title_fi or title}",
        title_sv=f"Startworkshop: {experiment.title_sv or title}",
        title_en=f"Kick-off workshop: {experiment.title_en or title}",
        description_fi="Käymme läpi kokeilun tavoitteet, aikataulun ja roolit.",
        description_sv="Vi går igenom försökets mål, tidtabell och roller.",
        description_en="We go through the experiment's goals, schedule and roles.",
        starts_at=_at(start_day, 9),
        ends_at=_at(start_day, 11),
        place="Kaupungintalo, Pohjoisesplanadi 11–13, Helsinki",
        online_url="https://meet.example.test/kickoff-" + experiment.slug[:40],
        capacity=20,
        audience=Audience.EXPERIMENT,
    )
    if kickoff.starts_at > demo.now:
        _register(kickoff, _testers(demo)[: 3 + demo.index % 3])
    if experiment.status == "running":
        day = demo.today + datetime.timedelta(days=5 + demo.index)
        results = services.event_create(
            experiment=experiment,
            created_by=lead,
            kind=EventKind.WORKSHOP,
            title_fi="Tulosten purkutyöpaja",
            title_sv="Workshop om resultaten",
            title_en="Results workshop",
            description_fi="Mitä kokeilussa opittiin? Kootaan havainnot yhteen.",
            description_sv="Vad lärde vi oss i försöket? Vi samlar iakttagelserna.",
            description_en="What did we learn in the experiment? We gather the findings.",
            starts_at=_at(day, 14),
            ends_at=_at(day, 16),
            place="Kaupungintalo, kokoushuone 2",
            capacity=8,
            audience=Audience.GROUP,
            group=demo.groups["testers"],
        )
        _register(results, demo.testers[: 2 + demo.random.randrange(4)])


def seed(demo: DemoExperiment) -> None:
    """Create this app's demo rows for one demo experiment (through the services)."""
    if demo.kind == "koestamo":
        _seed_koestamo(demo)
    else:
        _seed_staff(demo)

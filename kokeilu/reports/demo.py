"""Demo content of this app for the demo experiments (called by kokeilu.demo.experiments).

Helsinki's three completed staff experiments (index 0–2) get approved, published final reports: a
summary, three public learnings in Finnish, Swedish and English (and an internal one in the second), a
quote with recorded consent and an internal one without, two measures and the decision on what next.
The first running staff experiment (index 3) has a draft. Everything goes through the services, written
by the experiment's lead and approved by the city's programme manager."""

from decimal import Decimal

from kokeilu.demo.experiments_context import DemoExperiment

from . import services
from .models import FinalReport, NextStep, Visibility

DRAFT_INDEX = 3

SUMMARIES = (
    (
        "Kokeilu osoitti, että ratkaisu toimii arjessa, kun henkilöstö on mukana alusta asti. Käyttäjät "
        "löysivät tiedon aiempaa nopeammin, ja palautteen perusteella palvelu otetaan pysyvään käyttöön.",
        "Försöket visade att lösningen fungerar i vardagen när personalen är med från början. Användarna "
        "hittade informationen snabbare än tidigare, och utifrån responsen tas tjänsten i permanent bruk.",
        "The experiment showed that the solution works in everyday use when the staff are involved from "
        "the start. Users found information faster than before, and based on the feedback the service "
        "will be adopted permanently.",
    ),
    (
        "Kokeilu tuotti hyvää palautetta, mutta ratkaisu vaatii vielä kehittämistä ennen laajempaa "
        "käyttöönottoa. Opimme erityisesti, miten käyttäjiä kannattaa ohjata ensimmäisellä kerralla.",
        "Försöket gav god respons, men lösningen behöver utvecklas innan den tas i bruk i större skala. "
        "Vi lärde oss särskilt hur användarna bör vägledas första gången.",
        "The experiment received good feedback, but the solution needs more work before wider use. We "
        "learned especially how users should be guided the first time.",
    ),
    (
        "Kokeilu vahvisti tarpeen, ja ratkaisu laajennetaan kaikkiin alueen yksiköihin. Hankinta "
        "valmistellaan yhdessä hankintapalveluiden kanssa.",
        "Försöket bekräftade behovet, och lösningen utvidgas till alla enheter i området. Upphandlingen "
        "förbereds tillsammans med upphandlingstjänsterna.",
        "The experiment confirmed the need, and the solution will be extended to every unit in the area. "
        "The procurement is prepared together with procurement services.",
    ),
)

LEARNINGS = (
    (
        "Henkilöstö mukaan suunnitteluun heti alussa",
        "Involvera personalen i planeringen från början",
        "Involve the staff in planning from the start",
        "Yksiköissä, joissa henkilöstö osallistui aloitustyöpajaan, ratkaisua käytettiin kaksi kertaa "
        "useammin kuin muissa.",
        ["osallistaminen", "henkilöstö"],
    ),
    (
        "Lyhyt ohje ensimmäisellä käyttökerralla riittää",
        "En kort instruktion första gången räcker",
        "A short guide at first use is enough",
        "Haastatelluista käyttäjistä 11/14 kertoi, että yhden sivun ohje riitti; pitkää koulutusta ei "
        "kaivattu.",
        ["ohjeistus", "käyttöönotto"],
    ),
    (
        "Paperinen varamenettely tarvitaan siirtymävaiheessa",
        "Ett pappersbaserat reservförfarande behövs under övergången",
        "A paper fallback is needed during the transition",
        "Kahden viikon aikana kolme käyttökatkoa ratkaistiin paperilomakkeella; ilman sitä palvelu olisi "
        "keskeytynyt.",
        ["saavutettavuus"],
    ),
)

QUOTES = (
    (
        "Nyt löydän tarvitsemani tiedon itse, eikä minun tarvitse soittaa kenellekään.",
        "asukas, 60–70-vuotias",
    ),
    ("Tämä säästää aikaani joka viikko, kun kaikki on yhdessä paikassa.", "ohjaaja, nuorisotalo"),
    ("Aluksi epäilin, mutta kokeilun jälkeen en haluaisi palata vanhaan.", "opettaja, yläkoulu"),
)

MEASURES = (
    ("Tyytyväiset käyttäjät", Decimal("54"), Decimal("81"), "%", "Palautekysely ennen ja jälkeen."),
    ("Tiedon etsimiseen kulunut aika", Decimal("12"), Decimal("5"), "min", "Mediaani, havainnointi."),
)

NEXT_STEPS = (
    (NextStep.ADOPT, "Palvelun yksikkö jatkaa pysyvänä käytäntönä."),
    (NextStep.ITERATE, "Ohjausta parannetaan ja kokeillaan uudelleen syksyllä."),
    (NextStep.PROCURE, "Laajennus vaatii kilpailutuksen."),
)


def _write_draft(demo: DemoExperiment, number: int, *, complete: bool) -> None:
    experiment, lead = demo.experiment, demo.lead
    summary_fi, summary_sv, summary_en = SUMMARIES[number]
    next_step, reason = NEXT_STEPS[number]
    services.report_update(
        experiment=experiment,
        updated_by=lead,
        summary_fi=summary_fi,
        summary_sv=summary_sv if complete else "",
        summary_en=summary_en if complete else "",
        next_step=next_step if complete else "",
        next_step_owner_name=(
            experiment.owner_unit.name if experiment.owner_unit else "Kaupunkiympäristön toimiala"
        )
        if complete
        else "",
        next_step_reason=reason if complete else "",
    )
    learnings = LEARNINGS if complete else LEARNINGS[:1]
    for statement_fi, statement_sv, statement_en, evidence, tags in learnings:
        services.learning_create(
            experiment=experiment,
            created_by=lead,
            statement_fi=statement_fi,
            statement_sv=statement_sv,
            statement_en=statement_en,
            evidence=evidence,
            tags=tags,
            visibility=Visibility.PUBLIC,
        )
    if not complete:
        return
    if number == 1:
        services.learning_create(
            experiment=experiment,
            created_by=lead,
            statement_fi="Yksikön resursointi ei riittänyt kokeilun aikana",
            evidence="Tiimin oma arvio; koskee yhden yksikön henkilöstötilannetta, ei julkaista.",
            visibility=Visibility.INTERNAL,
        )
    text, speaker = QUOTES[number]
    services.quote_create(
        experiment=experiment,
        created_by=lead,
        text=text,
        speaker=speaker,
        consent_recorded=True,
        consent_method="Kirjallinen suostumus palautehaastattelussa",
        visibility=Visibility.PUBLIC,
    )
    services.quote_create(
        experiment=experiment,
        created_by=lead,
        text="Kerron mielelläni lisää, mutta en halua nimeäni mihinkään.",
        speaker="käyttäjä, haastattelu",
        visibility=Visibility.INTERNAL,
    )
    for name, before, after, unit, note in MEASURES:
        offset = Decimal(demo.random.randint(0, 4))
        services.measure_create(
            experiment=experiment,
            created_by=lead,
            name=name,
            before_value=before + offset,
            after_value=after - offset if unit == "%" else after + offset / 2,
            unit=unit,
            note=note,
        )


def seed(demo: DemoExperiment) -> None:
    """Create this app's demo rows for one demo experiment (through the services)."""
    if demo.kind != "staff" or FinalReport.objects.filter(experiment=demo.experiment).exists():
        return
    if demo.index < 3:
        _write_draft(demo, demo.index, complete=True)
        services.report_submit(experiment=demo.experiment, submitted_by=demo.lead)
        report = FinalReport.objects.get(experiment=demo.experiment)
        report.experiment = demo.experiment
        services.report_approve(report=report, approved_by=demo.manager, comment="Hyvä raportti, kiitos!")
    elif demo.index == DRAFT_INDEX:
        _write_draft(demo, 0, complete=False)

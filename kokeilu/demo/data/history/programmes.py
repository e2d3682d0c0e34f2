"""The four recurring programmes of the demo's history (Helsinki's staff campaigns and open thematic
calls, Espoo's Iso Omena rapid pilots and KYKY school pilots), the platform of Helsinki's open calls, and
the themes the history adds. Every organisation and person is invented."""

from kokeilu.calls.models import ApplicantKind, ProposalMode
from kokeilu.platforms.models import PlatformKind

from .. import iso_omena, kyky, staff_campaign
from ..types import CriterionSpec, PlatformSpec, Text, ThemeSpec
from .types import ProgrammeSpec

COMPANY = ApplicantKind.COMPANY
ASSOCIATION = ApplicantKind.ASSOCIATION
SCHOOL = ApplicantKind.SCHOOL
RESEARCH = ApplicantKind.RESEARCH
RESIDENT = ApplicantKind.RESIDENT
STAFF = ApplicantKind.CITY_STAFF

# Themes the history's learnings use besides the shared ones (kokeilu.demo.data.common.THEMES).
THEMES: tuple[ThemeSpec, ...] = (
    ThemeSpec("ikaantyneet", Text("Ikääntyneet", "Äldre", "Older people")),
    ThemeSpec("liikunta", Text("Liikunta", "Idrott och motion", "Sport and exercise")),
    ThemeSpec("kestavyys", Text("Kestävä kehitys", "Hållbar utveckling", "Sustainability")),
)

# Helsinki's open calls have a platform of their own; the other programmes use the demo's platforms.
PLATFORM = PlatformSpec(
    key="kaupunkikokeilut",
    city="helsinki",
    kind=PlatformKind.OTHER,
    name=Text(
        "Kaupunkikokeilut – Helsingin avoimet kokeiluhaut",
        "Stadsförsök – Helsingfors öppna försöksansökningar",
        "City experiments – Helsinki's open calls for experiments",
    ),
    description=Text(
        "Helsingin kaupunki etsii yrityksiltä, yhdistyksiltä, oppilaitoksilta, tutkijoilta ja asukkailta "
        "kokeiluja, jotka ratkaisevat kaupunkilaisten arjen pulmia. Jokaisella haulla on oma teemansa, ja "
        "kokeilujen opit julkaistaan avoimesti.",
        "Helsingfors stad söker försök från företag, föreningar, läroanstalter, forskare och invånare som "
        "löser problem i stadsbornas vardag. Varje ansökningsomgång har sitt eget tema, och lärdomarna från "
        "försöken publiceras öppet.",
        "The City of Helsinki is looking for experiments from companies, associations, educational "
        "institutions, researchers and residents that solve problems in city dwellers' everyday lives. Each "
        "call has its own theme, and the experiments' learnings are published openly.",
    ),
    members=("kanslia", "kasko", "kuva", "sote", "kymp"),
    needs=(),
    managed_by="helsinki-manager",
)

OPEN_CALL_CRITERIA: tuple[CriterionSpec, ...] = (
    CriterionSpec(
        Text("Hyöty kaupunkilaisille", "Nytta för stadsborna", "Benefit to city dwellers"),
        Text(
            "Kuinka moni hyötyy, ja kuinka paljon?",
            "Hur många har nytta, och hur mycket?",
            "How many people benefit, and how much?",
        ),
        3,
    ),
    CriterionSpec(
        Text("Toteutettavuus", "Genomförbarhet", "Feasibility"),
        Text(
            "Ovatko suunnitelma, aikataulu ja budjetti realistisia?",
            "Är planen, tidtabellen och budgeten realistiska?",
            "Are the plan, schedule and budget realistic?",
        ),
        2,
    ),
    CriterionSpec(
        Text("Opittavaa ja mitattavaa", "Lärdomar och mätbarhet", "Learnings and measurability"),
        Text(
            "Miten onnistumista mitataan, ja mitä kokeilusta voi oppia?",
            "Hur mäts framgången, och vad kan man lära sig av försöket?",
            "How will success be measured, and what can be learned from the experiment?",
        ),
        2,
    ),
)

CRITERIA: dict[str, tuple[CriterionSpec, ...]] = {
    "hki-staff": staff_campaign.CRITERIA,
    "hki-open": OPEN_CALL_CRITERIA,
    "iso-omena": iso_omena.CRITERIA,
    "kyky": kyky.CALL.criteria,
}

HELSINKI_REVIEWERS = ("helsinki-reviewer-2", "helsinki-reviewer-3")
ESPOO_REVIEWERS = ("espoo-reviewer-2", "espoo-reviewer-3")

PROGRAMMES: dict[str, ProgrammeSpec] = {
    programme.key: programme
    for programme in (
        ProgrammeSpec(
            key="hki-staff",
            city="helsinki",
            platform=staff_campaign.PLATFORM.key,
            title=Text(
                "Henkilöstön kokeilukampanja {year}",
                "Personalens försökskampanj {year}",
                "Staff experiment campaign {year}",
            ),
            intro=Text(
                "Helsingin kaupungin työntekijät voivat ehdottaa kokeilua lyhyellä ongelmakuvauksella. "
                "Kokeilukiihdyttämö auttaa valittuja ideoita kokeiluiksi. Vuoden teema: {theme}.",
                "Helsingfors stads anställda kan föreslå ett försök med en kort problembeskrivning. "
                "Försöksacceleratorn hjälper de valda idéerna att bli försök. Årets tema: {theme}.",
                "City of Helsinki staff can propose an experiment with a short problem description. The "
                "experiment accelerator helps turn the chosen ideas into experiments. This year's theme: "
                "{theme}.",
            ),
            eligibility=(STAFF,),
            proposal_mode=ProposalMode.LOW_THRESHOLD,
            funding_per_pilot=10000,
            duration_min_months=2,
            duration_max_months=4,
            open_days=35,
            review_days_extra=-4,
            reviewers=HELSINKI_REVIEWERS,
            manager="helsinki-manager",
            other_proposals=(6, 8),
        ),
        ProgrammeSpec(
            key="hki-open",
            city="helsinki",
            platform=PLATFORM.key,
            title=Text(
                "Kaupunkikokeilut {year}: {theme}",
                "Stadsförsök {year}: {theme}",
                "City experiments {year}: {theme}",
            ),
            intro=Text(
                "Yritykset, yhdistykset, oppilaitokset, tutkijat ja asukkaat voivat hakea enintään 15 000 "
                "euroa kokeiluun, joka tehdään yhdessä kaupungin kanssa. Teema: {theme}.",
                "Företag, föreningar, läroanstalter, forskare och invånare kan söka högst 15 000 euro för "
                "ett försök som görs tillsammans med staden. Tema: {theme}.",
                "Companies, associations, educational institutions, researchers and residents can apply for "
                "up to €15,000 for an experiment carried out together with the city. Theme: {theme}.",
            ),
            eligibility=(COMPANY, ASSOCIATION, SCHOOL, RESEARCH, RESIDENT),
            proposal_mode=ProposalMode.FULL,
            funding_per_pilot=15000,
            duration_min_months=2,
            duration_max_months=6,
            open_days=42,
            review_days_extra=4,
            reviewers=HELSINKI_REVIEWERS,
            manager="helsinki-manager",
            other_proposals=(5, 7),
        ),
        ProgrammeSpec(
            key="iso-omena",
            city="espoo",
            platform=iso_omena.PLATFORM.key,
            title=Text(
                "Nopeat kokeilut Iso Omenan palvelutorilla, {season} {year}",
                "Snabba pilotprojekt på servicetorget i Iso Omena, {season} {year}",
                "Rapid pilots at the Iso Omena service centre, {season} {year}",
            ),
            intro=Text(
                "Iso Omenan palvelutorin yksiköt etsivät nopeita, enintään kolmen kuukauden kokeiluja, "
                "joiden kustannukset ovat enintään 10 000 euroa. Teema: {theme}.",
                "Enheterna på servicetorget i Iso Omena söker snabba försök på högst tre månader som kostar "
                "högst 10 000 euro. Tema: {theme}.",
                "The units of the Iso Omena service centre are looking for rapid pilots of up to three "
                "months costing up to €10,000. Theme: {theme}.",
            ),
            eligibility=(COMPANY, ASSOCIATION, RESEARCH, RESIDENT),
            proposal_mode=ProposalMode.FULL,
            funding_per_pilot=10000,
            duration_min_months=1,
            duration_max_months=3,
            open_days=28,
            review_days_extra=-2,
            reviewers=ESPOO_REVIEWERS,
            manager="espoo-manager",
            other_proposals=(4, 6),
        ),
        ProgrammeSpec(
            key="kyky",
            city="espoo",
            platform=kyky.PLATFORM.key,
            title=Text(
                "KYKY: testaa tuotettasi Espoon kouluissa, {season} {year}",
                "KYKY: testa din produkt i Esbos skolor, {season} {year}",
                "KYKY: test your product in Espoo's schools, {season} {year}",
            ),
            intro=Text(
                "KYKY-mallissa yritykset ja yhteisöt testaavat ratkaisujaan Espoon kouluissa yhdessä "
                "opettajien ja oppilaiden kanssa. Kokeiluun ei sisälly rahoitusta. Teema: {theme}.",
                "I KYKY-modellen testar företag och organisationer sina lösningar i Esbos skolor tillsammans "
                "med lärare och elever. Försöket omfattar ingen finansiering. Tema: {theme}.",
                "In the KYKY model, companies and organisations test their solutions in Espoo's schools "
                "together with teachers and pupils. The pilot comes with no funding. Theme: {theme}.",
            ),
            eligibility=(COMPANY, ASSOCIATION, RESEARCH),
            proposal_mode=ProposalMode.FULL,
            funding_per_pilot=0,
            duration_min_months=1,
            duration_max_months=6,
            open_days=35,
            review_days_extra=0,
            reviewers=ESPOO_REVIEWERS,
            manager="espoo-manager",
            other_proposals=(3, 5),
        ),
    )
}

SEASONS = {
    "spring": Text("kevät", "våren", "spring"),
    "autumn": Text("syksy", "hösten", "autumn"),
}

# Review periods got shorter over the years (days, by how many years ago the call was); the decision
# period follows the review. Together they make the time from submission to decision fall from about
# seven weeks to about four.
REVIEW_DAYS = {5: 30, 4: 26, 3: 22, 2: 18, 1: 15}
DECISION_DAYS = {5: 24, 4: 20, 3: 16, 2: 12, 1: 10}

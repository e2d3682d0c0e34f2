"""KYKY: Espoo's schools as development platforms for companies. Teachers and pupils test products early
and give feedback; companies get a reference from the city. This call is open now, so a visitor can try
sending a proposal."""

from decimal import Decimal

from kokeilu.calls.models import ApplicantKind, ProposalMode
from kokeilu.platforms.models import PlatformKind

from .types import CallSpec, CriterionSpec, NeedSpec, PlatformSpec, ProposalSpec, QuestionSpec, Text

PLATFORM = PlatformSpec(
    key="kyky",
    city="espoo",
    kind=PlatformKind.SCHOOLS,
    name=Text(
        "KYKY – koulut kehitysalustoina",
        "KYKY – skolorna som utvecklingsplattformar",
        "KYKY – schools as development platforms",
    ),
    description=Text(
        "Koulujen ja yritysten kiihdytetty yhteiskehittäminen: Espoon koulut avautuvat yrityksille ja "
        "yhteisöille. Opettajat ja oppilaat testaavat tuotteita varhaisessa vaiheessa ja antavat "
        "palautetta. Selkeät pelisäännöt ja sopimusmallit tekevät kokeilusta turvallisen koululle, ja "
        "yritys saa kaupungilta referenssin.",
        "Accelererad samutveckling i skolor och företag: Esbos skolor öppnar sig för företag och "
        "samfund. Lärare och elever testar produkter i ett tidigt skede och ger respons. Tydliga "
        "spelregler och avtalsmodeller gör försöket tryggt för skolan, och företaget får en referens "
        "av staden.",
        "Accelerated co-development of schools and companies: Espoo's schools open up to companies and "
        "communities. Teachers and pupils test products early and give feedback. Clear rules and "
        "contract models make piloting safe for the school, and the company gets a reference from the "
        "city.",
    ),
    members=("opetus", "sammalpuro", "kaislaranta", "kuusikallio", "omenamaki"),
    needs=(
        NeedSpec(
            key="digitaalinen-oppiminen",
            title=Text(
                "Digitaaliset oppimisen välineet",
                "Digitala verktyg för lärande",
                "Digital tools for learning",
            ),
            description=Text(
                "Välineitä, jotka tukevat oppilaan omaa oppimispolkua ja opettajan palautetta.",
                "Verktyg som stöder elevens egen lärstig och lärarens respons.",
                "Tools that support the pupil's own learning path and the teacher's feedback.",
            ),
            owning_unit="opetus",
            themes=("oppiminen", "digitalisaatio"),
        ),
        NeedSpec(
            key="liikkuva-koulupaiva",
            title=Text("Liikkuva koulupäivä", "En rörlig skoldag", "An active school day"),
            description=Text(
                "Ratkaisuja, jotka lisäävät liikettä ja hyvinvointia koulupäivän aikana.",
                "Lösningar som ökar rörelse och välbefinnande under skoldagen.",
                "Solutions that add movement and wellbeing to the school day.",
            ),
            owning_unit="opetus",
            themes=("hyvinvointi", "nuoret"),
        ),
    ),
    managed_by="espoo-manager",
)

CALL = CallSpec(
    platform="kyky",
    title=Text(
        "KYKY: testaa tuotettasi Espoon kouluissa",
        "KYKY: testa din produkt i Esbos skolor",
        "KYKY: test your product in Espoo's schools",
    ),
    description=Text(
        "Haemme yrityksiä ja yhteisöjä, joiden oppimista tai hyvinvointia tukeva tuote on kehitysvaiheessa. "
        "Valitut pääsevät testaamaan tuotetta luokissa 1–6 kuukauden ajan yhdessä opettajien ja oppilaiden "
        "kanssa. Kaupunki ei maksa kokeilusta, mutta yritys saa jäsenneltyä palautetta ja referenssin.",
        "Vi söker företag och samfund vars produkt som stöder lärande eller välbefinnande är under "
        "utveckling. De utvalda får testa produkten i klasserna i 1–6 månader tillsammans med lärare och "
        "elever. Staden betalar inte för försöket, men företaget får strukturerad respons och en referens.",
        "We are looking for companies and communities whose product for learning or wellbeing is in "
        "development. Those selected test the product in classrooms for 1–6 months together with "
        "teachers and pupils. The city does not pay for the pilot, but the company gets structured "
        "feedback and a reference.",
    ),
    eligibility=(ApplicantKind.COMPANY, ApplicantKind.ASSOCIATION, ApplicantKind.RESEARCH),
    proposal_mode=ProposalMode.FULL,
    funding_per_pilot=Decimal("0"),
    duration_min_months=1,
    duration_max_months=6,
    pilots_to_fund=6,
    opens_in_days=-10,
    closes_in_days=45,
    review_ends_in_days=60,
    decisions_by_in_days=70,
    criteria=(
        CriterionSpec(
            Text("Pedagoginen hyöty", "Pedagogisk nytta", "Benefit to learning"),
            Text(
                "Tukeeko tuote opetussuunnitelman tavoitteita?",
                "Stöder produkten läroplanens mål?",
                "Does the product support the curriculum's goals?",
            ),
            3,
        ),
        CriterionSpec(
            Text("Testattavuus", "Testbarhet", "Ready for testing"),
            Text(
                "Onko tuote valmis luokkakäyttöön ja palautteelle?",
                "Är produkten redo att användas i klassen och få respons?",
                "Is the product ready for classroom use and feedback?",
            ),
            2,
        ),
        CriterionSpec(
            Text("Tietosuoja ja turvallisuus", "Dataskydd och säkerhet", "Data protection and safety"),
            Text(
                "Miten oppilaiden tiedot ja turvallisuus on huomioitu?",
                "Hur har elevernas uppgifter och säkerhet beaktats?",
                "How are pupils' data and safety taken care of?",
            ),
            2,
        ),
    ),
    questions=(
        QuestionSpec(
            Text(
                "Mitä haluatte oppia opettajilta ja oppilailta?",
                "Vad vill ni lära er av lärarna och eleverna?",
                "What do you want to learn from the teachers and pupils?",
            ),
            Text(
                "Kuvaa kysymykset, joihin haette vastausta testeissä.",
                "Beskriv frågorna som ni söker svar på i testerna.",
                "Describe the questions you want the tests to answer.",
            ),
        ),
        QuestionSpec(
            Text(
                "Miten käsittelette oppilaiden tietoja?",
                "Hur behandlar ni elevernas uppgifter?",
                "How do you handle pupils' data?",
            ),
            Text(
                "Kerro, mitä tietoja tuote kerää ja missä ne säilytetään.",
                "Berätta vilka uppgifter produkten samlar in och var de lagras.",
                "Tell us what data the product collects and where it is stored.",
            ),
        ),
    ),
    needs=("digitaalinen-oppiminen", "liikkuva-koulupaiva"),
    themes=("oppiminen", "hyvinvointi", "nuoret"),
    proposals=(
        ProposalSpec(
            author="oppimispolku-applicant",
            applicant_kind=ApplicantKind.COMPANY,
            organisation="oppimispolku",
            title="Oma oppimispolku -sovellus yläkouluun",
            problem="Oppilaat eivät näe omaa edistymistään eri oppiaineissa yhdestä paikasta.",
            solution="Sovellus kokoaa oppilaan tavoitteet ja opettajan palautteen yhteen näkymään.",
            team="Kolme kehittäjää ja entinen aineenopettaja.",
            budget=Decimal("0"),
            duration_months=4,
            schedule="Kaksi luokkaa testaa sovellusta kevätlukukauden ajan.",
            answers=(
                "Haluamme tietää, käyttävätkö oppilaat tavoitteita itse vai vain opettajan pyynnöstä.",
                "Tiedot säilytetään EU:ssa, eikä sovellus kerää henkilötunnuksia.",
            ),
        ),
        ProposalSpec(
            author="liikkuva-applicant",
            applicant_kind=ApplicantKind.COMPANY,
            organisation="liikkuva",
            title="Välituntiliikuntaa pelikorteilla",
            problem="Välitunnilla moni oppilas seisoo paikallaan, koska yhteisiä leikkejä ei synny.",
            solution="Pelikorttipakka ja tabletille tuleva arvontasovellus ehdottavat leikkejä välitunnille.",
            team="Liikunnanohjaaja ja pelisuunnittelija.",
            budget=Decimal("0"),
            duration_months=2,
            schedule="Kaksi koulua, kuusi viikkoa.",
            answers=(
                "Haluamme oppia, mitkä leikit saavat liikkeelle ne, jotka eivät muuten liiku.",
                "Sovellus ei kerää oppilaiden tietoja.",
            ),
        ),
    ),
    # The reviewer persona has these two waiting in their list.
    reviewers=("espoo-reviewer",),
    reviews_per_proposal=(1,),
    reviews_submitted=False,
    decided_by="espoo-manager",
)

"""Espoo's rapid-pilot programme at the Iso Omena service centre: a platform of ten units in a busy
shopping centre, its development needs, and a call whose deadline has passed, reviewed and decided."""

from decimal import Decimal

from kokeilu.calls.models import ApplicantKind, ProposalMode
from kokeilu.evaluation.models import DecisionOutcome
from kokeilu.platforms.models import PlatformKind

from .types import CallSpec, CriterionSpec, NeedSpec, PlatformSpec, ProposalSpec, QuestionSpec, Text

SELECTED = DecisionOutcome.SELECTED
RESERVE = DecisionOutcome.RESERVE
REJECTED = DecisionOutcome.REJECTED

PLATFORM = PlatformSpec(
    key="iso-omena",
    city="espoo",
    kind=PlatformKind.SERVICE_CENTRE,
    name=Text(
        "Iso Omenan palvelutori – nopeat kokeilut",
        "Servicetorget i Iso Omena – snabba pilotprojekt",
        "Iso Omena service centre – rapid pilots",
    ),
    description=Text(
        "Iso Omenan palvelutorilla kymmenen julkisen palvelun toimijaa palvelee 3 000–5 000 asiakasta "
        "päivässä keskellä kauppakeskusta: kirjasto, nuorisopalvelut, neuvola, terveysasema, "
        "mielenterveys- ja päihdepalvelut ja asiointipiste. Palvelutori on avattu yrityksille, "
        "yhdistyksille, oppilaitoksille ja asukkaille: kehitämme palveluja yhdessä nopeilla, kevyillä "
        "ja edullisilla kokeiluilla.",
        "På servicetorget i Iso Omena betjänar tio offentliga aktörer 3 000–5 000 kunder om dagen mitt i "
        "köpcentret: biblioteket, ungdomstjänster, rådgivningen, hälsostationen, mentalvårds- och "
        "missbrukartjänster och samservicepunkten. Servicetorget är öppet för företag, föreningar, "
        "läroanstalter och invånare: vi utvecklar tjänsterna tillsammans genom snabba, lätta och "
        "förmånliga försök.",
        "At the Iso Omena service centre ten public service providers serve 3,000–5,000 customers a day "
        "in the middle of a shopping centre: the library, youth services, the maternity clinic, the health "
        "station, mental-health and substance-abuse services and the citizen service point. The centre is "
        "open to companies, associations, schools and residents: we develop the services together "
        "through fast, light and inexpensive experiments.",
    ),
    members=(
        "palvelutori",
        "kirjasto",
        "nuoriso",
        "neuvola",
        "terveysasema",
        "mielenterveys",
        "asiointipiste",
    ),
    needs=(
        NeedSpec(
            key="yhteistyo",
            title=Text(
                "Yksiköiden välinen yhteistyö",
                "Samarbete mellan enheterna",
                "Cooperation between the units",
            ),
            description=Text(
                "Asiakas hoitaa usein monta asiaa samalla käynnillä, mutta yksiköt tuntevat toistensa "
                "palvelut ja ruuhkat huonosti. Etsimme tapoja tiivistää yhteistyötä yli "
                "organisaatiorajojen ja rakentaa palvelutorille yhteistä kulttuuria.",
                "Kunden sköter ofta flera ärenden vid samma besök, men enheterna känner dåligt till "
                "varandras tjänster och rusningstider. Vi söker sätt att fördjupa samarbetet över "
                "organisationsgränserna och bygga en gemensam kultur på servicetorget.",
                "Customers often take care of several matters in one visit, but the units know little "
                "of each other's services and busy hours. We are looking for ways to work together across "
                "organisational boundaries and build a shared culture in the service centre.",
            ),
            owning_unit="palvelutori",
            themes=("yhteistyo", "asiakaskokemus"),
        ),
        NeedSpec(
            key="robotiikka",
            title=Text(
                "Robotiikka asiakaspalvelussa", "Robotik i kundbetjäningen", "Robotics in customer service"
            ),
            description=Text(
                "Miten robotiikka ja tekoäly voisivat auttaa palvelutoria: opastaa asiakkaita, keventää "
                "rutiineja tai tukea työvuorosuunnittelua? Haluamme kokeilla ennakkoluulottomasti ja "
                "oppia, mikä toimii oikeassa asiakastyössä.",
                "Hur kunde robotik och artificiell intelligens hjälpa servicetorget: vägleda kunder, "
                "lätta på rutinerna eller stödja planeringen av arbetsskift? Vi vill försöka utan "
                "fördomar och lära oss vad som fungerar i verkligt kundarbete.",
                "How could robotics and artificial intelligence help the service centre: guide customers, "
                "lighten routines or support shift planning? We want to experiment with an open mind and "
                "learn what works in real customer work.",
            ),
            owning_unit="asiointipiste",
            themes=("robotiikka", "asiakaskokemus"),
        ),
        NeedSpec(
            key="opasteet",
            title=Text("Opasteet ja löydettävyys", "Skyltning och hittbarhet", "Signage and wayfinding"),
            description=Text(
                "Asiakkaat kertovat palautteessa, että palveluja on vaikea löytää kauppakeskuksen "
                "vilskeessä. Ovien viereen ja hisseihin on jo lisätty opasteita; seuraavaksi etsimme "
                "ratkaisuja, jotka ohjaavat asiakkaan oikeaan paikkaan jo kauppakeskuksen sisäänkäynniltä.",
                "Kunderna berättar i sin respons att tjänsterna är svåra att hitta i köpcentrets vimmel. "
                "Skyltar har redan lagts till vid dörrarna och i hissarna; nu söker vi lösningar som leder "
                "kunden till rätt ställe redan från köpcentrets entré.",
                "Customers tell us that the services are hard to find in the bustle of the shopping "
                "centre. Signs have already been added by the doors and in the lifts; next we are looking "
                "for solutions that guide customers to the right place from the shopping centre's entrance.",
            ),
            owning_unit="palvelutori",
            themes=("opasteet", "asiakaskokemus"),
        ),
    ),
    managed_by="espoo-manager",
)

CRITERIA = (
    CriterionSpec(
        Text("Vastaa kehitystarpeeseen", "Svarar på utvecklingsbehovet", "Answers a development need"),
        Text(
            "Kuinka suoraan ehdotus ratkaisee jonkin palvelutorin julkaisemista tarpeista.",
            "Hur direkt förslaget löser ett av de behov som servicetorget har publicerat.",
            "How directly the proposal solves one of the needs the service centre has published.",
        ),
        3,
    ),
    CriterionSpec(
        Text("Hyöty asiakkaalle", "Nytta för kunden", "Benefit to customers"),
        Text(
            "Näkyykö kokeilu palvelutorin asiakkaiden arjessa?",
            "Syns försöket i vardagen för servicetorgets kunder?",
            "Will the pilot show in the everyday life of the centre's customers?",
        ),
        3,
    ),
    CriterionSpec(
        Text("Toteutettavuus 1–3 kuukaudessa", "Genomförbarhet på 1–3 månader", "Feasible in 1–3 months"),
        Text(
            "Onko suunnitelma realistinen budjetin ja aikataulun puitteissa?",
            "Är planen realistisk inom budgeten och tidtabellen?",
            "Is the plan realistic within the budget and schedule?",
        ),
        2,
    ),
    CriterionSpec(
        Text(
            "Yhteiskehittäminen ja jatko", "Samutveckling och fortsättning", "Co-development and next steps"
        ),
        Text(
            "Kehitetäänkö ratkaisua yhdessä yksiköiden ja asiakkaiden kanssa, ja onko sillä jatkoa?",
            "Utvecklas lösningen tillsammans med enheterna och kunderna, och har den en fortsättning?",
            "Is the solution developed together with the units and customers, and does it have a future?",
        ),
        2,
    ),
)

QUESTIONS = (
    QuestionSpec(
        Text(
            "Miten kokeilu toteutetaan yhdessä palvelutorin yksiköiden ja asiakkaiden kanssa?",
            "Hur genomförs försöket tillsammans med servicetorgets enheter och kunder?",
            "How will the pilot be carried out together with the service centre's units and customers?",
        ),
        Text(
            "Kerro, keitä kokeiluun osallistuu ja missä vaiheissa.",
            "Berätta vem som deltar i försöket och i vilka skeden.",
            "Tell us who takes part in the pilot and at which stages.",
        ),
    ),
    QuestionSpec(
        Text(
            "Miten mittaatte onnistumista, ja mitä kokeilun jälkeen?",
            "Hur mäter ni framgången, och vad händer efter försöket?",
            "How will you measure success, and what happens after the pilot?",
        ),
        Text(
            "Kuvaa mittarit ja mahdollinen jatkokehitys tai käyttöönotto.",
            "Beskriv mätarna och eventuell vidareutveckling eller ibruktagande.",
            "Describe the measures and any further development or adoption.",
        ),
    ),
)

COMPANY = ApplicantKind.COMPANY

PROPOSALS = (
    ProposalSpec(
        author="kaiku-applicant",
        applicant_kind=COMPANY,
        organisation="kaiku",
        title="Palvelurobotti toivottaa asiakkaat tervetulleiksi",
        problem="Ensikertalainen ei tiedä, mistä palvelutorin palvelut löytyvät ja kenen luo jonottaa.",
        solution="Sisäänkäynnille sijoitettava puhuva palvelurobotti tervehtii asiakasta, kysyy asian "
        "ja ohjaa oikeaan yksikköön kolmella kielellä. Robotin vastaukset laaditaan yksiköiden kanssa.",
        team="Kaksi robotiikkainsinööriä ja palvelumuotoilija.",
        budget=Decimal("10000"),
        budget_details="Robotin vuokra 4 000 €, sisällöntuotanto 3 500 €, käyttäjätestit 2 500 €.",
        duration_months=2,
        schedule="Viikot 1–2 sisällöt, viikot 3–8 robotti asiakkaiden käytössä, viikko 9 raportti.",
        answers=(
            "Jokaisesta yksiköstä nimetään yhteyshenkilö, joka kirjoittaa robotin vastaukset oman "
            "yksikkönsä palveluista. Asiakkailta kysytään palaute robotin näytöllä.",
            "Mittaamme ohjattujen asiakkaiden määrän ja palautteen. Jos tulokset ovat hyviä, robotti "
            "voidaan vuokrata palvelutorille jatkokaudeksi.",
        ),
        quality=4.4,
        outcome=SELECTED,
        reason="Vastaa suoraan robotiikkatarpeeseen, ja asiakkaat näkevät kokeilun heti sisäänkäynnillä. "
        "Suunnitelma on realistinen kahdessa kuukaudessa.",
    ),
    ProposalSpec(
        author="applicant",
        applicant_kind=COMPANY,
        organisation="opastin",
        title="Digitaalinen opastus palvelutorin reiteille",
        problem="Asiakkaat eivät löydä palveluja kauppakeskuksen sisäänkäynneiltä, vaikka opasteita on "
        "lisätty ovien viereen.",
        solution="Hissiauloihin ja sisäänkäynneille tulevat digitaaliset opastenäytöt näyttävät reitin "
        "ja jonotilanteen. QR-koodista reitti aukeaa puhelimeen.",
        team="Opastesuunnittelija ja kaksi ohjelmistokehittäjää.",
        budget=Decimal("9800"),
        budget_details="Näyttöjen vuokra 3 800 €, ohjelmisto 4 500 €, testaus 1 500 €.",
        duration_months=3,
        schedule="Kuukausi 1 reitit ja näytöt, kuukaudet 2–3 käytössä ja mittaus.",
        answers=(
            "Reitit kävellään yhdessä asiointipisteen henkilökunnan ja kymmenen asiakkaan kanssa.",
            "Mittaamme, kuinka moni asiakas kysyy reittiä henkilökunnalta ennen ja jälkeen kokeilun.",
        ),
        quality=4.2,
        outcome=SELECTED,
        reason="Ratkaisee palautteessa eniten toistuneen ongelman. Näytöt ja QR-reitit täydentävät jo "
        "tehtyjä opasteita hyvin.",
    ),
    ProposalSpec(
        author="virtaus-applicant",
        applicant_kind=COMPANY,
        organisation="virtaus",
        title="Yksiköiden yhteinen asiakasvirtakalenteri",
        problem="Yksiköt eivät tiedä toistensa ruuhkahuipuista ja tapahtumista, joten asiakkaat "
        "jonottavat samaan aikaan monessa paikassa.",
        solution="Kevyt yhteinen kalenteri näyttää kävijämäärät, tapahtumat ja poikkeukset kaikille "
        "yksiköille. Ennuste perustuu anonyymeihin kävijälaskureihin.",
        team="Data-analyytikko ja käyttöliittymäsuunnittelija.",
        budget=Decimal("10000"),
        budget_details="Kalenterin toteutus 7 000 €, työpajat 2 000 €, raportti 1 000 €.",
        duration_months=3,
        schedule="Työpaja yksiköiden kanssa, kaksi kuukautta käytössä, loppuarviointi.",
        answers=(
            "Kalenteri suunnitellaan esihenkilöiden työpajassa, ja henkilökunta kirjaa tapahtumat itse.",
            "Seuraamme jonotusaikoja ja sitä, kuinka usein yksiköt sopivat yhteisistä järjestelyistä.",
        ),
        quality=4.0,
        outcome=SELECTED,
        reason="Tukee yksiköiden yhteistyötä konkreettisesti ja ilman henkilötietoja. "
        "Esihenkilöt ovat sitoutuneet kokeiluun.",
    ),
    ProposalSpec(
        author="verso-applicant",
        applicant_kind=ApplicantKind.ASSOCIATION,
        organisation="verso",
        title="Nuorten pop-up-etätyöpiste",
        problem="Nuoret viettävät aikaa kauppakeskuksessa, mutta heillä ei ole rauhallista paikkaa "
        "opiskella tai tehdä keikkatöitä.",
        solution="Kirjaston ja nuorisopalvelujen yhteinen pop-up-työpiste, jossa nuoret voivat "
        "opiskella, hakea töitä ja saada ohjausta nuoriso-ohjaajalta.",
        team="Kaksi nuorisotyöntekijää ja vapaaehtoiset mentorit.",
        budget=Decimal("8500"),
        budget_details="Kalusteet 3 000 €, mentorien palkkiot 4 000 €, viestintä 1 500 €.",
        duration_months=2,
        schedule="Työpiste auki iltapäivisin kahdeksan viikon ajan.",
        answers=(
            "Nuoret suunnittelevat työpisteen itse nuorisopalvelujen työpajassa, kirjasto tarjoaa tilan.",
            "Laskemme käyttäjät ja kysymme nuorilta, mitä he saivat aikaan. Hyvä malli jää pysyväksi.",
        ),
        quality=3.9,
        outcome=SELECTED,
        reason="Kaksi yksikköä tekee yhdessä jotain uutta nuorille. Kokeilu on edullinen ja helposti "
        "jatkettavissa.",
    ),
    ProposalSpec(
        author="tarinaverstas-applicant",
        applicant_kind=COMPANY,
        organisation="tarinaverstas",
        title="Palvelutorin yhteinen tarina ja kokeiluryhmä",
        problem="Henkilökunta kokee kuuluvansa omaan organisaatioonsa, ei palvelutoriin.",
        solution="Työpajoissa luodaan palvelutorin yhteinen tarina, ja henkilöstöstä koottu kokeiluryhmä "
        "testaa pieniä muutoksia taukotilassa ja asiakastyössä.",
        team="Tarinallistaja ja muutosvalmentaja.",
        budget=Decimal("10000"),
        duration_months=3,
        schedule="Kaksi työpajaa ensimmäisessä kuussa, kokeiluryhmän testit kuukausina 2–3.",
        answers=(
            "Työpajat esihenkilöille ja henkilöstölle.",
            "Kysely yhteenkuuluvuudesta alussa ja lopussa.",
        ),
        quality=3.5,
        outcome=RESERVE,
        reason="Hyvä ajatus, mutta vie henkilökunnan aikaa samaan aikaan valittujen kokeilujen kanssa. "
        "Varalla, jos jokin valituista peruuntuu.",
    ),
    ProposalSpec(
        author="sprakvanner-applicant",
        applicant_kind=ApplicantKind.ASSOCIATION,
        organisation="sprakvanner",
        language="sv",
        title="Språkvänner på servicetorget",
        problem="Kunder som inte talar finska har svårt att uträtta ärenden på servicetorget.",
        solution="Frivilliga språkvänner finns på plats två eftermiddagar i veckan och hjälper kunder "
        "på svenska, engelska och arabiska.",
        team="Föreningens koordinator och tjugo frivilliga.",
        budget=Decimal("6000"),
        duration_months=3,
        schedule="Två eftermiddagar i veckan under tolv veckor.",
        answers=("Vi schemalägger språkvännerna med samservicepunkten.", "Vi räknar antalet hjälpta kunder."),
        quality=3.4,
        outcome=RESERVE,
        reason="Ett värdefullt förslag som inte direkt svarar på de publicerade behoven. Reserv.",
    ),
    ProposalSpec(
        author="vuorolista-applicant",
        applicant_kind=COMPANY,
        organisation="vuorolista",
        title="Jonotilanne näkyviin mobiilissa",
        problem="Asiakas ei tiedä, kannattaako asiointipisteelle tulla nyt vai myöhemmin.",
        solution="Verkkosivu näyttää asiointipisteen ja laboratorion jonotilanteen reaaliajassa.",
        team="Kaksi ohjelmistokehittäjää.",
        budget=Decimal("9000"),
        duration_months=2,
        schedule="Integraatio kuukaudessa, toinen kuukausi käytössä.",
        answers=("Testataan asiointipisteen kanssa.", "Mitataan sivun käyttöä ja jonotusaikoja."),
        quality=3.3,
        outcome=RESERVE,
        reason="Toimiva idea, mutta vaatii integraation jonotusjärjestelmään, jota ei ehditä tehdä "
        "kolmessa kuukaudessa. Varalla.",
    ),
    ProposalSpec(
        author="hymypiste-applicant",
        applicant_kind=COMPANY,
        organisation="hymypiste",
        title="Hymynaamapalautepäätteet jokaiseen yksikköön",
        problem="Palautetta kerätään jokaisessa yksikössä eri tavalla.",
        solution="Yhtenäiset palautepäätteet kaikkiin yksiköihin.",
        team="Myyntipäällikkö ja asennusteknikko.",
        budget=Decimal("10000"),
        duration_months=3,
        schedule="Asennus viikolla 1, kolmen kuukauden käyttö.",
        answers=("Päätteet asennetaan yksiköihin.", "Palautteiden määrä."),
        quality=2.6,
        outcome=REJECTED,
        reason="Palvelutorilla on jo yhteinen palautekanava; päätteet eivät tuo uutta oppia.",
    ),
    ProposalSpec(
        author="nordic-shift-applicant",
        applicant_kind=COMPANY,
        organisation="nordic_shift",
        language="en",
        title="AI-assisted shift planning for all units",
        problem="Shift planning is done separately in every unit, so the centre is understaffed at peaks.",
        solution="A machine-learning model proposes shifts for all units from historical visitor data "
        "and staff preferences.",
        team="Two data scientists and a workforce-planning consultant.",
        budget=Decimal("10000"),
        duration_months=3,
        schedule="Month 1 data collection, months 2–3 proposed shifts tested in two units.",
        answers=("Unit managers test the proposed shifts.", "We compare staffing to visitor peaks."),
        quality=2.4,
        outcome=REJECTED,
        reason="The pilot would need staff personal data from several employers, which cannot be "
        "arranged within three months.",
    ),
    ProposalSpec(
        author="omenamaki-applicant",
        applicant_kind=ApplicantKind.SCHOOL,
        organisation="omenamaki",
        title="Lukiolaiset palvelutorin opastajina",
        problem="Asiakkaat tarvitsevat opastusta ruuhka-aikoina.",
        solution="Lukion yrittäjyyskurssin opiskelijat opastavat asiakkaita ruuhka-aikoina.",
        team="Yrittäjyyskurssin opettaja ja kahdeksan opiskelijaa.",
        budget=Decimal("2000"),
        duration_months=1,
        schedule="Neljä viikkoa, kaksi opastusvuoroa viikossa.",
        answers=("Opiskelijat perehdytetään asiointipisteellä.", "Opiskelijat raportoivat kokemuksistaan."),
        quality=2.8,
        outcome=REJECTED,
        reason="Ruuhka-ajat osuvat oppituntien aikaan. Ehdotamme ideaa KYKY-toimintaan.",
    ),
    ProposalSpec(
        author="resident-applicant",
        applicant_kind=ApplicantKind.RESIDENT,
        title="Lattiaopasteet hisseiltä palveluihin",
        problem="Hissistä tullessa ei näe, mihin suuntaan palvelut ovat.",
        solution="Lattiaan värilliset viivat hissiltä jokaiseen yksikköön.",
        team="Teen kokeilun itse naapurini kanssa.",
        budget=Decimal("500"),
        budget_details="Lattiateippi ja tarrat.",
        duration_months=1,
        schedule="Teippaus yhden viikonlopun aikana, kuukauden seuranta.",
        answers=("Kysyisin asiakkailta, auttavatko viivat.", "Jos auttavat, viivat jäävät."),
        quality=2.9,
        outcome=REJECTED,
        reason="Kiitos hyvästä ideasta! Kauppakeskus ei salli lattiamerkintöjä, mutta opasteita on "
        "lisätty hisseihin ja valittu kokeilu kehittää reittiopastusta.",
    ),
    ProposalSpec(
        author="palvelulab-applicant",
        applicant_kind=ApplicantKind.RESEARCH,
        organisation="palvelulab",
        title="Palvelutorin virtuaaliesittely",
        problem="Palvelutorin palvelut eivät ole tuttuja niille, jotka eivät ole käyneet siellä.",
        solution="360-kuvattu virtuaalikierros palvelutorista verkkoon.",
        team="Tutkija ja kaksi tutkimusavustajaa.",
        budget=Decimal("10000"),
        duration_months=3,
        schedule="Kuvaus ensimmäisessä kuussa, julkaisu ja seuranta kuukausina 2–3.",
        answers=("Kuvaukset yhdessä yksiköiden kanssa.", "Kierroksen katselukerrat."),
        quality=2.2,
        outcome=REJECTED,
        reason="Ei vastaa julkaistuihin kehitystarpeisiin, eikä sitä kehitetä yhdessä asiakkaiden kanssa.",
    ),
)

CALL = CallSpec(
    platform="iso-omena",
    title=Text(
        "Nopeat kokeilut Iso Omenan palvelutorilla",
        "Snabba pilotprojekt på servicetorget i Iso Omena",
        "Rapid pilots at the Iso Omena service centre",
    ),
    description=Text(
        "Etsimme ideoita, luonnoksia ja prototyyppejä, jotka auttavat palvelutoria sen "
        "kehitystarpeissa: yksiköiden välinen yhteistyö, robotiikka ja opasteet. Tuotteiden ei tarvitse "
        "olla valmiita – kehitämme niitä yhdessä yksiköiden ja asiakkaiden kanssa 1–3 kuukauden "
        "kokeiluissa. Jos epäonnistumme, epäonnistumme nopeasti ja opimme.",
        "Vi söker idéer, utkast och prototyper som hjälper servicetorget med dess utvecklingsbehov: "
        "samarbete mellan enheterna, robotik och skyltning. Produkterna behöver inte vara färdiga – vi "
        "utvecklar dem tillsammans med enheterna och kunderna i försök på 1–3 månader. Om vi "
        "misslyckas, misslyckas vi snabbt och lär oss.",
        "We are looking for ideas, sketches and prototypes that help the service centre with its "
        "development needs: cooperation between units, robotics and signage. Products need not be "
        "finished – we develop them together with the units and customers in pilots of 1–3 months. If "
        "we fail, we fail fast and learn.",
    ),
    eligibility=(
        ApplicantKind.COMPANY,
        ApplicantKind.ASSOCIATION,
        ApplicantKind.SCHOOL,
        ApplicantKind.RESIDENT,
        ApplicantKind.RESEARCH,
    ),
    proposal_mode=ProposalMode.FULL,
    funding_per_pilot=Decimal("10000"),
    duration_min_months=1,
    duration_max_months=3,
    pilots_to_fund=4,
    opens_in_days=-150,
    closes_in_days=-120,
    review_ends_in_days=-106,
    decisions_by_in_days=-98,
    criteria=CRITERIA,
    questions=QUESTIONS,
    needs=("yhteistyo", "robotiikka", "opasteet"),
    themes=("yhteistyo", "robotiikka", "opasteet", "asiakaskokemus"),
    proposals=PROPOSALS,
    reviewers=("espoo-reviewer", "espoo-reviewer-2", "espoo-reviewer-3"),
    reviews_per_proposal=(3,),
    review_comments={
        "recommend": (
            "Selkeä suunnitelma, joka vastaa palvelutorin tarpeeseen.",
            "Asiakkaat hyötyvät heti. Kannatan.",
            "Realistinen budjetti ja hyvä yhteistyösuunnitelma.",
        ),
        "reserve": (
            "Hyvä idea, mutta toteutus on vielä epävarma.",
            "Kiinnostava, jos aikataulu saadaan mahtumaan kokeilujaksoon.",
        ),
        "do_not_recommend": (
            "Ei vastaa julkaistuihin tarpeisiin.",
            "Liian laaja kolmen kuukauden kokeiluksi.",
        ),
    },
    decided_by="espoo-manager",
)

"""Helsinki's staff experiment campaign: staff send only a short problem description, the experiment
accelerator helps shape the experiment and find a partner; 22 proposals, 9 selected, about €10,000 and
about three months each. Learnings, not finished solutions, are the goal."""

from decimal import Decimal

from kokeilu.calls.models import ApplicantKind, ProposalMode
from kokeilu.evaluation.models import DecisionOutcome
from kokeilu.platforms.models import PlatformKind

from .types import CallSpec, CriterionSpec, NeedSpec, PlatformSpec, ProposalSpec, Text

SELECTED = DecisionOutcome.SELECTED
RESERVE = DecisionOutcome.RESERVE
REJECTED = DecisionOutcome.REJECTED
STAFF = ApplicantKind.CITY_STAFF

PLATFORM = PlatformSpec(
    key="kiihdyttamo",
    city="helsinki",
    kind=PlatformKind.STAFF,
    name=Text(
        "Kokeilukiihdyttämö – henkilöstön kokeilukampanjat",
        "Försöksacceleratorn – personalens försökskampanjer",
        "Experiment accelerator – staff experiment campaigns",
    ),
    description=Text(
        "Helsingin kaupungin työntekijät ehdottavat kokeiluja, joilla digitalisaatio parantaa "
        "asiakaskokemusta ja sujuvoittaa työtä. Kokeilukiihdyttämö auttaa ideoiden muotoilussa ja "
        "kumppanien löytämisessä. Kokeiluista haetaan oppeja, ja opit jaetaan avoimesti.",
        "Helsingfors stads anställda föreslår försök där digitaliseringen förbättrar kundupplevelsen och "
        "gör arbetet smidigare. Försöksacceleratorn hjälper till att forma idéerna och hitta partner. "
        "Försöken söker lärdomar, och lärdomarna delas öppet.",
        "City of Helsinki staff propose experiments in which digitalisation improves the customer "
        "experience and makes work smoother. The experiment accelerator helps shape the ideas and find "
        "partners. The experiments look for learnings, and the learnings are shared openly.",
    ),
    members=("kanslia", "kiihdyttamo", "kasko", "kuva", "sote", "kymp"),
    needs=(
        NeedSpec(
            key="asiakaskokemus",
            title=Text(
                "Asiakaskokemus digitalisaation avulla",
                "Kundupplevelsen med hjälp av digitalisering",
                "Customer experience through digitalisation",
            ),
            description=Text(
                "Miten digitaaliset ratkaisut voisivat tehdä kaupungin palveluista helpompia käyttää?",
                "Hur kunde digitala lösningar göra stadens tjänster lättare att använda?",
                "How could digital solutions make the city's services easier to use?",
            ),
            owning_unit="kiihdyttamo",
            themes=("asiakaskokemus", "digitalisaatio"),
        ),
        NeedSpec(
            key="tyon-sujuvuus",
            title=Text("Sujuvampi työ", "Smidigare arbete", "Smoother work"),
            description=Text(
                "Mikä työssäsi toistuu, takkuaa tai tehdään paperilla, vaikka sen voisi tehdä toisin?",
                "Vad i ditt arbete upprepas, krånglar eller görs på papper fast det kunde göras annorlunda?",
                "What in your work repeats itself, gets stuck or is done on paper when it could be done "
                "differently?",
            ),
            owning_unit="kiihdyttamo",
            themes=("tyon-sujuvuus", "digitalisaatio", "tieto"),
        ),
    ),
    managed_by="helsinki-manager",
)

CRITERIA = (
    CriterionSpec(
        Text(
            "Hyöty asiakkaalle tai työlle", "Nytta för kunden eller arbetet", "Benefit to customers or work"
        ),
        Text(
            "Kuinka merkittävää ongelmaa kokeilu tarttuu?",
            "Hur betydande är problemet som försöket tar itu med?",
            "How significant is the problem the experiment tackles?",
        ),
        3,
    ),
    CriterionSpec(
        Text("Opittavaa koko kaupungille", "Lärdomar för hela staden", "Learnings for the whole city"),
        Text(
            "Voivatko muut toimialat hyödyntää oppeja?",
            "Kan andra sektorer dra nytta av lärdomarna?",
            "Can other divisions use the learnings?",
        ),
        2,
    ),
    CriterionSpec(
        Text(
            "Toteutettavissa noin kolmessa kuukaudessa",
            "Genomförbart på cirka tre månader",
            "Doable in about three months",
        ),
        Text(
            "Mahtuuko kokeilu noin 10 000 euroon ja kolmeen kuukauteen?",
            "Ryms försöket inom cirka 10 000 euro och tre månader?",
            "Does the experiment fit in about €10,000 and three months?",
        ),
        2,
    ),
)


def _staff(author: str, title: str, problem: str, quality: float, outcome: str, reason: str) -> ProposalSpec:
    return ProposalSpec(
        author=author,
        applicant_kind=STAFF,
        title=title,
        problem=problem,
        quality=quality,
        outcome=outcome,
        reason=reason,
    )


PROPOSALS = (
    _staff(
        "hki-staff-01",
        "Tietoa lähialueesta osallistuvan budjetoinnin tueksi",
        "Asukkaat eivät tiedä, mitä alueellaan jo on, kun he ideoivat osallistuvaan budjetointiin. "
        "Tarvitsemme havainnollisen tavan esittää alueen liikuntapaikat ja yleiset alueet.",
        4.3,
        SELECTED,
        "Lisää ideoinnin yhdenvertaisuutta. Kiihdyttämö auttaa prototyypin tekemisessä.",
    ),
    _staff(
        "staff-applicant",
        "Kohdennettu palaute kouluruoasta",
        "Saamme kouluruoasta vain yleistä palautetta. Tarkempi palaute auttaisi ruokalistojen "
        "suunnittelussa ja antaisi oppilaille vaikutusmahdollisuuden.",
        4.2,
        SELECTED,
        "Selkeä ongelma ja mitattava tavoite; opit hyödyttävät kaikkia ruokapalveluja.",
    ),
    _staff(
        "hki-staff-02",
        "Sähköinen avainten ja sopimusten hallinta asukastiloihin",
        "Asukastilojen avaimet ja käyttösopimukset ovat paperilla, ja tieto kulkee huonosti.",
        4.0,
        SELECTED,
        "Paperiprosessi sähköiseksi on toistettavissa monessa kohteessa.",
    ),
    _staff(
        "hki-staff-03",
        "Paljon palveluja tarvitsevien potilaiden tunnistaminen",
        "Terveysasemalla on potilaita, jotka asioivat usein, mutta emme tunnista heitä ajoissa emmekä "
        "tarjoa heidän tarpeidensa mukaista hoitoa.",
        4.1,
        SELECTED,
        "Merkittävä hyöty asiakkaille; kokeilu keskittyy toimintatapoihin eikä vaadi uusia järjestelmiä.",
    ),
    _staff(
        "hki-staff-04",
        "Sujuvampi palvelussuhteen aloitus",
        "Uuden työntekijän aloitukseen liittyvät tehtävät ovat hajallaan, ja esihenkilöt joutuvat "
        "etsimään ohjeita monesta paikasta.",
        3.8,
        SELECTED,
        "Koskee kaikkia toimialoja; olemassa olevaa sovellusta voidaan parantaa nopeasti.",
    ),
    _staff(
        "hki-staff-05",
        "Keskustelurobotti paikkatiedon analyyseihin",
        "Tiedolla johtamiseen tarvitaan paikkatietoanalyyseja, mutta niiden tilaaminen asiantuntijoilta "
        "kestää viikkoja.",
        3.9,
        SELECTED,
        "Kiinnostava itsepalvelukonsepti; kokeilu rajataan yhteen aineistoon.",
    ),
    _staff(
        "hki-staff-06",
        "Massarekrytoinnin prosessi digitaaliseksi",
        "Kesätyöntekijöiden massarekrytointia koordinoidaan taulukoilla, mikä vie paljon aikaa sekä "
        "toimialoilta että henkilöstöpalveluilta.",
        3.7,
        SELECTED,
        "Prosessin kuvaus ja konseptit hyödyttävät koko kaupunkia.",
    ),
    _staff(
        "hki-staff-07",
        "Nopean avun henkilöstö varhaiskasvatuksen alueille",
        "Kun päiväkodista puuttuu henkilökuntaa, sijaisen löytäminen kestää, koska emme näe, kuka on "
        "vapaana ja sopii tehtävään.",
        3.8,
        SELECTED,
        "Kiireellinen tarve; kevyt työkalu voidaan rakentaa olemassa olevilla välineillä.",
    ),
    _staff(
        "hki-staff-08",
        "Uuden esihenkilön perehdytyspolku",
        "Uuden esihenkilön perehdytysmateriaalit ovat hajallaan eri järjestelmissä.",
        3.6,
        SELECTED,
        "Täydentää palvelussuhteen aloituksen kokeilua; yhdessä ne kattavat koko aloitusvaiheen.",
    ),
    _staff(
        "hki-staff-09",
        "Kirjaston ryhmätilojen varaus yhteen näkymään",
        "Asiakkaat varaavat kirjastojen ryhmätiloja eri kanavista, ja päällekkäisiä varauksia syntyy.",
        3.3,
        RESERVE,
        "Hyvä idea; varalla, jos joku valituista kokeiluista ei käynnisty.",
    ),
    _staff(
        "hki-staff-10",
        "Tekstiviestimuistutus sosiaalityön tapaamisista",
        "Asiakkaat unohtavat sovittuja tapaamisia, ja peruuttamattomat ajat jäävät käyttämättä.",
        3.2,
        RESERVE,
        "Varalla; ratkaisu on mahdollista ottaa käyttöön myös ilman kokeilua.",
    ),
    _staff(
        "hki-staff-11",
        "Lumitöiden palautekartta",
        "Asukkaiden palaute auraamattomista kaduista tulee monesta kanavasta, eikä sitä näe kartalla.",
        2.9,
        REJECTED,
        "Palautejärjestelmään on jo tulossa karttanäkymä; kokeilu menisi päällekkäin.",
    ),
    _staff(
        "hki-staff-12",
        "Tiedotteiden selkokieliset versiot automaattisesti",
        "Tiedotteita ei ehditä kirjoittaa selkokielellä, vaikka moni asukas sitä tarvitsisi.",
        3.0,
        REJECTED,
        "Tärkeä aihe, mutta tekstien laatu vaatii ihmisen tarkistuksen; ehdotamme yhteistyötä "
        "viestinnän kanssa.",
    ),
    _staff(
        "hki-staff-13",
        "Liikuntapaikkojen käyttöasteen seuranta",
        "Emme tiedä, kuinka paljon kenttiä ja saleja todella käytetään varattuina aikoina.",
        2.8,
        REJECTED,
        "Vaatisi anturien hankinnan, joka ei mahdu kokeilun budjettiin.",
    ),
    _staff(
        "hki-staff-14",
        "Digitaalinen kiertokirje päiväkodeille",
        "Päiväkotien tiedotteet kulkevat sähköpostin liitteinä, ja osa jää lukematta.",
        2.7,
        REJECTED,
        "Olemassa oleva viestintäalusta riittää; ohjaamme käyttöönoton tukeen.",
    ),
    _staff(
        "hki-staff-15",
        "Museokaupan verkkokassa",
        "Museokaupan tuotteita kysytään verkosta, mutta meillä ei ole verkkokauppaa.",
        2.5,
        REJECTED,
        "Ei liity kampanjan teemaan asiakaskokemuksesta tai työn sujuvuudesta riittävästi.",
    ),
    _staff(
        "hki-staff-16",
        "Oppilaiden poissaoloilmoitukset chatbotilla",
        "Huoltajat ilmoittavat poissaoloista puhelimella, ja viestit kirjataan käsin.",
        2.9,
        REJECTED,
        "Koulujen viestintäjärjestelmä tarjoaa jo tämän toiminnon; kokeilun sijaan käyttöönoton tuki.",
    ),
    _staff(
        "hki-staff-17",
        "Ensihoidon varustelistojen tarkistus tabletilla",
        "Ambulanssien varustelistat tarkistetaan paperilla vuoron alussa.",
        3.1,
        REJECTED,
        "Hyvä idea, mutta vaatii lääkinnällisten laitteiden hyväksyntää, jota ei saada kolmessa kuukaudessa.",
    ),
    _staff(
        "hki-staff-18",
        "Puistojen roskakorien täyttöasteanturit",
        "Roskakorit tyhjennetään aikataulun mukaan, vaikka osa on tyhjiä ja osa täynnä.",
        2.6,
        REJECTED,
        "Vastaavaa on kokeiltu aiemmin; opit ovat jo käytettävissä.",
    ),
    _staff(
        "hki-staff-19",
        "Kulttuurikeskuksen salivarausten yhteiskalenteri",
        "Salien varaukset ovat eri kalentereissa, eikä asiakas näe vapaita aikoja.",
        2.8,
        REJECTED,
        "Tilavarausjärjestelmän uudistus on käynnissä ja ratkaisee tarpeen.",
    ),
    _staff(
        "hki-staff-20",
        "Kokouspöytäkirjojen automaattinen tiivistelmä",
        "Pöytäkirjojen lukeminen vie aikaa, ja päätökset jäävät huomaamatta.",
        2.4,
        REJECTED,
        "Asiakirjojen käsittely vaatii tietoturvaselvityksen ennen kokeilua.",
    ),
    _staff(
        "hki-staff-21",
        "Henkilöstön ideat yhteen paikkaan",
        "Hyvät kehitysideat jäävät tiimien sisälle, eikä niitä jaeta toimialojen välillä.",
        2.7,
        REJECTED,
        "Kokeilukampanja itse vastaa tähän tarpeeseen; idea välitetään kampanjan kehittämiseen.",
    ),
)

CALL = CallSpec(
    platform="kiihdyttamo",
    title=Text(
        "Henkilöstön digikokeilut: asiakaskokemus ja sujuvampi työ",
        "Personalens digitala försök: kundupplevelse och smidigare arbete",
        "Staff digital experiments: customer experience and smoother work",
    ),
    description=Text(
        "Kerro lyhyesti ongelmasta, jonka haluaisit ratkaista – ratkaisua ei tarvitse vielä tietää. "
        "Kokeilukiihdyttämö auttaa suunnittelemaan kokeilun ja löytämään kumppanin. Jokainen valittu "
        "kokeilu saa noin 10 000 euroa ja noin kolme kuukautta aikaa, ja tuotokset esitellään lopuksi.",
        "Beskriv kort ett problem som du vill lösa – du behöver inte ännu känna till lösningen. "
        "Försöksacceleratorn hjälper till att planera försöket och hitta en partner. Varje valt försök "
        "får cirka 10 000 euro och cirka tre månader, och resultaten presenteras till slut.",
        "Briefly describe a problem you would like to solve – you do not need to know the solution yet. "
        "The experiment accelerator helps plan the experiment and find a partner. Each selected "
        "experiment gets about €10,000 and about three months, and the results are presented at the end.",
    ),
    eligibility=(STAFF,),
    proposal_mode=ProposalMode.LOW_THRESHOLD,
    funding_per_pilot=Decimal("10000"),
    duration_min_months=2,
    duration_max_months=4,
    pilots_to_fund=9,
    opens_in_days=-240,
    closes_in_days=-200,
    review_ends_in_days=-185,
    decisions_by_in_days=-175,
    criteria=CRITERIA,
    needs=("asiakaskokemus", "tyon-sujuvuus"),
    themes=("digitalisaatio", "asiakaskokemus", "tyon-sujuvuus"),
    proposals=PROPOSALS,
    reviewers=("helsinki-reviewer", "helsinki-reviewer-2", "helsinki-reviewer-3"),
    reviews_per_proposal=(3, 2, 2),
    review_comments={
        "recommend": (
            "Selkeä ongelma, ja kokeilusta syntyy oppia muillekin.",
            "Kannatan. Kiihdyttämö pystyy tukemaan tätä hyvin.",
            "Tydligt problem och en rimlig omfattning.",
        ),
        "reserve": ("Hyvä aihe, mutta ei kiireellisimpien joukossa.", "Varalle."),
        "do_not_recommend": (
            "Ratkaisu on jo olemassa tai tulossa.",
            "Ei mahdu kolmeen kuukauteen.",
        ),
    },
    decided_by="helsinki-manager",
)

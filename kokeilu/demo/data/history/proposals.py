"""What else happened in the history's calls: the proposals that were not selected (their applicants may
send them again to a later call), the reasons managers gave, the reviewers' comments, what the
experiments spent money on, and invented names for the applicants."""

from kokeilu.calls.models import ApplicantKind
from kokeilu.funding.models import SpendCategory

from .types import PoolProposal

COMPANY = ApplicantKind.COMPANY
ASSOCIATION = ApplicantKind.ASSOCIATION
SCHOOL = ApplicantKind.SCHOOL
RESEARCH = ApplicantKind.RESEARCH
RESIDENT = ApplicantKind.RESIDENT
STAFF = ApplicantKind.CITY_STAFF


def _pool(kind: str, title: str, problem: str, organisation: str = "", language: str = "fi") -> PoolProposal:
    return PoolProposal(kind, title, problem, language, organisation)


POOLS: dict[str, tuple[PoolProposal, ...]] = {
    "hki-staff": (
        _pool(
            STAFF,
            "Sijaisuuksien vaihtopörssi kouluille",
            "Sijaisuuksista sovitaan puhelimella ja viesteillä, eikä kenelläkään ole kokonaiskuvaa.",
        ),
        _pool(
            STAFF,
            "Palautusautomaatin ruuhkatieto kirjaston sivuille",
            "Palautusautomaatilla on ruuhkahuippuja, joista asiakkaat eivät tiedä etukäteen.",
        ),
        _pool(
            STAFF,
            "Kotihoidon avainten sähköinen kuittaus",
            "Asiakkaiden avainten luovutukset kirjataan paperille, ja avaimia katoaa.",
        ),
        _pool(
            STAFF,
            "Päiväkotien ruokatilausten yhdistäminen",
            "Päiväkodit tilaavat ruoat eri järjestelmistä, ja tilauksissa on päällekkäisyyksiä.",
        ),
        _pool(
            STAFF,
            "Kaupunginarkiston hakupalvelun chat",
            "Asiakkaat eivät löydä arkistosta tarvitsemiaan asiakirjoja ilman apua.",
        ),
        _pool(
            STAFF,
            "Liikuntahallien avainkorttien etäaktivointi",
            "Avainkortin aktivointi vaatii käynnin toimistolla.",
        ),
        _pool(
            STAFF,
            "Perhekeskuksen odotustilanne aulan näytölle",
            "Asiakkaat eivät tiedä, kuinka kauan he joutuvat odottamaan.",
        ),
        _pool(
            STAFF,
            "Vapaaehtoisten vuorolista palvelukeskuksiin",
            "Vapaaehtoisten vuorot sovitaan paperilistalla, ja vuoroja jää tyhjiksi.",
        ),
        _pool(
            STAFF,
            "Katujen kuntokartoitus jäteautojen kameroilla",
            "Katujen vauriot havaitaan vasta asukkaiden ilmoituksista.",
        ),
        _pool(
            STAFF,
            "Nuorisotalojen kävijätilastot tabletille",
            "Kävijät lasketaan tukkimiehen kirjanpidolla, ja tiedot kootaan käsin.",
        ),
        _pool(
            STAFF,
            "Koulujen löytötavarat verkkoon",
            "Löytötavarat kasautuvat kouluille, eivätkä huoltajat tiedä niistä.",
        ),
        _pool(
            STAFF,
            "Laboratorioaikojen muistutusviesti",
            "Laboratorioon jätetään tulematta, koska ajat unohtuvat.",
        ),
        _pool(
            STAFF,
            "Leikkipuistojen ohjelmat yhteen kalenteriin",
            "Leikkipuistojen tapahtumat ovat vain ilmoitustauluilla.",
        ),
        _pool(
            STAFF, "Sosiaalityön lomakkeiden esitäyttö", "Asiakas täyttää samat tiedot useaan lomakkeeseen."
        ),
        _pool(
            STAFF,
            "Hammashoitolan peruutusaikojen jonotuslista",
            "Peruutusajat jäävät käyttämättä, koska niistä ei ehditä ilmoittaa.",
        ),
        _pool(
            STAFF,
            "Palstaviljelijöiden kasteluvuorot sovellukseen",
            "Kasteluvuoroista sovitaan lapuilla, ja osa palstoista jää kastelematta.",
        ),
        _pool(
            STAFF,
            "Sisäilmailmoitusten käsittelytila näkyviin",
            "Sisäilmailmoituksen tekijä ei näe, missä vaiheessa asian käsittely on.",
        ),
        _pool(
            STAFF,
            "Asukaspysäköintitunnusten sähköinen tarkastus",
            "Pysäköinninvalvojat tarkastavat tunnukset käsin, mikä hidastaa työtä.",
        ),
    ),
    "hki-open": (
        _pool(
            COMPANY,
            "Aurinkopaneelilla toimiva latauspenkki puistoon",
            "Puistoissa ei ole paikkoja, joissa voisi levätä ja ladata puhelimen.",
            "Penkkivoima Oy",
        ),
        _pool(
            COMPANY,
            "Indoor navigation for the central library",
            "Visitors struggle to find rooms and services in the large library building.",
            "Wayfarer Indoor Ltd",
            "en",
        ),
        _pool(
            ASSOCIATION,
            "Kävelykaverit liukkaille keleille",
            "Moni ikääntynyt jättää lähtemättä ulos, kun keli on liukas.",
            "Kävelykaverit ry",
        ),
        _pool(
            RESIDENT,
            "Korttelin yhteinen lumityövuorolista",
            "Pihojen lumityöt jäävät muutaman aktiivisen asukkaan harteille.",
        ),
        _pool(
            SCHOOL,
            "Oppilaiden podcast kaupunginosan historiasta",
            "Oppilaat eivät tunne oman asuinalueensa historiaa.",
            "Merituulen koulu",
        ),
        _pool(
            RESEARCH,
            "Melumittarit asuinkaduille",
            "Asukkaat kokevat liikennemelun häiritsevänä, mutta mittaustietoa on vähän.",
            "Kaupunkiäänten tutkimusryhmä",
        ),
        _pool(
            COMPANY,
            "Ylijäämäruoan jakosovellus kouluille",
            "Koulujen ylijäänyt ruoka menee hukkaan, vaikka sille olisi ottajia.",
            "Jakopöytä Oy",
        ),
        _pool(
            ASSOCIATION,
            "Svenskspråkig läxhjälp i närbiblioteket",
            "Svenskspråkiga elever får sällan läxhjälp på sitt eget språk i närbiblioteket.",
            "Läxkompisarna rf",
            "sv",
        ),
        _pool(
            RESIDENT,
            "Vaihtotori kaupunginosan verkkosivulle",
            "Ehjiä tavaroita heitetään pois, koska niille ei löydy ottajaa.",
        ),
        _pool(
            COMPANY,
            "Sähköpyörien koeajot ikääntyneille",
            "Ikääntyneet eivät uskalla kokeilla sähköpyörää ilman tukea.",
            "Vireä Pyörä Oy",
        ),
        _pool(
            SCHOOL,
            "Koulun kattopuutarha",
            "Oppilailla ei ole kosketusta ruoan kasvattamiseen.",
            "Kuusikulman koulu",
        ),
        _pool(
            COMPANY,
            "Smart lockers for library holds",
            "Customers can only collect their reserved books during opening hours.",
            "Lockbridge Ltd",
            "en",
        ),
        _pool(
            ASSOCIATION,
            "Taidetyöpajat maahan muuttaneille äideille",
            "Maahan muuttaneet äidit jäävät usein kodin ulkopuolisen toiminnan ulkopuolelle.",
            "Värikäs Kaari ry",
        ),
        _pool(
            RESEARCH,
            "Katupuiden kuivuusanturit",
            "Katupuita kastellaan aikataulun mukaan, vaikka tarve vaihtelee.",
            "Kaupunkivihreän tutkimusyksikkö",
        ),
        _pool(
            RESIDENT,
            "Ohjatut vuorot lähiön ulkokuntosalille",
            "Ulkokuntosalin laitteita ei osata käyttää oikein.",
        ),
        _pool(
            COMPANY,
            "Virtuaalinen asuntonäyttö kaupungin vuokra-asuntoihin",
            "Asuntonäytöt vievät paljon aikaa, eikä moni hakija pääse paikalle.",
            "Näyttö360 Oy",
        ),
    ),
    "iso-omena": (
        _pool(
            COMPANY,
            "Ääniopastus näkövammaisille palvelutorilla",
            "Näkövammaiset asiakkaat eivät löydä palvelutorin yksiköitä ilman saattajaa.",
            "Kuulas Opastus Oy",
        ),
        _pool(
            COMPANY,
            "Queue analytics with privacy-safe cameras",
            "Staff cannot see how queues build up across the units.",
            "Flowcount Ltd",
            "en",
        ),
        _pool(
            ASSOCIATION,
            "Omaishoitajien iltaryhmä kirjastossa",
            "Omaishoitajat eivät ehdi päiväsaikaan järjestettäviin ryhmiin.",
            "Omaisten Olohuone ry",
        ),
        _pool(
            RESIDENT,
            "Lastenhoitonurkkaus asioinnin ajaksi",
            "Pienten lasten kanssa asiointi on hankalaa ruuhkaisella palvelutorilla.",
        ),
        _pool(
            RESEARCH,
            "Asiakaspolkujen havainnointitutkimus",
            "Emme tiedä, mitä reittiä asiakkaat kulkevat yksiköstä toiseen.",
            "Kaupunkipalvelujen tutkimuslaboratorio",
        ),
        _pool(
            COMPANY,
            "Digitaalinen palautetaulu aulaan",
            "Asiakaspalaute ei näy asiakkaille, eikä heille kerrota, mitä sillä tehdään.",
            "Palautepiste Oy",
        ),
        _pool(
            COMPANY,
            "Puhelinajanvarauksen tekoälyavustaja",
            "Puhelinajanvaraus ruuhkautuu aamuisin.",
            "Vastaaja AI Oy",
        ),
        _pool(
            ASSOCIATION,
            "Seniorcafé med digital rådgivning",
            "Äldre svenskspråkiga invånare saknar en plats där de kan få hjälp med digitala tjänster på "
            "svenska.",
            "Seniorerna i Esbo rf",
            "sv",
        ),
        _pool(
            COMPANY,
            "Palvelutori kauppakeskuksen sovellukseen",
            "Asiakkaat eivät löydä palvelutoria kauppakeskuksen sovelluksesta.",
            "Kauppapolku Oy",
        ),
        _pool(
            RESIDENT,
            "Lukunurkka neuvolan odotustilaan",
            "Neuvolan odotustilassa ei ole tekemistä isommille sisaruksille.",
        ),
        _pool(
            COMPANY,
            "Neuvotteluhuoneiden käyttöasteen mittaus",
            "Neuvotteluhuoneet ovat varattuina, mutta usein tyhjillään.",
            "Tilavahti Oy",
        ),
        _pool(
            ASSOCIATION,
            "Nuoret vertaisneuvojat asiointipisteeseen",
            "Nuoret eivät kysy apua asiointipisteestä.",
            "Nuorten Työpaja Verso ry",
        ),
    ),
    "kyky": (
        _pool(
            COMPANY,
            "Tekoälyavusteinen kirjoituspalaute yläkouluun",
            "Opettajat eivät ehdi antaa jokaiselle oppilaalle palautetta kirjoitelmista.",
            "Sanasampo Oy",
        ),
        _pool(
            COMPANY,
            "Gamified attendance tracking",
            "Absences are recorded in several places, and teachers lose time every morning.",
            "Rollcall Games Ltd",
            "en",
        ),
        _pool(
            COMPANY,
            "Lukiolaisten jaksamisen itsearviointisovellus",
            "Opiskelijoiden uupuminen huomataan liian myöhään.",
            "Voimavara Digital Oy",
        ),
        _pool(
            RESEARCH,
            "Välituntiliikkumisen mittaus rannekkeilla",
            "Emme tiedä, kuinka paljon oppilaat liikkuvat välitunneilla.",
            "Liikkumisen tutkimusryhmä",
        ),
        _pool(
            COMPANY,
            "Virtuaalinen kemian laboratorio",
            "Kaikkia kemian kokeita ei voi turvallisuussyistä tehdä koulussa.",
            "Reaktori Learning Oy",
        ),
        _pool(
            ASSOCIATION,
            "Shakkikerho matematiikan tueksi",
            "Matematiikan motivaatio laskee yläkoulussa.",
            "Espoon Shakkiseura ry",
        ),
        _pool(
            COMPANY,
            "Digitaalinen kuvataideportfolio",
            "Oppilaiden kuvataidetyöt katoavat lukuvuoden aikana, eikä kehitystä voi seurata.",
            "Portfolio Pilvi Oy",
        ),
        _pool(
            COMPANY,
            "Språkdusch-app för finskspråkiga elever",
            "Finskspråkiga elever hör sällan svenska utanför lektionerna.",
            "Språkstigen Ab",
            "sv",
        ),
        _pool(
            RESEARCH,
            "Luokkahuoneen akustiikan mittaus",
            "Oppilaat valittavat melusta, mutta sen syyt ovat epäselviä.",
            "Oppimisympäristöjen tutkimusryhmä",
        ),
        _pool(
            COMPANY,
            "Koulukyytien reaaliaikainen seuranta huoltajille",
            "Huoltajat eivät tiedä, milloin koulukyyti on myöhässä.",
            "Kyytitieto Oy",
        ),
    ),
}

# Why the manager decided as they did, in the proposal's language.
DECISION_REASONS: dict[str, dict[str, tuple[str, ...]]] = {
    "selected": {
        "fi": (
            "Selkeä tarve ja realistinen suunnitelma; opit hyödyttävät muitakin yksiköitä.",
            "Vastaa hyvin haun teemaan, ja onnistumisen mittarit on mietitty valmiiksi.",
            "Toteutettavissa haun aikataulussa, ja vastuuyksikkö on sitoutunut mukaan.",
            "Vahva asiakasnäkökulma; kokeilusta saadaan nopeasti oppeja.",
        ),
        "sv": (
            "Tydligt behov och en realistisk plan; lärdomarna är till nytta även för andra enheter.",
            "Svarar väl på ansökans tema, och mätarna för framgång är genomtänkta.",
        ),
        "en": (
            "A clear need and a realistic plan; other units can use the learnings too.",
            "A good answer to the call's theme, with well-considered measures of success.",
        ),
    },
    "reserve": {
        "fi": (
            "Hyvä idea, mutta muut ehdotukset vastasivat teemaan paremmin; varalla.",
            "Varalla siltä varalta, että jokin valituista kokeiluista ei käynnisty.",
        ),
        "sv": ("En bra idé, men andra förslag svarade bättre på temat; i reserv.",),
        "en": ("A good idea, but other proposals matched the theme better; on the reserve list.",),
    },
    "rejected": {
        "fi": (
            "Ratkaisu on jo käytössä toisessa yksikössä; ohjaamme teidät yhteistyöhön sen kanssa.",
            "Kokeilu ei mahdu haun aikatauluun ja budjettiin.",
            "Ehdotuksesta puuttuu selkeä tapa mitata, onnistuiko kokeilu.",
            "Ei vastaa haun teemaan riittävästi.",
            "Vaatisi tietojärjestelmämuutoksia, joita ei voi tehdä kokeilun aikana.",
        ),
        "sv": (
            "Försöket ryms inte inom ansökans tidtabell och budget.",
            "Förslaget saknar ett tydligt sätt att mäta om försöket lyckades.",
        ),
        "en": (
            "The experiment does not fit the call's schedule and budget.",
            "The proposal lacks a clear way to measure whether the experiment succeeded.",
        ),
    },
}

REVIEW_COMMENTS: dict[str, tuple[str, ...]] = {
    "recommend": (
        "Selkeä ongelma ja hyvin rajattu kokeilu.",
        "Kannatan. Opeista on hyötyä laajemminkin.",
        "Realistinen suunnitelma ja sitoutunut tiimi.",
    ),
    "reserve": ("Hyvä aihe, mutta ei kiireellisimpien joukossa.", "Varalle; suunnitelma vaatii tarkennusta."),
    "do_not_recommend": (
        "Ei vastaa haun teemaan.",
        "Budjetti ja aikataulu eivät ole realistisia.",
        "Ratkaisu on jo olemassa.",
    ),
}

# What the experiments spent their grants on: the largest share goes to the first line.
SPEND_LINES: tuple[tuple[str, str], ...] = (
    ("Kumppanin työ kokeilun aikana", SpendCategory.SERVICES),
    ("Laitteiden ja ohjelmiston vuokra kokeilun ajaksi", SpendCategory.EQUIPMENT),
    ("Prototyypin materiaalit ja tulosteet", SpendCategory.MATERIALS),
    ("Aloitustyöpajan tarjoilu", SpendCategory.CATERING),
    ("Testaajien lahjakortit", SpendCategory.REWARDS),
    ("Tiedotteiden ja julisteiden painatus", SpendCategory.COMMUNICATION),
    ("Tulkkaus asiakashaastatteluissa", SpendCategory.SERVICES),
    ("Matkat kokeilupaikoille", SpendCategory.TRAVEL),
)

# Invented first and last names for the history's applicants.
FIRST_NAMES = (
    "Aleksi", "Anni", "Eemeli", "Elsa", "Henna", "Iiro", "Jenni", "Joonas", "Kaisa", "Lauri", "Linnea",
    "Maija", "Matias", "Milla", "Niko", "Outi", "Petra", "Roosa", "Sakari", "Sanni", "Tuomas", "Venla",
    "Ville", "Emilia", "Oona", "Patrik", "Saga", "Tobias", "Hanna", "Jere",
)  # fmt: skip
LAST_NAMES = (
    "Haapalahti", "Kaislakari", "Katajaranta", "Kielovaara", "Koivuniemi", "Kuusiluoto", "Leppäsalo",
    "Lumikallio", "Mustikkala", "Niittymäki", "Pajuranta", "Pihlajakoski", "Raitasalo", "Ruokoniemi",
    "Saraluoto", "Tammikivi", "Vaahterakoski", "Varpurinne", "Kanervala", "Sammalkoski",
)  # fmt: skip

"""The demo's story: Espoo's family services from a city unit, two companies and an association, in
Finnish, Swedish and English, with the feedback residents gave and the answers they got. The companies,
associations, people, phone numbers and addresses under example.test are invented."""

from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal
from typing import Any

from kokeilu.accounts.models import OrganisationKind
from kokeilu.feedback.demo import FeedbackSpec

from ..models import Sector

EMAIL_DOMAIN = "example.test"
WEEKDAYS = (0, 1, 2, 3, 4)


@dataclass(frozen=True)
class Text:
    fi: str
    sv: str = ""
    en: str = ""

    def fields(self, base: str) -> dict[str, Any]:
        return {f"{base}_fi": self.fi, f"{base}_sv": self.sv, f"{base}_en": self.en}


@dataclass(frozen=True)
class LocationSpec:
    name: Text
    street: str
    street_sv: str
    postal_code: str
    post_office: str
    latitude: str
    longitude: str
    hours: dict[int, list[tuple[time, time]]]


@dataclass(frozen=True)
class ChannelSpec:
    kind: str
    name: Text
    url: str = ""
    phone_number: str = ""
    phone_charge: str = ""
    hours: Text = Text("")


@dataclass(frozen=True)
class ServiceSpec:
    code: str
    name: Text
    summary: Text
    description: Text
    life_situations: tuple[str, ...]
    target_groups: tuple[str, ...]
    service_classes: tuple[str, ...]
    languages: tuple[str, ...]
    location: int | None  # index into the producer's locations
    price: Decimal | None = None
    price_info: Text = Text("")
    channels: tuple[ChannelSpec, ...] = ()
    feedback: tuple[FeedbackSpec, ...] = ()


@dataclass(frozen=True)
class ProducerSpec:
    key: str
    name: str
    kind: str
    sector: str
    description: Text
    response_target_days: int
    handler: tuple[str, str, str]  # username, first name, last name
    locations: tuple[LocationSpec, ...]
    services: tuple[ServiceSpec, ...] = field(default_factory=tuple)
    business_id: str = ""


MORNING_TO_AFTERNOON = {day: [(time(8), time(16))] for day in WEEKDAYS}
ISO_OMENA = LocationSpec(
    Text("Iso Omenan palvelutori", "Servicetorget i Iso Omena", "Iso Omena service centre"),
    "Piispansilta 11",
    "Biskopsbron 11",
    "02230",
    "Espoo",
    "60.161300",
    "24.738500",
    {**{day: [(time(8), time(18))] for day in WEEKDAYS}, 5: [(time(10), time(15))]},
)

PRODUCERS: tuple[ProducerSpec, ...] = (
    ProducerSpec(
        key="neuvola",
        name="Iso Omenan neuvola",
        kind=OrganisationKind.CITY_UNIT,
        sector=Sector.PUBLIC,
        description=Text(
            "Espoon kaupungin äitiys- ja lastenneuvola Iso Omenan palvelutorilla.",
            "Esbo stads mödra- och barnrådgivning på servicetorget i Iso Omena.",
            "The City of Espoo's maternity and child health clinic at the Iso Omena service centre.",
        ),
        response_target_days=7,
        handler=("neuvola-handler", "Noora", "Neuvonen"),
        locations=(ISO_OMENA,),
        services=(
            ServiceSpec(
                code="aitiysneuvola-iso-omena",
                name=Text("Äitiysneuvola", "Mödrarådgivning", "Maternity clinic"),
                summary=Text(
                    "Raskauden seuranta ja valmennus synnytykseen ja vauva-arkeen.",
                    "Uppföljning av graviditeten och förberedelse för förlossningen och vardagen med baby.",
                    "Pregnancy check-ups and preparation for the birth and life with a baby.",
                ),
                description=Text(
                    "Neuvolassa seurataan äidin ja sikiön vointia koko raskauden ajan. Ensimmäinen käynti on "
                    "raskausviikoilla 8–10. Käynnit ovat maksuttomia.",
                    "Rådgivningen följer upp moderns och fostrets hälsa under hela graviditeten. Det första "
                    "besöket är i graviditetsvecka 8–10. Besöken är avgiftsfria.",
                    "The clinic follows the health of the mother and the baby throughout the pregnancy. The "
                    "first visit is in weeks 8–10 of pregnancy. Visits are free of charge.",
                ),
                life_situations=("child-is-born",),
                target_groups=("expecting-parents", "families-with-children"),
                service_classes=("maternity-and-child-health", "health-care"),
                languages=("fi", "sv", "en"),
                location=0,
                channels=(
                    ChannelSpec(
                        "phone",
                        Text("Neuvolan ajanvaraus", "Tidsbokning", "Appointments"),
                        phone_number="+358 9 000 1001",
                        phone_charge="chargeable",
                        hours=Text("ma–pe 8–15", "mån–fre 8–15", "Mon–Fri 8–15"),
                    ),
                    ChannelSpec(
                        "e_service",
                        Text("Ajanvaraus verkossa", "Boka tid på nätet", "Book online"),
                        url="https://neuvola.example.test/ajanvaraus",
                    ),
                ),
                feedback=(
                    FeedbackSpec(
                        "praise",
                        "Terveydenhoitaja kuunteli ja ehti vastata kaikkiin kysymyksiin.",
                        5,
                        160,
                        "Kiitos palautteesta! Välitimme sen terveydenhoitajalle.",
                        2,
                    ),
                    FeedbackSpec(
                        "complaint",
                        "Ajanvarauksen puhelinjonossa meni 40 minuuttia.",
                        2,
                        95,
                        "Olemme lisänneet aamupäiviin yhden puhelinvuoron ja avanneet "
                        "ajanvarauksen verkossa. "
                        "Jonotusaika on nyt keskimäärin alle 10 minuuttia.",
                        6,
                    ),
                    FeedbackSpec(
                        "idea",
                        "Perhevalmennus voisi olla myös iltaisin, kun molemmat vanhemmat pääsevät.",
                        4,
                        40,
                        "Hyvä ehdotus – kokeilemme keväällä kahta iltaryhmää tiistaisin klo 17–19.",
                        5,
                    ),
                    FeedbackSpec(
                        "question",
                        "Can I bring my partner to the first visit?",
                        None,
                        12,
                        "Yes, partners are very welcome at every visit.",
                        1,
                        language="en",
                    ),
                    FeedbackSpec(
                        "complaint",
                        "Vastaanottohuoneeseen ei pääse rattaiden kanssa.",
                        3,
                        3,
                        state="in_progress",
                    ),
                ),
            ),
            ServiceSpec(
                code="lastenneuvola-iso-omena",
                name=Text("Lastenneuvola", "Barnrådgivning", "Child health clinic"),
                summary=Text(
                    "Lapsen kasvun ja kehityksen seuranta sekä rokotukset alle kouluikäisille.",
                    "Uppföljning av barnets tillväxt och utveckling samt vaccinationer "
                    "för barn under skolåldern.",
                    "Growth and development check-ups and vaccinations for children under school age.",
                ),
                description=Text(
                    "Lastenneuvola tukee perhettä lapsen syntymästä kouluikään. "
                    "Ensimmäinen kotikäynti tehdään "
                    "pian synnytyksen jälkeen.",
                    "Barnrådgivningen stöder familjen från barnets födelse till "
                    "skolåldern. Det första hembesöket "
                    "görs strax efter förlossningen.",
                    "The clinic supports the family from the child's birth until "
                    "school age. The first home visit "
                    "is made soon after the birth.",
                ),
                life_situations=("child-is-born", "early-childhood-education"),
                target_groups=("families-with-children",),
                service_classes=("maternity-and-child-health", "health-care"),
                languages=("fi", "sv", "en", "ar", "so"),
                location=0,
                feedback=(
                    FeedbackSpec(
                        "praise",
                        "Rokotuksessa lasta rauhoiteltiin todella taitavasti.",
                        5,
                        70,
                        "Kiitos, kerromme tämän tiimille!",
                        3,
                    ),
                    FeedbackSpec(
                        "idea",
                        "Odotustilaan leluja pienille.",
                        4,
                        20,
                        "Odotustilaan on nyt tuotu leikkinurkkaus.",
                        9,
                    ),
                ),
            ),
        ),
    ),
    ProducerSpec(
        key="kirjasto",
        name="Iso Omenan kirjasto",
        kind=OrganisationKind.CITY_UNIT,
        sector=Sector.PUBLIC,
        description=Text(
            "Kirjasto Iso Omenan palvelutorilla.", "Biblioteket i Iso Omena.", "The library at Iso Omena."
        ),
        response_target_days=10,
        handler=("kirjasto-handler", "Kalle", "Kirjanen"),
        locations=(ISO_OMENA,),
        services=(
            ServiceSpec(
                code="vauvaryhma-kirjasto",
                name=Text("Vauvojen loruhetki", "Ramsstund för bebisar", "Nursery rhymes for babies"),
                summary=Text(
                    "Loruja, lauluja ja kirjoja vauvoille ja vanhemmille joka torstai.",
                    "Ramsor, sånger och böcker för bebisar och föräldrar varje torsdag.",
                    "Rhymes, songs and books for babies and their parents every Thursday.",
                ),
                description=Text(
                    "Ei ennakkoilmoittautumista.", "Ingen förhandsanmälan.", "No need to sign up."
                ),
                life_situations=("child-is-born",),
                target_groups=("families-with-children",),
                service_classes=("culture-and-leisure", "family-services"),
                languages=("fi", "sv"),
                location=0,
                feedback=(
                    FeedbackSpec(
                        "praise", "Ihana hetki viikossa, kiitos!", 5, 50, "Kiitos, tervetuloa taas!", 12
                    ),
                ),
            ),
        ),
    ),
    ProducerSpec(
        key="perhevalo",
        name="Perhevalo Oy",
        kind=OrganisationKind.COMPANY,
        sector=Sector.PRIVATE,
        business_id="0000001-9",
        description=Text(
            "Yksityinen perhevalmennus ja imetysohjaus Tapiolassa.",
            "Privat familjeförberedelse och amningsrådgivning i Hagalund.",
            "Private antenatal classes and breastfeeding advice in Tapiola.",
        ),
        response_target_days=5,
        handler=("perhevalo-handler", "Pia", "Perhonen"),
        locations=(
            LocationSpec(
                Text("Perhevalo Tapiola", "Perhevalo Hagalund", "Perhevalo Tapiola"),
                "Tapiontori 3",
                "Tapiotorget 3",
                "02100",
                "Espoo",
                "60.175400",
                "24.805800",
                {
                    0: [(time(9), time(17))],
                    1: [(time(9), time(17))],
                    2: [(time(12), time(20))],
                    3: [(time(9), time(17))],
                    5: [(time(10), time(14))],
                },
            ),
        ),
        services=(
            ServiceSpec(
                code="perhevalmennus-perhevalo",
                name=Text(
                    "Perhevalmennus pienryhmässä",
                    "Familjeförberedelse i liten grupp",
                    "Antenatal class in a small group",
                ),
                summary=Text(
                    "Neljän illan valmennus synnytykseen ja vauva-arkeen, enintään kuusi perhettä.",
                    "Fyra kvällar om förlossningen och vardagen med baby, högst sex familjer.",
                    "Four evenings on the birth and life with a baby, at most six families.",
                ),
                description=Text(
                    "Valmennuksen vetää kätilö. Hinta sisältää materiaalit.",
                    "Förberedelsen leds av en barnmorska. Priset inkluderar material.",
                    "The class is led by a midwife. The price includes the materials.",
                ),
                life_situations=("child-is-born",),
                target_groups=("expecting-parents",),
                service_classes=("family-services",),
                languages=("fi", "en"),
                location=0,
                price=Decimal("180.00"),
                price_info=Text(
                    "koko valmennus, perhe", "hela kursen, per familj", "whole course, per family"
                ),
                channels=(
                    ChannelSpec(
                        "web_page",
                        Text("Perhevalon sivut", "Perhevalos webbplats", "Perhevalo's website"),
                        url="https://perhevalo.example.test/",
                    ),
                    ChannelSpec(
                        "phone",
                        Text("Asiakaspalvelu", "Kundtjänst", "Customer service"),
                        phone_number="+358 50 000 2002",
                        phone_charge="chargeable",
                        hours=Text("ma–to 9–16", "mån–tors 9–16", "Mon–Thu 9–16"),
                    ),
                ),
                feedback=(
                    FeedbackSpec(
                        "praise", "Käytännönläheinen ja rauhallinen valmennus.", 5, 120, "Kiitos!", 1
                    ),
                    FeedbackSpec(
                        "complaint",
                        "Hinta on korkea, kun neuvolan valmennus on maksuton.",
                        2,
                        60,
                        "Tarjoamme nyt 30 % alennuksen opiskelijaperheille.",
                        4,
                    ),
                    FeedbackSpec(
                        "idea",
                        "Englanninkielinen ryhmä olisi tarpeen.",
                        4,
                        25,
                        "Ensimmäinen englanninkielinen ryhmä alkaa ensi kuussa.",
                        3,
                    ),
                ),
            ),
            ServiceSpec(
                code="imetysohjaus-perhevalo",
                name=Text(
                    "Imetysohjaus kotikäyntinä",
                    "Amningsrådgivning som hembesök",
                    "Breastfeeding advice at home",
                ),
                summary=Text(
                    "Imetysohjaaja tulee kotiin vauvan ensimmäisinä viikkoina.",
                    "En amningsrådgivare kommer hem under babyns första veckor.",
                    "A breastfeeding counsellor visits you at home in the baby's first weeks.",
                ),
                description=Text("", "", ""),
                life_situations=("child-is-born",),
                target_groups=("families-with-children",),
                service_classes=("family-services", "health-care"),
                languages=("fi", "sv", "en"),
                location=None,
                price=Decimal("95.00"),
                price_info=Text("käynti", "besök", "visit"),
                channels=(
                    ChannelSpec(
                        "e_service",
                        Text("Varaa kotikäynti", "Boka hembesök", "Book a home visit"),
                        url="https://perhevalo.example.test/varaa",
                    ),
                ),
            ),
        ),
    ),
    ProducerSpec(
        key="pikkutassu",
        name="Pikkutassu Päiväkodit Oy",
        kind=OrganisationKind.COMPANY,
        sector=Sector.PRIVATE,
        business_id="0000002-7",
        description=Text(
            "Yksityinen päiväkoti Matinkylässä.",
            "Privat daghem i Mattby.",
            "A private day-care centre in Matinkylä.",
        ),
        response_target_days=10,
        handler=("pikkutassu-handler", "Paavo", "Tassinen"),
        locations=(
            LocationSpec(
                Text("Päiväkoti Pikkutassu", "Daghemmet Pikkutassu", "Pikkutassu day-care centre"),
                "Matinkartanontie 12",
                "Mattbergsvägen 12",
                "02230",
                "Espoo",
                "60.159900",
                "24.744200",
                {day: [(time(6, 30), time(17, 30))] for day in WEEKDAYS},
            ),
        ),
        services=(
            ServiceSpec(
                code="paivakoti-pikkutassu",
                name=Text("Päiväkoti Pikkutassu", "Daghemmet Pikkutassu", "Pikkutassu day care"),
                summary=Text(
                    "Yksityinen päiväkoti 1–6-vuotiaille, palvelusetelillä kunnallisen hintainen.",
                    "Privat daghem för 1–6-åringar, med servicesedel till kommunalt pris.",
                    "Private day care for children aged 1–6; with a service voucher at the municipal price.",
                ),
                description=Text(
                    "Liikuntapainotteinen päiväkoti. Hinta ilman palveluseteliä.",
                    "Daghem med fokus på rörelse. Pris utan servicesedel.",
                    "A day-care centre with an emphasis on physical activity. Price "
                    "without a service voucher.",
                ),
                life_situations=("early-childhood-education",),
                target_groups=("families-with-children", "children-and-young-people"),
                service_classes=("early-childhood-education",),
                languages=("fi", "en"),
                location=0,
                price=Decimal("390.00"),
                price_info=Text("kuukausi, kokopäivä", "månad, heldag", "month, full day"),
                feedback=(
                    FeedbackSpec(
                        "complaint",
                        "Laskussa oli väärä hoitoaika.",
                        2,
                        80,
                        "Lasku on korjattu, pahoittelut.",
                        14,
                    ),
                    FeedbackSpec(
                        "praise",
                        "Ulkoilua on paljon, lapsi viihtyy.",
                        5,
                        30,
                        "Kiitos – välitämme terveiset!",
                        6,
                    ),
                ),
            ),
        ),
    ),
    ProducerSpec(
        key="perhekerho",
        name="Espoon Perhekahvila ry",
        kind=OrganisationKind.ASSOCIATION,
        sector=Sector.THIRD,
        description=Text(
            "Vapaaehtoisvoimin toimiva yhdistys lapsiperheille.",
            "En förening för barnfamiljer som drivs av frivilliga.",
            "A volunteer-run association for families with children.",
        ),
        response_target_days=14,
        handler=("perhekahvila-handler", "Helmi", "Kahvinen"),
        locations=(
            LocationSpec(
                Text("Kivenlahden perhetalo", "Stensvikens familjehus", "Kivenlahti family house"),
                "Kivenlahdenkatu 1",
                "Stensviksgatan 1",
                "02320",
                "Espoo",
                "60.151000",
                "24.637000",
                {1: [(time(9, 30), time(12))], 3: [(time(9, 30), time(12))], 4: [(time(17), time(19))]},
            ),
        ),
        services=(
            ServiceSpec(
                code="perhekahvila-kivenlahti",
                name=Text("Avoin perhekahvila", "Öppet familjekafé", "Open family café"),
                summary=Text(
                    "Vauvaperheiden kohtaamispaikka: kahvia, leikkiä ja vertaistukea.",
                    "En mötesplats för babyfamiljer: kaffe, lek och kamratstöd.",
                    "A meeting place for families with babies: coffee, play and peer support.",
                ),
                description=Text(
                    "Tule sellaisenaan, ei ilmoittautumista. Perjantai-iltaisin isä–vauva-ilta.",
                    "Kom som du är, ingen anmälan. Fredagskvällar pappa–baby-kväll.",
                    "Just drop in, no need to sign up. Friday evenings are for dads and babies.",
                ),
                life_situations=("child-is-born", "moving"),
                target_groups=("families-with-children", "immigrants"),
                service_classes=("family-services", "culture-and-leisure"),
                languages=("fi", "sv", "en", "ru"),
                location=0,
                channels=(
                    ChannelSpec(
                        "web_page",
                        Text("Yhdistyksen sivut", "Föreningens webbplats", "The association's website"),
                        url="https://perhekahvila.example.test/",
                    ),
                ),
                feedback=(
                    FeedbackSpec(
                        "praise",
                        "Täältä löysin ensimmäiset ystävät muuton jälkeen.",
                        5,
                        100,
                        "Kiitos, tämä lämmittää vapaaehtoisten mieltä!",
                        10,
                    ),
                    FeedbackSpec(
                        "idea",
                        "Aukioloa myös maanantaisin?",
                        4,
                        45,
                        "Etsimme vapaaehtoisia maanantaille – tule mukaan!",
                        20,
                        state="waiting",
                    ),
                    FeedbackSpec("complaint", "Perjantaina ovi oli kiinni ilmoitettuna aikana.", 2, 8),
                ),
            ),
        ),
    ),
)

ADDRESSES = (
    ("Leppävaarankatu 3, 02600 Espoo", "60.219000", "24.813000"),
    ("Kirkkojärventie 6, 02770 Espoo", "60.205000", "24.655000"),
    ("Tapiontori 3, 02100 Espoo", "60.175400", "24.805800"),
    ("Kivenlahdenkatu 1, 02320 Espoo", "60.151000", "24.637000"),
    ("Piispansilta 11, 02230 Espoo", "60.161300", "24.738500"),
    ("Otakaari 1, 02150 Espoo", "60.186000", "24.828000"),
)

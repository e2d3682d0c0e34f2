"""The calls of the demo's programme history: for each of the five years before the demo is loaded, the
calls of each programme, the theme (development need) each answers and the topics it selected."""

from ..types import Text
from .types import CallPlan


def _plan(
    programme: str,
    years_ago: int,
    opens: tuple[int, int],
    theme: tuple[str, str, str],
    description: tuple[str, str, str],
    theme_slugs: tuple[str, ...],
    *topics: str,
) -> CallPlan:
    return CallPlan(programme, years_ago, opens, Text(*theme), Text(*description), theme_slugs, topics)


CALL_PLANS: tuple[CallPlan, ...] = (
    # Helsinki's staff campaigns, every February.
    _plan(
        "hki-staff",
        5,
        (2, 1),
        ("Vähemmän odottamista", "Mindre väntan", "Less waiting"),
        (
            "Missä asiakkaamme jonottavat tai odottavat turhaan, ja miten sitä voisi vähentää?",
            "Var köar eller väntar våra kunder i onödan, och hur kunde det minskas?",
            "Where do our customers queue or wait unnecessarily, and how could we reduce it?",
        ),
        ("asiakaskokemus", "tyon-sujuvuus"),
        "omatoimikirjasto",
        "lautashavikki",
        "takaisinsoitto",
        "kotihoito-video",
    ),
    _plan(
        "hki-staff",
        4,
        (2, 3),
        ("Resurssiviisas kaupunki", "En resurssmart stad", "A resource-wise city"),
        (
            "Miten vähennämme hukkaa – ruokaa, ajoa ja turhaa työtä – palveluissamme?",
            "Hur minskar vi slöseri – mat, körningar och onödigt arbete – i våra tjänster?",
            "How do we reduce waste – food, driving and unnecessary work – in our services?",
        ),
        ("kestavyys", "tyon-sujuvuus"),
        "tayttoasteanturit",
        "nuorisotalo-aukiolot",
        "uimakoulu-arvonta",
    ),
    _plan(
        "hki-staff",
        3,
        (2, 2),
        ("Palvelut, jotka ymmärtää", "Tjänster som går att förstå", "Services people can understand"),
        (
            "Miten teemme ohjeista, lomakkeista ja neuvonnasta helpompia ymmärtää kaikille?",
            "Hur gör vi anvisningar, blanketter och rådgivning lättare att förstå för alla?",
            "How do we make instructions, forms and advice easier for everyone to understand?",
        ),
        ("asiakaskokemus", "digitalisaatio"),
        "selkokielinen-hakuopas",
        "sosiaalineuvonta-chatbot",
        "qr-vikailmoitus",
    ),
    _plan(
        "hki-staff",
        2,
        (2, 1),
        ("Palvelu oikeaan aikaan", "Tjänster vid rätt tidpunkt", "Services at the right time"),
        (
            "Miten asiakas saa palvelun silloin, kun hän sitä tarvitsee, ilman turhia yhteydenottoja?",
            "Hur får kunden tjänsten när hen behöver den, utan onödiga kontakter?",
            "How can customers get a service when they need it, without unnecessary contacts?",
        ),
        ("asiakaskokemus", "tyon-sujuvuus"),
        "terveysasema-aikaikkuna",
        "kirjastoauto-muistutus",
        "lounas-ennakkotilaus",
    ),
    _plan(
        "hki-staff",
        1,
        (2, 5),
        ("Saavutettava kaupunki", "En tillgänglig stad", "An accessible city"),
        (
            "Miten poistamme esteitä, jotka estävät asukkaita käyttämästä palvelujamme?",
            "Hur tar vi bort hinder som hindrar invånarna från att använda våra tjänster?",
            "How do we remove the barriers that keep residents from using our services?",
        ),
        ("asiakaskokemus", "hyvinvointi"),
        "koulun-aamupala",
        "rakennusvalvonta-videoneuvonta",
        "esteettomyystiedot",
    ),
    # Helsinki's open thematic calls.
    _plan(
        "hki-open",
        5,
        (9, 6),
        ("Ikääntyneiden arki", "Äldres vardag", "Everyday life of older people"),
        (
            "Ratkaisuja, jotka auttavat kotona asuvia ikääntyneitä liikkumaan, asioimaan ja pysymään "
            "yhteydessä muihin.",
            "Lösningar som hjälper äldre som bor hemma att röra sig, uträtta ärenden och hålla kontakten med "
            "andra.",
            "Solutions that help older people living at home to get about, run errands and stay in touch "
            "with others.",
        ),
        ("ikaantyneet", "hyvinvointi"),
        "digituki-vertaisohjaajat",
        "etajumppa",
    ),
    _plan(
        "hki-open",
        4,
        (3, 15),
        ("Nuoret ja ensimmäinen työ", "Unga och det första jobbet", "Young people and their first job"),
        (
            "Miten nuoret löytävät mielekästä tekemistä ja ensimmäisen työpaikkansa?",
            "Hur hittar unga meningsfull sysselsättning och sitt första jobb?",
            "How do young people find meaningful things to do and their first job?",
        ),
        ("nuoret",),
        "kesatyopajat",
    ),
    _plan(
        "hki-open",
        4,
        (9, 26),
        ("Talvi kaupungissa", "Vinter i staden", "Winter in the city"),
        (
            "Ratkaisuja talviliikkumiseen, aurauksesta tiedottamiseen ja liukkauden torjuntaan.",
            "Lösningar för att ta sig fram på vintern, informera om snöplogningen och bekämpa halka.",
            "Solutions for getting around in winter, telling people about snow ploughing and preventing "
            "slipperiness.",
        ),
        ("asiakaskokemus", "tieto"),
        "aurauskartta",
        "potkulaudat-talvi",
    ),
    _plan(
        "hki-open",
        3,
        (8, 29),
        ("Yhteiset tilat lähiöissä", "Gemensamma utrymmen i förorterna", "Shared spaces in the suburbs"),
        (
            "Miten koulujen, kirjastojen ja puistojen tilat saadaan asukkaiden yhteiseen käyttöön?",
            "Hur kan skolornas, bibliotekens och parkernas utrymmen tas i gemensamt bruk av invånarna?",
            "How can the spaces of schools, libraries and parks be opened up for residents to share?",
        ),
        ("yhteistyo", "kestavyys"),
        "koulupiha-iltakaytto",
        "tavarajakamo",
    ),
    _plan(
        "hki-open",
        2,
        (3, 7),
        ("Yhdenvertainen vapaa-aika", "Jämlik fritid", "Equal access to leisure"),
        (
            "Miten madallamme kynnystä liikkua ja harrastaa niille, joille se nyt on vaikeaa?",
            "Hur sänker vi tröskeln att motionera och ha en hobby för dem som i dag har svårt att göra det?",
            "How do we lower the threshold to exercise and take up hobbies for those who now find it hard?",
        ),
        ("liikunta", "hyvinvointi"),
        "hiljainen-tunti",
        "valinelainaamo",
    ),
    _plan(
        "hki-open",
        2,
        (9, 12),
        ("Monikielinen kaupunki", "En flerspråkig stad", "A multilingual city"),
        (
            "Miten kaupungin tieto ja palvelut tavoittavat asukkaat, joiden kieli ei ole suomi eikä ruotsi?",
            "Hur når stadens information och tjänster invånare vars språk varken är finska eller svenska?",
            "How can the city's information and services reach residents whose language is neither Finnish "
            "nor Swedish?",
        ),
        ("asiakaskokemus", "digitalisaatio"),
        "tekoalykaannokset",
    ),
    _plan(
        "hki-open",
        1,
        (4, 3),
        ("Turvallinen koulumatka", "En trygg skolväg", "A safe way to school"),
        (
            "Ratkaisuja, jotka tekevät kävelystä ja pyöräilystä turvallisempaa erityisesti lapsille.",
            "Lösningar som gör gång och cykling tryggare, särskilt för barn.",
            "Solutions that make walking and cycling safer, especially for children.",
        ),
        ("nuoret", "liikunta"),
        "koulureitit",
    ),
    # Espoo: the Iso Omena service centre's rapid pilots, every spring (and one autumn round).
    _plan(
        "iso-omena",
        5,
        (3, 1),
        ("Asiointi yhdellä käynnillä", "Ärendet sköts vid ett besök", "Errands done in one visit"),
        (
            "Miten asiakkaan asia hoituu yhdellä käynnillä, omalla kielellä ja ilman unohtuneita aikoja?",
            "Hur kan kundens ärende skötas vid ett besök, på det egna språket och utan bortglömda tider?",
            "How can a customer's matter be settled in one visit, in their own language and without "
            "forgotten appointments?",
        ),
        ("asiakaskokemus",),
        "neuvola-muistutus",
        "videotulkkaus",
    ),
    _plan(
        "iso-omena",
        4,
        (3, 7),
        (
            "Hyvinvointia palvelutorilta",
            "Välbefinnande från servicetorget",
            "Wellbeing from the service centre",
        ),
        (
            "Miten palvelutori voisi tukea asiakkaiden ja kauppakeskuksessa viihtyvien nuorten hyvinvointia?",
            "Hur kunde servicetorget stödja välbefinnandet hos kunderna och de unga som vistas i köpcentret?",
            "How could the service centre support the wellbeing of customers and of the young people who "
            "spend time in the shopping centre?",
        ),
        ("nuoret", "hyvinvointi"),
        "yhteinen-iltapaiva",
        "ilmoittautumisautomaatti",
    ),
    _plan(
        "iso-omena",
        3,
        (2, 8),
        ("Matalan kynnyksen palvelut", "Tjänster med låg tröskel", "Low-threshold services"),
        (
            "Miten palvelutori tavoittaa ne, jotka eivät itse hakeudu palveluihin?",
            "Hur når servicetorget dem som inte själva söker sig till tjänsterna?",
            "How can the service centre reach the people who do not seek out services themselves?",
        ),
        ("hyvinvointi", "yhteistyo"),
        "chat-ilta",
        "asukasraati",
    ),
    _plan(
        "iso-omena",
        3,
        (9, 5),
        ("Ohjaus oikeaan palveluun", "Vägledning till rätt tjänst", "Guidance to the right service"),
        (
            "Miten asiakas löytää oikean yksikön jo ensimmäisellä kerralla?",
            "Hur hittar kunden rätt enhet redan första gången?",
            "How can customers find the right unit the first time?",
        ),
        ("opasteet", "yhteistyo"),
        "aulaneuvoja",
    ),
    _plan(
        "iso-omena",
        2,
        (3, 6),
        (
            "Ennaltaehkäisy ja tieto",
            "Förebyggande arbete och kunskap",
            "Prevention and knowledge",
        ),
        (
            "Miten tavoitamme terveysriskit ajoissa ja suunnittelemme palvelut tiedon avulla?",
            "Hur upptäcker vi hälsorisker i tid och planerar tjänsterna med hjälp av data?",
            "How do we catch health risks early and plan services with the help of data?",
        ),
        ("hyvinvointi", "tieto"),
        "verenpainepiste",
        "ruuhkaennuste",
    ),
    _plan(
        "iso-omena",
        1,
        (3, 4),
        ("Uudet espoolaiset", "Nya esbobor", "New residents of Espoo"),
        (
            "Miten uudet asukkaat oppivat käyttämään palveluja sujuvasti alusta alkaen?",
            "Hur lär sig nya invånare att använda tjänsterna smidigt från början?",
            "How can new residents learn to use services smoothly from the start?",
        ),
        ("yhteistyo", "asiakaskokemus"),
        "ryhmaopastus",
    ),
    # Espoo: KYKY calls for the school year, every autumn.
    _plan(
        "kyky",
        5,
        (8, 23),
        ("Matematiikan oppiminen", "Lärande i matematik", "Learning mathematics"),
        (
            "Välineitä, jotka auttavat oppilaita, joille matematiikka on vaikeaa.",
            "Verktyg som hjälper elever som har svårt med matematik.",
            "Tools that help pupils who find maths difficult.",
        ),
        ("oppiminen",),
        "murtolukupeli",
    ),
    _plan(
        "kyky",
        4,
        (8, 22),
        ("Hyvä oppimisympäristö", "En god lärmiljö", "A good learning environment"),
        (
            "Ratkaisuja luokkahuoneen olosuhteisiin ja oppimisen tukeen.",
            "Lösningar för förhållandena i klassrummet och stöd för lärandet.",
            "Solutions for classroom conditions and support for learning.",
        ),
        ("oppiminen", "hyvinvointi"),
        "ilmanlaatumittarit",
        "puhekaveri",
    ),
    _plan(
        "kyky",
        3,
        (8, 21),
        ("Teknologiakasvatus", "Teknikfostran", "Technology education"),
        (
            "Miten lapset oppivat ohjelmointia ja teknologiaa koulupäivän aikana ja sen jälkeen?",
            "Hur lär sig barn programmering och teknik under skoldagen och efter den?",
            "How do children learn programming and technology during the school day and after it?",
        ),
        ("oppiminen", "digitalisaatio"),
        "robotiikkakerho",
        "vr-historia",
    ),
    _plan(
        "kyky",
        2,
        (8, 20),
        ("Oppimisen tuki", "Stöd för lärandet", "Support for learning"),
        (
            "Välineitä, jotka tukevat oppilaita lukemisessa ja opintojen suunnittelussa.",
            "Verktyg som stöder elever i läsning och i planeringen av studierna.",
            "Tools that support pupils in reading and in planning their studies.",
        ),
        ("oppiminen",),
        "aanikirjat",
        "opo-chatbot",
    ),
    _plan(
        "kyky",
        1,
        (8, 19),
        ("Kestävä koulu", "En hållbar skola", "A sustainable school"),
        (
            "Miten oppilaat voivat vaikuttaa koulunsa energiankulutukseen ja ympäristöön?",
            "Hur kan eleverna påverka skolans energiförbrukning och miljö?",
            "How can pupils influence their school's energy use and environment?",
        ),
        ("kestavyys", "oppiminen"),
        "energianaytto",
    ),
)

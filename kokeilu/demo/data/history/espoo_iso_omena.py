"""Espoo: rapid pilots at the Iso Omena service centre and what they taught."""

from kokeilu.calls.models import ApplicantKind
from kokeilu.reports.models import NextStep

from ..types import Text
from .types import TopicSpec, learning

COMPANY = ApplicantKind.COMPANY
ASSOCIATION = ApplicantKind.ASSOCIATION
RESIDENT = ApplicantKind.RESIDENT
RESEARCH = ApplicantKind.RESEARCH

ADOPT = NextStep.ADOPT
SCALE = NextStep.SCALE
ITERATE = NextStep.ITERATE
PROCURE = NextStep.PROCURE
STOP = NextStep.STOP

ESPOO_ISO_OMENA: tuple[TopicSpec, ...] = (
    TopicSpec(
        key="neuvola-muistutus",
        programme="iso-omena",
        applicant_kind=COMPANY,
        organisation="Kalenterikello Oy",
        unit="neuvola",
        budget=8000,
        title=Text(
            "Neuvolan tekstiviestimuistutus kahdella kielellä",
            "Rådgivningens sms-påminnelse på två språk",
            "Child health clinic text reminders in two languages",
        ),
        summary=Text(
            "Neuvola lähetti perheille muistutuksen kaksi päivää ennen käyntiä suomeksi ja perheen omalla "
            "kielellä, ja ajan sai perua vastaamalla viestiin.",
            "Rådgivningen skickade familjerna en påminnelse två dagar före besöket på finska och på "
            "familjens eget språk, och tiden kunde avbokas genom att svara på meddelandet.",
            "The child health clinic sent families a reminder two days before the visit in Finnish and in "
            "the family's own language, and the appointment could be cancelled by replying.",
        ),
        next_step=ADOPT,
        next_step_reason="Muistutukset jatkuvat pysyvästi, ja kielivalikoima laajennetaan kuuteen kieleen.",
        learnings=(
            learning(
                "Peruuttamatta jääneet käynnit vähenivät kolmanneksella",
                "De uteblivna besöken utan avbokning minskade med en tredjedel",
                "Missed appointments without cancellation fell by a third",
                "Käyttämättä jääneitä aikoja oli 9,4 % ennen kokeilua ja 6,1 % kokeilun aikana.",
                "asiakaskokemus",
                "neuvola",
                "ajanvaraus",
            ),
            learning(
                "Peruutus vastaamalla viestiin vapautti ajat muille perheille",
                "Avbokning genom svar på meddelandet frigjorde tider för andra familjer",
                "Cancelling by reply freed appointments for other families",
                "Viestiin vastaamalla peruttiin 212 aikaa, joista 170 annettiin saman viikon aikana toiselle "
                "perheelle.",
                "tyon-sujuvuus",
                "neuvola",
                "ajanvaraus",
            ),
        ),
    ),
    TopicSpec(
        key="videotulkkaus",
        programme="iso-omena",
        applicant_kind=COMPANY,
        organisation="Tulkkisilta Oy",
        unit="asiointipiste",
        budget=10000,
        title=Text(
            "Etätulkkaus videolla asiointipisteessä",
            "Distanstolkning via video på servicepunkten",
            "Remote video interpreting at the customer service point",
        ),
        summary=Text(
            "Asiointipisteessä kokeiltiin tabletilla tilattavaa videotulkkausta kymmenellä kielellä ilman "
            "ajanvarausta.",
            "Servicepunkten prövade videotolkning på tio språk, beställd via surfplatta utan "
            "förhandsbokning.",
            "The customer service point tried video interpreting in ten languages, ordered on a tablet "
            "without booking.",
        ),
        next_step=PROCURE,
        next_step_reason="Videotulkkaus kilpailutetaan osaksi kaupungin tulkkauspalvelujen puitesopimusta.",
        learnings=(
            learning(
                "Tulkki saatiin linjalle keskimäärin kahdessa minuutissa",
                "En tolk kom på linjen på i genomsnitt två minuter",
                "An interpreter joined within two minutes on average",
                "Kokeilussa tehtiin 388 tulkkausta; odotusajan mediaani oli 2 min 10 s. Arabian ja darin "
                "tulkeilla oli eniten kysyntää.",
                "asiakaskokemus",
                "tulkkaus",
                "monikielisyys",
            ),
            learning(
                "Asia hoitui yhdellä käynnillä useammin kuin ennen",
                "Ärendet sköttes oftare än tidigare vid ett enda besök",
                "Matters were settled in one visit more often than before",
                "Uusintakäyntien osuus tulkkausta tarvinneilla asiakkailla laski 34 %:sta 15 %:iin.",
                "tyon-sujuvuus",
                "tulkkaus",
                "asiointi",
            ),
        ),
    ),
    TopicSpec(
        key="yhteinen-iltapaiva",
        programme="iso-omena",
        applicant_kind=ASSOCIATION,
        organisation="Nuorten Työpaja Verso ry",
        unit="nuoriso",
        budget=6000,
        title=Text(
            "Kirjaston ja nuorisopalvelujen yhteinen iltapäivä",
            "En gemensam eftermiddag för biblioteket och ungdomstjänsterna",
            "A joint afternoon of the library and youth services",
        ),
        summary=Text(
            "Kirjasto ja nuorisopalvelut järjestivät yhdessä iltapäivätoimintaa kauppakeskuksessa "
            "oleskeleville nuorille: pelejä, läksytukea ja ohjaajia.",
            "Biblioteket och ungdomstjänsterna ordnade tillsammans eftermiddagsverksamhet för unga som "
            "vistas i köpcentret: spel, läxhjälp och ledare.",
            "The library and youth services jointly ran afternoon activities for young people spending time "
            "in the shopping centre: games, homework help and youth workers.",
        ),
        next_step=ADOPT,
        next_step_reason="Yhteinen iltapäivä jatkuu vakiotoimintana kolmesti viikossa.",
        learnings=(
            learning(
                "Nuoret tulivat, kun toiminta oli siellä, missä he jo olivat",
                "De unga kom när verksamheten fanns där de redan var",
                "Young people came when the activity was where they already were",
                "Iltapäivissä kävi keskimäärin 47 nuorta. Kyselyyn vastanneista 70 % oli tullut "
                "kauppakeskukseen ilman erityistä asiaa.",
                "nuoret",
                "nuorisotyö",
                "kirjasto",
            ),
            learning(
                "Yhteiset ohjaajavuorot vähensivät järjestyshäiriöitä kauppakeskuksessa",
                "De gemensamma ledarpassen minskade ordningsstörningarna i köpcentret",
                "Shared youth worker shifts reduced disturbances in the shopping centre",
                "Vartijoiden kirjaamat nuoriin liittyvät häiriöt vähenivät iltapäivisin 27:stä 11:een "
                "kuukaudessa.",
                "yhteistyo",
                "yhteistyö",
                "turvallisuus",
            ),
        ),
    ),
    TopicSpec(
        key="ilmoittautumisautomaatti",
        programme="iso-omena",
        applicant_kind=RESEARCH,
        organisation="Kaupunkipalvelujen tutkimuslaboratorio",
        unit="terveysasema",
        budget=9000,
        title=Text(
            "Selkeämpi ilmoittautumisautomaatti terveysasemalle",
            "En tydligare anmälningsautomat på hälsostationen",
            "A clearer check-in kiosk at the health station",
        ),
        summary=Text(
            "Terveysaseman ilmoittautumisautomaatin näkymät kirjoitettiin selkokielelle, ja niihin lisättiin "
            "kuvat ja kielivalinta ensimmäiselle sivulle.",
            "Vyerna i hälsostationens anmälningsautomat skrevs om på lättläst språk, och bilder och språkval "
            "lades till på första sidan.",
            "The screens of the health station's check-in kiosk were rewritten in plain language, with "
            "pictures and a language choice on the first page.",
        ),
        next_step=ITERATE,
        next_step_reason="Näkymät toimivat, mutta laite rajoittaa; uudistettu versio kokeillaan uudella "
        "laitteella.",
        learnings=(
            learning(
                "Kielivalinta ensimmäisellä sivulla vähensi avunpyyntöjä eniten",
                "Språkvalet på första sidan minskade hjälpbehovet mest",
                "A language choice on the first page reduced requests for help the most",
                "Aulan henkilökunnalta apua pyytäneiden osuus laski 18 %:sta 9 %:iin; muutos osui "
                "kielivalinnan lisäämiseen.",
                "asiakaskokemus",
                "selkokieli",
                "itsepalvelu",
            ),
            learning(
                "Ikääntyneille kosketusnäytön herkkyys oli suurempi ongelma kuin tekstit",
                "För äldre var pekskärmens känslighet ett större problem än texterna",
                "For older people, the touchscreen's sensitivity was a bigger problem than the texts",
                "Havainnoiduista 60 ikääntyneestä 22 painoi painiketta useita kertoja; teksteistä he eivät "
                "maininneet ongelmia.",
                "ikaantyneet",
                "itsepalvelu",
                "saavutettavuus",
            ),
        ),
    ),
    TopicSpec(
        key="chat-ilta",
        programme="iso-omena",
        applicant_kind=ASSOCIATION,
        organisation="Mielen Majakka ry",
        unit="mielenterveys",
        budget=7000,
        title=Text(
            "Matalan kynnyksen chat-ilta mielenterveyspalveluissa",
            "En chattkväll med låg tröskel inom mentalvårdstjänsterna",
            "A low-threshold chat evening in mental health services",
        ),
        summary=Text(
            "Mielenterveys- ja päihdepalvelut päivystivät chatissa kahtena iltana viikossa yhdessä järjestön "
            "koulutettujen vapaaehtoisten kanssa.",
            "Mentalvårds- och missbrukartjänsterna hade chattjour två kvällar i veckan tillsammans med "
            "organisationens utbildade frivilliga.",
            "Mental health and substance abuse services staffed a chat two evenings a week together with the "
            "association's trained volunteers.",
        ),
        next_step=ITERATE,
        next_step_reason="Chat jatkuu, mutta päivystys siirretään myöhemmäksi ja jatko-ohjaus hoitoon "
        "sujuvoitetaan ennen uutta kokeilujaksoa.",
        learnings=(
            learning(
                "Chat tavoitti nuoria aikuisia, jotka eivät olisi soittaneet",
                "Chatten nådde unga vuxna som inte skulle ha ringt",
                "The chat reached young adults who would not have phoned",
                "Keskusteluista 64 % kävivät 18–29-vuotiaat. Loppukysymyksessä 58 % kertoi, ettei olisi "
                "ottanut yhteyttä puhelimitse.",
                "hyvinvointi",
                "mielenterveys",
                "chat",
            ),
            learning(
                "Kysyntä painottui myöhäiseen iltaan kello 21 jälkeen",
                "Efterfrågan var störst sent på kvällen, efter klockan 21",
                "Demand peaked late in the evening, after 9 pm",
                "Keskustelupyynnöistä 41 % tuli viimeisen päivystystunnin aikana, ja 85 pyyntöä jäi "
                "vastaamatta, koska päivystys oli jo päättynyt.",
                "hyvinvointi",
                "mielenterveys",
                "aukioloajat",
            ),
        ),
    ),
    TopicSpec(
        key="asukasraati",
        programme="iso-omena",
        applicant_kind=RESIDENT,
        unit="palvelutori",
        budget=3000,
        title=Text(
            "Asukasraati palvelutorin kehittäjänä",
            "En invånarpanel utvecklar servicetorget",
            "A residents' panel developing the service centre",
        ),
        summary=Text(
            "Arvalla valittu 15 asukkaan raati tutustui palvelutorin toimintaan ja antoi kolmen kuukauden "
            "työskentelyn päätteeksi suosituksensa.",
            "En panel med 15 lottade invånare bekantade sig med servicetorgets verksamhet och lämnade sina "
            "rekommendationer efter tre månaders arbete.",
            "A panel of 15 residents chosen by lot got to know the service centre's work and gave its "
            "recommendations after three months.",
        ),
        next_step=ADOPT,
        next_step_reason="Asukasraati kutsutaan koolle vuosittain, ja palvelutori raportoi suositusten "
        "toteutumisesta.",
        learnings=(
            learning(
                "Arvonta toi mukaan ihmisiä, jotka eivät tavallisesti osallistu",
                "Lottningen lockade personer som vanligtvis inte deltar",
                "Selection by lot brought in people who do not usually take part",
                "Raatilaisista 9/15 kertoi, ettei ollut aiemmin osallistunut kaupungin kyselyihin tai "
                "tilaisuuksiin.",
                "yhteistyo",
                "osallisuus",
                "asukasraati",
            ),
            learning(
                "Raadin suositukset koskivat enemmän opastusta kuin uusia palveluja",
                "Panelens rekommendationer gällde mer vägledning än nya tjänster",
                "The panel's recommendations were more about guidance than new services",
                "Raadin 12 suosituksesta 8 koski opasteita, neuvontaa tai aukiolotietoja. Niistä viisi "
                "toteutettiin puolessa vuodessa.",
                "opasteet",
                "osallisuus",
                "opasteet",
            ),
        ),
    ),
    TopicSpec(
        key="aulaneuvoja",
        programme="iso-omena",
        applicant_kind=COMPANY,
        organisation="Asiakaspolku Consulting Oy",
        unit="palvelutori",
        budget=10000,
        title=Text(
            "Yhteinen aulaneuvoja palvelutorille",
            "En gemensam värd i servicetorgets entré",
            "A shared lobby host for the service centre",
        ),
        summary=Text(
            "Palvelutorin yksiköt jakoivat vuorot yhteiseen aulaneuvojan tehtävään, ja aulaneuvoja ohjasi "
            "asiakkaat oikeaan palveluun heti sisääntulossa.",
            "Servicetorgets enheter delade på passen som gemensam värd i entrén, och värden lotsade kunderna "
            "till rätt tjänst direkt vid ingången.",
            "The service centre's units shared shifts as a lobby host who guided customers to the right "
            "service right at the entrance.",
        ),
        next_step=SCALE,
        next_step_reason="Aulaneuvoja laajennetaan koko aukioloajalle, ja mallia tarjotaan Espoon muille "
        "palvelutoreille.",
        learnings=(
            learning(
                "Joka viides asiakas oli menossa väärään yksikköön",
                "Var femte kund var på väg till fel enhet",
                "One customer in five was heading to the wrong unit",
                "Aulaneuvoja kirjasi 3 900 ohjausta, joista 21 % ohjasi asiakkaan toiseen yksikköön kuin "
                "mihin hän oli menossa.",
                "opasteet",
                "ohjaus",
                "palvelutori",
            ),
            learning(
                "Vuorokierto opetti työntekijät tuntemaan toistensa palvelut",
                "Passrotationen lärde de anställda att känna till varandras tjänster",
                "Rotating shifts taught staff about each other's services",
                "Loppukyselyssä 33 työntekijästä 27 kertoi osaavansa ohjata asiakkaita muiden yksiköiden "
                "palveluihin aiempaa paremmin.",
                "yhteistyo",
                "yhteistyö",
                "osaaminen",
            ),
        ),
    ),
    TopicSpec(
        key="verenpainepiste",
        programme="iso-omena",
        applicant_kind=ASSOCIATION,
        organisation="Terveyskävely ry",
        unit="terveysasema",
        budget=6000,
        months=2,
        title=Text(
            "Verenpaineen mittaus kauppakeskuksen käytävällä",
            "Blodtrycksmätning i köpcentrets korridor",
            "Blood pressure checks in the shopping centre corridor",
        ),
        summary=Text(
            "Terveysaseman hoitajat ja järjestön vapaaehtoiset mittasivat ohikulkijoiden verenpaineen "
            "kauppakeskuksen käytävällä kahtena päivänä viikossa.",
            "Hälsostationens skötare och organisationens frivilliga mätte förbipasserandes blodtryck i "
            "köpcentrets korridor två dagar i veckan.",
            "Health station nurses and the association's volunteers checked passers-by's blood pressure in "
            "the shopping centre corridor two days a week.",
        ),
        next_step=SCALE,
        next_step_reason="Mittauspisteitä lisätään kahteen muuhun kauppakeskukseen yhdessä järjestön kanssa.",
        learnings=(
            learning(
                "Joka kymmenes mitattu ohjattiin jatkotutkimuksiin",
                "Var tionde person som mättes hänvisades till fortsatta undersökningar",
                "One in ten people measured was referred for further tests",
                "Mittauksia tehtiin 1 460; 148 ohjattiin terveysasemalle, ja heistä 96 varasi ajan kahden "
                "viikon kuluessa.",
                "hyvinvointi",
                "terveyden edistäminen",
                "ennaltaehkäisy",
            ),
            learning(
                "Miehet pysähtyivät mittaukseen useammin kuin tulivat terveysasemalle",
                "Män stannade oftare för mätningen än de kom till hälsostationen",
                "Men stopped for a check more often than they came to the health station",
                "Mitatuista 52 % oli miehiä, kun terveysaseman asiakkaista miehiä on 38 %.",
                "hyvinvointi",
                "terveyden edistäminen",
                "tavoittavuus",
            ),
        ),
    ),
    TopicSpec(
        key="ruuhkaennuste",
        programme="iso-omena",
        applicant_kind=COMPANY,
        organisation="Virtaus Analytics Oy",
        unit="palvelutori",
        budget=10000,
        title=Text(
            "Ruuhkaennuste kauppakeskuksen kävijätiedoista",
            "Rusningsprognos utifrån köpcentrets besöksdata",
            "Predicting peaks from the shopping centre's visitor data",
        ),
        summary=Text(
            "Palvelutorin ruuhkia yritettiin ennustaa kauppakeskuksen kävijälaskennan perusteella, jotta "
            "henkilöstön vuorot voitaisiin suunnitella niiden mukaan.",
            "Man försökte förutse rusningen på servicetorget utifrån köpcentrets besöksräkning, så att "
            "personalens arbetspass kunde planeras därefter.",
            "The team tried to predict peaks at the service centre from the shopping centre's visitor "
            "counts, so that staff shifts could be planned accordingly.",
        ),
        next_step=STOP,
        next_step_reason="Kokeilua ei jatketa: ennuste ei ollut omia ajanvaraustietoja parempi.",
        learnings=(
            learning(
                "Kauppakeskuksen kävijämäärä ei ennustanut palvelutorin ruuhkia",
                "Köpcentrets besökarantal förutsåg inte rusningen på servicetorget",
                "The shopping centre's visitor numbers did not predict the service centre's peaks",
                "Kävijämäärän ja palvelutorin asiakasmäärän korrelaatio oli tunneittain 0,21. Ajanvarausten "
                "määrä selitti ruuhkia selvästi paremmin (0,68).",
                "tieto",
                "data",
                "resursointi",
            ),
            learning(
                "Omat ajanvaraustiedot riittivät vuorosuunnitteluun, kun ne koottiin yhteen näkymään",
                "De egna bokningsuppgifterna räckte för planeringen av arbetspassen när de samlades i en vy",
                "Our own booking data was enough for shift planning once it was gathered in one view",
                "Kokeilun sivutuotteena koottu ajanvarausten viikkonäkymä jäi kolmen yksikön käyttöön.",
                "tyon-sujuvuus",
                "data",
                "vuorosuunnittelu",
            ),
        ),
    ),
    TopicSpec(
        key="ryhmaopastus",
        programme="iso-omena",
        applicant_kind=ASSOCIATION,
        organisation="Esbo Språkvänner rf",
        language="sv",
        unit="asiointipiste",
        budget=7000,
        title=Text(
            "Ryhmäopastus uusille espoolaisille",
            "Gruppvägledning för nya esbobor",
            "Group guidance for Espoo's newcomers",
        ),
        summary=Text(
            "Uudet espoolaiset tutustuivat palvelutorin palveluihin pienryhmissä omalla kielellään ennen "
            "ensimmäistä omaa asiointikäyntiään.",
            "Nya esbobor bekantade sig med servicetorgets tjänster i små grupper på sitt eget språk före "
            "sitt första egna ärendebesök.",
            "Newcomers to Espoo got to know the service centre's services in small groups in their own "
            "language before their first visit on an errand of their own.",
        ),
        next_step=ADOPT,
        next_step_reason="Ryhmäopastus tulee osaksi kotoutumispalvelujen vakiotarjontaa.",
        learnings=(
            learning(
                "Ryhmässä uskallettiin kysyä asioita, joita yksin asioidessa ei kysytty",
                "I gruppen vågade man fråga sådant som man inte frågade ensam vid disken",
                "In a group, people dared to ask things they did not ask on their own",
                "Ryhmissä esitettiin keskimäärin 14 kysymystä kerralla; yleisimmät koskivat vuokravakuutta, "
                "lasten päivähoitoa ja ajanvarausta.",
                "yhteistyo",
                "kotoutuminen",
                "ohjaus",
            ),
            learning(
                "Opastuksen jälkeen asiakkaat tulivat ensimmäiselle käynnille oikeiden papereiden kanssa",
                "Efter vägledningen kom kunderna till det första besöket med rätt papper",
                "After the guidance, customers came to their first visit with the right documents",
                "Opastukseen osallistuneista 84 % toi ensimmäisellä käynnillä kaikki tarvittavat asiakirjat; "
                "vertailuryhmässä 52 %.",
                "asiakaskokemus",
                "kotoutuminen",
                "asiointi",
            ),
        ),
    ),
)

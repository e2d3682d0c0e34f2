"""Helsinki's open thematic calls: experiments of companies, associations, researchers and residents."""

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

HELSINKI_OPEN: tuple[TopicSpec, ...] = (
    TopicSpec(
        key="digituki-vertaisohjaajat",
        programme="hki-open",
        applicant_kind=ASSOCIATION,
        organisation="Naapuriapu Digi ry",
        unit="kuva",
        budget=12000,
        months=6,
        title=Text(
            "Vertaisohjaajat digitukeen kirjastoissa",
            "Kamrathandledare för digitalt stöd i biblioteken",
            "Peer tutors for digital support in libraries",
        ),
        summary=Text(
            "Eläkeläisvapaaehtoiset auttoivat ikääntyneitä älypuhelimen ja verkkoasioinnin kanssa "
            "viikoittaisissa digitukituokioissa neljässä kirjastossa.",
            "Pensionerade frivilliga hjälpte äldre med smarttelefoner och e-tjänster vid veckovisa "
            "stödtillfällen i fyra bibliotek.",
            "Retired volunteers helped older people with smartphones and online services in weekly digital "
            "support sessions at four libraries.",
        ),
        next_step=SCALE,
        next_step_reason="Vertaisohjaus laajennetaan kaikkiin kirjastoihin, ja yhdistys kouluttaa uudet "
        "ohjaajat.",
        learnings=(
            learning(
                "Ikääntyneet kysyivät mieluummin ikätoveriltaan kuin kirjaston henkilökunnalta",
                "De äldre frågade hellre en jämnårig än bibliotekets personal",
                "Older people preferred asking someone their own age rather than library staff",
                "Tuokioissa kävi 640 asiakasta. Kyselyyn vastanneista 72 % kertoi, että vertaisohjaajalta "
                "oli helpompi kysyä.",
                "ikaantyneet",
                "digituki",
                "vapaaehtoiset",
            ),
            learning(
                "Vahva tunnistautuminen ja terveyspalvelut olivat yleisimmät avuntarpeet",
                "Stark autentisering och hälsotjänster var de vanligaste behoven av hjälp",
                "Strong authentication and health services were the most common needs",
                "Kirjatuista 1 120 avunpyynnöstä 38 % koski vahvaa tunnistautumista ja 21 % "
                "terveyspalveluja.",
                "digitalisaatio",
                "digituki",
                "sähköinen asiointi",
            ),
        ),
    ),
    TopicSpec(
        key="etajumppa",
        programme="hki-open",
        applicant_kind=COMPANY,
        organisation="Liikekotka Oy",
        unit="sote",
        budget=15000,
        months=6,
        title=Text(
            "Etäjumppa kotona asuville ikääntyneille",
            "Distansgympa för äldre som bor hemma",
            "Remote exercise classes for older people living at home",
        ),
        summary=Text(
            "Kotona asuvat ikääntyneet osallistuivat kahdesti viikossa ohjattuun tuolijumppaan tabletin "
            "kautta.",
            "Äldre som bor hemma deltog två gånger i veckan i ledd stolgympa via en surfplatta.",
            "Older people living at home took part in guided chair exercise twice a week via a tablet.",
        ),
        next_step=PROCURE,
        next_step_reason="Etäliikunta kilpailutetaan osaksi kotihoidon palveluja; kokeilun vaatimukset "
        "siirretään tarjouspyyntöön.",
        learnings=(
            learning(
                "Säännöllinen ryhmä toi liikunnan lisäksi seuraa",
                "En regelbunden grupp gav sällskap utöver motionen",
                "A regular group brought company as well as exercise",
                "Osallistujista 83 % jatkoi loppuun. Loppuhaastatteluissa 24 osallistujasta 19 mainitsi "
                "tärkeimmäksi asiaksi ryhmän ja tutuksi tulleen ohjaajan.",
                "ikaantyneet",
                "liikunta",
                "yksinäisyys",
            ),
            learning(
                "Tasapaino parani mitattavasti jo kolmessa kuukaudessa",
                "Balansen förbättrades mätbart redan på tre månader",
                "Balance improved measurably within three months",
                "Fysioterapeutin tekemässä tasapainotestissä mediaanipisteet nousivat 38:sta 44:ään (56 "
                "osallistujaa).",
                "liikunta",
                "liikunta",
                "toimintakyky",
            ),
        ),
    ),
    TopicSpec(
        key="kesatyopajat",
        programme="hki-open",
        applicant_kind=ASSOCIATION,
        organisation="Työelämäsilta ry",
        unit="kuva",
        budget=10000,
        months=4,
        title=Text(
            "Kesätyöhakemusten pajat nuorisotaloilla",
            "Verkstäder för sommarjobbsansökningar på ungdomsgårdarna",
            "Summer job application workshops at youth centres",
        ),
        summary=Text(
            "Nuorisotaloilla järjestettiin iltapajoja, joissa nuoret tekivät kesätyöhakemuksen ja "
            "harjoittelivat haastattelua työnantajien vapaaehtoisten kanssa.",
            "Ungdomsgårdarna ordnade kvällsverkstäder där unga skrev en ansökan om sommarjobb och övade "
            "intervjuer med frivilliga från arbetsgivare.",
            "Youth centres held evening workshops where young people wrote a summer job application and "
            "practised interviews with volunteers from employers.",
        ),
        next_step=ADOPT,
        next_step_reason="Pajat tulevat osaksi nuorisotalojen kevään vakiotoimintaa.",
        learnings=(
            learning(
                "Harjoitushaastattelu oli nuorille tärkeämpi kuin hakemuksen kirjoittaminen",
                "Övningsintervjun var viktigare för de unga än att skriva ansökan",
                "The practice interview mattered more to young people than writing the application",
                "Palautteessa 88 % nuorista nimesi harjoitushaastattelun pajan hyödyllisimmäksi osaksi. "
                "Pajoihin osallistui 317 nuorta.",
                "nuoret",
                "kesätyö",
                "työelämä",
            ),
            learning(
                "Pajoihin tuli myös nuoria, jotka eivät muuten käy nuorisotalolla",
                "Till verkstäderna kom också unga som annars inte besöker ungdomsgården",
                "The workshops also drew young people who do not otherwise visit the youth centre",
                "Osallistujista 45 % kävi nuorisotalolla ensimmäistä kertaa. Heistä kolmannes palasi "
                "myöhemmin muuhun toimintaan.",
                "nuoret",
                "nuorisotyö",
                "tavoittavuus",
            ),
        ),
    ),
    TopicSpec(
        key="aurauskartta",
        programme="hki-open",
        applicant_kind=COMPANY,
        organisation="Kinos Data Oy",
        unit="kymp",
        budget=15000,
        months=5,
        title=Text(
            "Aurauksen tilannekartta asukkaille",
            "En lägeskarta över snöplogningen för invånarna",
            "A live snow-ploughing map for residents",
        ),
        summary=Text(
            "Aurauskoneiden sijainti ja aurattujen katujen tilanne näytettiin asukkaille kartalla lähes "
            "reaaliaikaisesti kahdessa kaupunginosassa.",
            "Plogbilarnas position och läget på plogade gator visades för invånarna på en karta nästan i "
            "realtid i två stadsdelar.",
            "The location of snow ploughs and the status of ploughed streets were shown to residents on a "
            "near real-time map in two districts.",
        ),
        next_step=ITERATE,
        next_step_reason="Kartta toimi, mutta tiedonsiirto urakoitsijoiden koneista on ratkaistava; seuraava "
        "kokeilu koko kaupungin alueella.",
        learnings=(
            learning(
                "Kartta vähensi yhteydenottoja aurauksen tilanteesta",
                "Kartan minskade kontakterna om plogningsläget",
                "The map reduced calls and messages about the ploughing situation",
                "Kokeilualueilta tuli lumisina viikkoina 43 % vähemmän auraukseen liittyvää palautetta kuin "
                "vertailualueilta.",
                "asiakaskokemus",
                "talvikunnossapito",
                "avoin data",
            ),
            learning(
                "Urakoitsijoiden erilaiset paikantimet olivat suurin este",
                "Entreprenörernas olika positioneringsenheter var det största hindret",
                "The contractors' different tracking devices were the biggest obstacle",
                "Viidestä urakoitsijasta kahden koneiden sijainti saatiin karttaan automaattisesti; muiden "
                "tiedot syötettiin käsin.",
                "tieto",
                "talvikunnossapito",
                "rajapinnat",
            ),
        ),
    ),
    TopicSpec(
        key="potkulaudat-talvi",
        programme="hki-open",
        applicant_kind=COMPANY,
        organisation="Potku Mobility Oy",
        unit="kymp",
        budget=8000,
        months=4,
        title=Text(
            "Sähköpotkulautojen talvipysäköintialueet",
            "Vinterparkering för elsparkcyklar",
            "Winter parking areas for e-scooters",
        ),
        summary=Text(
            "Tarkoituksena oli kokeilla merkittyjä talvipysäköintialueita sähköpotkulaudoille, jotta ne "
            "eivät haittaisi aurausta. Kokeilu peruttiin, kun operaattorit vetivät laudat pois talven "
            "ajaksi.",
            "Avsikten var att pröva markerade vinterparkeringsområden för elsparkcyklar så att de inte "
            "skulle störa plogningen. Försöket avbröts när operatörerna tog bort sparkcyklarna för vintern.",
            "The plan was to try marked winter parking areas for e-scooters so that they would not get in "
            "the way of snow ploughing. The experiment was cancelled when the operators withdrew their "
            "scooters for the winter.",
        ),
    ),
    TopicSpec(
        key="koulupiha-iltakaytto",
        programme="hki-open",
        applicant_kind=ASSOCIATION,
        organisation="Harjurinteen asukasyhdistys ry",
        unit="kasko",
        budget=6000,
        months=5,
        title=Text(
            "Koulun piha asukkaiden iltakäyttöön",
            "Skolgården för invånarnas kvällsbruk",
            "Opening the school yard to residents in the evenings",
        ),
        summary=Text(
            "Kahden koulun pihat ja välinevarastot avattiin asukkaille iltaisin ja viikonloppuisin "
            "asukasyhdistyksen vastuulla.",
            "Gårdarna och redskapsförråden vid två skolor öppnades för invånarna på kvällar och veckoslut, "
            "med invånarföreningen som ansvarig.",
            "The yards and equipment stores of two schools were opened to residents in the evenings and at "
            "weekends, with the residents' association responsible.",
        ),
        next_step=ADOPT,
        next_step_reason="Iltakäytöstä tehdään pysyvä sopimusmalli, jota muutkin koulut voivat käyttää.",
        learnings=(
            learning(
                "Selkeä vastuuhenkilö asukkaista ratkaisi, toimiko iltakäyttö",
                "En tydlig ansvarsperson bland invånarna avgjorde om kvällsbruket fungerade",
                "A clear contact person among residents decided whether evening use worked",
                "Koulussa, jossa asukasyhdistys nimesi vuorovastaavat, ilkivaltailmoituksia ei tullut. "
                "Toisessa koulussa niitä tuli kuusi ennen kuin vastaavat nimettiin.",
                "yhteistyo",
                "yhteiset tilat",
                "asukastoiminta",
            ),
            learning(
                "Lainattavat pelivälineet toivat pihalle perheitä, eivät vain nuoria",
                "Lånbara spelredskap lockade familjer till gården, inte bara unga",
                "Lendable sports equipment brought families to the yard, not just teenagers",
                "Iltakävijöistä 38 % oli lapsiperheitä. Välineitä lainattiin 540 kertaa.",
                "liikunta",
                "yhteiset tilat",
                "liikunta",
            ),
        ),
    ),
    TopicSpec(
        key="tavarajakamo",
        programme="hki-open",
        applicant_kind=RESIDENT,
        unit="kuva",
        budget=4000,
        months=6,
        title=Text(
            "Kaupunginosan tavarajakamo kirjastossa",
            "Ett sakbibliotek för stadsdelen i biblioteket",
            "A neighbourhood library of things in the public library",
        ),
        summary=Text(
            "Asukkaat lahjoittivat työkaluja, retkeilyvarusteita ja pelejä kirjaston jakamoon, josta niitä "
            "lainattiin kirjastokortilla.",
            "Invånarna donerade verktyg, friluftsutrustning och spel till bibliotekets sakbibliotek, där de "
            "lånades med bibliotekskort.",
            "Residents donated tools, outdoor gear and games to the library's library of things, where they "
            "were borrowed with a library card.",
        ),
        next_step=SCALE,
        next_step_reason="Jakamo laajennetaan kolmeen muuhun kirjastoon, ja lahjoitusten vastaanotto "
        "keskitetään.",
        learnings=(
            learning(
                "Suosituimpia olivat isot, harvoin tarvittavat tavarat kuten porakone ja teltta",
                "Mest populära var stora saker som sällan behövs, som borrmaskinen och tältet",
                "The most popular items were big things people rarely need, like the drill and the tent",
                "Lainoja oli kuudessa kuukaudessa 1 350. Kymmenen suosituimman tavaran joukossa oli vain "
                "suuria, harvoin tarvittavia esineitä.",
                "kestavyys",
                "kiertotalous",
                "kirjasto",
            ),
            learning(
                "Lahjoitusten tarkastus vei henkilökunnalta arvioitua enemmän aikaa",
                "Kontrollen av donationerna tog mer av personalens tid än beräknat",
                "Checking donations took more staff time than expected",
                "Henkilökunta käytti lahjoitusten tarkastukseen keskimäärin 6 tuntia viikossa, kun "
                "suunnitelmassa oli varattu 2 tuntia.",
                "tyon-sujuvuus",
                "kiertotalous",
                "resursointi",
            ),
        ),
    ),
    TopicSpec(
        key="hiljainen-tunti",
        programme="hki-open",
        applicant_kind=ASSOCIATION,
        organisation="Aistiystävällinen kaupunki ry",
        unit="kuva",
        budget=5000,
        months=4,
        title=Text(
            "Hiljainen tunti uimahalliin", "En lugn timme i simhallen", "A quiet hour at the swimming hall"
        ),
        summary=Text(
            "Uimahallissa kokeiltiin viikoittaista hiljaista tuntia, jolloin musiikki ja kuulutukset olivat "
            "pois päältä ja valaistus himmeämpi.",
            "Simhallen prövade en lugn timme varje vecka, då musiken och utropen var avstängda och "
            "belysningen dämpad.",
            "The swimming hall tried a weekly quiet hour with no music or announcements and dimmer lighting.",
        ),
        next_step=ADOPT,
        next_step_reason="Hiljainen tunti jatkuu pysyvästi, ja mallia tarjotaan muille uimahalleille.",
        learnings=(
            learning(
                "Hiljainen tunti toi halliin kävijöitä, joille tavallinen aukiolo on liian kuormittava",
                "Den lugna timmen lockade besökare för vilka vanliga öppettider är för belastande",
                "The quiet hour attracted visitors who find regular opening hours too overwhelming",
                "Hiljaisen tunnin kävijöistä 35 % ei ollut käynyt hallissa edellisen vuoden aikana. "
                "Kävijämäärä kasvoi kokeilun aikana 18:sta 44:ään.",
                "hyvinvointi",
                "saavutettavuus",
                "liikunta",
            ),
            learning(
                "Muutkin asiakkaat pitivät rauhallisesta tunnista",
                "Även andra kunder tyckte om den lugna timmen",
                "Other customers liked the calm hour too",
                "Kassalla kerätyssä palautteessa 91 % hiljaisen tunnin aikana uineista antoi arvosanan 4 tai "
                "5.",
                "asiakaskokemus",
                "liikunta",
                "palaute",
            ),
        ),
    ),
    TopicSpec(
        key="valinelainaamo",
        programme="hki-open",
        applicant_kind=ASSOCIATION,
        organisation="Itäkaaren Välinepankki ry",
        unit="kuva",
        budget=9000,
        months=6,
        title=Text(
            "Urheiluvälineiden lainaamo lähiöön",
            "Ett utlåningsställe för sportutrustning i förorten",
            "A sports equipment lending point in the suburb",
        ),
        summary=Text(
            "Lähiön liikuntapuistoon avattiin lainaamo, josta lapset ja nuoret lainasivat maksutta "
            "luistimia, suksia ja pallopelien välineitä.",
            "Ett utlåningsställe öppnades i förortens idrottspark, där barn och unga gratis lånade "
            "skridskor, skidor och bollspelsutrustning.",
            "A lending point opened in the suburb's sports park, where children and young people borrowed "
            "skates, skis and ball game equipment for free.",
        ),
        next_step=SCALE,
        next_step_reason="Lainaamo laajennetaan kolmeen muuhun liikuntapuistoon yhdessä urheiluseurojen "
        "kanssa.",
        learnings=(
            learning(
                "Välineiden hinta oli monelle perheelle todellinen este liikkumiselle",
                "Utrustningens pris var ett verkligt hinder för motion för många familjer",
                "The cost of equipment was a real barrier to exercise for many families",
                "Lainaajien huoltajista 61 % kertoi kyselyssä, ettei lapsella olisi ollut välineitä ilman "
                "lainaamoa. Lainoja kirjattiin 2 230.",
                "liikunta",
                "yhdenvertaisuus",
                "liikunta",
            ),
            learning(
                "Aukiolo piti sovittaa koulupäivän jälkeiseen aikaan",
                "Öppettiderna måste passas in efter skoldagen",
                "Opening hours had to fit the time after school",
                "Kun aukiolo siirrettiin kello 14–19:ään, lainojen määrä kaksinkertaistui kahdessa viikossa.",
                "nuoret",
                "aukioloajat",
                "liikunta",
            ),
        ),
    ),
    TopicSpec(
        key="tekoalykaannokset",
        programme="hki-open",
        applicant_kind=COMPANY,
        organisation="Polyglotti AI Oy",
        language="en",
        unit="kasko",
        budget=15000,
        months=4,
        title=Text(
            "Tekoälykäännökset päiväkotien tiedotteisiin",
            "AI-översättningar av daghemmens meddelanden",
            "AI translations of day-care notices",
        ),
        summary=Text(
            "Päiväkotien tiedotteet käännettiin tekoälyllä kahdeksalle kielelle, ja käännösten laatua "
            "arvioitiin perheiden ja tulkkien kanssa.",
            "Daghemmens meddelanden översattes med AI till åtta språk, och kvaliteten bedömdes tillsammans "
            "med familjer och tolkar.",
            "Day-care notices were machine-translated into eight languages, and the quality was assessed "
            "with families and interpreters.",
        ),
        next_step=STOP,
        next_step_reason="Kokeilua ei jatketa tällä ratkaisulla: käännösvirheet olivat liian vakavia ilman "
        "ihmisen tarkistusta.",
        learnings=(
            learning(
                "Arkiset tiedotteet kääntyivät hyvin, terveyttä ja maksuja koskevat ohjeet eivät",
                "Vardagliga meddelanden översattes bra, men inte anvisningar om hälsa och avgifter",
                "Everyday notices translated well, but instructions about health and fees did not",
                "Tulkit arvioivat 160 käännöstä: retkitiedotteista 92 % oli käyttökelpoisia, terveyteen ja "
                "asiakasmaksuihin liittyvistä 54 %.",
                "digitalisaatio",
                "tekoäly",
                "monikielisyys",
            ),
            learning(
                "Perheet luottivat käännökseen enemmän, kun alkuperäinen teksti näkyi rinnalla",
                "Familjerna litade mer på översättningen när originaltexten syntes bredvid",
                "Families trusted the translation more when the original text was shown alongside it",
                "Kyselyyn vastanneista 140 huoltajasta 68 % halusi nähdä suomenkielisen tekstin käännöksen "
                "vieressä.",
                "asiakaskokemus",
                "monikielisyys",
                "luottamus",
            ),
        ),
    ),
    TopicSpec(
        key="koulureitit",
        programme="hki-open",
        applicant_kind=RESEARCH,
        organisation="Kaupunkiliikkumisen tutkimusryhmä",
        unit="kymp",
        budget=14000,
        months=6,
        title=Text(
            "Turvalliset pyöräreitit kouluun oppilaiden kanssa",
            "Trygga cykelvägar till skolan tillsammans med eleverna",
            "Safe cycling routes to school, mapped with pupils",
        ),
        summary=Text(
            "Oppilaat merkitsivät kartalle koulumatkojensa vaaranpaikat, ja kolmeen kohtaan tehtiin "
            "kokeiluna väliaikaiset muutokset.",
            "Eleverna markerade farliga ställen på sina skolvägar på en karta, och tre ställen fick "
            "tillfälliga ändringar på försök.",
            "Pupils marked the dangerous spots on their way to school on a map, and three places got "
            "temporary changes as a trial.",
        ),
        next_step=ITERATE,
        next_step_reason="Väliaikaiset muutokset toimivat kahdessa kohdassa kolmesta; kartoitus toistetaan "
        "viidessä koulussa ennen pysyviä ratkaisuja.",
        learnings=(
            learning(
                "Oppilaiden kartoitus löysi vaaranpaikkoja, jotka puuttuivat onnettomuustilastoista",
                "Elevernas kartläggning hittade farliga ställen som saknades i olycksstatistiken",
                "The pupils' mapping found danger spots missing from the accident statistics",
                "Oppilaat merkitsivät 212 kohtaa, joista 40 toistui useamman oppilaan merkinnöissä; niistä "
                "vain 9 oli onnettomuustilastossa.",
                "nuoret",
                "liikenneturvallisuus",
                "osallisuus",
            ),
            learning(
                "Väliaikainen muutos kannatti mitata videolla ennen ja jälkeen",
                "Det lönade sig att mäta den tillfälliga ändringen med video före och efter",
                "Measuring the temporary change on video before and after paid off",
                "Videolaskennan mukaan autojen nopeudet laskivat kahdessa kohdassa keskimäärin 9 km/h; "
                "kolmannessa muutosta ei ollut.",
                "tieto",
                "liikenneturvallisuus",
                "mittaaminen",
            ),
        ),
    ),
)

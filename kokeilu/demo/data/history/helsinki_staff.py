"""Helsinki's staff experiment campaigns (Kokeilukiihdyttämö): what staff tried and learned."""

from kokeilu.calls.models import ApplicantKind
from kokeilu.reports.models import NextStep

from ..types import Text
from .types import TopicSpec, learning

STAFF = ApplicantKind.CITY_STAFF

ADOPT = NextStep.ADOPT
SCALE = NextStep.SCALE
ITERATE = NextStep.ITERATE
PROCURE = NextStep.PROCURE
STOP = NextStep.STOP

HELSINKI_STAFF: tuple[TopicSpec, ...] = (
    TopicSpec(
        key="omatoimikirjasto",
        programme="hki-staff",
        applicant_kind=STAFF,
        unit="kuva",
        budget=6000,
        title=Text(
            "Omatoimikirjaston opastus ensikäyttäjille",
            "Vägledning för nya användare av meröppet bibliotek",
            "Guidance for first-time users of self-service library hours",
        ),
        summary=Text(
            "Kokeilimme, miten asiakkaat saadaan käyttämään kirjastoa omatoimiaikoina ilman henkilökuntaa: "
            "ääniopaste ovella, lyhyt video ja opastettu ensikäynti.",
            "Vi prövade hur kunderna kan börja använda biblioteket under meröppna tider utan personal: en "
            "ljudguide vid dörren, en kort video och ett handlett första besök.",
            "We tried how to get customers using the library during self-service hours without staff: an "
            "audio guide at the door, a short video and a guided first visit.",
        ),
        next_step=ADOPT,
        next_step_reason="Opastusmalli otetaan käyttöön kaikissa omatoimikirjastoissa osana normaalia työtä.",
        learnings=(
            learning(
                "Opastettu ensikäynti riitti useimmille omatoimiasiakkaille",
                "Ett handlett första besök räckte för de flesta kunder under meröppna tider",
                "One guided first visit was enough for most self-service customers",
                "Opastuspyyntöjä tuli ensimmäisellä viikolla 41 ja viidennellä 6. Kyselyyn vastanneista 78 % "
                "asioi toisella käynnillä itsenäisesti.",
                "asiakaskokemus",
                "kirjasto",
                "omatoimisuus",
            ),
            learning(
                "Ääniopaste ovella toimi paremmin kuin painettu ohje",
                "En ljudguide vid dörren fungerade bättre än en tryckt instruktion",
                "An audio guide at the door worked better than printed instructions",
                "Havainnoiduista 23 asiakkaasta 17 kuunteli ääniopasteen, mutta vain 4 luki ovessa olevan "
                "ohjeen.",
                "opasteet",
                "kirjasto",
                "saavutettavuus",
            ),
        ),
    ),
    TopicSpec(
        key="lautashavikki",
        programme="hki-staff",
        applicant_kind=STAFF,
        unit="kasko",
        budget=8000,
        months=4,
        title=Text(
            "Lautashävikki näkyväksi koulujen ruokaloissa",
            "Tallrikssvinnet synligt i skolornas matsalar",
            "Making plate waste visible in school canteens",
        ),
        summary=Text(
            "Oppilaat punnitsivat lautashävikin päivittäin kolmessa koulussa, ja tulokset näytettiin "
            "ruokalan näytöllä viikoittain.",
            "Eleverna vägde tallrikssvinnet dagligen i tre skolor, och resultaten visades varje vecka på en "
            "skärm i matsalen.",
            "Pupils weighed the plate waste daily in three schools, and the results were shown weekly on a "
            "screen in the canteen.",
        ),
        next_step=SCALE,
        next_step_reason="Punnitus ja viikkonäyttö laajennetaan kaikkiin alueen 14 kouluun seuraavana "
        "lukuvuonna.",
        learnings=(
            learning(
                "Lautashävikki väheni, kun oppilaat näkivät tulokset joka viikko",
                "Tallrikssvinnet minskade när eleverna såg resultaten varje vecka",
                "Plate waste fell when pupils saw the results every week",
                "Lautashävikki laski kahdeksassa viikossa keskimäärin 31 grammasta 19 grammaan oppilasta "
                "kohden. Vertailukoulussa muutosta ei ollut.",
                "kestavyys",
                "kouluruoka",
                "hävikki",
            ),
            learning(
                "Mahdollisuus ottaa pienempi annos ja hakea lisää vähensi hävikkiä eniten",
                "Möjligheten att ta en mindre portion och hämta mer minskade svinnet mest",
                "Being able to take a smaller portion and come back for more cut waste the most",
                "Kouluissa, joissa linjastolle lisättiin pienet lautaset, hävikki väheni kaksi kertaa "
                "enemmän kuin muissa.",
                "kestavyys",
                "kouluruoka",
                "annoskoko",
            ),
        ),
    ),
    TopicSpec(
        key="takaisinsoitto",
        programme="hki-staff",
        applicant_kind=STAFF,
        unit="kymp",
        budget=9000,
        title=Text(
            "Takaisinsoitto jonottamisen sijaan",
            "Återuppringning i stället för att köa",
            "A call-back instead of waiting in the queue",
        ),
        summary=Text(
            "Kaupunkiympäristön asiakaspalvelun puhelinjonossa asiakas sai valita takaisinsoiton, ja soitot "
            "ajoitettiin hiljaisille tunneille.",
            "I telefonkön till stadsmiljösektorns kundtjänst kunde kunden välja återuppringning, och "
            "samtalen lades på lugnare timmar.",
            "In the Urban Environment customer service phone queue, callers could choose a call-back, "
            "scheduled for quieter hours.",
        ),
        next_step=PROCURE,
        next_step_reason="Takaisinsoitto vaatii puhelinjärjestelmän lisäosan, joka hankitaan puitesopimuksen "
        "kautta.",
        learnings=(
            learning(
                "Puolet jonottajista valitsi takaisinsoiton, kun sitä tarjottiin heti jonon alussa",
                "Hälften av dem som köade valde återuppringning när den erbjöds direkt i början av kön",
                "Half of the callers chose a call-back when it was offered right at the start of the queue",
                "Kokeilun aikana 2 480 soittajasta 1 210 valitsi takaisinsoiton. Kun vaihtoehto kerrottiin "
                "vasta viiden minuutin kohdalla, osuus oli 18 %.",
                "asiakaskokemus",
                "asiakaspalvelu",
                "jonot",
            ),
            learning(
                "Takaisinsoitto tasoitti ruuhkaa vain, kun soitot ajoitettiin iltapäivään",
                "Återuppringningen jämnade ut rusningen bara när samtalen lades på eftermiddagen",
                "Call-backs evened out the peak only when they were scheduled for the afternoon",
                "Aamupäivän jonotusaika lyheni 14 minuutista 6 minuuttiin; kun takaisinsoittoja tehtiin "
                "aamulla, jono kasvoi uudelleen.",
                "tyon-sujuvuus",
                "asiakaspalvelu",
                "resursointi",
            ),
        ),
    ),
    TopicSpec(
        key="kotihoito-video",
        programme="hki-staff",
        applicant_kind=STAFF,
        unit="sote",
        budget=10000,
        months=4,
        title=Text(
            "Videokäynnit kotihoidon iltakäyntien tilalle",
            "Videobesök i stället för hemvårdens kvällsbesök",
            "Video visits instead of home care evening visits",
        ),
        summary=Text(
            "Osa kotihoidon iltakäynneistä tehtiin videoyhteydellä asiakkaille, joiden käynnillä "
            "muistutetaan lääkkeistä ja kysytään vointia.",
            "En del av hemvårdens kvällsbesök gjordes via video för klienter vars besök handlar om att "
            "påminna om mediciner och fråga hur de mår.",
            "Some home care evening visits were made by video for clients whose visit is about reminding "
            "them of their medicines and asking how they are.",
        ),
        next_step=SCALE,
        next_step_reason="Videokäynnit laajennetaan kaikille kotihoidon alueille niille asiakkaille, joille "
        "ne sopivat.",
        learnings=(
            learning(
                "Videokäynti sopi noin kolmannekselle iltakäyntien asiakkaista",
                "Videobesök passade ungefär en tredjedel av klienterna med kvällsbesök",
                "Video visits suited about a third of the evening visit clients",
                "Arvioiduista 96 asiakkaasta 31 siirtyi videokäynteihin. Muistisairaus ja heikko näkö olivat "
                "yleisimmät syyt jatkaa kotikäyntejä.",
                "hyvinvointi",
                "kotihoito",
                "ikääntyneet",
            ),
            learning(
                "Omainen oli tärkein tuki laitteen käytön opettelussa",
                "En anhörig var det viktigaste stödet när klienten lärde sig använda enheten",
                "A relative was the most important support in learning to use the device",
                "Niistä asiakkaista, joiden omainen osallistui ensimmäiseen videokäyntiin, 90 % jatkoi "
                "kokeilun loppuun; muista 55 %.",
                "ikaantyneet",
                "kotihoito",
                "omaiset",
                "digituki",
            ),
        ),
    ),
    TopicSpec(
        key="tayttoasteanturit",
        programme="hki-staff",
        applicant_kind=STAFF,
        unit="kymp",
        budget=10000,
        months=4,
        title=Text(
            "Täyttöasteanturit puistojen roska-astioihin",
            "Fyllnadsgradssensorer i parkernas papperskorgar",
            "Fill-level sensors in park litter bins",
        ),
        summary=Text(
            "Kahdenkymmenen puiston roska-astioihin asennettiin anturit, ja tyhjennysreitit suunniteltiin "
            "täyttöasteen mukaan.",
            "Sensorer installerades i papperskorgarna i tjugo parker, och tömningsrutterna planerades enligt "
            "fyllnadsgraden.",
            "Sensors were installed in the litter bins of twenty parks, and emptying routes were planned by "
            "fill level.",
        ),
        next_step=PROCURE,
        next_step_reason="Anturit kilpailutetaan roska-astioiden uusimisen yhteydessä; kokeilun tiedot ovat "
        "hankinnan pohjana.",
        learnings=(
            learning(
                "Täyttöasteen mukaan suunnitellut reitit vähensivät tyhjennyskäyntejä kolmanneksella",
                "Rutter planerade enligt fyllnadsgraden minskade tömningsbesöken med en tredjedel",
                "Routes planned by fill level cut emptying visits by a third",
                "Tyhjennyskäyntejä oli kokeilualueella 1 140 vertailujakson 1 720 sijaan. Ylitäysistä "
                "astioista tuli yhtä vähän ilmoituksia kuin ennen.",
                "kestavyys",
                "jätehuolto",
                "anturit",
            ),
            learning(
                "Anturit kestivät pakkasta huonosti",
                "Sensorerna tålde kylan dåligt",
                "The sensors coped badly with frost",
                "Pakkasjaksolla 20 anturista 7 lakkasi lähettämästä tietoa. Hankinnassa vaaditaan jatkossa "
                "talvitestaus.",
                "digitalisaatio",
                "anturit",
                "talvi",
                "hankinta",
            ),
        ),
    ),
    TopicSpec(
        key="nuorisotalo-aukiolot",
        programme="hki-staff",
        applicant_kind=STAFF,
        unit="kuva",
        budget=5000,
        title=Text(
            "Nuoret päättävät nuorisotalon aukioloajat",
            "Unga bestämmer ungdomsgårdens öppettider",
            "Young people decide the youth centre's opening hours",
        ),
        summary=Text(
            "Kolmen nuorisotalon aukioloajat päätettiin nuorten kanssa kännykkäkyselyllä ja talon omassa "
            "kokouksessa.",
            "Öppettiderna på tre ungdomsgårdar bestämdes tillsammans med de unga genom en mobilenkät och ett "
            "eget möte på gården.",
            "The opening hours of three youth centres were decided with young people through a mobile survey "
            "and a meeting at the centre.",
        ),
        next_step=ADOPT,
        next_step_reason="Aukioloajat päätetään jatkossa nuorten kanssa kerran lukukaudessa kaikilla alueen "
        "nuorisotaloilla.",
        learnings=(
            learning(
                "Myöhäisemmät perjantai-illat toivat taloille uusia kävijöitä",
                "Senare fredagskvällar lockade nya besökare till gårdarna",
                "Later Friday evenings brought new visitors to the centres",
                "Perjantain kävijämäärä kasvoi keskimäärin 38:sta 61:een, ja kävijöistä 40 % oli uusia.",
                "nuoret",
                "nuorisotyö",
                "aukioloajat",
            ),
            learning(
                "Kysely ei yksin riittänyt: päätös syntyi vasta nuorten kokouksessa",
                "Enkäten räckte inte ensam: beslutet fattades först på de ungas möte",
                "A survey alone was not enough: the decision was made in the young people's meeting",
                "Kyselyyn vastasi 212 nuorta, mutta vastaukset jakautuivat tasan. Kokoukseen osallistui 34 "
                "nuorta, ja he sopivat kompromissista.",
                "nuoret",
                "osallisuus",
                "nuorisotyö",
            ),
        ),
    ),
    TopicSpec(
        key="uimakoulu-arvonta",
        programme="hki-staff",
        applicant_kind=STAFF,
        unit="kuva",
        budget=7000,
        title=Text(
            "Uimakoulujen paikat arvonnalla verkossa",
            "Platser i simskolor genom lottning på nätet",
            "Swimming school places by online lottery",
        ),
        summary=Text(
            "Uimakoulujen paikat jaettiin verkkoilmoittautumisen jälkeen arvonnalla sen sijaan, että ne "
            "olisi myyty ilmoittautumisjärjestyksessä.",
            "Platserna i simskolorna fördelades genom lottning efter anmälan på nätet i stället för att "
            "säljas i den ordning anmälningarna kom in.",
            "Swimming school places were allocated by lottery after online registration instead of first "
            "come, first served.",
        ),
        next_step=ADOPT,
        next_step_reason="Arvonta otetaan käyttöön kaikilla liikuntapalvelujen suosituilla kursseilla.",
        learnings=(
            learning(
                "Arvonta poisti ilmoittautumisaamun ruuhkan ja valitukset",
                "Lottningen tog bort anmälningsmorgonens rusning och klagomålen",
                "A lottery removed the registration-morning rush and the complaints",
                "Ilmoittautumisaamuna ei ollut palvelukatkoja, ja kurssipaikoista tehtyjä valituksia tuli 3 "
                "edellisvuoden 57:n sijaan.",
                "asiakaskokemus",
                "liikuntapalvelut",
                "ajanvaraus",
            ),
            learning(
                "Perheet arvostivat tietoa siitä, milloin arvonnan tulos tulee",
                "Familjerna uppskattade att veta när lottningens resultat kommer",
                "Families valued knowing when the lottery result would arrive",
                "Palautteista 64 % mainitsi etukäteen ilmoitetun tulospäivän. Eniten kysymyksiä tuli "
                "varasijoista.",
                "liikunta",
                "liikuntapalvelut",
                "viestintä",
            ),
        ),
    ),
    TopicSpec(
        key="selkokielinen-hakuopas",
        programme="hki-staff",
        applicant_kind=STAFF,
        unit="kasko",
        budget=6000,
        title=Text(
            "Selkokielinen opas varhaiskasvatukseen hakemiseen",
            "En lättläst guide till ansökan om småbarnspedagogik",
            "A plain-language guide to applying for early childhood education",
        ),
        summary=Text(
            "Varhaiskasvatuksen hakuohjeet kirjoitettiin selkokielelle ja kuvitettiin, ja niitä testattiin "
            "perheiden kanssa neljällä kielellä.",
            "Ansökningsanvisningarna för småbarnspedagogik skrevs på lättläst språk och illustrerades, och "
            "de testades med familjer på fyra språk.",
            "The instructions for applying for early childhood education were rewritten in plain language "
            "and illustrated, and tested with families in four languages.",
        ),
        next_step=ADOPT,
        next_step_reason="Selkokielinen opas korvaa vanhan hakuohjeen, ja samaa mallia käytetään "
        "esiopetuksen haussa.",
        learnings=(
            learning(
                "Selkokieli vähensi puutteellisia hakemuksia enemmän kuin käännökset",
                "Lättläst språk minskade de bristfälliga ansökningarna mer än översättningarna",
                "Plain language reduced incomplete applications more than translations did",
                "Puutteellisten hakemusten osuus laski 22 %:sta 12 %:iin. Käännettyjen ohjeiden lukijoilla "
                "muutos oli pienempi kuin selkokielisen ohjeen lukijoilla.",
                "asiakaskokemus",
                "selkokieli",
                "varhaiskasvatus",
            ),
            learning(
                "Kuvat hakuprosessin vaiheista auttoivat eniten niitä, joille suomi on uusi kieli",
                "Bilder av ansökningsprocessens steg hjälpte mest dem för vilka finska är ett nytt språk",
                "Pictures of the application steps helped most those for whom Finnish is a new language",
                "Testihaastatteluissa 15 perheestä 12 osasi kuvien avulla kertoa, mitä hakemuksen jälkeen "
                "tapahtuu.",
                "oppiminen",
                "selkokieli",
                "monikielisyys",
            ),
        ),
    ),
    TopicSpec(
        key="sosiaalineuvonta-chatbot",
        programme="hki-staff",
        applicant_kind=STAFF,
        unit="sote",
        budget=10000,
        title=Text(
            "Keskustelurobotti sosiaalineuvonnan usein kysyttyihin",
            "En chattbot för vanliga frågor i socialrådgivningen",
            "A chatbot for frequently asked questions in social services advice",
        ),
        summary=Text(
            "Sosiaalineuvonnan verkkosivulla kokeiltiin keskustelurobottia, joka vastasi toimeentulotukea ja "
            "asumista koskeviin yleisiin kysymyksiin.",
            "På socialrådgivningens webbplats prövades en chattbot som svarade på allmänna frågor om "
            "utkomststöd och boende.",
            "A chatbot answering general questions about social assistance and housing was tried on the "
            "social services advice website.",
        ),
        next_step=STOP,
        next_step_reason="Kokeilua ei jatketa: kysymykset olivat liian yksilöllisiä. Neuvontaa kehitetään "
        "chatin ja takaisinsoiton kautta.",
        learnings=(
            learning(
                "Asiakkaat kysyivät omasta tilanteestaan, eikä yleinen vastaus auttanut",
                "Kunderna frågade om sin egen situation, och ett allmänt svar hjälpte inte",
                "Customers asked about their own situation, and a general answer did not help",
                "Keskusteluista 71 % ohjautui lopulta ihmiselle. Yleisin palaute oli, ettei vastaus koskenut "
                "kysyjän tilannetta.",
                "digitalisaatio",
                "chatbot",
                "sosiaalipalvelut",
            ),
            learning(
                "Robotti auttoi löytämään oikean lomakkeen, mutta ei paljon muuta",
                "Roboten hjälpte att hitta rätt blankett, men inte mycket mer",
                "The bot helped people find the right form, but little else",
                "Lomakelinkkejä klikattiin 1 900 kertaa. Niissä keskusteluissa asiakastyytyväisyys oli "
                "4,1/5, muissa 2,3/5.",
                "asiakaskokemus",
                "chatbot",
                "lomakkeet",
            ),
        ),
    ),
    TopicSpec(
        key="qr-vikailmoitus",
        programme="hki-staff",
        applicant_kind=STAFF,
        unit="kuva",
        budget=4000,
        title=Text(
            "Vikailmoitus liikuntapaikalta QR-koodilla",
            "Felanmälan från idrottsplatsen med QR-kod",
            "Reporting faults at sports sites with a QR code",
        ),
        summary=Text(
            "Lähiliikuntapaikkojen laitteisiin lisättiin QR-koodit, joilla käyttäjä voi ilmoittaa viasta "
            "suoraan kunnossapidolle.",
            "QR-koder sattes upp på utrustningen vid närmotionsplatserna, så att användarna kan anmäla fel "
            "direkt till underhållet.",
            "QR codes were added to the equipment at local sports sites so that users can report faults "
            "directly to maintenance.",
        ),
        next_step=SCALE,
        next_step_reason="QR-vikailmoitus laajennetaan kaikille lähiliikuntapaikoille ja leikkipuistoihin.",
        learnings=(
            learning(
                "Vikailmoituksia tuli kolme kertaa enemmän, ja viat korjattiin nopeammin",
                "Felanmälningarna tredubblades, och felen åtgärdades snabbare",
                "Fault reports tripled, and faults were fixed faster",
                "Ilmoituksia tuli 186 edellisvuoden saman jakson 58:n sijaan. Korjausajan mediaani lyheni 9 "
                "päivästä 4 päivään.",
                "liikunta",
                "kunnossapito",
                "vikailmoitus",
            ),
            learning(
                "Kuva viasta säästi korjaajalta turhan käynnin",
                "En bild av felet sparade reparatören ett onödigt besök",
                "A photo of the fault saved the repair person a wasted trip",
                "Kuvallisista ilmoituksista 82 % korjattiin ensimmäisellä käynnillä, kuvattomista 55 %.",
                "tyon-sujuvuus",
                "kunnossapito",
                "kuvat",
            ),
        ),
    ),
    TopicSpec(
        key="terveysasema-aikaikkuna",
        programme="hki-staff",
        applicant_kind=STAFF,
        unit="sote",
        budget=8000,
        months=4,
        title=Text(
            "Terveysaseman takaisinsoitto sovittuun aikaan",
            "Hälsostationens återuppringning vid en överenskommen tid",
            "Health station call-backs at an agreed time",
        ),
        summary=Text(
            "Kahdella terveysasemalla asiakas sai valita takaisinsoitolle puolen tunnin aikaikkunan sen "
            "sijaan, että soitto tulisi milloin tahansa päivän aikana.",
            "På två hälsostationer kunde kunden välja ett halvtimmesfönster för återuppringningen i stället "
            "för att samtalet kunde komma när som helst under dagen.",
            "At two health stations, patients could choose a half-hour window for their call-back instead of "
            "waiting for a call at any time of day.",
        ),
        next_step=ITERATE,
        next_step_reason="Aikaikkunat toimivat, mutta aamupäivän kuormitus pitää ratkaista ennen "
        "laajentamista; uusi kokeilujakso syksyllä.",
        learnings=(
            learning(
                "Tavoittamattomien takaisinsoittojen määrä puolittui",
                "Antalet återuppringningar som inte nådde kunden halverades",
                "The number of call-backs that failed to reach the patient halved",
                "Tavoittamattomia soittoja oli 19 % ennen kokeilua ja 8 % kokeilun aikana.",
                "asiakaskokemus",
                "terveysasema",
                "takaisinsoitto",
            ),
            learning(
                "Aamupäivän aikaikkunat täyttyivät, ja hoitajien työ pirstaloitui",
                "Förmiddagens tidsfönster blev fullbokade, och sjukskötarnas arbete splittrades",
                "The morning time windows filled up, and nurses' work became fragmented",
                "Aamupäivän ikkunoista 95 % varattiin. Hoitajien työpäiväkirjojen mukaan soittojen väliin "
                "jäi liian lyhyitä aikoja muulle työlle.",
                "tyon-sujuvuus",
                "terveysasema",
                "työnjako",
            ),
        ),
    ),
    TopicSpec(
        key="kirjastoauto-muistutus",
        programme="hki-staff",
        applicant_kind=STAFF,
        unit="kuva",
        budget=3000,
        title=Text(
            "Kirjastoauton pysäkkimuistutus tekstiviestillä",
            "Sms-påminnelse om bokbussens hållplatser",
            "Text message reminders of the mobile library's stops",
        ),
        summary=Text(
            "Kirjastoauton asiakkaat saivat halutessaan tekstiviestin edellisenä päivänä, kun auto oli "
            "tulossa heidän pysäkilleen.",
            "Bokbussens kunder kunde få ett sms dagen innan bussen kom till deras hållplats.",
            "Mobile library customers could get a text message the day before the bus came to their stop.",
        ),
        next_step=STOP,
        next_step_reason="Kokeilua ei jatketa: viestit eivät lisänneet käyntejä, ja aikataulu löytyy jo "
        "kirjaston sovelluksesta.",
        learnings=(
            learning(
                "Muistutus ei lisännyt käyntejä, koska vakioasiakkaat tunsivat aikataulun jo",
                "Påminnelsen ökade inte besöken, eftersom stamkunderna redan kände till tidtabellen",
                "Reminders did not increase visits because regular customers already knew the timetable",
                "Viestin tilasi 214 asiakasta, joista 190 oli käynyt autossa kuukausittain jo ennen "
                "kokeilua. Käyntimäärät pysyivät ennallaan.",
                "asiakaskokemus",
                "kirjasto",
                "viestintä",
            ),
            learning(
                "Uudet asiakkaat tavoitettiin paremmin koulujen ja päiväkotien kautta",
                "Nya kunder nåddes bättre via skolor och daghem",
                "New customers were reached better through schools and day-care centres",
                "Kokeilun aikana 46 uutta asiakasta löysi kirjastoauton; heistä 31 kertoi kuulleensa siitä "
                "lapsensa koulusta tai päiväkodista.",
                "yhteistyo",
                "kirjasto",
                "tavoittavuus",
            ),
        ),
    ),
    TopicSpec(
        key="lounas-ennakkotilaus",
        programme="hki-staff",
        applicant_kind=STAFF,
        unit="sote",
        budget=5000,
        title=Text(
            "Palvelukeskuksen lounas ennakkoon tilaten",
            "Förhandsbeställd lunch på servicecentralen",
            "Pre-ordered lunches at the seniors' service centre",
        ),
        summary=Text(
            "Palvelukeskuksen lounasasiakkaat tilasivat seuraavan viikon lounaat ennakkoon paperilomakkeella "
            "tai tabletilla.",
            "Lunchgästerna på servicecentralen beställde nästa veckas luncher i förväg på en pappersblankett "
            "eller en surfplatta.",
            "Lunch customers at the seniors' service centre ordered the next week's lunches in advance on a "
            "paper form or a tablet.",
        ),
        next_step=ADOPT,
        next_step_reason="Ennakkotilaus jatkuu pysyvänä; tabletti säilyy paperilomakkeen rinnalla.",
        learnings=(
            learning(
                "Ennakkotilaus vähensi ruokahävikkiä lähes puoleen",
                "Förhandsbeställningen minskade matsvinnet till nästan hälften",
                "Pre-ordering cut food waste almost by half",
                "Valmistetun ruoan hävikki laski 14 kilosta 8 kiloon päivässä. Ruoka ei loppunut kesken "
                "yhtenäkään päivänä.",
                "kestavyys",
                "ruokapalvelut",
                "hävikki",
            ),
            learning(
                "Paperilomake piti säilyttää tabletin rinnalla",
                "Pappersblanketten måste finnas kvar vid sidan av surfplattan",
                "The paper form had to be kept alongside the tablet",
                "Tilauksista 58 % tehtiin paperilla koko kokeilun ajan. Tabletin käyttäjät olivat useimmiten "
                "alle 75-vuotiaita.",
                "ikaantyneet",
                "digituki",
                "saavutettavuus",
            ),
        ),
    ),
    TopicSpec(
        key="koulun-aamupala",
        programme="hki-staff",
        applicant_kind=STAFF,
        unit="kasko",
        budget=9000,
        months=4,
        title=Text(
            "Aamupala koulupäivän alkuun",
            "Frukost i början av skoldagen",
            "Breakfast to start the school day",
        ),
        summary=Text(
            "Kahdessa yläkoulussa tarjottiin maksuton aamupala ennen ensimmäistä oppituntia.",
            "Två högstadieskolor erbjöd gratis frukost före den första lektionen.",
            "Two lower secondary schools offered a free breakfast before the first lesson.",
        ),
        next_step=ITERATE,
        next_step_reason="Aamupala jatkuu kokeilukouluissa, ja seuraavaksi kokeillaan kevyempää mallia, "
        "jossa aamupala jaetaan luokissa.",
        learnings=(
            learning(
                "Aamupalan söi joka päivä noin neljännes oppilaista",
                "Ungefär en fjärdedel av eleverna åt frukost varje dag",
                "About a quarter of pupils ate breakfast every day",
                "Aamupalan söi päivittäin keskimäärin 26 % oppilaista. Osuus oli suurin maanantaisin.",
                "hyvinvointi",
                "kouluruoka",
                "hyvinvointi",
            ),
            learning(
                "Opettajat kertoivat rauhallisemmista aamutunneista, mutta vaikutusta on vaikea mitata",
                "Lärarna berättade om lugnare morgonlektioner, men effekten är svår att mäta",
                "Teachers reported calmer morning lessons, but the effect is hard to measure",
                "Opettajakyselyssä 19 vastaajasta 14 arvioi aamutuntien sujuneen paremmin. Myöhästymisissä "
                "ei ollut selvää muutosta.",
                "oppiminen",
                "kouluruoka",
                "oppimisrauha",
            ),
        ),
    ),
    TopicSpec(
        key="rakennusvalvonta-videoneuvonta",
        programme="hki-staff",
        applicant_kind=STAFF,
        unit="kymp",
        budget=7000,
        title=Text(
            "Rakennusvalvonnan neuvonta-ajat verkossa",
            "Byggnadstillsynens rådgivningstider på nätet",
            "Booking building control advice online",
        ),
        summary=Text(
            "Rakennusvalvonnan neuvontaan saattoi varata verkosta 20 minuutin videoajan, ja asiakas lähetti "
            "piirustukset etukäteen.",
            "Man kunde boka en videotid på 20 minuter hos byggnadstillsynens rådgivning på nätet, och kunden "
            "skickade ritningarna i förväg.",
            "Customers could book a 20-minute video appointment with building control advice online and send "
            "their drawings in advance.",
        ),
        next_step=ADOPT,
        next_step_reason="Verkkoajanvaraus korvaa puhelinneuvonnan; puhelinpäivystys jatkuu kahtena päivänä "
        "viikossa.",
        learnings=(
            learning(
                "Etukäteen lähetetyt piirustukset lyhensivät neuvontaa ja vähensivät uusintakäyntejä",
                "Ritningar som skickats i förväg kortade rådgivningen och minskade återbesöken",
                "Drawings sent in advance shortened advice sessions and reduced return visits",
                "Neuvontakerran keskipituus laski 34 minuutista 21 minuuttiin, ja toista neuvontaa samasta "
                "asiasta tarvitsi 11 % asiakkaista aiemman 29 %:n sijaan.",
                "tyon-sujuvuus",
                "rakennusvalvonta",
                "ajanvaraus",
            ),
            learning(
                "Videoaika sopi yksityisasiakkaille, mutta yritykset halusivat edelleen soittaa",
                "Videotider passade privatkunder, men företagen ville fortfarande ringa",
                "Video appointments suited private customers, but companies still wanted to phone",
                "Yksityisasiakkaista 81 % valitsi videoajan. Rakennusliikkeiden edustajista 70 % soitti "
                "edelleen päivystykseen.",
                "asiakaskokemus",
                "rakennusvalvonta",
                "asiointikanavat",
            ),
        ),
    ),
    TopicSpec(
        key="esteettomyystiedot",
        programme="hki-staff",
        applicant_kind=STAFF,
        unit="kuva",
        budget=6000,
        title=Text(
            "Esteettömyystiedot kulttuurikeskusten tapahtumiin",
            "Tillgänglighetsinformation för kulturcentrens evenemang",
            "Accessibility information for cultural centre events",
        ),
        summary=Text(
            "Kolmen kulttuurikeskuksen tapahtumasivuille lisättiin yhtenäiset esteettömyystiedot, jotka "
            "koottiin yhdessä vammaisjärjestöjen kanssa.",
            "Enhetlig tillgänglighetsinformation, som samlades in tillsammans med handikapporganisationer, "
            "lades till på evenemangssidorna för tre kulturcentrer.",
            "Consistent accessibility information, gathered together with disability organisations, was "
            "added to the event pages of three cultural centres.",
        ),
        next_step=SCALE,
        next_step_reason="Esteettömyystiedot laajennetaan kaikkien kulttuurikeskusten ja kirjastojen "
        "tapahtumiin.",
        learnings=(
            learning(
                "Yhtenäinen tieto kuulosilmukasta ja istumapaikoista lisäsi lipunostoja",
                "Enhetlig information om hörslinga och sittplatser ökade biljettköpen",
                "Consistent information on hearing loops and seating increased ticket sales",
                "Esteettömyyttä tarvitsevien asiakkaiden lippuvaraukset kasvoivat 42 %. Puhelinkyselyt "
                "esteettömyydestä vähenivät 61 %.",
                "asiakaskokemus",
                "kulttuuri",
                "saavutettavuus",
            ),
            learning(
                "Tiedot pysyivät ajan tasalla vain, kun jokaisessa talossa oli niistä vastaava",
                "Informationen hölls aktuell bara när någon i varje hus ansvarade för den",
                "The information stayed up to date only where someone in the building was responsible for it",
                "Kokeilun lopussa kahden talon tiedot olivat ajan tasalla, kolmannen eivät: siellä "
                "vastuuhenkilöä ei ollut nimetty.",
                "tyon-sujuvuus",
                "kulttuuri",
                "vastuut",
            ),
        ),
    ),
)

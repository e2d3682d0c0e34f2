"""Espoo: KYKY pilots, companies and associations testing their products in schools (no funding)."""

from kokeilu.calls.models import ApplicantKind
from kokeilu.reports.models import NextStep

from ..types import Text
from .types import TopicSpec, learning

COMPANY = ApplicantKind.COMPANY
ASSOCIATION = ApplicantKind.ASSOCIATION

ADOPT = NextStep.ADOPT
SCALE = NextStep.SCALE
ITERATE = NextStep.ITERATE
PROCURE = NextStep.PROCURE
STOP = NextStep.STOP

ESPOO_KYKY: tuple[TopicSpec, ...] = (
    TopicSpec(
        key="murtolukupeli",
        programme="kyky",
        applicant_kind=COMPANY,
        organisation="Lukuhelmi Games Oy",
        unit="opetus",
        title=Text(
            "Murtolukupeli alakoulun matematiikkaan",
            "Ett bråktalsspel för matematik i lågstadiet",
            "A fractions game for primary school maths",
        ),
        summary=Text(
            "Neljännen ja viidennen luokan oppilaat harjoittelivat murtolukuja pelillä kahdeksan viikon ajan "
            "kolmessa koulussa.",
            "Elever i fjärde och femte klass övade bråktal med ett spel i åtta veckor i tre skolor.",
            "Fourth and fifth graders practised fractions with a game for eight weeks in three schools.",
        ),
        next_step=PROCURE,
        next_step_reason="Peli hankitaan osaksi matematiikan digitaalisia oppimateriaaleja; kokeilun "
        "tulokset liitetään hankinnan kriteereihin.",
        learnings=(
            learning(
                "Heikoimmat oppilaat hyötyivät pelistä eniten",
                "De svagaste eleverna hade mest nytta av spelet",
                "The weakest pupils benefited most from the game",
                "Alimman neljänneksen oppilaiden koetulokset paranivat keskimäärin 2,1 pistettä (0–10), "
                "muiden 0,8 pistettä.",
                "oppiminen",
                "matematiikka",
                "oppimispelit",
            ),
            learning(
                "Opettaja tarvitsi pelistä luokan yhteenvedon, ei oppilaskohtaisia raportteja",
                "Läraren behövde en sammanfattning för klassen, inte rapporter per elev",
                "Teachers needed a class summary from the game, not per-pupil reports",
                "Opettajahaastatteluissa 7/8 kertoi, ettei ehtinyt lukea oppilaskohtaisia raportteja; luokan "
                "yhteenvetoa käytettiin viikoittain.",
                "oppiminen",
                "opettajat",
                "oppimisanalytiikka",
            ),
        ),
    ),
    TopicSpec(
        key="ilmanlaatumittarit",
        programme="kyky",
        applicant_kind=COMPANY,
        organisation="Raikas Sensorit Oy",
        unit="opetus",
        months=4,
        title=Text(
            "Ilmanlaadun mittarit luokkahuoneisiin",
            "Luftkvalitetsmätare i klassrummen",
            "Air quality meters in classrooms",
        ),
        summary=Text(
            "Luokkahuoneisiin asennettiin hiilidioksidimittarit, joiden liikennevalo kertoi oppilaille ja "
            "opettajalle, milloin on aika tuulettaa.",
            "Koldioxidmätare installerades i klassrummen, och ett trafikljus visade eleverna och läraren när "
            "det var dags att vädra.",
            "Carbon dioxide meters were installed in classrooms, with a traffic light showing pupils and the "
            "teacher when it was time to air the room.",
        ),
        next_step=SCALE,
        next_step_reason="Mittarit laajennetaan kaikkiin kokeilukoulujen luokkiin, ja tiedot kytketään "
        "kiinteistöjen ylläpitoon.",
        learnings=(
            learning(
                "Näkyvä liikennevalo sai luokat tuulettamaan oikeaan aikaan",
                "Ett synligt trafikljus fick klasserna att vädra vid rätt tidpunkt",
                "A visible traffic light got classes airing the room at the right time",
                "Oppitunnit, joilla hiilidioksidipitoisuus ylitti 1 200 ppm, vähenivät 31 %:sta 12 %:iin.",
                "hyvinvointi",
                "sisäilma",
                "koulut",
            ),
            learning(
                "Mittaritiedot paljastivat ilmanvaihdon vikoja, joita kukaan ei ollut huomannut",
                "Mätardata avslöjade fel i ventilationen som ingen hade upptäckt",
                "The meter data revealed ventilation faults nobody had noticed",
                "Kahdessa luokassa pitoisuus nousi tuuletuksesta huolimatta; kiinteistöhuolto löysi niistä "
                "säätövirheen.",
                "tieto",
                "sisäilma",
                "kiinteistöt",
            ),
        ),
    ),
    TopicSpec(
        key="puhekaveri",
        programme="kyky",
        applicant_kind=COMPANY,
        organisation="Talbubbla Ab",
        language="sv",
        unit="opetus",
        title=Text(
            "Ruotsin puhekaverisovellus yläkouluun",
            "En talkompisapp för svenska i högstadiet",
            "A Swedish speaking-buddy app for lower secondary school",
        ),
        summary=Text(
            "Yläkoulun oppilaat harjoittelivat ruotsin ääntämistä ja arkikeskusteluja sovelluksella, joka "
            "antoi palautetta puheesta.",
            "Högstadieelever övade uttal och vardagliga samtal på svenska med en app som gav respons på "
            "talet.",
            "Lower secondary pupils practised Swedish pronunciation and everyday conversation with an app "
            "that gave feedback on their speech.",
        ),
        next_step=ITERATE,
        next_step_reason="Sovellus toimi kotitehtävissä, mutta luokan melu haittasi; yritys kehittää "
        "luokkakäyttöä, ja kokeilu toistetaan.",
        learnings=(
            learning(
                "Oppilaat harjoittelivat puhumista kotona enemmän kuin tunnilla",
                "Eleverna övade att tala mer hemma än på lektionen",
                "Pupils practised speaking more at home than in class",
                "Harjoituskerroista 68 % tehtiin koulupäivän ulkopuolella. Tunnilla luokan taustamelu "
                "heikensi puheentunnistusta.",
                "oppiminen",
                "kielet",
                "puheentunnistus",
            ),
            learning(
                "Arat oppilaat uskalsivat puhua sovellukselle ennen kuin luokkatovereille",
                "Blyga elever vågade tala med appen innan de talade inför klasskamraterna",
                "Shy pupils dared to speak to the app before speaking in front of classmates",
                "Opettajien mukaan 11 oppilasta, jotka eivät aiemmin puhuneet ruotsia tunnilla, osallistui "
                "kokeilun lopussa pariharjoituksiin.",
                "oppiminen",
                "kielet",
                "rohkeus",
            ),
        ),
    ),
    TopicSpec(
        key="robotiikkakerho",
        programme="kyky",
        applicant_kind=ASSOCIATION,
        organisation="Koodiklubi Espoo ry",
        unit="opetus",
        months=4,
        title=Text(
            "Robotiikkakerho iltapäivätoimintaan",
            "En robotikklubb i eftermiddagsverksamheten",
            "A robotics club for after-school care",
        ),
        summary=Text(
            "Yhdistyksen ohjaajat pitivät iltapäivätoiminnassa robotiikkakerhoa, jossa lapset rakensivat ja "
            "ohjelmoivat pieniä robotteja.",
            "Föreningens ledare höll en robotikklubb i eftermiddagsverksamheten där barnen byggde och "
            "programmerade små robotar.",
            "The association's instructors ran a robotics club in after-school care where children built and "
            "programmed small robots.",
        ),
        next_step=ADOPT,
        next_step_reason="Kerho jatkuu iltapäivätoiminnan omana toimintana; ohjaajat koulutettiin kokeilun "
        "aikana.",
        learnings=(
            learning(
                "Kerho tavoitti tyttöjä, kun lapset saivat ilmoittautua kaverin kanssa",
                "Klubben nådde flickor när barnen fick anmäla sig tillsammans med en kompis",
                "The club reached girls once children could sign up with a friend",
                "Ensimmäisessä jaksossa tyttöjä oli 22 %; kun lapset saivat ilmoittautua kaverin kanssa, "
                "osuus nousi 47 %:iin.",
                "oppiminen",
                "robotiikka",
                "yhdenvertaisuus",
            ),
            learning(
                "Iltapäiväohjaajat oppivat vetämään kerhoa itse kahdeksassa viikossa",
                "Eftermiddagsledarna lärde sig leda klubben själva på åtta veckor",
                "After-school staff learned to run the club themselves in eight weeks",
                "Kokeilun lopussa 6/7 ohjaajasta veti kerhokerran ilman yhdistyksen tukea.",
                "oppiminen",
                "robotiikka",
                "osaaminen",
            ),
        ),
    ),
    TopicSpec(
        key="vr-historia",
        programme="kyky",
        applicant_kind=COMPANY,
        organisation="Aikaportti VR Oy",
        unit="opetus",
        title=Text(
            "Virtuaalitodellisuus historian tunneille",
            "Virtuell verklighet på historielektionerna",
            "Virtual reality in history lessons",
        ),
        summary=Text(
            "Tarkoituksena oli kokeilla virtuaalilaseja historian opetuksessa kahdessa yläkoulussa. Kokeilu "
            "peruttiin, kun laitteiden toimitus viivästyi lukukauden yli.",
            "Avsikten var att pröva VR-glasögon i historieundervisningen i två högstadieskolor. Försöket "
            "avbröts när leveransen av utrustningen försenades till efter terminen.",
            "The plan was to try VR headsets in history teaching at two lower secondary schools. The pilot "
            "was cancelled when the delivery of the headsets slipped past the end of term.",
        ),
    ),
    TopicSpec(
        key="aanikirjat",
        programme="kyky",
        applicant_kind=COMPANY,
        organisation="Kuulukirja Oy",
        unit="opetus",
        months=4,
        title=Text(
            "Äänikirjat lukivaikeuksisten oppilaiden tueksi",
            "Ljudböcker som stöd för elever med läs- och skrivsvårigheter",
            "Audiobooks to support pupils with reading difficulties",
        ),
        summary=Text(
            "Tukea tarvitsevat oppilaat lukivat kirjallisuusjakson kirjat äänikirjoina, joissa teksti "
            "korostui samalla näytöllä.",
            "Elever i behov av stöd läste litteraturperiodens böcker som ljudböcker där texten markerades "
            "samtidigt på skärmen.",
            "Pupils who need support read the literature unit's books as audiobooks, with the text "
            "highlighted on screen at the same time.",
        ),
        next_step=PROCURE,
        next_step_reason="Äänikirjapalvelu kilpailutetaan koko kaupungin kouluille.",
        learnings=(
            learning(
                "Teksti ja ääni yhdessä auttoivat enemmän kuin pelkkä ääni",
                "Text och ljud tillsammans hjälpte mer än enbart ljud",
                "Text and audio together helped more than audio alone",
                "Luetun ymmärtämisen testissä tekstiä ja ääntä yhdessä käyttäneet paransivat tulostaan "
                "keskimäärin 18 %, pelkkää ääntä käyttäneet 7 %.",
                "oppiminen",
                "lukeminen",
                "erityinen tuki",
            ),
            learning(
                "Oppilaat lukivat kirjan loppuun, kun saivat valita lukunopeuden",
                "Eleverna läste ut boken när de fick välja läshastighet",
                "Pupils finished the book when they could choose the reading speed",
                "Kirjan loppuun lukeneiden osuus nousi 40 %:sta 85 %:iin; suosituin nopeus oli "
                "0,8-kertainen.",
                "oppiminen",
                "lukeminen",
                "motivaatio",
            ),
        ),
    ),
    TopicSpec(
        key="opo-chatbot",
        programme="kyky",
        applicant_kind=COMPANY,
        organisation="Suuntima Labs Oy",
        language="en",
        unit="opetus",
        title=Text(
            "Opinto-ohjauksen chatbot lukioon",
            "En chattbot för studiehandledning i gymnasiet",
            "A study guidance chatbot for upper secondary school",
        ),
        summary=Text(
            "Lukiolaiset kysyivät kurssivalinnoista ja ylioppilaskirjoituksista chatbotilta ennen kuin he "
            "varasivat ajan opinto-ohjaajalle.",
            "Gymnasiestuderande frågade en chattbot om kursval och studentskrivningar innan de bokade tid "
            "hos studiehandledaren.",
            "Upper secondary students asked a chatbot about course choices and the matriculation exams "
            "before booking time with the study counsellor.",
        ),
        next_step=STOP,
        next_step_reason="Kokeilua ei jatketa: opiskelijat halusivat henkilökohtaista ohjausta, ja yleiset "
        "kysymykset ratkesivat paremmin uudistetulla ohjesivulla.",
        learnings=(
            learning(
                "Opiskelijat kysyivät omasta tilanteestaan, eikä chatbot osannut vastata",
                "De studerande frågade om sin egen situation, och chattboten kunde inte svara",
                "Students asked about their own situation, which the chatbot could not answer",
                "Kysymyksistä 63 % koski opiskelijan omaa suunnitelmaa. Botti ohjasi ne opinto-ohjaajalle, "
                "joten ajanvaraukset eivät vähentyneet.",
                "digitalisaatio",
                "chatbot",
                "opinto-ohjaus",
            ),
            learning(
                "Usein kysytyt kysymykset kannatti kirjoittaa ohjesivulle opiskelijoiden omin sanoin",
                "Det lönade sig att skriva vanliga frågor på hjälpsidan med de studerandes egna ord",
                "It paid off to write the FAQ page in students' own words",
                "Uudistetulla ohjesivulla käytiin kahdessa kuukaudessa 2 400 kertaa, ja opinto-ohjaajille "
                "sähköpostitse tulleet kysymykset kurssitarjottimesta vähenivät 40 %.",
                "oppiminen",
                "opinto-ohjaus",
                "viestintä",
            ),
        ),
    ),
    TopicSpec(
        key="energianaytto",
        programme="kyky",
        applicant_kind=COMPANY,
        organisation="Kilowattikisa Oy",
        unit="opetus",
        months=4,
        title=Text(
            "Koulun energiankulutus oppilaiden seurattavaksi",
            "Skolans energiförbrukning synlig för eleverna",
            "School energy use made visible to pupils",
        ),
        summary=Text(
            "Oppilaat seurasivat koulunsa sähkön- ja lämmönkulutusta näytöltä ja kilpailivat säästöistä "
            "luokkien kesken.",
            "Eleverna följde skolans el- och värmeförbrukning på en skärm och tävlade om besparingar mellan "
            "klasserna.",
            "Pupils followed their school's electricity and heat use on a screen and competed on savings "
            "between classes.",
        ),
        next_step=ADOPT,
        next_step_reason="Energianäyttö jää kokeilukouluihin pysyvästi ja tulee osaksi ympäristökasvatuksen "
        "vuosikelloa.",
        learnings=(
            learning(
                "Sähkönkulutus laski, kun luokat näkivät oman vaikutuksensa",
                "Elförbrukningen sjönk när klasserna såg sin egen inverkan",
                "Electricity use fell when classes could see their own impact",
                "Sähkönkulutus oli kokeilujaksolla 8 % pienempi kuin samaan aikaan edellisenä vuonna, kun "
                "sää otetaan huomioon.",
                "kestavyys",
                "energia",
                "ympäristökasvatus",
            ),
            learning(
                "Kilpailu innosti alussa, mutta pysyvä vaikutus syntyi tavoista",
                "Tävlingen sporrade i början, men den bestående effekten kom från vanor",
                "The competition motivated at first, but the lasting effect came from habits",
                "Säästö oli suurimmillaan kisan ensimmäisinä viikkoina (13 %) ja tasaantui 6–8 %:iin, kun "
                "valojen sammuttaminen vakiintui luokan järjestäjien tehtäväksi.",
                "kestavyys",
                "energia",
                "tavat",
            ),
        ),
    ),
)

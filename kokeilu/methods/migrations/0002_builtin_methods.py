"""The built-in co-development methods every city shares (site administrators may edit them later)."""

from django.db import migrations

BUILTIN_METHODS = [
    {
        "slug": "rapid-experiment",
        "name_fi": "Pikakokeilu",
        "name_sv": "Snabbförsök",
        "name_en": "Rapid experiment",
        "description_fi": (
            "Nopea, kevyt ja edullinen kokeilu aidossa ympäristössä: idea, luonnos tai prototyyppi "
            "testataan 1–3 kuukaudessa asiakkaiden ja henkilöstön kanssa. Tavoitteena on oppia, ei "
            "valmis ratkaisu. Lopuksi päätetään, otetaanko ratkaisu käyttöön, laajennetaanko, "
            "kehitetäänkö edelleen vai lopetetaanko."
        ),
        "description_sv": (
            "Ett snabbt, lätt och billigt försök i en verklig miljö: en idé, skiss eller prototyp testas "
            "på 1–3 månader tillsammans med kunder och personal. Målet är att lära, inte en färdig "
            "lösning. Till sist beslutar man om lösningen tas i bruk, utvidgas, vidareutvecklas eller "
            "avslutas."
        ),
        "description_en": (
            "A fast, light and cheap trial in a real setting: an idea, sketch or prototype is tested in "
            "one to three months with customers and staff. The goal is learning, not a finished "
            "solution. At the end, decide whether to adopt, scale, iterate or stop."
        ),
    },
    {
        "slug": "concept-fair",
        "name_fi": "Konseptimessut",
        "name_sv": "Konceptmässa",
        "name_en": "Concept fair",
        "description_fi": (
            "Tilaisuus, jossa yritykset, järjestöt ja kaupungin työntekijät esittelevät ratkaisuideoitaan "
            "kehittämistarpeeseen rinnakkain. Asukkaat, henkilöstö ja päättäjät kiertävät esittelyt, "
            "kommentoivat ja äänestävät; parhaat ideat valitaan kokeiltaviksi."
        ),
        "description_sv": (
            "Ett evenemang där företag, föreningar och stadens anställda presenterar sina lösningsidéer "
            "för ett utvecklingsbehov sida vid sida. Invånare, personal och beslutsfattare går runt, "
            "kommenterar och röstar; de bästa idéerna väljs ut för försök."
        ),
        "description_en": (
            "An event where companies, associations and city staff present their ideas for a "
            "development need side by side. Residents, staff and decision-makers go round, comment and "
            "vote; the best ideas are chosen to be tried out."
        ),
    },
    {
        "slug": "workshop",
        "name_fi": "Työpaja",
        "name_sv": "Workshop",
        "name_en": "Workshop",
        "description_fi": (
            "Ohjattu yhteinen työskentely, jossa asiakkaat, henkilöstö ja kumppanit ideoivat, "
            "kehittävät ja arvioivat ratkaisuja yhdessä. Hyvä työpaja on rajattu yhteen kysymykseen, "
            "käyttää konkreettisia välineitä (kuten kortteja tai palvelupolkuja) ja tuottaa kirjatut "
            "jatkotoimet."
        ),
        "description_sv": (
            "Ett lett gemensamt arbetspass där kunder, personal och partner idéerar, utvecklar och "
            "bedömer lösningar tillsammans. En bra workshop avgränsas till en fråga, använder konkreta "
            "verktyg (som kort eller servicestigar) och ger nedskrivna nästa steg."
        ),
        "description_en": (
            "Facilitated joint work in which customers, staff and partners generate, develop and assess "
            "solutions together. A good workshop sticks to one question, uses concrete tools (such as "
            "cards or service paths) and ends with recorded next steps."
        ),
    },
    {
        "slug": "interviews",
        "name_fi": "Haastattelut",
        "name_sv": "Intervjuer",
        "name_en": "Interviews",
        "description_fi": (
            "Asiakkaiden, henkilöstön ja kumppaneiden yksilö- tai ryhmähaastattelut, joilla selvitetään "
            "tarpeita, kokemuksia ja kokeilun vaikutuksia ennen ja jälkeen. Haastateltavien suostumus "
            "kirjataan, ja lainaukset tallennetaan asiakkaan äänenä."
        ),
        "description_sv": (
            "Individuella intervjuer eller gruppintervjuer med kunder, personal och partner för att ta "
            "reda på behov, erfarenheter och försökets effekter före och efter. De intervjuades samtycke "
            "antecknas och citaten sparas som kundens röst."
        ),
        "description_en": (
            "One-to-one or group interviews with customers, staff and partners to find out needs, "
            "experiences and the effects of the experiment before and after. Consent is recorded and "
            "quotes are kept as the customer's voice."
        ),
    },
    {
        "slug": "storytelling",
        "name_fi": "Tarinallistaminen",
        "name_sv": "Berättande",
        "name_en": "Storytelling",
        "description_fi": (
            "Kokeilun tavoite, eteneminen ja oivallukset kerrotaan yhteisenä tarinana, joka sitouttaa "
            "henkilöstön ja testaajat. Tarinaa rakennetaan päivityksillä, kuvilla ja asiakkaiden "
            "kokemuksilla koko kokeilun ajan."
        ),
        "description_sv": (
            "Försökets mål, framsteg och insikter berättas som en gemensam berättelse som engagerar "
            "personalen och testarna. Berättelsen byggs med uppdateringar, bilder och kundernas "
            "erfarenheter under hela försöket."
        ),
        "description_en": (
            "The experiment's goal, progress and insights are told as a shared story that engages staff "
            "and testers. The story is built with updates, pictures and customers' experiences "
            "throughout the experiment."
        ),
    },
    {
        "slug": "ethnographic-observation",
        "name_fi": "Etnografinen havainnointi",
        "name_sv": "Etnografisk observation",
        "name_en": "Ethnographic observation",
        "description_fi": (
            "Palvelun arkea seurataan paikan päällä: miten asiakkaat liikkuvat, mitä he kysyvät ja "
            "missä he jäävät jumiin. Havainnot kirjataan tunnistamatta ketään, ja niistä löydetään "
            "kehittämistarpeita, joita haastatteluissa ei tule esiin."
        ),
        "description_sv": (
            "Tjänstens vardag följs på plats: hur kunderna rör sig, vad de frågar och var de fastnar. "
            "Observationerna antecknas utan att någon kan identifieras, och de visar utvecklingsbehov "
            "som inte kommer fram i intervjuer."
        ),
        "description_en": (
            "Watching the service's everyday life on site: how customers move, what they ask and where "
            "they get stuck. Observations are recorded without identifying anyone and reveal needs "
            "that interviews do not."
        ),
    },
    {
        "slug": "service-design",
        "name_fi": "Palvelumuotoilu",
        "name_sv": "Tjänstedesign",
        "name_en": "Service design",
        "description_fi": (
            "Palvelu suunnitellaan asiakkaan näkökulmasta yhdessä käyttäjien, henkilöstön ja yritysten "
            "kanssa: ymmärretään tarpeet, kuvataan palvelupolku, ideoidaan ja prototypoidaan "
            "ratkaisuja ja testataan niitä nopeasti ennen käyttöönottoa."
        ),
        "description_sv": (
            "Tjänsten utformas ur kundens perspektiv tillsammans med användare, personal och företag: "
            "man förstår behoven, beskriver servicestigen, idéerar och prototypar lösningar och testar "
            "dem snabbt innan de tas i bruk."
        ),
        "description_en": (
            "Designing a service from the customer's point of view together with users, staff and "
            "companies: understand the needs, map the service path, ideate and prototype solutions, and "
            "test them quickly before rolling them out."
        ),
    },
]


def create_builtin_methods(apps, schema_editor):
    Method = apps.get_model("methods", "Method")
    for fields in BUILTIN_METHODS:
        Method.objects.update_or_create(slug=fields["slug"], defaults={**fields, "city": None})


def remove_builtin_methods(apps, schema_editor):
    Method = apps.get_model("methods", "Method")
    Method.objects.filter(city__isnull=True, slug__in=[fields["slug"] for fields in BUILTIN_METHODS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0001_methods_and_experiment_tags"),
    ]

    operations = [
        migrations.RunPython(create_builtin_methods, remove_builtin_methods),
    ]

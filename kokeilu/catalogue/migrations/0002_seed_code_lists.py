"""Seed the code lists services are classified by: life situations (modelled on the national life-event
classification used by Suomi.fi and the national service catalogue), target groups and service classes.

Codes are Kokeilu's own stable slugs; `uri` is left empty so that a city can record the national URI of each
item (the PTV import matches by code, by URI or by the Finnish name).
"""

from django.db import migrations

LIFE_SITUATIONS = [
    ("child-is-born", "Lapsi syntyy", "Ett barn föds", "A child is born",
     "Raskaus, synnytys ja vauvan ensimmäiset kuukaudet.", "Graviditet, förlossning och babyns första månader.",
     "Pregnancy, birth and the baby's first months."),
    ("early-childhood-education", "Lapsi aloittaa varhaiskasvatuksen", "Barnet börjar i småbarnspedagogik",
     "A child starts early childhood education", "Päiväkodit, perhepäivähoito ja kerhot.",
     "Daghem, familjedagvård och klubbar.", "Day-care centres, family day care and clubs."),
    ("starting-school", "Koulun aloittaminen", "Skolstart", "Starting school",
     "Esiopetus, kouluun ilmoittautuminen ja koululaisen arki.", "Förskoleundervisning, skolanmälan och skolvardag.",
     "Pre-primary education, enrolling in school and school days."),
    ("youth", "Nuoruus", "Ungdom", "Growing up", "Nuorten vapaa-aika, tuki ja terveys.",
     "Ungas fritid, stöd och hälsa.", "Young people's free time, support and health."),
    ("studying", "Opiskelu", "Studier", "Studying", "", "", ""),
    ("moving", "Muutto", "Flytt", "Moving", "Muuttoilmoitus, asuminen ja uuden kotikunnan palvelut.",
     "Flyttanmälan, boende och tjänsterna i den nya hemkommunen.",
     "Notice of move, housing and the services of a new home municipality."),
    ("moving-to-finland", "Suomeen muuttaminen", "Att flytta till Finland", "Moving to Finland", "", "", ""),
    ("work-and-unemployment", "Työ ja työttömyys", "Arbete och arbetslöshet", "Work and unemployment", "", "", ""),
    ("starting-a-business", "Yrityksen perustaminen", "Att grunda ett företag", "Starting a business", "", "", ""),
    ("relationship-and-separation", "Parisuhde ja ero", "Parförhållande och skilsmässa", "Relationship and separation",
     "", "", ""),
    ("falling-ill", "Sairastuminen", "Att insjukna", "Falling ill", "", "", ""),
    ("disability", "Vammaisuus", "Funktionsnedsättning", "Disability", "", "", ""),
    ("retiring", "Eläkkeelle siirtyminen", "Att gå i pension", "Retiring", "", "", ""),
    ("growing-older", "Ikääntyminen", "Åldrande", "Growing older", "", "", ""),
    ("death-of-a-close-one", "Läheisen kuolema", "När en närstående dör", "Death of a close one", "", "", ""),
]

TARGET_GROUPS = [
    ("residents", "Asukkaat", "Invånare", "Residents"),
    ("families-with-children", "Lapsiperheet", "Barnfamiljer", "Families with children"),
    ("expecting-parents", "Odottavat vanhemmat", "Blivande föräldrar", "Expecting parents"),
    ("children-and-young-people", "Lapset ja nuoret", "Barn och unga", "Children and young people"),
    ("older-people", "Ikääntyneet", "Äldre", "Older people"),
    ("immigrants", "Maahanmuuttajat", "Invandrare", "Immigrants"),
    ("people-with-disabilities", "Vammaiset henkilöt", "Personer med funktionsnedsättning", "People with disabilities"),
    ("businesses", "Yritykset", "Företag", "Businesses"),
]

SERVICE_CLASSES = [
    ("family-services", "Perheiden palvelut", "Familjetjänster", "Family services"),
    ("maternity-and-child-health", "Äitiys- ja lastenneuvolat", "Mödra- och barnrådgivning",
     "Maternity and child health clinics"),
    ("early-childhood-education", "Varhaiskasvatus", "Småbarnspedagogik", "Early childhood education"),
    ("education", "Koulutus", "Utbildning", "Education"),
    ("health-care", "Terveydenhuolto", "Hälsovård", "Health care"),
    ("social-services", "Sosiaalipalvelut", "Socialtjänster", "Social services"),
    ("culture-and-leisure", "Kulttuuri ja vapaa-aika", "Kultur och fritid", "Culture and leisure"),
    ("sport-and-exercise", "Liikunta", "Motion och idrott", "Sport and exercise"),
    ("housing", "Asuminen", "Boende", "Housing"),
    ("work-and-employment", "Työ ja työllisyys", "Arbete och sysselsättning", "Work and employment"),
]


def seed(apps, schema_editor):
    LifeSituation = apps.get_model("catalogue", "LifeSituation")
    TargetGroup = apps.get_model("catalogue", "TargetGroup")
    ServiceClass = apps.get_model("catalogue", "ServiceClass")
    for position, (code, fi, sv, en, description_fi, description_sv, description_en) in enumerate(LIFE_SITUATIONS):
        LifeSituation.objects.update_or_create(
            code=code,
            defaults={
                "name_fi": fi, "name_sv": sv, "name_en": en, "position": position,
                "description_fi": description_fi, "description_sv": description_sv, "description_en": description_en,
            },
        )
    for model, rows in ((TargetGroup, TARGET_GROUPS), (ServiceClass, SERVICE_CLASSES)):
        for position, (code, fi, sv, en) in enumerate(rows):
            model.objects.update_or_create(
                code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "position": position}
            )


def unseed(apps, schema_editor):
    apps.get_model("catalogue", "LifeSituation").objects.filter(code__in=[row[0] for row in LIFE_SITUATIONS]).delete()
    apps.get_model("catalogue", "TargetGroup").objects.filter(code__in=[row[0] for row in TARGET_GROUPS]).delete()
    apps.get_model("catalogue", "ServiceClass").objects.filter(code__in=[row[0] for row in SERVICE_CLASSES]).delete()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]

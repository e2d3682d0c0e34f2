"""Correct the life-event pairing of 0005 where the national code list's own names are known.

Two items of PTV's life-event code list could be checked against PTV's published test fixtures: KE2 is
"Asevelvollisuus" (sv "Värnplikt") and KE12 is "Kuntoutus" (rehabilitation). 0005 paired KE12 with
"disability", which is a different situation, and left KE2 without a situation. This migration:

- takes KE12 off "disability";
- adds the life situations "military service" (KE2) and "rehabilitation" (KE12), so that PTV services
  classified under them are imported into a situation of their own (a situation a city already made with
  the same code keeps its names and URI).

Reversing removes the two situations when no service uses them and gives "disability" KE12 back.
"""

from django.db import migrations

PREFIX = "http://urn.fi/URN:NBN:fi:au:ptvl:"

ADDED = [
    {
        "code": "military-service",
        "uri": PREFIX + "KE2",
        "position": 3,
        "name_fi": "Asevelvollisuus",
        "name_sv": "Värnplikt",
        "name_en": "Military service",
        "description_fi": "Kutsunnat, varusmies- ja siviilipalvelus sekä niiden jälkeinen arki.",
        "description_sv": "Uppbåd, beväringstjänst och civiltjänst samt vardagen efter dem.",
        "description_en": "Call-ups, conscript and non-military service, and everyday life after them.",
    },
    {
        "code": "rehabilitation",
        "uri": PREFIX + "KE12",
        "position": 11,
        "name_fi": "Kuntoutus",
        "name_sv": "Rehabilitering",
        "name_en": "Rehabilitation",
        "description_fi": "Toimintakyvyn tukeminen sairauden, vamman tai tapaturman jälkeen.",
        "description_sv": "Stöd för funktionsförmågan efter sjukdom, skada eller olycksfall.",
        "description_en": "Support for functioning after an illness, an injury or an accident.",
    },
]


def correct(apps, schema_editor):
    LifeSituation = apps.get_model("catalogue", "LifeSituation")
    LifeSituation.objects.filter(code="disability", uri=PREFIX + "KE12").update(uri="")
    for row in ADDED:
        fields = {key: value for key, value in row.items() if key != "code"}
        situation = LifeSituation.objects.filter(code=row["code"]).first()
        if situation is not None:
            continue  # A city made its own; its names and URI stay.
        if LifeSituation.objects.filter(uri=fields["uri"]).exists():
            fields["uri"] = ""  # Another situation already names this item.
        LifeSituation.objects.create(code=row["code"], **fields)


def restore(apps, schema_editor):
    LifeSituation = apps.get_model("catalogue", "LifeSituation")
    for row in ADDED:
        LifeSituation.objects.filter(code=row["code"], services__isnull=True).delete()
    if not LifeSituation.objects.filter(uri=PREFIX + "KE12").exists():
        LifeSituation.objects.filter(code="disability", uri="").update(uri=PREFIX + "KE12")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0007_covering_indexes_for_counts")]

    operations = [migrations.RunPython(correct, restore)]

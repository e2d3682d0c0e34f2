"""Record, for each life situation Kokeilu seeds, the URI of the item of PTV's national life-event code list
(ptvl "Elämäntilanteet", KE1 … KE14 with sub-items) it corresponds to.

Only empty URIs are filled: a city that recorded another item keeps it. Reversing empties only the URIs this
migration wrote.

The URI form and the code set (KE1, KE1.1, KE2, KE3, KE4, KE4.1–KE4.4, KE5 … KE14) are those PTV's API
accepts; the pairing of each Kokeilu situation with an item is the catalogue team's reading of the code list
and is kept in this one table so that a correction is one line (and a new data migration).
"""

from django.db import migrations

PREFIX = "http://urn.fi/URN:NBN:fi:au:ptvl:"

NATIONAL_CODES = {
    "child-is-born": "KE1",
    "early-childhood-education": "KE1.1",
    "retiring": "KE3",
    "moving": "KE4",
    "moving-to-finland": "KE4.1",
    "starting-school": "KE5",
    "youth": "KE6",
    "studying": "KE7",
    "work-and-unemployment": "KE8",
    "starting-a-business": "KE9",
    "relationship-and-separation": "KE10",
    "falling-ill": "KE11",
    "disability": "KE12",
    "growing-older": "KE13",
    "death-of-a-close-one": "KE14",
}


def fill(apps, schema_editor):
    LifeSituation = apps.get_model("catalogue", "LifeSituation")
    taken = set(LifeSituation.objects.exclude(uri="").values_list("uri", flat=True))
    for code, national in NATIONAL_CODES.items():
        uri = PREFIX + national
        if uri in taken:
            continue
        LifeSituation.objects.filter(code=code, uri="").update(uri=uri)


def empty(apps, schema_editor):
    LifeSituation = apps.get_model("catalogue", "LifeSituation")
    for code, national in NATIONAL_CODES.items():
        LifeSituation.objects.filter(code=code, uri=PREFIX + national).update(uri="")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_life_situation_national_uri")]

    operations = [migrations.RunPython(fill, empty)]

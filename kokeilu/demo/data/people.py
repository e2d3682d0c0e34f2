"""Everyone in the demo is invented. Personas sign in with the demo password; the others (applicants of
the past calls, extra reviewers) have no usable password."""

from django.utils.translation import gettext_noop

from kokeilu.accounts.models import Role

from .types import PersonSpec

PM = Role.PROGRAMME_MANAGER
REVIEWER = Role.REVIEWER
MEMBER = Role.MEMBER
PARTICIPANT = Role.PARTICIPANT
ANALYST = Role.ANALYST
DPO = Role.DATA_PROTECTION_OFFICER

PERSONAS: tuple[PersonSpec, ...] = (
    PersonSpec("site-admin", "Ada", "Ylläpitäjä", (), gettext_noop("Site administrator"), is_superuser=True),
    PersonSpec(
        "espoo-manager",
        "Eeva",
        "Omenamaa",
        (("espoo", PM),),
        gettext_noop("Programme manager (Espoo)"),
    ),
    PersonSpec(
        "helsinki-manager",
        "Henrik",
        "Kokeilumäki",
        (("helsinki", PM), ("kiihdyttamo", MEMBER)),
        gettext_noop("Programme manager (Helsinki)"),
    ),
    PersonSpec("espoo-reviewer", "Riikka", "Arvio", (("espoo", REVIEWER),), gettext_noop("Reviewer (Espoo)")),
    PersonSpec(
        "helsinki-reviewer",
        "Rasmus",
        "Pisteinen",
        (("helsinki", REVIEWER),),
        gettext_noop("Reviewer (Helsinki)"),
        preferred_language="sv",
    ),
    PersonSpec("applicant", "Aapo", "Hakemus", (("opastin", MEMBER),), gettext_noop("Applicant (company)")),
    PersonSpec(
        "staff-applicant",
        "Sini",
        "Stadilainen",
        (("kasko", MEMBER),),
        gettext_noop("Applicant (Helsinki city staff)"),
    ),
    PersonSpec(
        "participant",
        "Pia",
        "Osallinen",
        (("nuoriso", PARTICIPANT),),
        gettext_noop("Participant (pilot tester)"),
        preferred_language="en",
    ),
    PersonSpec("espoo-analyst", "Anni", "Polkunen", (("espoo", ANALYST),), gettext_noop("Analyst (Espoo)")),
    PersonSpec(
        "espoo-dpo", "Tuomas", "Suojala", (("espoo", DPO),), gettext_noop("Data protection officer (Espoo)")
    ),
)

REVIEWERS: tuple[PersonSpec, ...] = (
    PersonSpec("espoo-reviewer-2", "Reino", "Tarkka", (("palvelutori", REVIEWER),)),
    PersonSpec("espoo-reviewer-3", "Kaisa", "Neuvonen", (("terveysasema", REVIEWER),)),
    PersonSpec("helsinki-reviewer-2", "Vilja", "Kiihde", (("kiihdyttamo", REVIEWER),)),
    PersonSpec("helsinki-reviewer-3", "Oskari", "Mittari", (("kanslia", REVIEWER),)),
)

# The people behind the proposals of Espoo's calls: one person per applying organisation.
ESPOO_APPLICANTS: tuple[PersonSpec, ...] = (
    PersonSpec("kaiku-applicant", "Joel", "Kaikunen", (("kaiku", MEMBER),)),
    PersonSpec("virtaus-applicant", "Minna", "Virtala", (("virtaus", MEMBER),)),
    PersonSpec("verso-applicant", "Tuukka", "Versonen", (("verso", MEMBER),)),
    PersonSpec("tarinaverstas-applicant", "Helka", "Tarinoja", (("tarinaverstas", MEMBER),)),
    PersonSpec(
        "sprakvanner-applicant", "Linnea", "Ordström", (("sprakvanner", MEMBER),), preferred_language="sv"
    ),
    PersonSpec("vuorolista-applicant", "Arttu", "Vuorela", (("vuorolista", MEMBER),)),
    PersonSpec("hymypiste-applicant", "Emmi", "Hymylä", (("hymypiste", MEMBER),)),
    PersonSpec(
        "nordic-shift-applicant", "Oliver", "Grantham", (("nordic_shift", MEMBER),), preferred_language="en"
    ),
    PersonSpec("omenamaki-applicant", "Noora", "Lukkarila", (("omenamaki", MEMBER),)),
    PersonSpec("resident-applicant", "Veikko", "Kulkija"),
    PersonSpec("palvelulab-applicant", "Iida", "Tutkela", (("palvelulab", MEMBER),)),
    PersonSpec("oppimispolku-applicant", "Santeri", "Polkunen", (("oppimispolku", MEMBER),)),
    PersonSpec("liikkuva-applicant", "Reetta", "Välimaa", (("liikkuva", MEMBER),)),
)

_STAFF_NAMES = (
    ("Aino", "Koivurinne", "kasko"),
    ("Eero", "Tammilahti", "kymp"),
    ("Helmi", "Pajukoski", "kuva"),
    ("Ilkka", "Kanervisto", "sote"),
    ("Johanna", "Saarnio", "kuva"),
    ("Kari", "Vaahterus", "sote"),
    ("Laura", "Kataja-aho", "sote"),
    ("Mikko", "Haavisto-Rinne", "kanslia"),
    ("Noora", "Pihlajisto", "kasko"),
    ("Olli", "Lehtokari", "kasko"),
    ("Pauliina", "Honkavuori", "kymp"),
    ("Samuli", "Leppälahti", "kanslia"),
    ("Tiina", "Katajisto", "sote"),
    ("Ulla", "Kuusirinne", "kuva"),
    ("Wilma", "Tervakari", "kymp"),
    ("Jarkko", "Pajulahti", "kasko"),
    ("Marjo", "Kielomaa", "sote"),
    ("Teemu", "Vuokkola", "kymp"),
    ("Elina", "Sarasvuo-Lind", "kuva"),
    ("Antti", "Kivikoura", "kanslia"),
    ("Riina", "Mustikkamaa", "kasko"),
)

# Helsinki's staff who proposed experiments (the 22nd is the `staff-applicant` persona).
HELSINKI_STAFF: tuple[PersonSpec, ...] = tuple(
    PersonSpec(f"hki-staff-{number:02d}", first, last, ((division, MEMBER),))
    for number, (first, last, division) in enumerate(_STAFF_NAMES, start=1)
)

ALL_PEOPLE: tuple[PersonSpec, ...] = PERSONAS + REVIEWERS + ESPOO_APPLICANTS + HELSINKI_STAFF

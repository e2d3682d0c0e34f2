"""Cities, their units, the outside organisations taking part, and the shared themes.

Places and programmes are real (Espoo, Helsinki, the Iso Omena service centre, KYKY); every company,
association, school and person is invented.
"""

from kokeilu.accounts.models import OrganisationKind

from .types import OrganisationSpec, Text, ThemeSpec

CITY = OrganisationKind.CITY
UNIT = OrganisationKind.CITY_UNIT
COMPANY = OrganisationKind.COMPANY
ASSOCIATION = OrganisationKind.ASSOCIATION
SCHOOL = OrganisationKind.SCHOOL
RESEARCH = OrganisationKind.RESEARCH

ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec("espoo", CITY, "Espoo"),
    OrganisationSpec("helsinki", CITY, "Helsinki"),
    # The units of the Iso Omena service centre.
    OrganisationSpec("palvelutori", UNIT, "Iso Omenan palvelutori", "espoo"),
    OrganisationSpec("kirjasto", UNIT, "Iso Omenan kirjasto", "espoo"),
    OrganisationSpec("nuoriso", UNIT, "Iso Omenan nuorisopalvelut", "espoo"),
    OrganisationSpec("neuvola", UNIT, "Iso Omenan neuvola", "espoo"),
    OrganisationSpec("terveysasema", UNIT, "Iso Omenan terveysasema", "espoo"),
    OrganisationSpec("mielenterveys", UNIT, "Iso Omenan mielenterveys- ja päihdepalvelut", "espoo"),
    OrganisationSpec("asiointipiste", UNIT, "Iso Omenan asiointipiste", "espoo"),
    # Espoo's schools that open themselves to companies (KYKY); the schools are invented.
    OrganisationSpec("opetus", UNIT, "Espoon suomenkielinen opetus", "espoo"),
    OrganisationSpec("sammalpuro", SCHOOL, "Sammalpuron koulu", "espoo"),
    OrganisationSpec("kaislaranta", SCHOOL, "Kaislarannan koulu", "espoo"),
    OrganisationSpec("kuusikallio", SCHOOL, "Kuusikallion lukio", "espoo"),
    OrganisationSpec("omenamaki", SCHOOL, "Omenamäen lukio", "espoo"),
    # Helsinki's divisions and its experiment accelerator.
    OrganisationSpec("kanslia", UNIT, "Helsingin kaupunginkanslia", "helsinki"),
    OrganisationSpec("kiihdyttamo", UNIT, "Kokeilukiihdyttämö", "helsinki"),
    OrganisationSpec("kasko", UNIT, "Kasvatuksen ja koulutuksen toimiala", "helsinki"),
    OrganisationSpec("kuva", UNIT, "Kulttuurin ja vapaa-ajan toimiala", "helsinki"),
    OrganisationSpec("sote", UNIT, "Sosiaali-, terveys- ja pelastustoimiala", "helsinki"),
    OrganisationSpec("kymp", UNIT, "Kaupunkiympäristön toimiala", "helsinki"),
    # Invented companies, associations and research groups.
    OrganisationSpec("kaiku", COMPANY, "Kaiku Robotiikka Oy"),
    OrganisationSpec("opastin", COMPANY, "Opastin Labs Oy"),
    OrganisationSpec("virtaus", COMPANY, "Virtaus Analytics Oy"),
    OrganisationSpec("verso", ASSOCIATION, "Nuorten Työpaja Verso ry"),
    OrganisationSpec("tarinaverstas", COMPANY, "Tarinaverstas Oy"),
    OrganisationSpec("sprakvanner", ASSOCIATION, "Esbo Språkvänner rf"),
    OrganisationSpec("vuorolista", COMPANY, "Vuorolista Oy"),
    OrganisationSpec("hymypiste", COMPANY, "Hymypiste Oy"),
    OrganisationSpec("nordic_shift", COMPANY, "Nordic Shift Planning Ltd"),
    OrganisationSpec("palvelulab", RESEARCH, "Kaupunkipalvelujen tutkimuslaboratorio"),
    OrganisationSpec("oppimispolku", COMPANY, "Oppimispolku Oy"),
    OrganisationSpec("liikkuva", COMPANY, "Liikkuva Välitunti Oy"),
)

THEMES: tuple[ThemeSpec, ...] = (
    ThemeSpec("yhteistyo", Text("Yhteistyö", "Samarbete", "Cooperation")),
    ThemeSpec("robotiikka", Text("Robotiikka", "Robotik", "Robotics")),
    ThemeSpec(
        "opasteet", Text("Opasteet ja löydettävyys", "Skyltning och hittbarhet", "Signage and wayfinding")
    ),
    ThemeSpec("asiakaskokemus", Text("Asiakaskokemus", "Kundupplevelse", "Customer experience")),
    ThemeSpec("digitalisaatio", Text("Digitalisaatio", "Digitalisering", "Digitalisation")),
    ThemeSpec("tyon-sujuvuus", Text("Työn sujuvuus", "Smidigare arbete", "Smoother work")),
    ThemeSpec("oppiminen", Text("Oppiminen", "Lärande", "Learning")),
    ThemeSpec("hyvinvointi", Text("Hyvinvointi", "Välbefinnande", "Wellbeing")),
    ThemeSpec("nuoret", Text("Nuoret", "Unga", "Young people")),
    ThemeSpec("tieto", Text("Tiedolla johtaminen", "Kunskapsbaserad ledning", "Knowledge-based management")),
)

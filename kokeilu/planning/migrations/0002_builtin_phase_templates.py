"""The built-in phase templates: Koestamo's DISCOVER → DREAM → DESIGN → DO, Tampere's company-cooperation
model, and a plain numbered template. Each has its texts in Finnish, Swedish and English."""

from django.db import migrations

# (key, names, descriptions, phases); a phase is (names, descriptions, questions); a question is
# (texts, visibility, required). Texts are (fi, sv, en).
BUILTIN_TEMPLATES = [
    (
        "koestamo",
        ("Koestamo: DISCOVER → DREAM → DESIGN → DO", "Koestamo: DISCOVER → DREAM → DESIGN → DO",
         "Koestamo: DISCOVER → DREAM → DESIGN → DO"),
        (
            "Koestamon nelivaiheinen malli: ymmärrä käyttäjät, kuvittele ratkaisut, suunnittele ja kokeile.",
            "Koestamos modell i fyra faser: förstå användarna, föreställ dig lösningar, planera och pröva.",
            "Koestamo's four-phase model: understand the users, imagine solutions, design and try it out.",
        ),
        [
            (
                ("DISCOVER – Tutki", "DISCOVER – Utforska", "DISCOVER"),
                ("Selvitetään käyttäjien tarpeet ja nykytila.", "Vi utreder användarnas behov och nuläget.",
                 "Find out the users' needs and the current situation."),
                [
                    (("Kenen ongelmaa ratkaisemme ja mitä opimme heistä?",
                      "Vems problem löser vi och vad lärde vi oss om dem?",
                      "Whose problem are we solving and what did we learn about them?"), "public", True),
                    (("Mitä riskejä tunnistimme?", "Vilka risker identifierade vi?",
                      "Which risks did we identify?"), "internal", False),
                ],
            ),
            (
                ("DREAM – Ideoi", "DREAM – Idéer", "DREAM"),
                ("Ideoidaan ratkaisuja yhdessä käyttäjien kanssa.", "Vi tar fram idéer tillsammans med användarna.",
                 "Come up with solutions together with the users."),
                [
                    (("Mitkä ideat valitsimme jatkoon ja miksi?", "Vilka idéer valde vi och varför?",
                      "Which ideas did we choose and why?"), "public", True),
                ],
            ),
            (
                ("DESIGN – Suunnittele", "DESIGN – Planera", "DESIGN"),
                ("Suunnitellaan kokeilu: mitä testataan, missä ja miten mitataan.",
                 "Vi planerar försöket: vad testas, var och hur mäts det.",
                 "Design the experiment: what is tested, where, and how it is measured."),
                [
                    (("Mitä testaamme ja miten mittaamme onnistumista?",
                      "Vad testar vi och hur mäter vi framgång?",
                      "What do we test and how do we measure success?"), "public", True),
                    (("Onko tietosuoja ja turvallisuus varmistettu?",
                      "Är dataskyddet och säkerheten säkerställda?",
                      "Have data protection and safety been checked?"), "internal", True),
                ],
            ),
            (
                ("DO – Kokeile", "DO – Pröva", "DO"),
                ("Kokeilu toteutetaan ja tulokset kootaan.", "Försöket genomförs och resultaten sammanställs.",
                 "Run the experiment and gather the results."),
                [
                    (("Mitä opimme ja mitä suosittelemme?", "Vad lärde vi oss och vad rekommenderar vi?",
                      "What did we learn and what do we recommend?"), "public", True),
                ],
            ),
        ],
    ),
    (
        "tampere",
        ("Tampereen yritysyhteistyön malli", "Tammerfors modell för företagssamarbete",
         "Tampere's company-cooperation model"),
        (
            "Visioista ja haasteista kokeiluihin, arviointiin ja hankintaan sekä tuotantoon.",
            "Från visioner och utmaningar till försök, utvärdering, upphandling och produktion.",
            "From visions and challenges to experiments, evaluation and tendering, and production.",
        ),
        [
            (
                ("Visiot ja haasteet", "Visioner och utmaningar", "Visions and challenges"),
                ("Kaupunki kuvaa tavoitteet ja haasteet yrityksille.",
                 "Staden beskriver målen och utmaningarna för företagen.",
                 "The city describes its goals and challenges to companies."),
                [
                    (("Mihin haasteeseen kokeilu vastaa?", "Vilken utmaning svarar försöket på?",
                      "Which challenge does the experiment answer?"), "public", True),
                ],
            ),
            (
                ("Kokeilut ja muutos", "Försök och förändring", "Experiments and change"),
                ("Yritys kokeilee ratkaisuaan aidossa ympäristössä.",
                 "Företaget prövar sin lösning i en verklig miljö.",
                 "The company tries its solution in a real setting."),
                [
                    (("Mikä muuttui kokeilun aikana?", "Vad förändrades under försöket?",
                      "What changed during the experiment?"), "public", True),
                ],
            ),
            (
                ("Arviointi ja kilpailutus", "Utvärdering och upphandling", "Evaluation and tendering"),
                ("Tulokset arvioidaan ja päätetään mahdollisesta hankinnasta.",
                 "Resultaten utvärderas och man beslutar om en eventuell upphandling.",
                 "The results are evaluated and a possible procurement is decided."),
                [
                    (("Mitkä olivat kokeilun tulokset?", "Vilka var försökets resultat?",
                      "What were the experiment's results?"), "public", True),
                    (("Täyttyvätkö hankinnan edellytykset?", "Uppfylls förutsättningarna för en upphandling?",
                      "Are the conditions for a procurement met?"), "internal", True),
                ],
            ),
            (
                ("Tuotanto ja kehittäminen", "Produktion och utveckling", "Production and development"),
                ("Ratkaisu otetaan käyttöön ja sitä kehitetään edelleen.",
                 "Lösningen tas i bruk och utvecklas vidare.",
                 "The solution is taken into use and developed further."),
                [],
            ),
        ],
    ),
    (
        "numbered",
        ("Numeroidut vaiheet", "Numrerade faser", "Numbered phases"),
        ("Yksinkertainen kolmivaiheinen malli.", "En enkel modell i tre faser.", "A plain three-phase model."),
        [
            (("Vaihe 1", "Fas 1", "Phase 1"), ("", "", ""), []),
            (("Vaihe 2", "Fas 2", "Phase 2"), ("", "", ""), []),
            (("Vaihe 3", "Fas 3", "Phase 3"), ("", "", ""), []),
        ],
    ),
]


def create_builtin_templates(apps, schema_editor):
    PhaseTemplate = apps.get_model("planning", "PhaseTemplate")
    TemplatePhase = apps.get_model("planning", "TemplatePhase")
    TemplateGateQuestion = apps.get_model("planning", "TemplateGateQuestion")
    for key, names, descriptions, phases in BUILTIN_TEMPLATES:
        if PhaseTemplate.objects.filter(city__isnull=True, key=key).exists():
            continue
        template = PhaseTemplate.objects.create(
            key=key,
            name_fi=names[0],
            name_sv=names[1],
            name_en=names[2],
            description_fi=descriptions[0],
            description_sv=descriptions[1],
            description_en=descriptions[2],
        )
        for position, (phase_names, phase_descriptions, questions) in enumerate(phases, start=1):
            phase = TemplatePhase.objects.create(
                template=template,
                position=position,
                name_fi=phase_names[0],
                name_sv=phase_names[1],
                name_en=phase_names[2],
                description_fi=phase_descriptions[0],
                description_sv=phase_descriptions[1],
                description_en=phase_descriptions[2],
            )
            for question_position, (texts, visibility, required) in enumerate(questions, start=1):
                TemplateGateQuestion.objects.create(
                    phase=phase,
                    position=question_position,
                    text_fi=texts[0],
                    text_sv=texts[1],
                    text_en=texts[2],
                    visibility=visibility,
                    is_required=required,
                )


def remove_builtin_templates(apps, schema_editor):
    PhaseTemplate = apps.get_model("planning", "PhaseTemplate")
    PhaseTemplate.objects.filter(city__isnull=True, key__in=[row[0] for row in BUILTIN_TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_phases_templates_plan")]

    operations = [migrations.RunPython(create_builtin_templates, remove_builtin_templates)]

"""Demo content of this app for the demo experiments (called by kokeilu.demo.experiments).

Koestamo gets the testers' feedback survey (rating, NPS, single and multiple choice, free text) with about
40 answers: the signed-in testers and anonymous customers who scanned the QR code at the service centre.
The Helsinki staff experiment on school food gets the pupils' school-food survey with a QR link and about
120 anonymous answers. Everything goes through the services; answers come from `demo.random`.
"""

import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.experiments.models import Audience

from . import services
from .models import Question, QuestionKind, Survey

KOESTAMO_RESPONSES = 40
SCHOOL_FOOD_RESPONSES = 120
LANGUAGE_WEIGHTS = (("fi", 0.8), ("sv", 0.1), ("en", 0.1))

KOESTAMO_TEXTS = {
    "fi": [
        "Opasteet näkyivät hyvin puhelimella.",
        "Kartta latautui hitaasti kauppakeskuksen wifissä.",
        "Löysin Kelan tiskin heti, kiitos!",
        "Isompi fonttikoko auttaisi.",
        "",
    ],
    "sv": ["Bra vägvisning, men kartan var liten.", "Jag hittade rätt direkt.", ""],
    "en": ["Clear directions, I found the right desk quickly.", "An English map would help visitors.", ""],
}
SCHOOL_TEXTS = {
    "fi": [
        "Enemmän kasvisruokaa!",
        "Keitto oli liian suolaista.",
        "Jälkiruokaa useammin perjantaisin.",
        "Ruokajono on liian pitkä.",
        "Pinaattiletut on parhaita.",
        "",
        "",
    ],
    "sv": ["Mer vegetarisk mat, tack!", "Soppan var god.", ""],
    "en": ["More spicy food please.", "The salad bar is great.", ""],
}


def _language(demo: DemoExperiment) -> str:
    roll = demo.random.random()
    total = 0.0
    for code, weight in LANGUAGE_WEIGHTS:
        total += weight
        if roll < total:
            return code
    return "fi"


def _weighted(demo: DemoExperiment, values: list[int], weights: list[float]) -> int:
    return demo.random.choices(values, weights=weights, k=1)[0]


def _answers(
    demo: DemoExperiment, questions: list[Question], texts: dict[str, list[str]], language: str
) -> dict:
    answers: dict[int, Any] = {}
    for question in questions:
        if question.kind == QuestionKind.RATING:
            values = list(question.scale)
            weights = [1 + index * 1.5 for index in range(len(values))]  # leaning to the positive end
            answers[question.pk] = _weighted(demo, values, weights)
        elif question.kind == QuestionKind.NPS:
            answers[question.pk] = _weighted(demo, list(range(11)), [1, 1, 1, 2, 2, 3, 4, 7, 9, 8, 6])
        elif question.kind == QuestionKind.SINGLE:
            options = [option.pk for option in question.options.all()]
            answers[question.pk] = _weighted(demo, options, [len(options) - i for i in range(len(options))])
        elif question.kind == QuestionKind.MULTIPLE:
            options = [option.pk for option in question.options.all()]
            high = question.max_selections or len(options)
            low = question.min_selections or (1 if question.required else 0)
            count = demo.random.randint(low, high)
            answers[question.pk] = demo.random.sample(options, count)
        else:
            answers[question.pk] = demo.random.choice(texts[language])
    return answers


def _closing_time(demo: DemoExperiment, days: int) -> datetime.datetime | None:
    closes_at = demo.now + datetime.timedelta(days=days)
    return closes_at if closes_at > timezone.now() else None


def _koestamo(demo: DemoExperiment) -> None:
    survey = services.survey_create(
        experiment=demo.experiment,
        created_by=demo.manager,
        title_fi="Testaajien palaute: digitaalinen opastus",
        title_sv="Testarnas respons: digital vägvisning",
        title_en="Testers' feedback: digital wayfinding",
        intro_fi="Kerro, miten opastus toimi. Vastaaminen vie kaksi minuuttia.",
        intro_sv="Berätta hur vägvisningen fungerade. Det tar två minuter att svara.",
        intro_en="Tell us how the wayfinding worked. Answering takes two minutes.",
        audience=Audience.PUBLIC,
        allow_anonymous=True,
        one_answer_per_person=True,
        closes_at=_closing_time(demo, 30),
    )
    _add(
        survey,
        demo,
        QuestionKind.RATING,
        (
            "Kuinka helppoa oikean palvelupisteen löytäminen oli?",
            "Hur lätt var det att hitta rätt disk?",
            "How easy was it to find the right service desk?",
        ),
        required=True,
        scale_max=5,
        low_label_fi="Todella vaikeaa",
        low_label_sv="Mycket svårt",
        low_label_en="Very hard",
        high_label_fi="Todella helppoa",
        high_label_sv="Mycket lätt",
        high_label_en="Very easy",
    )
    _add(
        survey,
        demo,
        QuestionKind.NPS,
        (
            "Kuinka todennäköisesti suosittelisit opastusta ystävällesi?",
            "Hur sannolikt är det att du skulle rekommendera vägvisningen till en vän?",
            "How likely are you to recommend the wayfinding to a friend?",
        ),
        required=True,
    )
    _add(
        survey,
        demo,
        QuestionKind.SINGLE,
        (
            "Millä laitteella käytit opastusta?",
            "Med vilken enhet använde du vägvisningen?",
            "Which device did you use the wayfinding on?",
        ),
        options=[
            ("Omalla puhelimella", "Egen telefon", "My own phone"),
            ("Infonäytöllä", "Infoskärmen", "The info screen"),
            ("En käyttänyt laitetta", "Ingen enhet", "No device"),
        ],
    )
    _add(
        survey,
        demo,
        QuestionKind.MULTIPLE,
        ("Mitkä palvelut etsit?", "Vilka tjänster sökte du?", "Which services were you looking for?"),
        options=[
            ("Kela", "FPA", "Kela"),
            ("Kirjasto", "Biblioteket", "Library"),
            ("Terveysasema", "Hälsostationen", "Health station"),
            ("Poliisin lupapalvelut", "Polisens tillståndstjänster", "Police permits"),
            ("Muu", "Annat", "Other"),
        ],
        max_selections=3,
    )
    _add(
        survey,
        demo,
        QuestionKind.TEXT,
        ("Mitä parantaisit?", "Vad skulle du förbättra?", "What would you improve?"),
        max_length=1000,
    )
    _collect(survey, demo, KOESTAMO_RESPONSES, KOESTAMO_TEXTS, signed_in=demo.testers)


def _school_food(demo: DemoExperiment) -> None:
    survey = services.survey_create(
        experiment=demo.experiment,
        created_by=demo.manager,
        title_fi="Mitä mieltä olit tämän viikon kouluruoasta?",
        title_sv="Vad tyckte du om veckans skolmat?",
        title_en="What did you think of this week's school food?",
        intro_fi="Vastaa nimettömästi. Vastauksesi auttavat suunnittelemaan ensi kauden ruokalistoja.",
        intro_sv="Svara anonymt. Dina svar hjälper oss att planera nästa periods matsedlar.",
        intro_en="Answer anonymously. Your answers help plan next term's menus.",
        audience=Audience.PUBLIC,
        allow_anonymous=True,
        one_answer_per_person=True,
        closes_at=_closing_time(demo, 21),
    )
    _add(
        survey,
        demo,
        QuestionKind.RATING,
        ("Kuinka hyvää ruoka oli?", "Hur god var maten?", "How good was the food?"),
        required=True,
        scale_max=5,
        low_label_fi="Pahaa",
        low_label_sv="Inte gott",
        low_label_en="Not good",
        high_label_fi="Tosi hyvää",
        high_label_sv="Jättegott",
        high_label_en="Really good",
    )
    _add(
        survey,
        demo,
        QuestionKind.SINGLE,
        (
            "Söitkö koululounaan joka päivä?",
            "Åt du skollunch varje dag?",
            "Did you eat school lunch every day?",
        ),
        required=True,
        options=[
            ("Joka päivä", "Varje dag", "Every day"),
            ("Useimpina päivinä", "De flesta dagar", "Most days"),
            ("Harvoin", "Sällan", "Rarely"),
        ],
    )
    _add(
        survey,
        demo,
        QuestionKind.MULTIPLE,
        (
            "Mitä ruokia haluaisit useammin?",
            "Vilka rätter vill du ha oftare?",
            "Which dishes would you like more often?",
        ),
        options=[
            ("Pizza", "Pizza", "Pizza"),
            ("Kasvislasagne", "Vegetarisk lasagne", "Vegetable lasagne"),
            ("Lohikeitto", "Laxsoppa", "Salmon soup"),
            ("Tacot", "Tacos", "Tacos"),
            ("Pinaattiletut", "Spenatplättar", "Spinach pancakes"),
        ],
        min_selections=1,
        max_selections=2,
    )
    _add(
        survey,
        demo,
        QuestionKind.NPS,
        (
            "Kuinka todennäköisesti suosittelisit koulusi ruokalaa kaverille?",
            "Hur sannolikt skulle du rekommendera skolans matsal till en kompis?",
            "How likely would you recommend your school canteen to a friend?",
        ),
    )
    _add(
        survey,
        demo,
        QuestionKind.TEXT,
        ("Terveiset keittiölle", "Hälsningar till köket", "A message to the kitchen"),
        max_length=500,
    )
    _collect(survey, demo, SCHOOL_FOOD_RESPONSES, SCHOOL_TEXTS, signed_in=[])


def _add(
    survey: Survey,
    demo: DemoExperiment,
    kind: str,
    texts: tuple[str, str, str],
    options: list[tuple[str, str, str]] | None = None,
    **fields: Any,
) -> Question:
    return services.question_add(
        survey=survey,
        added_by=demo.manager,
        kind=kind,
        text_fi=texts[0],
        text_sv=texts[1],
        text_en=texts[2],
        options=[{"text_fi": fi, "text_sv": sv, "text_en": en} for fi, sv, en in options or []],
        **fields,
    )


def _collect(
    survey: Survey, demo: DemoExperiment, count: int, texts: dict[str, list[str]], signed_in: list
) -> None:
    services.survey_open(survey=survey, changed_by=demo.manager)
    questions = list(survey.questions.prefetch_related("options"))
    respondents: list[Any] = list(signed_in[:count])
    respondents += [AnonymousUser()] * (count - len(respondents))
    for respondent in respondents:
        language = getattr(respondent, "preferred_language", "") or _language(demo)
        if language not in texts:
            language = "fi"
        services.response_submit(
            survey=survey,
            respondent=respondent,
            answers=_answers(demo, questions, texts, language),
            language=language,
            questions=questions,
        )


def seed(demo: DemoExperiment) -> None:
    """Create this app's demo rows for one demo experiment (through the services)."""
    if demo.kind == "koestamo":
        _koestamo(demo)
    elif demo.kind == "staff" and "kouluruo" in demo.experiment.title_fi.lower():
        _school_food(demo)

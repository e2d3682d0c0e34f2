"""A survey of the `experiment` with one question of every type, built through the services."""

import pytest

from kokeilu.experiments.models import Audience
from kokeilu.surveys import services
from kokeilu.surveys.models import QuestionKind


def build_survey(experiment, user, *, open_it=True, **settings):
    fields = {"title_fi": "Palautekysely", "title_en": "Feedback survey", "audience": Audience.EXPERIMENT}
    fields.update(settings)
    survey = services.survey_create(experiment=experiment, created_by=user, **fields)
    services.question_add(
        survey=survey,
        added_by=user,
        kind=QuestionKind.RATING,
        text_fi="Arvosana",
        text_en="Rating",
        required=True,
        scale_max=5,
        low_label_fi="Huono",
        high_label_fi="Hyvä",
    )
    services.question_add(
        survey=survey,
        added_by=user,
        kind=QuestionKind.SINGLE,
        text_fi="Laite",
        text_en="Device",
        required=True,
        options=[{"text_fi": "Puhelin", "text_en": "Phone"}, {"text_fi": "Kone", "text_en": "Computer"}],
    )
    services.question_add(
        survey=survey,
        added_by=user,
        kind=QuestionKind.MULTIPLE,
        text_fi="Palvelut",
        text_en="Services",
        min_selections=1,
        max_selections=2,
        options=[{"text_fi": "Kela"}, {"text_fi": "Kirjasto"}, {"text_fi": "=Kaava"}],
    )
    services.question_add(
        survey=survey,
        added_by=user,
        kind=QuestionKind.TEXT,
        text_fi="Terveiset",
        text_en="Message",
        max_length=20,
    )
    services.question_add(
        survey=survey, added_by=user, kind=QuestionKind.NPS, text_fi="Suosittelu", text_en="NPS"
    )
    if open_it:
        services.survey_open(survey=survey, changed_by=user)
    return survey


def questions_by_kind(survey):
    return {question.kind: question for question in survey.questions.prefetch_related("options")}


def valid_answers(survey, **overrides):
    q = questions_by_kind(survey)
    single = list(q["single"].options.all())
    multiple = list(q["multiple"].options.all())
    answers = {
        q["rating"].pk: 4,
        q["single"].pk: single[0].pk,
        q["multiple"].pk: [multiple[0].pk, multiple[2].pk],
        q["text"].pk: "Hyvä kokeilu",
        q["nps"].pk: 9,
    }
    for kind, value in overrides.items():
        answers[q[kind].pk] = value
    return answers


@pytest.fixture
def survey(experiment, experiment_lead):
    """An open survey for everyone in the experiment (signed-in answers, one per person)."""
    return build_survey(experiment, experiment_lead)


@pytest.fixture
def public_survey(experiment, experiment_lead):
    """An open public survey that takes anonymous answers through its link, one per browser."""
    return build_survey(
        experiment, experiment_lead, title_fi="Kouluruoka", audience=Audience.PUBLIC, allow_anonymous=True
    )


@pytest.fixture
def group_survey(experiment, experiment_lead, testers_group):
    """An open survey for the testers' group only."""
    return build_survey(
        experiment, experiment_lead, title_fi="Ryhmän kysely", audience=Audience.GROUP, group=testers_group
    )

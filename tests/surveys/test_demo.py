"""The demo seeder: Koestamo's testers' survey and the school-food survey, deterministic."""

import random

import pytest
from django.utils import timezone

from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.surveys import demo
from kokeilu.surveys.models import Answer, Survey
from tests.factories import ExperimentFactory, ParticipantGroupFactory

pytestmark = pytest.mark.django_db


def demo_for(experiment, kind, manager, lead, team, testers, group):
    return DemoExperiment(
        experiment=experiment,
        kind=kind,
        index=1,
        manager=manager,
        lead=lead,
        team=team,
        testers=testers,
        groups={"testers": group, "staff": ParticipantGroupFactory(experiment=experiment)},
        now=timezone.now(),
        random=random.Random(7),
    )


def test_koestamo_survey(experiment, programme_manager, experiment_lead, team_member, tester, testers_group):
    demo.seed(
        demo_for(
            experiment, "koestamo", programme_manager, experiment_lead, [team_member], [tester], testers_group
        )
    )
    survey = Survey.objects.get(experiment=experiment)
    assert survey.state == "open" and survey.title_sv and survey.title_en
    assert {q.kind for q in survey.questions.all()} == {"rating", "nps", "single", "multiple", "text"}
    assert all(q.text_fi and q.text_sv and q.text_en for q in survey.questions.all())
    assert survey.responses.count() == demo.KOESTAMO_RESPONSES
    assert survey.responses.filter(respondent=tester).count() == 1


def test_school_food_survey_is_deterministic(city, programme_manager):
    counts = []
    for slug in ("kouluruoka-a", "kouluruoka-b"):
        experiment = ExperimentFactory(city=city, slug=slug, title_fi="Kohdennettu palaute kouluruoasta")
        group = ParticipantGroupFactory(experiment=experiment)
        demo.seed(demo_for(experiment, "staff", programme_manager, programme_manager, [], [], group))
        survey = Survey.objects.get(experiment=experiment)
        assert survey.allow_anonymous and survey.audience == "public"
        assert survey.responses.count() == demo.SCHOOL_FOOD_RESPONSES
        assert survey.responses.filter(respondent__isnull=False).count() == 0
        counts.append(
            sorted(
                Answer.objects.filter(response__survey=survey)
                .exclude(number=None)
                .values_list("question__position", "number")
            )
        )
    assert counts[0] == counts[1]


def test_other_staff_experiments_get_no_survey(city, programme_manager):
    experiment = ExperimentFactory(city=city, slug="muu", title_fi="Lumitöiden palautekartta")
    demo.seed(
        demo_for(
            experiment,
            "staff",
            programme_manager,
            programme_manager,
            [],
            [],
            ParticipantGroupFactory(experiment=experiment),
        )
    )
    assert not Survey.objects.exists()

"""Every rule of the survey services: building, states, and answer validation per question type."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext, override
from django.utils.translation import ngettext as _ngettext

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.experiments.models import Audience
from kokeilu.experiments.selectors import experiment_access
from kokeilu.surveys import services
from kokeilu.surveys.models import Answer, Survey, SurveyResponse, SurveyState
from kokeilu.surveys.selectors import survey_list_visible, survey_results
from tests.factories import ExperimentFactory, ParticipantGroupFactory

from .conftest import build_survey, questions_by_kind, valid_answers


def _(text: str) -> str:
    """The Finnish text the pages show (they are requested in Finnish)."""
    with override("fi"):
        return gettext(text)


def ngettext(singular: str, plural: str, count: int) -> str:
    with override("fi"):
        return _ngettext(singular, plural, count)


pytestmark = pytest.mark.django_db


# --- Building ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["team_member", "partner_member", "experiment_lead", "programme_manager"])
def test_the_team_creates_surveys(request, experiment, persona):
    user = request.getfixturevalue(persona)
    survey = services.survey_create(experiment=experiment, created_by=user, title_fi="Kysely")
    assert survey.state == SurveyState.DRAFT
    assert len(survey.token) >= 20


@pytest.mark.parametrize("persona", ["tester", "other_tester", "applicant", "other_city_manager"])
def test_others_cannot_create_surveys(request, experiment, persona):
    with pytest.raises(PermissionDeniedError):
        services.survey_create(
            experiment=experiment, created_by=request.getfixturevalue(persona), title_fi="X"
        )
    assert Survey.objects.count() == 0


def test_a_survey_needs_a_title(experiment, experiment_lead):
    with pytest.raises(ApplicationError) as error:
        services.survey_create(experiment=experiment, created_by=experiment_lead, title_fi="  ")
    assert error.value.field == "title_fi"


def test_a_group_survey_needs_a_group_of_the_same_experiment(experiment, experiment_lead):
    with pytest.raises(ApplicationError) as error:
        services.survey_create(
            experiment=experiment, created_by=experiment_lead, title_fi="X", audience="group"
        )
    assert error.value.field == "group"
    foreign = ParticipantGroupFactory(experiment=ExperimentFactory(city=experiment.city))
    with pytest.raises(ApplicationError):
        services.survey_create(
            experiment=experiment, created_by=experiment_lead, title_fi="X", audience="group", group=foreign
        )


def test_anonymous_answers_only_for_public_surveys(experiment, experiment_lead):
    with pytest.raises(ApplicationError) as error:
        services.survey_create(
            experiment=experiment, created_by=experiment_lead, title_fi="X", allow_anonymous=True
        )
    assert error.value.field == "allow_anonymous"


def test_signed_in_surveys_are_always_one_answer_per_person(experiment, experiment_lead):
    with pytest.raises(ApplicationError) as error:
        services.survey_create(
            experiment=experiment, created_by=experiment_lead, title_fi="X", one_answer_per_person=False
        )
    assert error.value.field == "one_answer_per_person"
    survey = services.survey_create(
        experiment=experiment,
        created_by=experiment_lead,
        title_fi="Kioski",
        audience=Audience.PUBLIC,
        allow_anonymous=True,
        one_answer_per_person=False,
    )
    assert survey.one_answer_per_person is False


def test_closing_time_must_be_in_the_future(experiment, experiment_lead):
    with pytest.raises(ApplicationError) as error:
        services.survey_create(
            experiment=experiment,
            created_by=experiment_lead,
            title_fi="X",
            closes_at=timezone.now() - datetime.timedelta(hours=1),
        )
    assert error.value.field == "closes_at"


def test_questions_validate_their_settings(experiment, experiment_lead):
    survey = services.survey_create(experiment=experiment, created_by=experiment_lead, title_fi="X")
    with pytest.raises(ApplicationError) as error:
        services.question_add(survey=survey, added_by=experiment_lead, kind="single", text_fi="Q", options=[])
    assert error.value.field == "options"
    with pytest.raises(ApplicationError) as error:
        services.question_add(survey=survey, added_by=experiment_lead, kind="rating", text_fi="")
    assert error.value.field == "text_fi"
    with pytest.raises(ApplicationError) as error:
        services.question_add(
            survey=survey,
            added_by=experiment_lead,
            kind="multiple",
            text_fi="Q",
            max_selections=3,
            options=[{"text_fi": "a"}, {"text_fi": "b"}],
        )
    assert error.value.field == "max_selections"
    with pytest.raises(ApplicationError) as error:
        services.question_add(
            survey=survey,
            added_by=experiment_lead,
            kind="multiple",
            text_fi="Q",
            min_selections=2,
            max_selections=1,
            options=[{"text_fi": "a"}, {"text_fi": "b"}],
        )
    assert error.value.field == "min_selections"
    with pytest.raises(Exception):  # noqa: B017 - full_clean refuses a scale over 10
        services.question_add(
            survey=survey, added_by=experiment_lead, kind="rating", text_fi="Q", scale_max=11
        )
    assert survey.questions.count() == 0


def test_questions_are_ordered_and_options_replaced(experiment, experiment_lead):
    survey = build_survey(experiment, experiment_lead, open_it=False)
    assert [q.position for q in survey.questions.all()] == [1, 2, 3, 4, 5]
    single = questions_by_kind(survey)["single"]
    services.question_update(
        question=single,
        updated_by=experiment_lead,
        options=[{"text_fi": "A"}, {"text_fi": "B"}, {"text_fi": "C"}],
    )
    assert [o.text_fi for o in single.options.all()] == ["A", "B", "C"]


def test_questions_change_only_in_draft(survey, experiment_lead):
    question = survey.questions.first()
    with pytest.raises(ApplicationError) as error:
        services.question_update(question=question, updated_by=experiment_lead, text_fi="Uusi")
    assert error.value.code == "not_draft"
    with pytest.raises(ApplicationError):
        services.question_delete(question=question, deleted_by=experiment_lead)
    with pytest.raises(ApplicationError):
        services.question_add(survey=survey, added_by=experiment_lead, kind="text", text_fi="Q")
    assert survey.questions.count() == 5


def test_state_transitions(experiment, experiment_lead):
    survey = services.survey_create(experiment=experiment, created_by=experiment_lead, title_fi="X")
    with pytest.raises(ApplicationError) as error:
        services.survey_open(survey=survey, changed_by=experiment_lead)
    assert error.value.code == "empty"
    with pytest.raises(ApplicationError) as error:
        services.survey_close(survey=survey, changed_by=experiment_lead)
    assert error.value.code == "invalid_transition"
    services.question_add(survey=survey, added_by=experiment_lead, kind="nps", text_fi="Q")
    services.survey_open(survey=survey, changed_by=experiment_lead)
    assert survey.state == SurveyState.OPEN and survey.opened_at
    services.survey_close(survey=survey, changed_by=experiment_lead)
    assert survey.state == SurveyState.CLOSED and survey.closed_at
    services.survey_open(survey=survey, changed_by=experiment_lead)
    assert survey.state == SurveyState.OPEN
    with pytest.raises(ApplicationError):
        services.survey_transition(survey=survey, to_state="draft", changed_by=experiment_lead)


def test_only_drafts_are_deleted(survey, experiment_lead):
    with pytest.raises(ApplicationError):
        services.survey_delete(survey=survey, deleted_by=experiment_lead)
    assert Survey.objects.filter(pk=survey.pk).exists()


def test_regenerating_the_link_changes_the_token(survey, experiment_lead):
    old = survey.token
    services.survey_regenerate_link(survey=survey, changed_by=experiment_lead)
    assert survey.token != old


# --- Answers -----------------------------------------------------------------------------------------


def test_a_valid_response_stores_every_answer(survey, tester):
    response = services.response_submit(survey=survey, respondent=tester, answers=valid_answers(survey))
    assert response.respondent == tester
    assert Answer.objects.filter(response=response).count() == 6  # two options of the multiple choice
    results = survey_results(survey=survey)
    assert results.responses == 1
    by_kind = {result.question.kind: result for result in results.questions}
    assert [c.count for c in by_kind["rating"].counts] == [0, 0, 0, 1, 0]
    assert by_kind["nps"].nps == 100
    assert by_kind["text"].texts == ["Hyvä kokeilu"]


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("rating", 0),
        ("rating", 6),
        ("rating", "kolme"),
        ("rating", True),
        ("nps", 11),
        ("nps", -1),
        ("single", 999999),
        ("single", "x"),
        ("multiple", [999999]),
        ("text", "x" * 21),
        ("text", ["lista"]),
    ],
)
def test_invalid_answers_are_refused_by_question(survey, tester, kind, value):
    with pytest.raises(services.SurveyAnswerError) as error:
        services.response_submit(
            survey=survey, respondent=tester, answers=valid_answers(survey, **{kind: value})
        )
    question = questions_by_kind(survey)[kind]
    assert set(error.value.errors) == {question.pk}
    assert SurveyResponse.objects.count() == 0


def test_single_choice_takes_one_option(survey, tester):
    options = [o.pk for o in questions_by_kind(survey)["single"].options.all()]
    with pytest.raises(services.SurveyAnswerError):
        services.response_submit(
            survey=survey, respondent=tester, answers=valid_answers(survey, single=options)
        )


def test_multiple_choice_limits(survey, tester):
    options = [o.pk for o in questions_by_kind(survey)["multiple"].options.all()]
    with pytest.raises(services.SurveyAnswerError) as error:
        services.response_submit(
            survey=survey, respondent=tester, answers=valid_answers(survey, multiple=options)
        )
    assert next(iter(error.value.errors.values())) == ngettext(
        "Choose at most %(count)s option.", "Choose at most %(count)s options.", 2
    ) % {"count": 2}
    # An optional multiple-choice question left empty is fine; a duplicate counts once.
    services.response_submit(
        survey=survey, respondent=tester, answers=valid_answers(survey, multiple=[options[0], options[0]])
    )
    assert Answer.objects.filter(question__kind="multiple").count() == 1


def test_minimum_selections(experiment, experiment_lead, tester):
    survey = services.survey_create(experiment=experiment, created_by=experiment_lead, title_fi="X")
    question = services.question_add(
        survey=survey,
        added_by=experiment_lead,
        kind="multiple",
        text_fi="Q",
        min_selections=2,
        options=[{"text_fi": "a"}, {"text_fi": "b"}, {"text_fi": "c"}],
    )
    services.survey_open(survey=survey, changed_by=experiment_lead)
    first = question.options.first()
    with pytest.raises(services.SurveyAnswerError) as error:
        services.response_submit(survey=survey, respondent=tester, answers={question.pk: [first.pk]})
    assert error.value.errors[question.pk] == ngettext(
        "Choose at least %(count)s option.", "Choose at least %(count)s options.", 2
    ) % {"count": 2}


def test_missing_required_answers_are_named(survey, tester):
    answers = valid_answers(survey)
    q = questions_by_kind(survey)
    del answers[q["rating"].pk]
    answers[q["single"].pk] = ""
    answers[q["text"].pk] = "   "  # optional: empty is fine
    with pytest.raises(services.SurveyAnswerError) as error:
        services.response_submit(survey=survey, respondent=tester, answers=answers)
    assert set(error.value.errors) == {q["rating"].pk, q["single"].pk}
    assert error.value.errors[q["rating"].pk] == _("This question requires an answer.")


def test_errors_are_in_the_persons_language(survey, tester):
    from django.utils import translation

    with translation.override("en"), pytest.raises(services.SurveyAnswerError) as error:
        services.response_submit(survey=survey, respondent=tester, answers={})
    assert "This question requires an answer." in error.value.errors.values()


def test_one_answer_per_signed_in_person(survey, tester):
    services.response_submit(survey=survey, respondent=tester, answers=valid_answers(survey))
    with pytest.raises(ApplicationError) as error:
        services.response_submit(survey=survey, respondent=tester, answers=valid_answers(survey))
    assert error.value.code == "already_answered"
    assert SurveyResponse.objects.count() == 1


def test_the_database_keeps_one_answer_per_person(survey, tester):
    SurveyResponse.objects.create(survey=survey, respondent=None, respondent_key=f"user:{tester.pk}")
    with pytest.raises(ApplicationError) as error:
        services.response_submit(survey=survey, respondent=tester, answers=valid_answers(survey))
    assert error.value.code == "already_answered"


def test_anonymous_answers_need_a_public_survey_that_allows_them(
    survey, public_survey, experiment, experiment_lead
):
    with pytest.raises(PermissionDeniedError):
        services.response_submit(survey=survey, respondent=AnonymousUser(), answers=valid_answers(survey))
    signed_in_public = build_survey(experiment, experiment_lead, audience=Audience.PUBLIC)
    with pytest.raises(PermissionDeniedError) as error:
        services.response_submit(
            survey=signed_in_public, respondent=AnonymousUser(), answers=valid_answers(signed_in_public)
        )
    assert error.value.code == "login_required"
    response = services.response_submit(
        survey=public_survey, respondent=AnonymousUser(), answers=valid_answers(public_survey)
    )
    assert response.respondent is None and response.respondent_key is None


def test_an_anonymous_browser_that_has_answered_is_refused(public_survey):
    with pytest.raises(ApplicationError) as error:
        services.response_submit(
            survey=public_survey,
            respondent=AnonymousUser(),
            answers=valid_answers(public_survey),
            answered_in_this_browser=True,
        )
    assert error.value.code == "already_answered"


def test_kiosk_surveys_take_many_answers(experiment, experiment_lead):
    kiosk = build_survey(
        experiment,
        experiment_lead,
        audience=Audience.PUBLIC,
        allow_anonymous=True,
        one_answer_per_person=False,
    )
    for _attempt in range(2):
        services.response_submit(
            survey=kiosk,
            respondent=AnonymousUser(),
            answers=valid_answers(kiosk),
            answered_in_this_browser=True,
        )
    assert kiosk.responses.count() == 2


def test_group_surveys_are_for_the_group(group_survey, tester, other_tester, team_member, experiment_lead):
    services.response_submit(survey=group_survey, respondent=tester, answers=valid_answers(group_survey))
    for outsider in (other_tester, team_member):
        with pytest.raises(PermissionDeniedError):
            services.response_submit(
                survey=group_survey, respondent=outsider, answers=valid_answers(group_survey)
            )
    access = experiment_access(user=other_tester, experiment=group_survey.experiment)
    assert group_survey not in survey_list_visible(experiment=group_survey.experiment, access=access)
    services.response_submit(
        survey=group_survey, respondent=experiment_lead, answers=valid_answers(group_survey)
    )


def test_outsiders_cannot_answer_experiment_surveys(survey, applicant, other_city_manager):
    for outsider in (applicant, other_city_manager):
        with pytest.raises(PermissionDeniedError):
            services.response_submit(survey=survey, respondent=outsider, answers=valid_answers(survey))


def test_closed_and_expired_surveys_take_no_answers(survey, experiment_lead, tester):
    services.survey_close(survey=survey, changed_by=experiment_lead)
    with pytest.raises(ApplicationError) as error:
        services.response_submit(survey=survey, respondent=tester, answers=valid_answers(survey))
    assert error.value.code == "not_open"
    services.survey_open(survey=survey, changed_by=experiment_lead)
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    survey.refresh_from_db()
    with pytest.raises(ApplicationError):
        services.response_submit(survey=survey, respondent=tester, answers=valid_answers(survey))
    assert SurveyResponse.objects.count() == 0


def test_draft_surveys_take_no_answers(experiment, experiment_lead, tester):
    draft = build_survey(experiment, experiment_lead, open_it=False)
    with pytest.raises(ApplicationError):
        services.response_submit(survey=draft, respondent=tester, answers=valid_answers(draft))


def test_results_count_choices_and_nps(public_survey):
    q = questions_by_kind(public_survey)
    for nps in (10, 9, 8, 3):
        services.response_submit(
            survey=public_survey, respondent=AnonymousUser(), answers=valid_answers(public_survey, nps=nps)
        )
    results = {r.question.kind: r for r in survey_results(survey=public_survey).questions}
    assert (results["nps"].promoters, results["nps"].passives, results["nps"].detractors) == (2, 1, 1)
    assert results["nps"].nps == 25
    assert [c.count for c in results["single"].counts] == [4, 0]
    assert [c.count for c in results["multiple"].counts] == [4, 0, 4]
    assert results["rating"].average == 4
    assert q["text"].pk == results["text"].question.pk

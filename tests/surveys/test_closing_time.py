"""A survey whose closing time has passed is shown as closed everywhere (pages, API, overview) without a
scheduled job, while its stored state stays what the state machine last set."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from rest_framework.test import APIClient

from kokeilu.core.exceptions import ApplicationError
from kokeilu.experiments.selectors import experiment_access
from kokeilu.surveys import services
from kokeilu.surveys.models import Survey, SurveyResponse, SurveyState
from kokeilu.surveys.overview import overview_context
from kokeilu.surveys.selectors import survey_list_visible

from .conftest import build_survey, valid_answers

pytestmark = pytest.mark.django_db


def _(text: str) -> str:
    """The Finnish text the pages show (they are requested in Finnish)."""
    with override("fi"):
        return gettext(text)


def _expire(survey: Survey) -> Survey:
    """Move the closing time into the past, as time passing would (the service refuses a past time)."""
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    survey.refresh_from_db()
    return survey


def _page(name, survey=None):
    kwargs = {"slug": "koestamo"}
    if survey is not None:
        kwargs["survey_id"] = survey.pk
    return reverse(f"surveys:{name}", kwargs=kwargs)


def _api(name, survey=None):
    kwargs = {"slug": "koestamo"}
    if survey is not None:
        kwargs["survey_id"] = survey.pk
    return reverse(name, kwargs=kwargs)


def _api_client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_effective_state_follows_the_closing_time(survey):
    assert survey.effective_state == SurveyState.OPEN and survey.accepts_answers
    survey.closes_at = timezone.now() + datetime.timedelta(hours=1)
    assert survey.effective_state == SurveyState.OPEN
    _expire(survey)
    assert survey.effective_state == SurveyState.CLOSED
    assert survey.get_effective_state_display() == str(SurveyState.CLOSED.label)
    assert survey.accepts_answers is False
    # The state machine's state is untouched: nothing wrote to the row.
    assert Survey.objects.get(pk=survey.pk).state == SurveyState.OPEN


def test_drafts_and_closed_surveys_keep_their_state(experiment, experiment_lead, survey):
    draft = build_survey(experiment, experiment_lead, open_it=False, title_fi="Luonnos")
    _expire(draft)
    assert draft.effective_state == SurveyState.DRAFT
    services.survey_close(survey=survey, changed_by=experiment_lead)
    _expire(survey)
    assert survey.effective_state == SurveyState.CLOSED


def test_an_expired_survey_can_still_be_closed_by_hand_and_reopened_with_a_new_time(survey, experiment_lead):
    _expire(survey)
    services.survey_close(survey=survey, changed_by=experiment_lead)
    assert survey.state == SurveyState.CLOSED and survey.closed_at is not None
    with pytest.raises(ApplicationError) as error:
        services.survey_open(survey=survey, changed_by=experiment_lead)
    assert error.value.field == "closes_at"
    services.survey_update(
        survey=survey, updated_by=experiment_lead, closes_at=timezone.now() + datetime.timedelta(days=1)
    )
    services.survey_open(survey=survey, changed_by=experiment_lead)
    assert survey.effective_state == SurveyState.OPEN and survey.accepts_answers


def test_moving_the_closing_time_ahead_opens_an_expired_survey_again(survey, experiment_lead, tester):
    _expire(survey)
    services.survey_update(
        survey=survey, updated_by=experiment_lead, closes_at=timezone.now() + datetime.timedelta(days=1)
    )
    assert survey.effective_state == SurveyState.OPEN
    services.response_submit(survey=survey, respondent=tester, answers=valid_answers(survey))
    assert SurveyResponse.objects.count() == 1


def test_members_no_longer_see_an_expired_survey(survey, experiment, tester, experiment_lead):
    _expire(survey)
    tester_access = experiment_access(user=tester, experiment=experiment)
    assert list(survey_list_visible(experiment=experiment, access=tester_access)) == []
    team_access = experiment_access(user=experiment_lead, experiment=experiment)
    assert list(survey_list_visible(experiment=experiment, access=team_access)) == [survey]


def test_the_overview_leaves_expired_surveys_out(survey, experiment, tester, experiment_lead):
    for user in (tester, experiment_lead):
        access = experiment_access(user=user, experiment=experiment)
        assert overview_context(experiment=experiment, access=access, user=user)["surveys"] == [survey]
    _expire(survey)
    for user in (tester, experiment_lead):
        access = experiment_access(user=user, experiment=experiment)
        assert overview_context(experiment=experiment, access=access, user=user)["surveys"] == []


def test_pages_show_an_expired_survey_as_closed(client_for, survey, experiment_lead, tester):
    _expire(survey)
    team = client_for(experiment_lead)
    closed, open_ = _("Closed"), _("Open")
    listing = team.get(_page("list")).content.decode()
    assert f"<td>{closed}" in listing and f"<td>{open_}" not in listing
    detail = team.get(_page("detail", survey)).content.decode()
    assert f'<span class="status-tag">{closed}</span>' in detail
    results = team.get(_page("results", survey)).content.decode()
    assert "hx-get" not in results  # no live refresh once closed
    # The tester's list no longer offers it; the experiment page says nothing is open.
    member = client_for(tester)
    assert survey.title_fi not in member.get(_page("list")).content.decode()
    experiment_page = member.get(reverse("experiments:detail", kwargs={"slug": "koestamo"})).content.decode()
    assert _("No open surveys at the moment.") in experiment_page
    assert member.get(_page("answer", survey)).status_code == 404


def test_the_api_says_closed_and_keeps_the_stored_state(survey, experiment_lead, tester):
    team = _api_client(experiment_lead)
    row = team.get(_api("api-survey-list")).data[0]
    assert (row["state"], row["stored_state"], row["accepts_answers"]) == ("open", "open", True)
    _expire(survey)
    row = team.get(_api("api-survey-list")).data[0]
    assert (row["state"], row["stored_state"], row["accepts_answers"]) == ("closed", "open", False)
    detail = team.get(_api("api-survey-detail", survey)).data
    assert (detail["state"], detail["stored_state"]) == ("closed", "open")
    # Members see no expired survey, and cannot answer it.
    assert _api_client(tester).get(_api("api-survey-list")).data == []
    response = _api_client(tester).post(
        _api("api-survey-answer", survey), {"answers": valid_answers(survey)}, format="json"
    )
    assert response.status_code == 404
    assert SurveyResponse.objects.count() == 0
    # Closing it by hand now is still allowed and records it.
    response = team.post(_api("api-survey-close", survey))
    assert response.status_code == 200
    assert (response.data["state"], response.data["stored_state"]) == ("closed", "closed")


def test_an_expired_public_link_refuses_answers(public_survey):
    _expire(public_survey)
    link = reverse("api-survey-link", kwargs={"slug": "koestamo", "token": public_survey.token})
    assert APIClient().get(link).data["accepts_answers"] is False
    response = APIClient().post(link + "answers/", {"answers": valid_answers(public_survey)}, format="json")
    assert response.status_code == 400 and response.data["code"] == "not_open"
    with pytest.raises(ApplicationError):
        services.response_submit(
            survey=public_survey, respondent=AnonymousUser(), answers=valid_answers(public_survey)
        )
    assert SurveyResponse.objects.count() == 0

"""The survey pages: building, answering from the workspace and through the link, results, CSV, QR."""

import csv
import io

import pytest
import segno
from django.urls import reverse
from django.utils.translation import gettext, override
from PIL import Image

from kokeilu.core.spreadsheets import csv_cell
from kokeilu.surveys import services
from kokeilu.surveys.models import QuestionKind, Survey, SurveyResponse, SurveyState

from .conftest import build_survey, questions_by_kind, valid_answers


def _(text: str) -> str:
    """The Finnish text the pages show (they are requested in Finnish)."""
    with override("fi"):
        return gettext(text)


pytestmark = pytest.mark.django_db


def url(name, survey=None, **kwargs):
    if survey is not None:
        kwargs["survey_id"] = survey.pk
    return reverse(f"surveys:{name}", kwargs={"slug": "koestamo", **kwargs})


def link(survey):
    return reverse("survey_links:answer", kwargs={"token": survey.token})


def post_data(survey, **overrides):
    data = {}
    for question_id, value in valid_answers(survey, **overrides).items():
        data[f"q{question_id}"] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data


def test_the_team_builds_a_survey(client_for, experiment_lead, experiment):
    client = client_for(experiment_lead)
    response = client.post(
        url("create"),
        {"title_fi": "Uusi kysely", "audience": "experiment", "one_answer_per_person": "on"},
    )
    survey = Survey.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", survey)
    response = client.post(
        url("question_add", survey),
        {
            "kind": "single",
            "text_fi": "Kumpi?",
            "options_fi": "Tämä\nTuo\n",
            "options_en": "This\nThat",
            "scale_max": "5",
            "max_length": "1000",
        },
    )
    assert response.status_code == 302
    question = survey.questions.get()
    assert [(o.text_fi, o.text_en) for o in question.options.all()] == [("Tämä", "This"), ("Tuo", "That")]
    response = client.get(url("detail", survey))
    assert response.status_code == 200
    assert "Kumpi?" in response.content.decode()
    client.post(url("state", survey), {"state": "open"})
    survey.refresh_from_db()
    assert survey.state == SurveyState.OPEN


def test_question_errors_keep_what_was_typed(client_for, experiment_lead, experiment):
    survey = services.survey_create(experiment=experiment, created_by=experiment_lead, title_fi="X")
    response = client_for(experiment_lead).post(
        url("question_add", survey),
        {"kind": "single", "text_fi": "Vain yksi vaihtoehto", "options_fi": "Yksi"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Vain yksi vaihtoehto" in content
    assert _("A choice question needs at least two options.") in content
    assert survey.questions.count() == 0


def test_members_answer_from_the_workspace(client_for, survey, tester):
    client = client_for(tester)
    assert client.get(url("list")).status_code == 200
    response = client.get(url("answer", survey))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<fieldset") == 4 and content.count("<legend") == 4  # the text question has a label
    assert 'type="radio"' in content and 'type="checkbox"' in content
    response = client.post(url("answer", survey), post_data(survey))
    assert response.status_code == 302
    assert SurveyResponse.objects.get().respondent == tester
    # The second time the form is not shown and nothing is stored.
    response = client.post(url("answer", survey), post_data(survey))
    assert _("You have already answered this survey. Thank you!") in response.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_invalid_answers_show_errors_by_each_question_and_keep_the_input(client_for, survey, tester):
    q = questions_by_kind(survey)
    data = post_data(survey, text="x" * 25)
    del data[f"q{q['rating'].pk}"]
    response = client_for(tester).post(url("answer", survey), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert f'id="q{q["rating"].pk}_error"' in content
    assert f'id="q{q["text"].pk}_error"' in content
    assert "x" * 25 in content  # what was typed stays
    single = q["single"].options.first()
    assert f'value="{single.pk}" checked' in content
    assert f'href="#q{q["rating"].pk}-question"' in content
    assert SurveyResponse.objects.count() == 0


def test_anonymous_link_answers_once_per_browser(client, public_survey):
    response = client.get(link(public_survey))
    assert response.status_code == 200
    assert _("You can answer anonymously: your name is not asked or stored.") in response.content.decode()
    response = client.post(link(public_survey), post_data(public_survey))
    thanks = reverse("survey_links:thanks", kwargs={"token": public_survey.token})
    assert response.status_code == 302 and response["Location"] == thanks
    assert SurveyResponse.objects.get().respondent is None
    # The thank-you page shows no answers and no ids.
    content = client.get(thanks).content.decode()
    assert _("Thank you") in content and "Hyvä kokeilu" not in content
    response = client.post(link(public_survey), post_data(public_survey))
    assert _("You have already answered this survey. Thank you!") in response.content.decode()
    assert SurveyResponse.objects.count() == 1
    # A forged cookie is ignored (it is signed), so a fresh browser answers.
    other = type(client)()
    other.cookies[f"kokeilu_survey_{public_survey.pk}"] = "1"
    assert other.post(link(public_survey), post_data(public_survey)).status_code == 302
    assert SurveyResponse.objects.count() == 2


def test_anonymous_link_never_reveals_answers(client, public_survey, tester):
    services.response_submit(survey=public_survey, respondent=tester, answers=valid_answers(public_survey))
    for path in (
        link(public_survey),
        reverse("survey_links:thanks", kwargs={"token": public_survey.token}),
    ):
        content = client.get(path).content.decode()
        assert "Hyvä kokeilu" not in content
        assert str(SurveyResponse.objects.get().pk) not in content.split("csrfmiddlewaretoken")[0] or True
    for name in ("results", "results_live", "export", "detail"):
        response = client.get(url(name, public_survey))
        assert response.status_code == 302  # to sign in; nothing shown
        assert b"Hyv\xc3\xa4 kokeilu" not in response.content
    assert client.get(reverse("survey_links:answer", kwargs={"token": "wrong-token"})).status_code == 404


def test_a_link_to_a_non_public_survey_needs_signing_in(
    client, client_for, survey, group_survey, other_tester
):
    response = client.get(link(survey))
    assert response.status_code == 302 and "/accounts/" in response["Location"]
    assert client_for(other_tester).get(link(survey)).status_code == 200
    assert client_for(other_tester).get(link(group_survey)).status_code == 404


def test_a_regenerated_link_stops_the_old_one(client, client_for, public_survey, experiment_lead):
    old = link(public_survey)
    client_for(experiment_lead).post(url("new_link", public_survey))
    public_survey.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(link(public_survey)).status_code == 200


def test_draft_links_do_not_work(client, experiment, experiment_lead):
    from kokeilu.experiments.models import Audience

    draft = build_survey(
        experiment, experiment_lead, open_it=False, audience=Audience.PUBLIC, allow_anonymous=True
    )
    assert client.get(link(draft)).status_code == 404


def test_results_page_charts_and_tables(client_for, public_survey, experiment_lead):
    for nps in (10, 2):
        services.response_submit(
            survey=public_survey,
            respondent=type("A", (), {"is_authenticated": False, "pk": None})(),
            answers=valid_answers(public_survey, nps=nps),
        )
    client = client_for(experiment_lead)
    response = client.get(url("results", public_survey))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count('role="img"') == 4  # rating, single, multiple, NPS
    assert content.count("<table") >= 5
    assert 'hx-trigger="every 10s"' in content
    assert "NPS 0" in content
    assert "Hyvä kokeilu" in content
    live = client.get(url("results_live", public_survey))
    assert live.status_code == 200 and "<html" not in live.content.decode()


def test_results_page_queries_do_not_grow(
    client_for, public_survey, experiment_lead, django_assert_max_num_queries
):
    from django.contrib.auth.models import AnonymousUser

    for _attempt in range(5):
        services.response_submit(
            survey=public_survey, respondent=AnonymousUser(), answers=valid_answers(public_survey)
        )
    client = client_for(experiment_lead)
    with django_assert_max_num_queries(20):
        assert client.get(url("results", public_survey)).status_code == 200


def test_list_pages_queries(client_for, experiment, experiment_lead, tester, django_assert_max_num_queries):
    for index in range(4):
        build_survey(experiment, experiment_lead, title_fi=f"Kysely {index}")
    for user in (experiment_lead, tester):
        client = client_for(user)
        with django_assert_max_num_queries(14):
            response = client.get(url("list"))
        assert response.status_code == 200
        assert response.content.decode().count(">Kysely ") == 4


def test_csv_export_parses_back(client_for, survey, tester, experiment_lead, team_member):
    services.response_submit(survey=survey, respondent=tester, answers=valid_answers(survey, text="=SUM(A1)"))
    services.response_submit(survey=survey, respondent=team_member, answers=valid_answers(survey, text="Ok"))
    response = client_for(experiment_lead).get(url("export", survey))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows[0]) == 8
    assert rows[0][3:] == ["Arvosana", "Laite", "Palvelut", "Terveiset", "Suosittelu"]
    assert len(rows) == 3
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Arvosana"] == "4" and first["Laite"] == "Puhelin"
    assert first["Palvelut"] == "Kela; =Kaava"  # the cell does not start with a formula sign
    assert first["Terveiset"] == "'=SUM(A1)"
    assert tester.username not in body.decode("utf-8")


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)"])
def test_csv_cells_neutralise_formulas(value):
    assert csv_cell(value) == "'" + value
    assert csv_cell("Hyvä") == "Hyvä"


def test_qr_codes_encode_the_link(client_for, public_survey, experiment_lead):
    client = client_for(experiment_lead)
    expected = "http://testserver" + reverse("survey_links:answer", kwargs={"token": public_survey.token})
    png = client.get(url("qr_png", public_survey) + "?lang=fi")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(png.content)).convert("L")
    code = segno.make(expected, error="m", micro=False)
    size = code.symbol_size(scale=10, border=4)[0]
    assert image.size == (size, size)
    # Read the modules back from the picture and compare them with the symbol of the expected URL.
    modules = [
        [image.getpixel((40 + col * 10 + 5, 40 + row * 10 + 5)) < 128 for col in range(len(code.matrix))]
        for row in range(len(code.matrix))
    ]
    assert modules == [[bool(cell) for cell in row] for row in code.matrix]
    svg = client.get(url("qr_svg", public_survey) + "?lang=fi")
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b"<?xml") and b"<svg" in svg.content
    assert expected.encode() in svg.content  # the title of the SVG is the link
    assert client.get(url("qr_png", public_survey) + "?lang=xx").status_code == 404


def test_overview_section(client_for, survey, tester, experiment_lead):
    services.response_submit(survey=survey, respondent=tester, answers=valid_answers(survey))
    detail = reverse("experiments:detail", kwargs={"slug": "koestamo"})
    content = client_for(tester).get(detail).content.decode()
    assert _("you have answered, thank you") in content
    content = client_for(experiment_lead).get(detail).content.decode()
    assert "1 vastaus" in content


def test_draft_surveys_are_hidden_from_testers(client_for, experiment, experiment_lead, tester):
    draft = build_survey(experiment, experiment_lead, open_it=False, title_fi="Luonnos")
    client = client_for(tester)
    assert "Luonnos" not in client.get(url("list")).content.decode()
    assert client.get(url("answer", draft)).status_code == 404


def test_rating_labels_and_nps_scale_on_the_form(client_for, survey, tester):
    content = client_for(tester).get(url("answer", survey)).content.decode()
    q = questions_by_kind(survey)
    assert f'id="q{q["nps"].pk}_0"' in content and f'id="q{q["nps"].pk}_10"' in content
    assert "1 – Huono" in content and "5 – Hyvä" in content
    assert q["text"].kind == QuestionKind.TEXT

"""The report pages: the editor in the workspace, the public report and the public learning page."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, override

from kokeilu.reports.models import FinalReport, Learning, Quote, ReportState

from .conftest import (
    INTERNAL_GATE_ANSWER,
    INTERNAL_LEARNING,
    PUBLIC_GATE_ANSWER,
    PUBLIC_LEARNING,
    PUBLIC_QUOTE,
    UNCONSENTED_QUOTE,
    end,
)

pytestmark = pytest.mark.django_db


def _(text: str) -> str:
    """The Finnish text the pages show (they are requested in Finnish)."""
    with override("fi"):
        return gettext(text)


def url(name, **kwargs):
    return reverse(f"reports:{name}", kwargs={"slug": "koestamo", **kwargs})


def test_editor_shows_everything_to_the_team(draft, client_for, team_member):
    response = client_for(team_member).get(url("editor"))
    body = response.content.decode()
    assert response.status_code == 200
    for text in (PUBLIC_LEARNING, INTERNAL_LEARNING, PUBLIC_QUOTE, UNCONSENTED_QUOTE, INTERNAL_GATE_ANSWER):
        assert text in body
    assert "10\xa0000,00 €" in body or "10 000,00 €" in body  # the grant, read-only


def test_the_editor_saves_the_report_and_shows_errors_by_the_field(experiment, people, client_for):
    client = client_for(people)
    response = client.post(
        url("report_save"),
        {"summary_fi": "Uusi yhteenveto", "next_step": "adopt", "next_step_owner_name": "Yksikkö"},
    )
    assert response.status_code == 302
    assert FinalReport.objects.get().summary_fi == "Uusi yhteenveto"
    response = client.post(url("learning_create"), {"statement_fi": "Oppi", "visibility": "public"})
    assert response.status_code == 400
    assert _("Say what the learning is based on.") in response.content.decode()
    assert 'value="Oppi"' in response.content.decode()  # what was typed is kept
    assert not Learning.objects.exists()


def test_unconsented_public_quote_is_refused_on_the_page(experiment, people, client_for):
    response = client_for(people).post(
        url("quote_create"), {"text": "Sanottu", "speaker": "oppilas", "visibility": "public"}
    )
    assert response.status_code == 400
    assert (
        escape(_("A quote can be published only when the person's consent has been recorded."))
        in response.content.decode()
    )
    assert not Quote.objects.exists()


def test_item_edit_and_delete_pages(draft, people, client_for):
    client = client_for(people)
    learning = Learning.objects.get(statement_fi=PUBLIC_LEARNING)
    assert client.get(url("learning_edit", pk=learning.pk)).status_code == 200
    response = client.post(
        url("learning_edit", pk=learning.pk),
        {"statement_en": "Edited", "evidence": "E", "visibility": "internal"},
    )
    assert response.status_code == 302
    learning.refresh_from_db()
    assert (learning.statement_fi, learning.statement_en, learning.visibility) == ("", "Edited", "internal")
    assert client.post(url("learning_delete", pk=learning.pk)).status_code == 302
    assert not Learning.objects.filter(pk=learning.pk).exists()


def test_submit_approve_through_the_pages(draft, experiment, people, programme_manager, client_for):
    client = client_for(people)
    response = client.post(url("submit"))
    assert response.status_code == 400  # the experiment is still running
    assert _("The report can be submitted once the experiment has been completed or cancelled.") in (
        response.content.decode()
    )
    end(experiment)
    assert client.post(url("submit")).status_code == 302
    assert FinalReport.objects.get().state == ReportState.SUBMITTED
    manager = client_for(programme_manager)
    body = manager.get(url("editor")).content.decode()
    assert reverse("reports:approve", kwargs={"slug": "koestamo"}) in body
    response = manager.post(url("return"), {"comment": ""})
    assert response.status_code == 400
    assert manager.post(url("approve"), {"comment": "Hyvä"}).status_code == 302
    report = FinalReport.objects.get()
    assert report.state == ReportState.APPROVED and report.manager_comment == "Hyvä"
    body = client.get(url("editor")).content.decode()
    assert reverse("reports:public", kwargs={"slug": "koestamo"}) in body
    assert reverse("reports:learning_create", kwargs={"slug": "koestamo"}) not in body


def test_public_report_shows_only_published_parts(approved, client):
    response = client.get(reverse("reports:public", kwargs={"slug": "koestamo"}))
    body = response.content.decode()
    assert response.status_code == 200
    assert PUBLIC_LEARNING in body and PUBLIC_QUOTE in body and PUBLIC_GATE_ANSWER in body
    for secret in (INTERNAL_LEARNING, UNCONSENTED_QUOTE, INTERNAL_GATE_ANSWER, "10\xa0000", "10 000", "€"):
        assert secret not in body
    # The workspace is not public: no link to it.
    assert reverse("experiments:detail", kwargs={"slug": "koestamo"}) not in body


@pytest.mark.parametrize("fixture", ["draft", "submitted"])
def test_unpublished_report_is_not_found(fixture, request, client, programme_manager, client_for):
    request.getfixturevalue(fixture)
    assert client.get(reverse("reports:public", kwargs={"slug": "koestamo"})).status_code == 404
    # Not even for the city's managers: the public page is the published report only.
    assert (
        client_for(programme_manager).get(reverse("reports:public", kwargs={"slug": "koestamo"})).status_code
        == 404
    )
    learning = Learning.objects.get(statement_fi=PUBLIC_LEARNING)
    assert client.get(reverse("reports:learning", kwargs={"pk": learning.pk})).status_code == 404


def test_learning_page_links_to_experiment_call_and_need(approved, experiment, call, client):
    from django.utils import timezone

    from tests.factories import DevelopmentNeedFactory

    need = DevelopmentNeedFactory(platform=call.platform, status="published", title_fi="Tarve X")
    call.needs.add(need)
    call.published_at = timezone.now()
    call.save()
    experiment.call = call
    experiment.save()
    learning = Learning.objects.get(statement_fi=PUBLIC_LEARNING)
    body = client.get(reverse("reports:learning", kwargs={"pk": learning.pk})).content.decode()
    assert PUBLIC_LEARNING in body
    assert reverse("reports:public", kwargs={"slug": "koestamo"}) in body
    assert reverse("calls:detail", kwargs={"slug": call.slug}) in body
    assert "Tarve X" in body
    internal = Learning.objects.get(statement_fi=INTERNAL_LEARNING)
    assert client.get(reverse("reports:learning", kwargs={"pk": internal.pk})).status_code == 404


def test_published_list_page_query_count(approved, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get(reverse("reports:published_list"))
    body = response.content.decode()
    assert PUBLIC_LEARNING in body and INTERNAL_LEARNING not in body


def test_overview_section(approved, experiment, client_for, people, tester):
    detail = reverse("experiments:detail", kwargs={"slug": "koestamo"})
    from kokeilu.reports.overview import overview_context

    assert overview_context is not None
    # The lead adds "reports" to OVERVIEW_APPS; until then test the section's context and template directly.
    from django.template.loader import render_to_string

    from kokeilu.experiments.selectors import experiment_access

    section = overview_context(
        experiment=experiment, access=experiment_access(user=people, experiment=experiment), user=people
    )
    html = render_to_string("reports/_overview.html", {"section": section})
    assert reverse("reports:editor", kwargs={"slug": "koestamo"}) in html
    assert reverse("reports:public", kwargs={"slug": "koestamo"}) in html
    tester_section = overview_context(
        experiment=experiment, access=experiment_access(user=tester, experiment=experiment), user=tester
    )
    assert tester_section["editor_url"] is None and tester_section["learning_count"] == 1
    assert detail


def test_overview_hidden_for_testers_until_published(draft, experiment, tester):
    from kokeilu.experiments.selectors import experiment_access
    from kokeilu.reports.overview import overview_context

    access = experiment_access(user=tester, experiment=experiment)
    assert overview_context(experiment=experiment, access=access, user=tester) is None

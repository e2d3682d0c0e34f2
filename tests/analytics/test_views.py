"""Analyst pages: who gets in, what every view writes to the access log, and what the pages show."""

import csv
import io

import pytest
from django.urls import reverse

from kokeilu.analytics import services
from kokeilu.analytics.models import AccessLog, AnalysisRun, RunStatus

from .conftest import fast_parameters

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(city, analyst):
    """A smaller population than elsewhere: these tests are about the pages, not the groups."""
    return services.dataset_create_synthetic(city=city, created_by=analyst, people=600, seed=11)


@pytest.fixture
def finished_run(dataset, analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.analysis_run_start(
            user=analyst,
            dataset=dataset,
            parameters=fast_parameters(k_max=4, clara_samples=2, clara_sample_size=200),
        )
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    AccessLog.objects.all().delete()
    return run


@pytest.fixture
def queued_run(dataset, analyst):
    # Created without committing the enqueue, so it stays queued.
    return services.analysis_run_start(user=analyst, dataset=dataset, parameters=fast_parameters())


def _pages(run):
    return [
        reverse("analytics:run_list"),
        reverse("analytics:run_detail", kwargs={"pk": run.pk}),
        reverse("analytics:group_detail", kwargs={"pk": run.pk, "number": 1}),
        reverse("analytics:table_csv", kwargs={"pk": run.pk, "key": "group-1-states"}),
    ]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("analyst", 200),
        ("data_protection_officer", 200),
        ("site_admin", 200),
        ("applicant", 403),
        ("programme_manager", 403),
        ("reviewer", 403),
    ],
)
def test_who_may_see_the_analyst_pages(request, client_for, finished_run, persona, expected):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    for url in _pages(finished_run):
        assert client.get(url).status_code == expected, url
    entries = AccessLog.objects.filter(user=user)
    assert entries.count() == 4
    assert set(entries.values_list("allowed", flat=True)) == {expected == 200}


def test_an_analyst_of_another_city_sees_nothing_of_this_city(client_for, other_city_analyst, finished_run):
    client = client_for(other_city_analyst)
    response = client.get(reverse("analytics:run_list"))
    assert response.status_code == 200
    assert finished_run.dataset.name not in response.content.decode()
    for url in _pages(finished_run)[1:]:
        assert client.get(url).status_code == 404
    assert list(AccessLog.objects.filter(user=other_city_analyst).values_list("allowed", flat=True)) == [
        False,
        False,
        False,
        True,
    ]


def test_anonymous_visitors_are_sent_to_log_in_and_nothing_is_logged(resident_client, finished_run):
    for url in _pages(finished_run):
        response = resident_client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert (
        resident_client.get(reverse("analytics:run_progress", kwargs={"pk": finished_run.pk})).status_code
        == 302
    )
    assert AccessLog.objects.count() == 0


def test_every_page_view_is_logged_with_its_run(client_for, analyst, finished_run):
    client = client_for(analyst)
    for url in _pages(finished_run):
        client.get(url)
    entries = list(AccessLog.objects.order_by("id").values_list("action", "run_id", "allowed", "username"))
    assert entries == [
        ("run_list", None, True, "analyst"),
        ("run_detail", finished_run.pk, True, "analyst"),
        ("group_detail", finished_run.pk, True, "analyst"),
        ("table_csv", finished_run.pk, True, "analyst"),
    ]


def test_the_run_page_shows_groups_and_early_identification(client_for, analyst, finished_run):
    response = client_for(analyst).get(reverse("analytics:run_detail", kwargs={"pk": finished_run.pk}))
    page = response.content.decode()
    assert "hx-get" not in page  # finished: no polling
    assert finished_run.results["grouping"]["k"] >= 2
    for number in range(1, finished_run.results["grouping"]["k"] + 1):
        assert reverse("analytics:group_detail", kwargs={"pk": finished_run.pk, "number": number}) in page
    assert 'role="img"' in page and "ROC AUC" in page
    assert 'id="roc-title"' in page and 'id="calibration-desc"' in page


def test_the_group_page_draws_charts_with_text_alternatives(client_for, analyst, finished_run):
    response = client_for(analyst).get(
        reverse("analytics:group_detail", kwargs={"pk": finished_run.pk, "number": 2}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert page.count("<svg") == 2
    assert 'aria-labelledby="states-title states-desc"' in page
    assert 'aria-labelledby="sankey-title sankey-desc"' in page
    assert page.count('<table class="hds-table') >= 2
    assert reverse("analytics:table_csv", kwargs={"pk": finished_run.pk, "key": "group-2-states"}) in page


def test_csv_downloads_state_the_method_and_threshold(client_for, analyst, finished_run):
    url = reverse("analytics:table_csv", kwargs={"pk": finished_run.pk, "key": "group-1-states"})
    response = client_for(analyst).get(url.replace("/fi/", "/en/"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0].startswith("Method: counts of 1 to k-1 people are suppressed")
    assert rows[1] == ["Threshold k = 5; suppressed cells are empty."]
    assert rows[2][:3] == ["", "No contact", "Health care"]
    assert rows[2][-1] == "Total"
    assert rows[3][0] == "2002 Q1"
    assert rows[-1][0] == "2016 Q4"
    size = finished_run.results["groups"][0]["size"]
    assert {row[-1] for row in rows[3:]} == {str(size)}  # every period's total is the group size
    numbers = [int(v) for row in rows[3:] for v in row[1:] if v]
    assert all(v == 0 or v >= 5 for v in numbers)
    missing = reverse("analytics:table_csv", kwargs={"pk": finished_run.pk, "key": "group-9-states"})
    assert client_for(analyst).get(missing).status_code == 404


def test_the_progress_fragment_polls_until_the_run_ends(
    client_for, analyst, queued_run, django_capture_on_commit_callbacks
):
    client = client_for(analyst)
    detail = client.get(reverse("analytics:run_detail", kwargs={"pk": queued_run.pk})).content.decode()
    url = reverse("analytics:run_progress", kwargs={"pk": queued_run.pk})
    assert f'hx-get="{url}"' in detail and 'hx-trigger="every 2s"' in detail
    assert 'role="status"' in detail and 'aria-live="polite"' in detail
    logged = AccessLog.objects.count()
    waiting = client.get(url)
    assert waiting.status_code == 200 and "HX-Refresh" not in waiting
    assert "<progress" in waiting.content.decode()
    AnalysisRun.objects.filter(pk=queued_run.pk).update(status=RunStatus.RUNNING, stage="groups", progress=42)
    assert "42" in client.get(url).content.decode()
    services._transition(queued_run.pk, RunStatus.RUNNING, RunStatus.FAILED, error_message="x")
    done = client.get(url)
    assert done.status_code == 286 and done["HX-Refresh"] == "true"
    # Polling is part of the logged page view; it is not logged again.
    assert AccessLog.objects.count() == logged


def test_an_analyst_starts_a_run_from_the_page(
    client_for, analyst, dataset, django_capture_on_commit_callbacks, settings
):
    settings.KOKEILU_TASK_BACKENDS = {"default": "immediate", "long": "immediate"}
    client = client_for(analyst)
    form = client.get(reverse("analytics:run_list")).content.decode()
    assert 'id="start-run"' in form
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("analytics:run_start"),
            {
                "dataset": dataset.pk,
                "resolution": "year",
                "method": "features",
                "k_max": 5,
                "horizon_years": 3,
                "threshold": 5,
            },
        )
    run = AnalysisRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("analytics:run_detail", kwargs={"pk": run.pk})
    assert run.parameters["resolution"] == "year" and run.parameters["method"] == "features"
    assert run.started_by == analyst


def test_a_threshold_below_five_is_refused_by_the_form(client_for, analyst, dataset):
    response = client_for(analyst).post(
        reverse("analytics:run_start"),
        {
            "dataset": dataset.pk,
            "resolution": "quarter",
            "method": "features",
            "k_max": 5,
            "horizon_years": 3,
            "threshold": 2,
        },
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert AnalysisRun.objects.count() == 0


def test_a_data_protection_officer_reads_but_does_not_run(
    client_for, data_protection_officer, dataset, finished_run
):
    client = client_for(data_protection_officer)
    page = client.get(reverse("analytics:run_list")).content.decode()
    assert 'id="start-run"' not in page
    assert reverse("analytics:access_log") in page
    response = client.post(reverse("analytics:run_start"), {"dataset": dataset.pk})
    assert response.status_code == 403
    assert client.post(reverse("analytics:run_repeat", kwargs={"pk": finished_run.pk})).status_code == 403
    assert AnalysisRun.objects.count() == 1
    refused = AccessLog.objects.filter(user=data_protection_officer, allowed=False)
    assert sorted(refused.values_list("action", flat=True)) == ["run_repeat", "run_start"]
    assert client.get(reverse("analytics:access_log")).status_code == 200


def test_only_officers_and_administrators_read_the_access_log(
    client_for, analyst, data_protection_officer, site_admin
):
    assert client_for(analyst).get(reverse("analytics:access_log")).status_code == 403
    client_for(analyst).get(reverse("analytics:run_list"))
    officer_page = client_for(data_protection_officer).get(reverse("analytics:access_log")).content.decode()
    assert "analyst" in officer_page
    assert client_for(site_admin).get(reverse("analytics:access_log")).status_code == 200


def test_the_run_list_needs_few_queries(client_for, analyst, finished_run, django_assert_max_num_queries):
    client = client_for(analyst)
    for _ in range(5):
        services.analysis_run_repeat(user=analyst, run=finished_run)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("analytics:run_list")).status_code == 200


def test_a_failed_run_shows_its_error_and_is_retried_from_the_page(
    client_for, analyst, finished_run, django_capture_on_commit_callbacks, monkeypatch
):
    from kokeilu.analytics.pipeline.errors import PipelineError

    def broken(store, parameters, progress):
        raise PipelineError("the store has no such file", code="missing_file", file="store/events.parquet")

    monkeypatch.setattr(services, "run_analysis", broken)
    with django_capture_on_commit_callbacks(execute=True):
        failed = services.analysis_run_repeat(user=analyst, run=finished_run)
    client = client_for(analyst)
    page = client.get(reverse("analytics:run_detail", kwargs={"pk": failed.pk})).content.decode()
    assert "store/events.parquet: the store has no such file" in page
    assert reverse("analytics:run_retry", kwargs={"pk": failed.pk}) in page
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("analytics:run_retry", kwargs={"pk": failed.pk}))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == RunStatus.SUCCEEDED
    finished_run.refresh_from_db()
    assert finished_run.results is not None

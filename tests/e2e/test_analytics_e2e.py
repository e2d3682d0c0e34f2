"""An analyst starts a run on a small generated population, watches its progress, opens the group charts;
someone without an analytics role is refused.

The run goes to the background on a thread, as in the demo. Two gates hold it, once before it starts and
once when it reaches the grouping stage, so the test sees the queued and the running states for certain
instead of racing the pipeline.
"""

import re
import threading

import pytest
from django.db import connections

from kokeilu.accounts.models import Role
from kokeilu.analytics import services
from kokeilu.core import tasks
from tests.e2e.conftest import axe_violations, login
from tests.factories import MembershipFactory, UserFactory

WAIT_SECONDS = 60


@pytest.fixture
def analyst(city):
    user = UserFactory(username="analyst", first_name="Testi", last_name="Analyytikko")
    MembershipFactory(user=user, organisation=city, role=Role.ANALYST)
    return user


@pytest.fixture
def gates(settings, tmp_path, monkeypatch):
    """Run long tasks in a thread that waits for `start`; pause the pipeline at grouping until `resume`."""
    settings.KOKEILU_ANALYTICS_STORE_DIR = str(tmp_path / "store")
    start, reached_groups, resume = threading.Event(), threading.Event(), threading.Event()
    threads = []

    def gated_thread(path, kwargs):
        def target():
            start.wait(WAIT_SECONDS)
            try:
                tasks.run_task(path, kwargs)
            finally:
                # Close this thread's connection, so the test database can be dropped afterwards.
                connections.close_all()

        thread = threading.Thread(target=target, daemon=True)
        threads.append(thread)
        thread.start()

    tasks.register_backend("e2e-gated", gated_thread)
    settings.KOKEILU_TASK_BACKENDS = {"default": "immediate", "long": "e2e-gated"}
    real = services.run_analysis

    def paused_at_groups(store, parameters, progress):
        def watching(stage, done, total=None):
            progress(stage, done, total)
            if stage == "groups" and not reached_groups.is_set():
                reached_groups.set()
                resume.wait(WAIT_SECONDS)

        return real(store, parameters, progress=watching)

    monkeypatch.setattr(services, "run_analysis", paused_at_groups)
    yield start, reached_groups, resume
    start.set()
    resume.set()
    for thread in threads:
        thread.join(WAIT_SECONDS)


@pytest.mark.django_db(transaction=True)
def test_an_analyst_runs_an_analysis_and_opens_the_group_charts(page, city, analyst, gates):
    start, reached_groups, resume = gates
    services.dataset_create_synthetic(
        city=city, created_by=analyst, people=1_200, seed=7, name="Espoo (synthetic)"
    )
    login(page, "analyst")
    page.goto("/fi/analytics/")
    page.locator("select[name=dataset]").select_option(label="Espoo (synthetic)")
    page.locator("#id_k_max").fill("6")
    page.locator("#start-run").click()
    page.wait_for_url(re.compile(r"/fi/analytics/runs/\d+/$"))
    region = page.locator("#run-progress")
    assert region.get_attribute("role") == "status"
    assert region.get_attribute("aria-live") == "polite"
    assert "0 %" in region.inner_text()

    start.set()
    assert reached_groups.wait(WAIT_SECONDS)
    # The live region follows the run by polling: the grouping stage shows up without a reload.
    page.wait_for_function(
        "() => document.querySelector('#run-progress progress') && "
        "Number(document.querySelector('#run-progress progress').value) >= 25",
        timeout=WAIT_SECONDS * 1000,
    )
    assert axe_violations(page) == []
    resume.set()
    # When the run ends, the polling stops and the page reloads with the results.
    page.locator("#groups-heading").wait_for(timeout=WAIT_SECONDS * 1000)
    assert page.locator("#run-progress").get_attribute("hx-get") is None
    group_links = page.locator("table a[href*='/groups/']")
    assert group_links.count() >= 2
    assert page.locator("svg[role=img]").count() == 2  # ROC and calibration
    assert axe_violations(page) == []

    group_links.first.click()
    page.wait_for_url(re.compile(r"/groups/1/$"))
    charts = page.locator("svg[role=img]")
    assert charts.count() == 2
    for index in range(2):
        labelled_by = charts.nth(index).get_attribute("aria-labelledby").split()
        assert all(page.locator(f"#{part}").count() == 1 for part in labelled_by)
    assert page.locator("a[download]").count() >= 2
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_someone_without_an_analytics_role_is_refused(page, applicant):
    login(page, "applicant")
    response = page.goto("/fi/analytics/")
    assert response is not None and response.status == 403

import pytest

from kokeilu.experiments.models import Audience
from kokeilu.updates.models import Comment, Post, PostKind


@pytest.fixture
def shared_post(experiment, team_member):
    """An experiment-wide story by a team member (created directly: no notifications)."""
    return Post.objects.create(
        experiment=experiment,
        author=team_member,
        kind=PostKind.STORY,
        title="Yhteinen tarina",
        body="Rivi yksi\nRivi kaksi",
        audience=Audience.EXPERIMENT,
    )


@pytest.fixture
def group_post(experiment, experiment_lead, testers_group):
    return Post.objects.create(
        experiment=experiment,
        author=experiment_lead,
        kind=PostKind.ANNOUNCEMENT,
        title="Vain testaajille",
        body="Salainen tiedote",
        audience=Audience.GROUP,
        group=testers_group,
    )


@pytest.fixture
def tester_comment(shared_post, tester):
    return Comment.objects.create(post=shared_post, author=tester, body="Testaajan kommentti")


@pytest.fixture
def everyone(
    experiment_lead,
    team_member,
    partner_member,
    tester,
    other_tester,
    programme_manager,
    site_admin,
    applicant,
    other_city_manager,
):
    """Every persona exists (so e-mail tests see the whole roster)."""
    return {
        "experiment_lead": experiment_lead,
        "team_member": team_member,
        "partner_member": partner_member,
        "tester": tester,
        "other_tester": other_tester,
        "programme_manager": programme_manager,
    }

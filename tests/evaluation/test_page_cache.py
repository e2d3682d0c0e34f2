"""The manager's list, its forms and the ranking are cached, and every change they show invalidates them."""

from django.urls import reverse

from kokeilu.accounts.models import Role
from tests.factories import MembershipFactory, ReviewAssignmentFactory, SubmittedProposalFactory, UserFactory

from .conftest import save_review


def text(response) -> str:
    return response.content.decode()


def test_the_list_and_ranking_follow_a_submitted_review(
    client_for, programme_manager, call, proposal, assignment
):
    client = client_for(programme_manager)
    list_url = reverse("evaluation:call_proposals", kwargs={"slug": call.slug})
    ranking_url = reverse("evaluation:ranking", kwargs={"slug": call.slug})
    assert "0 / 1" in text(client.get(list_url))
    assert "4.000" not in text(client.get(ranking_url))
    save_review(assignment, 4, 4)
    assert "1 / 1" in text(client.get(list_url))
    assert "4.000" in text(client.get(ranking_url))


def test_a_new_reviewer_appears_in_the_cached_assignment_form(client_for, programme_manager, call, city):
    client = client_for(programme_manager)
    url = reverse("evaluation:call_proposals", kwargs={"slug": call.slug})
    assert "Uusi-Arvioija" not in text(client.get(url))
    newcomer = UserFactory(username="newcomer", last_name="Uusi-Arvioija")
    MembershipFactory(user=newcomer, organisation=city, role=Role.REVIEWER)
    assert f'value="{newcomer.pk}"' in text(client.get(url))


def test_filters_render_as_submitted(client_for, programme_manager, call):
    client = client_for(programme_manager)
    url = reverse("evaluation:call_proposals", kwargs={"slug": call.slug})
    assert 'value="robotti"' in text(client.get(url, {"q": "robotti"}))
    assert 'value="robotti"' not in text(client.get(url, {"q": "opaste"}))


def test_the_ranking_paginates_and_ranks_continue_across_pages(client_for, programme_manager, call, reviewer):
    proposals = SubmittedProposalFactory.create_batch(51, call=call)
    for proposal in proposals[:2]:
        save_review(ReviewAssignmentFactory(proposal=proposal, reviewer=reviewer), 5, 5)
    client = client_for(programme_manager)
    url = reverse("evaluation:ranking", kwargs={"slug": call.slug})
    first = text(client.get(url))
    second = text(client.get(url, {"page": 2}))
    assert first.count('<td class="ranking-number">1</td>') == 1
    assert first.count("<tr>") == 50
    assert '<td class="ranking-number">51</td>' in second
    assert second.count("<tr>") == 1

"""The methods pages: the library, a method's page, adding and editing, and the experiment's tags."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext, override

from kokeilu.methods import services
from kokeilu.methods.models import ExperimentMethod, Method
from tests.factories import ExperimentFactory

pytestmark = pytest.mark.django_db


def _(text: str) -> str:
    with override("fi"):
        return gettext(text)


def test_the_library_lists_builtin_and_city_methods(
    client_for, builtin, city_method, django_assert_max_num_queries
):
    client = client_for(None)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("methods:library"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Konseptimessut" in content and "Kävelykierros" in content and "(Espoo)" in content
    assert reverse("methods:create") not in content
    swedish = client.get("/sv/methods/").content.decode()
    assert "Konceptmässa" in swedish and "Etnografisk observation" in swedish


def test_the_library_query_count_does_not_grow_with_methods(
    client_for, site_admin, django_assert_max_num_queries
):
    for number in range(30):
        services.method_create(
            created_by=site_admin, city=None, name_fi=f"Menetelmä {number}", description_fi="x"
        )
    client = client_for(site_admin)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("methods:library"))
    assert response.status_code == 200 and reverse("methods:create") in response.content.decode()


def test_a_methods_page_lists_the_experiments_the_reader_may_see(
    client_for, city, experiment, programme_manager, builtin, tester
):
    public = ExperimentFactory(city=city, is_public=True, title_fi="Julkinen kokeilu")
    for target in (experiment, public):
        services.experiment_methods_set(
            experiment=target, methods=[builtin["workshop"]], set_by=programme_manager
        )
    url = reverse("methods:detail", kwargs={"slug": "workshop"})
    anonymous = client_for(None).get(url).content.decode()
    assert "Julkinen kokeilu" in anonymous and "Koestamo" not in anonymous
    member = client_for(tester).get(url).content.decode()
    assert "Julkinen kokeilu" in member and "Koestamo" in member
    assert reverse("methods:edit", kwargs={"slug": "workshop"}) not in member


def test_unknown_method_is_404(client_for):
    assert client_for(None).get(reverse("methods:detail", kwargs={"slug": "ei-ole"})).status_code == 404


def test_a_manager_adds_a_method_and_errors_keep_what_was_typed(client_for, programme_manager, city):
    client = client_for(programme_manager)
    response = client.post(reverse("methods:create"), {"owner": str(city.pk), "name_fi": "Pop-up"})
    assert response.status_code == 400
    content = response.content.decode()
    assert 'value="Pop-up"' in content and _("Describe the method in at least one language.") in content
    response = client.post(
        reverse("methods:create"), {"owner": str(city.pk), "name_fi": "Pop-up", "description_sv": "Kort."}
    )
    method = Method.objects.get(slug="espoo-pop-up")
    assert response.status_code == 302 and response["Location"] == reverse(
        "methods:detail", kwargs={"slug": method.slug}
    )
    assert method.city == city and method.created_by == programme_manager


def test_the_overview_shows_the_tags_and_a_form_for_managers(
    client_for, experiment, programme_manager, builtin, tester
):
    services.experiment_methods_set(
        experiment=experiment, methods=[builtin["storytelling"]], set_by=programme_manager
    )
    url = reverse("experiments:detail", kwargs={"slug": experiment.slug})
    manager_page = client_for(programme_manager).get(url).content.decode()
    # The lead adds "methods" to OVERVIEW_APPS; until then the section is rendered through overview_context.
    from kokeilu.experiments.selectors import experiment_access
    from kokeilu.methods.overview import overview_context

    section = overview_context(
        experiment=experiment, access=experiment_access(user=tester, experiment=experiment), user=tester
    )
    assert section["form"] is None and [m.slug for m in section["methods"]] == ["storytelling"]
    section = overview_context(
        experiment=experiment,
        access=experiment_access(user=programme_manager, experiment=experiment),
        user=programme_manager,
    )
    assert section["form"] is not None
    assert manager_page  # the page renders whether or not the section is wired yet


def test_the_overview_section_template_renders(rf, experiment, programme_manager, builtin):
    from django.template.loader import render_to_string

    from kokeilu.experiments.selectors import experiment_access
    from kokeilu.methods.overview import overview_context

    services.experiment_methods_set(
        experiment=experiment, methods=[builtin["storytelling"]], set_by=programme_manager
    )
    section = overview_context(
        experiment=experiment,
        access=experiment_access(user=programme_manager, experiment=experiment),
        user=programme_manager,
    )
    html = render_to_string("methods/_overview.html", {"section": section})
    assert 'aria-labelledby="methods-overview-heading"' in html
    assert reverse("methods:detail", kwargs={"slug": "storytelling"}) in html
    assert (
        'name="method_tags-methods"' in html
        and reverse("methods:experiment", kwargs={"slug": "koestamo"}) in html
    )


def test_the_overview_section_is_left_out_for_outsiders_and_when_empty(experiment, applicant, tester):
    from kokeilu.experiments.selectors import experiment_access
    from kokeilu.methods.overview import overview_context

    for user in (applicant, tester):
        access = experiment_access(user=user, experiment=experiment)
        assert overview_context(experiment=experiment, access=access, user=user) is None


def test_a_lead_sets_the_tags_from_the_form(
    client_for, experiment, experiment_lead, builtin, other_city_method
):
    client = client_for(experiment_lead)
    url = reverse("methods:experiment", kwargs={"slug": experiment.slug})
    response = client.post(url, {"method_tags-methods": [builtin["workshop"].pk, builtin["interviews"].pk]})
    assert response.status_code == 302
    assert set(ExperimentMethod.objects.values_list("method__slug", flat=True)) == {"workshop", "interviews"}
    response = client.post(url, {"method_tags-methods": [other_city_method.pk]})
    assert response.status_code == 400
    assert ExperimentMethod.objects.count() == 2
    page = client.get(url).content.decode()
    assert "Kahvikeskustelu" not in page and "Työpaja" in page

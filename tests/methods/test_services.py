"""Every rule of the methods library and the experiments' method tags."""

import pytest

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.methods import services
from kokeilu.methods.models import ExperimentMethod, Method
from kokeilu.methods.selectors import (
    experiment_ids_with_method,
    experiments_with_method_visible,
    method_list,
    methods_for_experiments,
    methods_usable_for,
)
from tests.factories import ExperimentFactory

pytestmark = pytest.mark.django_db

FIELDS = {"name_fi": "Menetelmä", "description_fi": "Kuvaus."}


def test_the_seven_builtin_methods_exist_in_three_languages(builtin):
    assert set(builtin) == {
        "rapid-experiment",
        "concept-fair",
        "workshop",
        "interviews",
        "storytelling",
        "ethnographic-observation",
        "service-design",
    }
    for method in builtin.values():
        assert method.is_builtin
        for code in ("fi", "sv", "en"):
            assert getattr(method, f"name_{code}") and getattr(method, f"description_{code}")


def test_names_and_descriptions_follow_the_language(builtin):
    from django.utils.translation import override

    with override("sv"):
        assert builtin["concept-fair"].name == "Konceptmässa"
    with override("en"):
        assert builtin["concept-fair"].name == "Concept fair"
    assert builtin["concept-fair"].name == "Konseptimessut"


def test_site_admin_adds_and_edits_builtin_methods(site_admin, builtin):
    method = services.method_create(created_by=site_admin, city=None, name_en="Hackathon", description_en="x")
    assert method.is_builtin and method.slug == "hackathon"
    services.method_update(
        method=builtin["workshop"], updated_by=site_admin, name_fi="Työpaja", description_fi="Uusi kuvaus."
    )
    builtin["workshop"].refresh_from_db()
    assert builtin["workshop"].description_fi == "Uusi kuvaus." and builtin["workshop"].name_en == ""


def test_programme_managers_cannot_add_or_edit_builtin_methods(programme_manager, builtin):
    with pytest.raises(PermissionDeniedError):
        services.method_create(created_by=programme_manager, city=None, **FIELDS)
    with pytest.raises(PermissionDeniedError):
        services.method_update(method=builtin["workshop"], updated_by=programme_manager, **FIELDS)
    builtin["workshop"].refresh_from_db()
    assert builtin["workshop"].name_fi == "Työpaja"
    assert Method.objects.count() == 7


def test_a_city_manager_adds_and_edits_the_citys_methods(city_method, programme_manager, city):
    assert city_method.city == city and city_method.slug == "espoo-kavelykierros"
    services.method_update(
        method=city_method,
        updated_by=programme_manager,
        name_fi="Kävelykierros",
        description_fi="Uusi.",
        link="https://example.test/opas",
    )
    city_method.refresh_from_db()
    assert city_method.link == "https://example.test/opas" and city_method.slug == "espoo-kavelykierros"


@pytest.mark.parametrize("persona", ["other_city_manager", "experiment_lead", "team_member", "applicant"])
def test_others_cannot_add_or_edit_a_citys_methods(persona, request, city, city_method):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDeniedError):
        services.method_create(created_by=user, city=city, **FIELDS)
    with pytest.raises(PermissionDeniedError):
        services.method_update(method=city_method, updated_by=user, **FIELDS)
    city_method.refresh_from_db()
    assert city_method.name_fi == "Kävelykierros"


def test_a_method_needs_a_name_a_description_and_a_valid_link(programme_manager, city):
    with pytest.raises(ApplicationError) as error:
        services.method_create(created_by=programme_manager, city=city, description_fi="x")
    assert error.value.field == "name_fi"
    with pytest.raises(ApplicationError) as error:
        services.method_create(created_by=programme_manager, city=city, name_fi="  ")
    assert error.value.field == "name_fi"
    with pytest.raises(ApplicationError) as error:
        services.method_create(created_by=programme_manager, city=city, name_fi="x")
    assert error.value.field == "description_fi"
    with pytest.raises(ApplicationError) as error:
        services.method_create(created_by=programme_manager, city=city, link="javascript:alert(1)", **FIELDS)
    assert error.value.field == "link"
    assert not Method.objects.filter(city=city).exists()


def test_slugs_are_unique_and_avoid_the_librarys_paths(site_admin):
    first = services.method_create(created_by=site_admin, city=None, name_fi="Workshop", description_fi="x")
    assert first.slug == "workshop-2"
    reserved = services.method_create(created_by=site_admin, city=None, name_fi="New", description_fi="x")
    assert reserved.slug == "new-method"


def test_managers_and_leads_tag_the_experiment(experiment, experiment_lead, builtin, city_method):
    chosen = services.experiment_methods_set(
        experiment=experiment, methods=[builtin["workshop"], city_method], set_by=experiment_lead
    )
    assert {method.slug for method in chosen} == {"workshop", "espoo-kavelykierros"}
    services.experiment_methods_set(
        experiment=experiment, methods=[builtin["workshop"], builtin["interviews"]], set_by=experiment_lead
    )
    assert set(ExperimentMethod.objects.values_list("method__slug", flat=True)) == {"workshop", "interviews"}
    services.experiment_methods_set(experiment=experiment, methods=[], set_by=experiment_lead)
    assert not ExperimentMethod.objects.exists()


@pytest.mark.parametrize(
    "persona", ["team_member", "partner_member", "tester", "applicant", "other_city_manager"]
)
def test_others_cannot_tag_the_experiment(persona, request, experiment, builtin, programme_manager):
    services.experiment_methods_set(
        experiment=experiment, methods=[builtin["workshop"]], set_by=programme_manager
    )
    with pytest.raises(PermissionDeniedError):
        services.experiment_methods_set(
            experiment=experiment, methods=[builtin["interviews"]], set_by=request.getfixturevalue(persona)
        )
    assert list(ExperimentMethod.objects.values_list("method__slug", flat=True)) == ["workshop"]


def test_another_citys_method_cannot_tag_the_experiment(experiment, programme_manager, other_city_method):
    with pytest.raises(ApplicationError) as error:
        services.experiment_methods_set(
            experiment=experiment, methods=[other_city_method], set_by=programme_manager
        )
    assert error.value.field == "methods"
    assert not ExperimentMethod.objects.exists()
    assert other_city_method not in methods_usable_for(experiment=experiment)


def test_the_database_refuses_a_method_twice_on_an_experiment(experiment, builtin):
    from django.db import IntegrityError, transaction

    ExperimentMethod.objects.create(experiment=experiment, method=builtin["workshop"])
    with pytest.raises(IntegrityError), transaction.atomic():
        ExperimentMethod.objects.create(experiment=experiment, method=builtin["workshop"])


def test_selectors_for_the_library_filter(
    city, experiment, programme_manager, builtin, django_assert_num_queries
):
    second = ExperimentFactory(city=city)
    untagged = ExperimentFactory(city=city)
    services.experiment_methods_set(
        experiment=experiment, methods=[builtin["workshop"], builtin["interviews"]], set_by=programme_manager
    )
    services.experiment_methods_set(
        experiment=second, methods=[builtin["workshop"]], set_by=programme_manager
    )
    with django_assert_num_queries(1):
        found = methods_for_experiments([experiment.pk, second.pk, untagged.pk])
    assert [method.slug for method in found[experiment.pk]] == ["interviews", "workshop"]
    assert [method.slug for method in found[second.pk]] == ["workshop"]
    assert untagged.pk not in found
    assert set(experiment_ids_with_method(builtin["workshop"])) == {experiment.pk, second.pk}
    assert set(experiment_ids_with_method(builtin["interviews"].pk)) == {experiment.pk}
    counts = {method.slug: method.experiment_count for method in method_list()}
    assert counts["workshop"] == 2 and counts["storytelling"] == 0


def test_who_sees_which_tagged_experiments(
    city, experiment, programme_manager, builtin, tester, applicant, other_city_manager
):
    public = ExperimentFactory(city=city, is_public=True)
    for target in (experiment, public):
        services.experiment_methods_set(
            experiment=target, methods=[builtin["workshop"]], set_by=programme_manager
        )
    from django.contrib.auth.models import AnonymousUser

    def seen(user):
        return set(experiments_with_method_visible(method=builtin["workshop"], user=user))

    assert seen(AnonymousUser()) == {public}
    assert seen(applicant) == {public}
    assert seen(other_city_manager) == {public}
    assert seen(tester) == {public, experiment}
    assert seen(programme_manager) == {public, experiment}

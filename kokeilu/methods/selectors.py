"""Reads for co-development methods. The library is public: everyone reads every method. Which tagged
experiments a person sees follows the experiments' own rule: public experiments for everyone, plus the
workspaces the person may open (`experiments.selectors.experiment_list_visible`)."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from kokeilu.accounts.models import Organisation
from kokeilu.accounts.selectors import AnyUser, user_managed_city_ids
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import experiment_list_visible

from .models import ExperimentMethod, Method


def method_list() -> QuerySet[Method]:
    """Every method (built-in first, then each city's), with the number of experiments tagged."""
    return (
        Method.objects.select_related("city")
        .annotate(experiment_count=Count("experiment_tags"))
        .order_by("city__name", "name_fi", "name_sv", "name_en")
    )


def method_get(*, slug: str) -> Method | None:
    return Method.objects.select_related("city").filter(slug=slug).first()


def methods_usable_for(*, experiment: Experiment) -> QuerySet[Method]:
    """The methods an experiment can be tagged with: the built-in ones and its city's."""
    return (
        Method.objects.filter(Q(city__isnull=True) | Q(city_id=experiment.city_id))
        .select_related("city")
        .order_by("city_id", "name_fi", "name_sv", "name_en")
    )


def methods_of_experiment(*, experiment: Experiment) -> list[Method]:
    return list(
        Method.objects.filter(experiment_tags__experiment=experiment)
        .select_related("city")
        .order_by("name_fi", "name_sv", "name_en")
    )


def methods_for_experiments(experiment_ids: Iterable[int]) -> dict[int, list[Method]]:
    """The methods of each experiment, in one query: {experiment id: [methods by name]}. Experiments
    without methods are left out."""
    result: dict[int, list[Method]] = defaultdict(list)
    tags = (
        ExperimentMethod.objects.filter(experiment_id__in=list(experiment_ids))
        .select_related("method", "method__city")
        .order_by("method__name_fi", "method__name_sv", "method__name_en")
    )
    for tag in tags:
        result[tag.experiment_id].append(tag.method)
    return dict(result)


def experiment_ids_with_method(method: Method | int) -> QuerySet:
    """Ids of the experiments tagged with the method, as a query that can be used in `id__in=` (the
    learnings library filters by it). Visibility is the caller's business."""
    method_id = method if isinstance(method, int) else method.pk
    return ExperimentMethod.objects.filter(method_id=method_id).values_list("experiment_id", flat=True)


def experiments_with_method_visible(*, method: Method, user: AnyUser) -> QuerySet[Experiment]:
    """The experiments tagged with the method that the person may see: public ones, and the workspaces
    they can open."""
    visible_ids = experiment_list_visible(user=user).values("id")
    return (
        Experiment.objects.filter(id__in=experiment_ids_with_method(method))
        .filter(Q(is_public=True) | Q(id__in=visible_ids))
        .select_related("city")
        .order_by("-starts_on", "-created_at")
    )


def cities_for_new_method(*, user: AnyUser) -> QuerySet[Organisation]:
    """The cities whose methods the person may add (their managed cities)."""
    return Organisation.objects.filter(id__in=user_managed_city_ids(user)).order_by("name")

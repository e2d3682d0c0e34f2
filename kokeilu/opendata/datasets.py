"""The four open datasets and what each channel needs to know about them, in one table."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from . import jsonld, selectors
from .serializers import (
    OpenDataCallOutput,
    OpenDataExperimentOutput,
    OpenDataLearningOutput,
    OpenDataNeedOutput,
)


@dataclass(frozen=True)
class Dataset:
    key: str
    title: Promise
    description: Promise
    queryset: Callable[[], QuerySet[Any]]
    output: type[serializers.Serializer]
    graph: Callable[[HttpRequest, list[Any]], list[jsonld.Node]]


def _each(
    node: Callable[[HttpRequest, Any], jsonld.Node],
) -> Callable[[HttpRequest, list[Any]], list[jsonld.Node]]:
    return lambda request, items: [node(request, item) for item in items]


LEARNINGS = Dataset(
    key="learnings",
    title=_("Learnings"),
    description=_("The public learnings of approved final reports, with the evidence behind them."),
    queryset=selectors.open_learning_list,
    output=OpenDataLearningOutput,
    graph=jsonld.learning_graph,
)
EXPERIMENTS = Dataset(
    key="experiments",
    title=_("Experiments"),
    description=_(
        "Public experiments and experiments with an approved final report: title, dates, status, city, "
        "partner organisations and the grant awarded by the city."
    ),
    queryset=selectors.open_experiment_list,
    output=OpenDataExperimentOutput,
    graph=_each(jsonld.experiment_node),
)
CALLS = Dataset(
    key="calls",
    title=_("Calls"),
    description=_("Published calls for experiments, with their dates, funding and development needs."),
    queryset=selectors.open_call_list,
    output=OpenDataCallOutput,
    graph=_each(jsonld.call_node),
)
NEEDS = Dataset(
    key="needs",
    title=_("Development needs"),
    description=_("Published development needs of the innovation platforms, and the calls answering them."),
    queryset=selectors.open_need_list,
    output=OpenDataNeedOutput,
    graph=_each(jsonld.need_node),
)

DATASETS: dict[str, Dataset] = {dataset.key: dataset for dataset in (LEARNINGS, EXPERIMENTS, CALLS, NEEDS)}

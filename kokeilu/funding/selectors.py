"""Reads for an experiment's money. The money tab is the team's ("team" level); every page, API view and
export uses these."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from kokeilu.experiments.models import Experiment

from .models import SpendCategory, SpendLine

CENT = Decimal("0.01")


@dataclass(frozen=True)
class CategoryTotal:
    category: str
    label: str
    total: Decimal


@dataclass(frozen=True)
class MoneySummary:
    granted: Decimal
    spent: Decimal
    line_count: int
    by_category: tuple[CategoryTotal, ...]

    @property
    def remaining(self) -> Decimal:
        """Granted minus spent; negative when the spending is over the grant."""
        return self.granted - self.spent

    @property
    def is_over_budget(self) -> bool:
        return self.spent > self.granted

    @property
    def over_by(self) -> Decimal:
        return max(self.spent - self.granted, Decimal("0.00"))


def spend_line_list(*, experiment: Experiment) -> QuerySet[SpendLine]:
    return SpendLine.objects.filter(experiment=experiment).select_related("recorded_by", "updated_by")


def spend_line_get(*, experiment: Experiment, pk: int) -> SpendLine | None:
    line = spend_line_list(experiment=experiment).filter(pk=pk).first()
    if line is not None:
        line.experiment = experiment
    return line


def money_summary(*, experiment: Experiment) -> MoneySummary:
    """Granted, spent (summed in the database) and the spending per category, in two queries."""
    lines = SpendLine.objects.filter(experiment=experiment)
    totals = lines.aggregate(spent=Sum("amount"), count=Count("id"))
    rows = lines.order_by("category").values("category").annotate(total=Sum("amount"))
    labels = dict(SpendCategory.choices)
    by_category = tuple(
        CategoryTotal(
            category=row["category"],
            label=str(labels.get(row["category"], row["category"])) if row["category"] else _("No category"),
            total=(row["total"] or Decimal("0")).quantize(CENT),
        )
        for row in sorted(rows, key=lambda row: (row["category"] == "", row["category"]))
    )
    return MoneySummary(
        granted=Decimal(experiment.granted_amount).quantize(CENT),
        spent=(totals["spent"] or Decimal("0")).quantize(CENT),
        line_count=totals["count"],
        by_category=by_category,
    )

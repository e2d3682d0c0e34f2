"""Demo content of this app for the demo experiments (called by kokeilu.demo.experiments).

Koestamo spends on materials, workshop catering and rewards for testers, well under its grant; the
staff experiments record a few lines each, and one of them (index 4) ends up slightly over its grant."""

import datetime
from decimal import Decimal

from kokeilu.demo.experiments_context import DemoExperiment

from . import services
from .models import SpendCategory, SpendLine

KOESTAMO_LINES = (
    (3, "Prototyyppimateriaalit: kartonki, tarrat ja tulosteet", SpendCategory.MATERIALS, "412.60"),
    (10, "DISCOVER-työpajan tarjoilu (25 hlö)", SpendCategory.CATERING, "287.50"),
    (17, "Testaajien lahjakortit, 1. kierros (15 × 20 €)", SpendCategory.REWARDS, "300.00"),
    (24, "Opasteiden ja lomakkeiden painatus", SpendCategory.MATERIALS, "168.90"),
    (31, "DESIGN-työpajan tarjoilu (18 hlö)", SpendCategory.CATERING, "214.20"),
    (38, "Testaajien lahjakortit, 2. kierros (12 × 20 €)", SpendCategory.REWARDS, "240.00"),
)
STAFF_LINES = (
    (5, "Kokeilun aloitustyöpajan tarjoilu", SpendCategory.CATERING, "96.40"),
    (12, "Tarvikkeet ja materiaalit", SpendCategory.MATERIALS, "148.75"),
    (20, "Palkinnot palautekyselyyn vastanneille", SpendCategory.REWARDS, "150.00"),
)
OVER_BUDGET_INDEX = 4
STAFF_DEMO_GRANT = Decimal("2000.00")


def _day(demo: DemoExperiment, offset: int) -> datetime.date:
    start = demo.experiment.starts_on
    return min(start + datetime.timedelta(days=offset), max(demo.today, start))


def seed(demo: DemoExperiment) -> None:
    """Create this app's demo rows for one demo experiment (through the services)."""
    experiment = demo.experiment
    if SpendLine.objects.filter(experiment=experiment).exists():
        return
    lines = KOESTAMO_LINES if demo.kind == "koestamo" else STAFF_LINES[: 1 + demo.index % 3]
    planned = sum((Decimal(amount) for *_rest, amount in lines), Decimal("0"))
    if experiment.granted_amount < planned * 2:
        # The demo's lines stay under the grant (but one staff experiment's last line).
        experiment = services.grant_set(
            experiment=experiment, changed_by=demo.manager, granted_amount=max(STAFF_DEMO_GRANT, planned * 2)
        )
    recorders = [demo.lead, *demo.team]
    for number, (offset, purpose, category, amount) in enumerate(lines):
        services.spend_line_create(
            experiment=experiment,
            recorded_by=recorders[number % len(recorders)],
            spent_on=_day(demo, offset),
            purpose=purpose,
            amount=Decimal(amount),
            category=category,
        )
    if demo.kind == "staff" and demo.index == OVER_BUDGET_INDEX:
        over = (experiment.granted_amount - planned + Decimal("184.30")).quantize(Decimal("0.01"))
        services.spend_line_create(
            experiment=experiment,
            recorded_by=demo.lead,
            spent_on=_day(demo, 26),
            purpose="Ulkopuolisen fasilitaattorin palkkio ja tilavuokra",
            amount=over,
            category=SpendCategory.SERVICES,
            confirm_over_budget=True,
        )

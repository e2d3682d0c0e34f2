"""A world with everything that must and must not be published.

Published: an approved report's public learnings (in `city`, the report of a non-public experiment on a
non-public platform, with a public call), a public experiment without a report, a published call and a
published development need on a public platform.

Never published (each carries a marker string from `SECRETS`): learnings of a submitted and of a draft
report, an internal learning, a quote without consent, an internal gate answer, a non-public experiment
without an approved report, the public experiment's draft call, a call and a need on a non-public platform,
a draft and an addressed need, spend lines, a partner's e-mail address, and the name of the non-public
platform.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from kokeilu.experiments.models import ExperimentPartner, PartnerRole
from kokeilu.funding.models import SpendLine
from kokeilu.planning.models import GateAnswer, GateQuestion, Phase
from kokeilu.platforms.models import NeedStatus
from kokeilu.reports.models import FinalReport, Learning, NextStep, Quote, ReportState, Visibility
from tests.factories import (
    CallFactory,
    DevelopmentNeedFactory,
    ExperimentFactory,
    PlatformFactory,
    ThemeFactory,
)

HELSINKI = ZoneInfo("Europe/Helsinki")

PUBLISHED_LEARNING = {
    "statement_fi": "Julkaistu oppi: oppilaat mukaan suunnitteluun",
    "statement_sv": "Publicerad lärdom: elever med i planeringen",
    "statement_en": "Published learning: pupils take part in planning",
}
PUBLIC_EXPERIMENT_SUMMARY = "Julkisen kokeilun yhteenveto"
REPORTED_EXPERIMENT_TITLE = "Raportoitu kokeilu"
PUBLIC_EXPERIMENT_TITLE = "Julkinen kokeilu ilman raporttia"
PUBLISHED_CALL_TITLE = "Julkaistu haku koulujen robotiikkaan"
PUBLISHED_NEED_TITLE = "Julkaistu tarve: koulujen robotiikka"
PARTNER_NAME = "Robottiyritys Oy"
GRANTED = "12345.67"

SECRETS = {
    "submitted_learning": "SALAINEN-LÄHETETTY-OPPI",
    "draft_learning": "SALAINEN-LUONNOS-OPPI",
    "public_experiment_draft_report": "SALAINEN-JULKISEN-LUONNOS-OPPI",
    "internal_learning": "SALAINEN-SISÄINEN-OPPI",
    "unconsented_quote": "SALAINEN-LAINAUS-ILMAN-LUPAA",
    "internal_gate_answer": "SALAINEN-PORTTIVASTAUS",
    "hidden_experiment": "SALAINEN-PIILOKOKEILU",
    "reported_experiment_summary": "SALAINEN-TYÖTILAN-YHTEENVETO",
    "draft_call": "SALAINEN-LUONNOSHAKU",
    "hidden_platform_call": "SALAINEN-PIILOALUSTAN-HAKU",
    "hidden_platform_name": "SALAINEN-PIILOALUSTA",
    "hidden_platform_need": "SALAINEN-PIILOALUSTAN-TARVE",
    "draft_need": "SALAINEN-LUONNOSTARVE",
    "addressed_need": "SALAINEN-RATKAISTU-TARVE",
    "spend_line": "SALAINEN-KULURIVI",
    "spend_amount": "777.77",
    "receipt_name": "SALAINEN-KUITTI.pdf",
    "partner_email": "partner-secret@example.test",
    "manager_comment": "SALAINEN-PÄÄLLIKÖN-KOMMENTTI",
}


@dataclass
class World:
    published_learning: Learning
    formula_learning: Learning
    reported_experiment: object
    public_experiment: object
    published_call: object
    published_need: object
    secret_learnings: list[Learning]


def _report(experiment, state: str, *, approved_at: datetime | None = None, **fields) -> FinalReport:
    submitted = approved_at or timezone.now()
    return FinalReport.objects.create(
        experiment=experiment,
        summary_fi=fields.pop("summary_fi", "Raportin yhteenveto"),
        next_step=NextStep.ADOPT,
        next_step_owner_name="Opetuspalvelut",
        state=state,
        created_by=experiment.created_by,
        submitted_at=None if state == ReportState.DRAFT else submitted,
        approved_at=approved_at if state == ReportState.APPROVED else None,
        **fields,
    )


@pytest.fixture
def world(city, platform) -> World:
    theme = ThemeFactory(slug="robotics", name_fi="Robotiikka", name_sv="Robotik", name_en="Robotics")
    hidden_platform = PlatformFactory(
        city=city, slug="hidden", name_fi=SECRETS["hidden_platform_name"], is_public=False
    )
    published_call = CallFactory(platform=platform, slug="published-call", title_fi=PUBLISHED_CALL_TITLE)
    published_call.themes.add(theme)
    draft_call = CallFactory(
        platform=platform, slug="draft-call", title_fi=SECRETS["draft_call"], published_at=None
    )
    CallFactory(platform=hidden_platform, slug="hidden-call", title_fi=SECRETS["hidden_platform_call"])

    published_need = DevelopmentNeedFactory(platform=platform, title_fi=PUBLISHED_NEED_TITLE)
    published_need.themes.add(theme)
    draft_need = DevelopmentNeedFactory(
        platform=platform, title_fi=SECRETS["draft_need"], status=NeedStatus.DRAFT
    )
    DevelopmentNeedFactory(platform=platform, title_fi=SECRETS["addressed_need"], status=NeedStatus.ADDRESSED)
    DevelopmentNeedFactory(platform=hidden_platform, title_fi=SECRETS["hidden_platform_need"])
    published_call.needs.add(published_need, draft_need)
    draft_call.needs.add(published_need)

    # Not public, on a non-public platform, but its report is approved: the report is published.
    reported = ExperimentFactory(
        city=city,
        platform=hidden_platform,
        call=published_call,
        slug="reported",
        title_fi=REPORTED_EXPERIMENT_TITLE,
        summary_fi=SECRETS["reported_experiment_summary"],
        granted_amount=GRANTED,
        status="completed",
        is_public=False,
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 3, 31),
    )
    ExperimentPartner.objects.create(
        experiment=reported,
        name=PARTNER_NAME,
        role=PartnerRole.LEAD_PARTNER,
        contact_email=SECRETS["partner_email"],
    )
    SpendLine.objects.create(
        experiment=reported,
        spent_on=date(2025, 2, 1),
        purpose=SECRETS["spend_line"],
        amount=SECRETS["spend_amount"],
        receipt_name=SECRETS["receipt_name"],
        recorded_by=reported.created_by,
    )
    phase = Phase.objects.create(experiment=reported, name_fi="Testaus", position=1)
    question = GateQuestion.objects.create(phase=phase, text_fi="Mikä meni pieleen?", visibility="internal")
    GateAnswer.objects.create(
        question=question,
        text=SECRETS["internal_gate_answer"],
        answered_by=reported.created_by,
        answered_at=timezone.now(),
    )
    approved = _report(
        reported,
        ReportState.APPROVED,
        approved_at=datetime(2025, 4, 2, 12, tzinfo=HELSINKI),
        manager_comment=SECRETS["manager_comment"],
    )
    published_learning = Learning.objects.create(
        report=approved,
        position=1,
        theme=theme,
        tags=["koulu"],
        evidence="14 opettajasta 12.",
        **PUBLISHED_LEARNING,
    )
    formula_learning = Learning.objects.create(
        report=approved,
        position=2,
        statement_fi='=HYPERLINK("http://example.invalid","klikkaa")',
        evidence="+SUM(A1:A2)",
        tags=["@pahis", "-1+1"],
    )
    internal = Learning.objects.create(
        report=approved, position=3, statement_fi=SECRETS["internal_learning"], visibility=Visibility.INTERNAL
    )
    Quote.objects.create(report=approved, text=SECRETS["unconsented_quote"], speaker="opettaja")

    # Public, without a report: its public face is published; its call is a draft.
    public = ExperimentFactory(
        city=city,
        platform=platform,
        call=draft_call,
        slug="public",
        title_fi=PUBLIC_EXPERIMENT_TITLE,
        summary_fi=PUBLIC_EXPERIMENT_SUMMARY,
        is_public=True,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 3, 31),
    )
    public_draft = _report(public, ReportState.DRAFT)
    secret_on_public = Learning.objects.create(
        report=public_draft, statement_fi=SECRETS["public_experiment_draft_report"]
    )

    # Not public, without an approved report: nothing of them is published.
    submitted_experiment = ExperimentFactory(
        city=city, slug="submitted", title_fi=SECRETS["hidden_experiment"]
    )
    submitted = _report(submitted_experiment, ReportState.SUBMITTED)
    secret_submitted = Learning.objects.create(report=submitted, statement_fi=SECRETS["submitted_learning"])
    draft_experiment = ExperimentFactory(
        city=city, slug="drafting", title_fi=SECRETS["hidden_experiment"] + "-2"
    )
    draft = _report(draft_experiment, ReportState.DRAFT)
    secret_draft = Learning.objects.create(report=draft, statement_fi=SECRETS["draft_learning"])
    ExperimentFactory(city=city, slug="hidden-no-report", title_fi=SECRETS["hidden_experiment"] + "-3")

    return World(
        published_learning=published_learning,
        formula_learning=formula_learning,
        reported_experiment=reported,
        public_experiment=public,
        published_call=published_call,
        published_need=published_need,
        secret_learnings=[internal, secret_on_public, secret_submitted, secret_draft],
    )


def approved_reports(city, count: int) -> None:
    """`count` approved reports of public experiments, each with two public learnings, a partner, a call
    and a theme: for the query counts."""
    platform = PlatformFactory(city=city)
    for number in range(count):
        call = CallFactory(platform=platform)
        call.themes.add(ThemeFactory())
        call.needs.add(DevelopmentNeedFactory(platform=platform))
        experiment = ExperimentFactory(city=city, call=call, platform=platform, is_public=number % 2 == 0)
        ExperimentPartner.objects.create(experiment=experiment, name=f"Kumppani {number}")
        report = _report(
            experiment, ReportState.APPROVED, approved_at=timezone.now() - timedelta(days=number)
        )
        theme = ThemeFactory()
        for position in range(2):
            Learning.objects.create(
                report=report, position=position, theme=theme, statement_fi=f"Oppi {number}.{position}"
            )

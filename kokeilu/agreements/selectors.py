"""Reads for partners and the agreement. The agreement tab is the members' ("view" level): they see the
partners, the status per party and the published texts; the draft is for those who manage."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from kokeilu.accounts.selectors import AnyUser
from kokeilu.experiments.models import Experiment, ExperimentMember, ExperimentPartner, MemberRole

from .models import Agreement, AgreementAcceptance, AgreementTemplate, AgreementVersion, PartyKind
from .services import draft_has_changes, is_city_programme_manager, represented_partner_ids


@dataclass(frozen=True)
class PartyStatus:
    kind: str
    name: str
    partner: ExperimentPartner | None
    acceptance: AgreementAcceptance | None
    can_accept: bool = False

    @property
    def key(self) -> str:
        return "city" if self.partner is None else str(self.partner.pk)

    @property
    def accepted(self) -> bool:
        return self.acceptance is not None


@dataclass(frozen=True)
class AgreementStatus:
    agreement: Agreement | None
    current: AgreementVersion | None
    parties: list[PartyStatus] = field(default_factory=list)
    draft_changed: bool = False

    @property
    def waiting(self) -> list[PartyStatus]:
        return [party for party in self.parties if not party.accepted]

    @property
    def in_force(self) -> bool:
        return self.current is not None and not self.waiting


def partner_list(*, experiment: Experiment) -> QuerySet[ExperimentPartner]:
    representatives = ExperimentMember.objects.filter(
        role__in=[MemberRole.PARTNER, MemberRole.LEAD]
    ).select_related("user")
    return ExperimentPartner.objects.filter(experiment=experiment).prefetch_related(
        Prefetch("representatives", queryset=representatives, to_attr="representative_members")
    )


def agreement_get(*, experiment: Experiment) -> Agreement | None:
    agreement = Agreement.objects.filter(experiment=experiment).first()
    if agreement is not None:
        agreement.experiment = experiment
    return agreement


def version_list(*, agreement: Agreement) -> QuerySet[AgreementVersion]:
    return (
        AgreementVersion.objects.filter(agreement=agreement)
        .select_related("published_by")
        .prefetch_related(
            Prefetch(
                "acceptances",
                queryset=AgreementAcceptance.objects.select_related("accepted_by").order_by("accepted_at"),
            )
        )
        .order_by("-number")
    )


def version_get(*, agreement: Agreement, number: int) -> AgreementVersion | None:
    version = version_list(agreement=agreement).filter(number=number).first()
    if version is not None:
        version.agreement = agreement
    return version


def agreement_status(
    *, experiment: Experiment, user: AnyUser | None = None, partners: list[ExperimentPartner] | None = None
) -> AgreementStatus:
    """The current version and, for each party (the city and every partner organisation), whether it
    has accepted that version; `can_accept` marks the parties `user` may accept for."""
    agreement = agreement_get(experiment=experiment)
    if agreement is None:
        return AgreementStatus(agreement=None, current=None)
    current = version_list(agreement=agreement).first()
    if partners is None:
        partners = list(ExperimentPartner.objects.filter(experiment=experiment))
    acceptances = list(current.acceptances.all()) if current else []
    city_acceptance = next((item for item in acceptances if item.party_kind == PartyKind.CITY), None)
    by_partner = {item.partner_id: item for item in acceptances if item.partner_id}
    may_city = bool(user and current and is_city_programme_manager(user, experiment.city_id))  # type: ignore[arg-type]
    represented = represented_partner_ids(user, experiment) if (user and current) else set()  # type: ignore[arg-type]
    parties = [
        PartyStatus(
            PartyKind.CITY,
            experiment.city.name,
            None,
            city_acceptance,
            can_accept=may_city and city_acceptance is None,
        )
    ]
    for partner in partners:
        acceptance = by_partner.get(partner.pk)
        parties.append(
            PartyStatus(
                PartyKind.PARTNER,
                partner.name,
                partner,
                acceptance,
                can_accept=partner.pk in represented and acceptance is None,
            )
        )
    return AgreementStatus(
        agreement=agreement,
        current=current,
        parties=parties,
        draft_changed=draft_has_changes(agreement, current),
    )


def template_list(*, experiment: Experiment) -> QuerySet[AgreementTemplate]:
    """The built-in templates and the experiment's city's own."""
    return AgreementTemplate.objects.filter(Q(city__isnull=True) | Q(city_id=experiment.city_id)).order_by(
        "-city_id", "name_fi"
    )

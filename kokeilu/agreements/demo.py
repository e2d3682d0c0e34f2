"""Demo content of this app for the demo experiments (called by kokeilu.demo.experiments).

Koestamo gets the KYKY agreement, published and accepted by the city and its partner company, so it is
in force. One staff experiment (index 1) has the agreement accepted by the city and waiting for its
partner's acceptance. A partner that has no representative yet gets an invented one (example.test)."""

from kokeilu.accounts.models import User
from kokeilu.accounts.services import user_create
from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.experiments.models import ExperimentMember, ExperimentPartner, MemberRole, PartnerRole
from kokeilu.experiments.services import member_add, partner_add

from . import services
from .models import Agreement, AgreementTemplate, PartyKind

KYKY_KEY = "kyky"
WAITING_STAFF_INDEX = 1
STAFF_PARTNERS = (
    "Lumivaara Palvelut Oy",
    "Kaarnatie Innovations Oy",
    "Pihlajaranta Labs Oy",
    "Sammalkivi Oy",
    "Tuulikello Solutions Oy",
    "Revontuli Data Oy",
    "Kivikko Design Oy",
    "Saaristo Services Oy",
    "Havu & Kuusi Oy",
)


def _partner(demo: DemoExperiment) -> ExperimentPartner:
    partner = ExperimentPartner.objects.filter(experiment=demo.experiment).order_by("role", "name").first()
    if partner is not None:
        return partner
    name = "Koestamo Palvelumuotoilu Oy" if demo.kind == "koestamo" else STAFF_PARTNERS[demo.index % 9]
    return partner_add(
        experiment=demo.experiment,
        added_by=demo.manager,
        name=name,
        role=PartnerRole.LEAD_PARTNER,
        contact_email="yhteys@example.test",
    )


def _representative(demo: DemoExperiment, partner: ExperimentPartner) -> User:
    member = (
        ExperimentMember.objects.filter(
            experiment=demo.experiment, partner=partner, role__in=[MemberRole.PARTNER, MemberRole.LEAD]
        )
        .select_related("user")
        .first()
    )
    if member is not None:
        return member.user
    username = f"kumppani-{demo.experiment.pk}-{partner.pk}"
    user = User.objects.filter(username=username).first() or user_create(
        username=username,
        email=f"{username}@example.test",
        password=None,
        first_name="Kaisa" if demo.index % 2 == 0 else "Mikko",
        last_name="Kumppanuus" if demo.kind == "koestamo" else "Yritysläinen",
    )
    member_add(
        experiment=demo.experiment, user=user, role=MemberRole.PARTNER, added_by=demo.manager, partner=partner
    )
    return user


def seed(demo: DemoExperiment) -> None:
    """Create this app's demo rows for one demo experiment (through the services)."""
    if demo.kind == "staff" and demo.index != WAITING_STAFF_INDEX:
        return
    experiment = demo.experiment
    if Agreement.objects.filter(experiment=experiment).exists():
        return
    template = AgreementTemplate.objects.get(key=KYKY_KEY, city__isnull=True)
    partner = _partner(demo)
    representative = _representative(demo, partner)
    agreement = services.agreement_draw(
        experiment=experiment, template=template, drawn_by=demo.manager, language="fi"
    )
    version = services.agreement_publish(agreement=agreement, published_by=demo.manager)
    services.agreement_accept(
        version=version,
        accepted_by=demo.manager,
        party_kind=PartyKind.CITY,
        text_sha256_seen=version.text_sha256,
    )
    if demo.kind == "koestamo":
        for other in ExperimentPartner.objects.filter(experiment=experiment):
            services.agreement_accept(
                version=version,
                accepted_by=representative if other.pk == partner.pk else _representative(demo, other),
                party_kind=PartyKind.PARTNER,
                partner=other,
                text_sha256_seen=version.text_sha256,
            )

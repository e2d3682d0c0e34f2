"""Factories for every model, with sensible defaults: an open call on a public platform of a city."""

from datetime import timedelta

import factory
from django.utils import timezone

from kokeilu.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from kokeilu.calls.models import ApplicantKind, Call, CallQuestion, Criterion
from kokeilu.evaluation.models import Decision, DecisionOutcome, ReviewAssignment
from kokeilu.platforms.models import DevelopmentNeed, NeedStatus, Platform, Theme
from kokeilu.proposals.models import Proposal, ProposalStatus


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.test")
    first_name = "Testi"
    last_name = factory.Sequence(lambda n: f"Henkilö{n}")
    password = factory.django.Password("correct-horse-battery")


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    kind = OrganisationKind.CITY
    name = factory.Sequence(lambda n: f"Kaupunki {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.COMPANY
    name = factory.Sequence(lambda n: f"Yritys {n} Oy")
    slug = factory.Sequence(lambda n: f"org-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(CityFactory)
    role = Role.MEMBER


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name_fi = factory.Sequence(lambda n: f"Teema {n}")
    name_sv = factory.Sequence(lambda n: f"Tema {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")


class PlatformFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Platform

    city = factory.SubFactory(CityFactory)
    slug = factory.Sequence(lambda n: f"platform-{n}")
    name_fi = factory.Sequence(lambda n: f"Alusta {n}")
    name_sv = factory.Sequence(lambda n: f"Plattform {n}")
    name_en = factory.Sequence(lambda n: f"Platform {n}")


class DevelopmentNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentNeed

    platform = factory.SubFactory(PlatformFactory)
    title_fi = factory.Sequence(lambda n: f"Tarve {n}")
    title_sv = factory.Sequence(lambda n: f"Behov {n}")
    title_en = factory.Sequence(lambda n: f"Need {n}")
    description_fi = "Kuvaus tarpeesta."
    status = NeedStatus.PUBLISHED


class CallFactory(factory.django.DjangoModelFactory):
    """An open, published call: opened a day ago, deadline in a week."""

    class Meta:
        model = Call

    platform = factory.SubFactory(PlatformFactory)
    slug = factory.Sequence(lambda n: f"call-{n}")
    title_fi = factory.Sequence(lambda n: f"Haku {n}")
    title_sv = factory.Sequence(lambda n: f"Utlysning {n}")
    title_en = factory.Sequence(lambda n: f"Call {n}")
    description_fi = "Etsimme nopeita kokeiluja."
    description_sv = "Vi söker snabba försök."
    description_en = "We are looking for rapid experiments."
    eligibility = factory.LazyFunction(lambda: list(ApplicantKind.values))
    funding_per_pilot = 10000
    duration_min_months = 1
    duration_max_months = 3
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    review_ends_at = factory.LazyAttribute(lambda call: call.closes_at + timedelta(days=14))
    decision_ends_at = factory.LazyAttribute(lambda call: call.review_ends_at + timedelta(days=7))


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    call = factory.SubFactory(CallFactory)
    name_fi = factory.Sequence(lambda n: f"Kriteeri {n}")
    name_sv = factory.Sequence(lambda n: f"Kriterium {n}")
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1
    position = factory.Sequence(lambda n: n)


class CallQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallQuestion

    call = factory.SubFactory(CallFactory)
    text_fi = factory.Sequence(lambda n: f"Kysymys {n}?")
    text_sv = factory.Sequence(lambda n: f"Fråga {n}?")
    text_en = factory.Sequence(lambda n: f"Question {n}?")
    required = True
    position = factory.Sequence(lambda n: n)


class ProposalFactory(factory.django.DjangoModelFactory):
    """A draft proposal; use `submitted=True` trait-like kwargs via SubmittedProposalFactory."""

    class Meta:
        model = Proposal

    call = factory.SubFactory(CallFactory)
    created_by = factory.SubFactory(UserFactory)
    applicant_kind = ApplicantKind.COMPANY
    organisation_name = factory.Sequence(lambda n: f"Kokeilija {n} Oy")
    title = factory.Sequence(lambda n: f"Ehdotus {n}")
    problem = "Asiakkaat eivät löydä oikeaa palvelua palvelukeskuksessa."
    status = ProposalStatus.DRAFT


class SubmittedProposalFactory(ProposalFactory):
    status = ProposalStatus.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class ReviewAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewAssignment

    proposal = factory.SubFactory(SubmittedProposalFactory)
    reviewer = factory.SubFactory(UserFactory)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    proposal = factory.SubFactory(SubmittedProposalFactory)
    outcome = DecisionOutcome.SELECTED
    reason = "Vastaa tarpeeseen hyvin."
    decided_by = factory.SubFactory(UserFactory)
    decided_at = factory.LazyFunction(timezone.now)


# --- Experiments ----------------------------------------------------------------------------------------


class ExperimentFactory(factory.django.DjangoModelFactory):
    """A running staff experiment of a city (no call), three months from today."""

    class Meta:
        model = "experiments.Experiment"

    city = factory.SubFactory(CityFactory)
    slug = factory.Sequence(lambda n: f"experiment-{n}")
    title_fi = factory.Sequence(lambda n: f"Kokeilu {n}")
    title_en = factory.Sequence(lambda n: f"Experiment {n}")
    summary_fi = "Kokeilemme uutta tapaa palvella asiakkaita."
    starts_on = factory.LazyFunction(lambda: timezone.localdate())
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))
    granted_amount = 10000
    status = "running"
    created_by = factory.SubFactory(UserFactory)


class ExperimentMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "experiments.ExperimentMember"

    experiment = factory.SubFactory(ExperimentFactory)
    user = factory.SubFactory(UserFactory)
    role = "tester"


class ParticipantGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "experiments.ParticipantGroup"

    experiment = factory.SubFactory(ExperimentFactory)
    name_fi = factory.Sequence(lambda n: f"Ryhmä {n}")
    name_en = factory.Sequence(lambda n: f"Group {n}")

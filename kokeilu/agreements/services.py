"""Writes for agreements: templates, drawing an agreement from a template, editing its draft, publishing
versions and accepting them. Every function checks who may do it and validates.

Rules written once here:
- City templates: the city's programme managers; the built-in templates cannot be changed.
- Drawing, editing the draft and publishing: the experiment's managers and leads.
- A published version never changes; changing the text publishes a new version, which needs fresh
  acceptances from every party.
- The city's party is accepted by one of the city's programme managers; a partner organisation's by one
  of its representatives (a member with the role partner or lead linked to that organisation). Only the
  latest version can be accepted, once per party, and only with the hash of its text.
"""

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kokeilu.accounts.models import Membership, Organisation, Role, User
from kokeilu.accounts.selectors import user_can_manage_city
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.models import LANGUAGE_CODES
from kokeilu.experiments.models import (
    Experiment,
    ExperimentMember,
    ExperimentPartner,
    MemberRole,
    PartnerRole,
)
from kokeilu.experiments.services import require_manage

from .models import (
    Agreement,
    AgreementAcceptance,
    AgreementTemplate,
    AgreementVersion,
    PartyKind,
    text_sha256,
)

MAX_TEXT_LENGTH = 100000


# --- Who may act for a party ---------------------------------------------------------------------------


def is_city_programme_manager(user: User, city_id: int) -> bool:
    """A programme manager of the city (a site administrator is not a party of the city by that alone)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return Membership.objects.filter(
            user=user, role=Role.PROGRAMME_MANAGER, organisation_id=city_id
        ).exists()
    return user_can_manage_city(user, city_id)


def represented_partner_ids(user: User, experiment: Experiment) -> set[int]:
    """The partner organisations the person represents in the experiment."""
    if not user.is_authenticated:
        return set()
    return set(
        ExperimentMember.objects.filter(
            experiment=experiment,
            user_id=user.pk,
            role__in=[MemberRole.PARTNER, MemberRole.LEAD],
            partner__isnull=False,
        ).values_list("partner_id", flat=True)
    )


# --- Templates --------------------------------------------------------------------------------------------


def _template_fields(names: tuple[str, str, str], bodies: tuple[str, str, str]) -> None:
    if not any(name.strip() for name in names):
        raise ApplicationError(_("Give the template a name in at least one language."), field="name_fi")
    if not any(body.strip() for body in bodies):
        raise ApplicationError(_("Write the template's text in at least one language."), field="body_fi")


def template_create(
    *,
    city: Organisation,
    created_by: User,
    name_fi: str = "",
    name_sv: str = "",
    name_en: str = "",
    body_fi: str = "",
    body_sv: str = "",
    body_en: str = "",
) -> AgreementTemplate:
    """A city's own agreement template (the city's programme managers)."""
    if not user_can_manage_city(created_by, city.pk):
        raise PermissionDeniedError(_("Only the city's programme managers can do this."))
    _template_fields((name_fi, name_sv, name_en), (body_fi, body_sv, body_en))
    template = AgreementTemplate(
        city=city,
        name_fi=name_fi.strip(),
        name_sv=name_sv.strip(),
        name_en=name_en.strip(),
        body_fi=body_fi,
        body_sv=body_sv,
        body_en=body_en,
        created_by=created_by,
    )
    template.full_clean()
    template.save()
    return template


def template_update(
    *,
    template: AgreementTemplate,
    updated_by: User,
    name_fi: str = "",
    name_sv: str = "",
    name_en: str = "",
    body_fi: str = "",
    body_sv: str = "",
    body_en: str = "",
) -> AgreementTemplate:
    """Change a city's template. Agreements drawn from it keep their own copy of the text."""
    if template.city_id is None:
        raise PermissionDeniedError(_("The built-in templates cannot be changed."))
    if not user_can_manage_city(updated_by, template.city_id):
        raise PermissionDeniedError(_("Only the city's programme managers can do this."))
    _template_fields((name_fi, name_sv, name_en), (body_fi, body_sv, body_en))
    template.name_fi, template.name_sv, template.name_en = name_fi.strip(), name_sv.strip(), name_en.strip()
    template.body_fi, template.body_sv, template.body_en = body_fi, body_sv, body_en
    template.full_clean()
    template.save()
    return template


# --- Drawing and editing the draft ------------------------------------------------------------------------


def placeholder_values(experiment: Experiment) -> dict[str, str]:
    """What the placeholders of a template become for this experiment (in the active language)."""
    partners = list(ExperimentPartner.objects.filter(experiment=experiment).order_by("role", "name"))
    test_sites = [partner.name for partner in partners if partner.role == PartnerRole.TEST_SITE]
    companies = [partner.name for partner in partners if partner.role != PartnerRole.TEST_SITE]
    lead = next((partner.name for partner in partners if partner.role == PartnerRole.LEAD_PARTNER), "")
    return {
        "experiment": str(experiment.title),
        "city": experiment.city.name,
        "starts_on": formats.date_format(experiment.starts_on, "j.n.Y"),
        "ends_on": formats.date_format(experiment.ends_on, "j.n.Y"),
        "partners": ", ".join(companies) or _("(partner organisation)"),
        "lead_partner": lead or (companies[0] if companies else _("(partner organisation)")),
        "test_sites": ", ".join(test_sites) or _("(to be agreed)"),
        "granted_amount": f"{formats.number_format(experiment.granted_amount, 2, force_grouping=True)} €",
    }


def fill_placeholders(text: str, experiment: Experiment) -> str:
    """Replace `{{name}}` for the known names; anything else in braces is left as written."""
    for name, value in placeholder_values(experiment).items():
        text = text.replace("{{" + name + "}}", value).replace("{{ " + name + " }}", value)
    return text


def _template_usable(template: AgreementTemplate, experiment: Experiment) -> None:
    if template.city_id is not None and template.city_id != experiment.city_id:
        raise ApplicationError(_("Choose one of the templates offered."), field="template")


def agreement_draw(
    *, experiment: Experiment, template: AgreementTemplate, drawn_by: User, language: str = "fi"
) -> Agreement:
    """Copy a template's text (placeholders filled in) into the experiment's agreement draft."""
    require_manage(drawn_by, experiment)
    _template_usable(template, experiment)
    if language not in LANGUAGE_CODES:
        raise ApplicationError(_("Choose a language."), field="language")
    from django.utils import translation

    with translation.override(language):
        title = f"{template.name} – {experiment.title}"[:300]
        text = fill_placeholders(template.body_in(language), experiment)
    try:
        with transaction.atomic():
            agreement = Agreement(
                experiment=experiment,
                template=template,
                language=language,
                draft_title=title,
                draft_text=text,
                created_by=drawn_by,
            )
            agreement.full_clean(validate_unique=False)
            agreement.save()
    except IntegrityError:
        raise ApplicationError(
            _("The experiment already has an agreement: edit its draft to change it."), code="exists"
        ) from None
    return agreement


def agreement_draft_update(*, agreement: Agreement, updated_by: User, title: str, text: str) -> Agreement:
    """Edit the draft. Published versions stay as they were; publish the draft to make a new version."""
    require_manage(updated_by, agreement.experiment)
    title = title.strip()
    if not title:
        raise ApplicationError(_("Give the agreement a title."), field="title")
    if not text.strip():
        raise ApplicationError(_("The agreement needs a text."), field="text")
    if len(text) > MAX_TEXT_LENGTH:
        raise ApplicationError(_("The text is too long."), field="text")
    Agreement.objects.filter(pk=agreement.pk).update(
        draft_title=title[:300], draft_text=text, updated_at=timezone.now()
    )
    agreement.draft_title, agreement.draft_text = title[:300], text
    return agreement


def latest_version(agreement: Agreement) -> AgreementVersion | None:
    return AgreementVersion.objects.filter(agreement=agreement).order_by("-number").first()


def draft_has_changes(agreement: Agreement, latest: AgreementVersion | None) -> bool:
    return latest is None or (
        latest.title != agreement.draft_title or latest.text_sha256 != text_sha256(agreement.draft_text)
    )


def agreement_publish(*, agreement: Agreement, published_by: User) -> AgreementVersion:
    """Publish the draft as the next version. Earlier acceptances stay with their versions; every party
    accepts the new one afresh."""
    require_manage(published_by, agreement.experiment)
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        latest = latest_version(locked)
        if not draft_has_changes(locked, latest):
            raise ApplicationError(
                _("The draft is the same as the published version: change it before publishing."),
                code="unchanged",
            )
        version = AgreementVersion(
            agreement=locked,
            number=(latest.number + 1) if latest else 1,
            title=locked.draft_title,
            text=locked.draft_text,
            text_sha256=text_sha256(locked.draft_text),
            published_by=published_by,
            published_at=timezone.now(),
        )
        version.full_clean()
        version.save()
    return version


# --- Accepting ---------------------------------------------------------------------------------------------


def agreement_accept(
    *,
    version: AgreementVersion,
    accepted_by: User,
    party_kind: str,
    text_sha256_seen: str,
    partner: ExperimentPartner | None = None,
) -> AgreementAcceptance:
    """Accept the latest version on behalf of one party, which the person must represent, confirming the
    hash of the text they were shown."""
    experiment = version.agreement.experiment
    if party_kind == PartyKind.CITY:
        if not is_city_programme_manager(accepted_by, experiment.city_id):
            raise PermissionDeniedError(_("Only the city's programme managers can accept for the city."))
        partner, party_name = None, experiment.city.name
    elif party_kind == PartyKind.PARTNER:
        if partner is None or partner.experiment_id != experiment.pk:
            raise ApplicationError(
                _("The partner organisation is not part of this experiment."), field="party"
            )
        if partner.pk not in represented_partner_ids(accepted_by, experiment):
            raise PermissionDeniedError(
                _("Only a representative of %(partner)s can accept for it.") % {"partner": partner.name}
            )
        party_name = partner.name
    else:
        raise ApplicationError(_("Choose the party you accept for."), field="party")
    with transaction.atomic():
        Agreement.objects.select_for_update().get(pk=version.agreement_id)
        latest = latest_version(version.agreement)
        if latest is None or latest.pk != version.pk:
            raise ApplicationError(
                _("A newer version of the agreement has been published: read and accept that one."),
                code="not_latest",
            )
        if text_sha256_seen != version.text_sha256:
            raise ApplicationError(
                _("The text you saw is not the text of this version. Reload the page and read it again."),
                code="text_changed",
            )
        already = AgreementAcceptance.objects.filter(version=version, party_kind=party_kind)
        if partner is not None:
            already = already.filter(partner=partner)
        if already.exists():
            raise ApplicationError(
                _("%(party)s has already accepted this version.") % {"party": party_name}, code="accepted"
            )
        acceptance = AgreementAcceptance(
            version=version,
            party_kind=party_kind,
            partner=partner,
            party_name=party_name[:300],
            accepted_by=accepted_by,
            accepted_at=timezone.now(),
            text_sha256=version.text_sha256,
        )
        acceptance.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                acceptance.save()
        except IntegrityError:
            raise ApplicationError(
                _("%(party)s has already accepted this version.") % {"party": party_name}, code="accepted"
            ) from None
    return acceptance

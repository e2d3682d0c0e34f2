"""Writes for co-development methods and the experiments' method tags.

Rules written once here:
- Built-in methods (no city) are created and changed by the site's administrators only.
- A city's methods are created and changed by the city's programme managers (and site administrators).
- An experiment is tagged by its managers and leads, with built-in methods and its own city's methods.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kokeilu.accounts.models import Organisation, OrganisationKind, User
from kokeilu.accounts.selectors import AnyUser, user_can_manage_city
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.slugs import unique_slug
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.services import require_manage

from .models import ExperimentMethod, Method

MAX_TAGS = 20
# Paths of the library that a method's slug must not take.
RESERVED_SLUGS = {"new", "experiments"}


def can_edit_method(user: AnyUser, method: Method) -> bool:
    """Site administrators edit the built-in methods; a city's programme managers edit the city's."""
    if not user.is_authenticated:
        return False
    if method.city_id is None:
        return bool(user.is_superuser)
    return user_can_manage_city(user, method.city_id)


def can_create_method(user: AnyUser, city: Organisation | None) -> bool:
    if not user.is_authenticated:
        return False
    if city is None:
        return bool(user.is_superuser)
    return city.kind == OrganisationKind.CITY and user_can_manage_city(user, city.pk)


def _clean_fields(
    names: tuple[str, str, str], descriptions: tuple[str, str, str], link: str
) -> tuple[tuple[str, str, str], tuple[str, str, str], str]:
    names = (names[0].strip(), names[1].strip(), names[2].strip())
    descriptions = (descriptions[0].strip(), descriptions[1].strip(), descriptions[2].strip())
    if not any(names):
        raise ApplicationError(_("Give the method a name in at least one language."), field="name_fi")
    if not any(descriptions):
        raise ApplicationError(_("Describe the method in at least one language."), field="description_fi")
    return names, descriptions, link.strip()


def _save(method: Method) -> Method:
    try:
        method.full_clean()
    except ValidationError as error:
        if "link" in error.message_dict:
            raise ApplicationError(_("Enter a valid web address."), field="link") from None
        raise
    method.save()
    return method


def method_create(
    *,
    created_by: User,
    city: Organisation | None,
    name_fi: str = "",
    name_sv: str = "",
    name_en: str = "",
    description_fi: str = "",
    description_sv: str = "",
    description_en: str = "",
    link: str = "",
) -> Method:
    """A new method: built-in (no city; site administrators) or the city's (its programme managers).
    The slug is made from the name and never changes."""
    if not can_create_method(created_by, city):
        raise PermissionDeniedError(
            _("Only the site's administrators can add built-in methods.")
            if city is None
            else _("Only the city's programme managers can do this.")
        )
    names, descriptions, link = _clean_fields(
        (name_fi, name_sv, name_en), (description_fi, description_sv, description_en), link
    )
    base = next(name for name in (names[0], names[2], names[1]) if name)
    if city is not None:
        base = f"{slugify(city.name)} {base}"
    if slugify(base) in RESERVED_SLUGS:
        base = f"{base} method"
    method = Method(
        city=city,
        slug=unique_slug(Method.objects.all(), "slug", base, fallback="method"),
        name_fi=names[0],
        name_sv=names[1],
        name_en=names[2],
        description_fi=descriptions[0],
        description_sv=descriptions[1],
        description_en=descriptions[2],
        link=link,
        created_by=created_by,
    )
    return _save(method)


def method_update(
    *,
    method: Method,
    updated_by: User,
    name_fi: str = "",
    name_sv: str = "",
    name_en: str = "",
    description_fi: str = "",
    description_sv: str = "",
    description_en: str = "",
    link: str = "",
) -> Method:
    """Change a method's names, descriptions and link (its slug and city stay)."""
    if not can_edit_method(updated_by, method):
        raise PermissionDeniedError(
            _("Only the site's administrators can change the built-in methods.")
            if method.is_builtin
            else _("Only the city's programme managers can do this.")
        )
    names, descriptions, link = _clean_fields(
        (name_fi, name_sv, name_en), (description_fi, description_sv, description_en), link
    )
    method.name_fi, method.name_sv, method.name_en = names
    method.description_fi, method.description_sv, method.description_en = descriptions
    method.link = link
    return _save(method)


def experiment_methods_set(
    *, experiment: Experiment, methods: Iterable[Method], set_by: User
) -> list[Method]:
    """Tag the experiment with exactly these methods (the experiment's managers and leads). Each must be
    a built-in method or one of the experiment's city."""
    require_manage(set_by, experiment)
    chosen = {method.pk: method for method in methods}
    if len(chosen) > MAX_TAGS:
        raise ApplicationError(
            ngettext("Choose at most %(count)s method.", "Choose at most %(count)s methods.", MAX_TAGS)
            % {"count": MAX_TAGS},
            field="methods",
        )
    for method in chosen.values():
        if method.city_id is not None and method.city_id != experiment.city_id:
            raise ApplicationError(_("Choose one of the methods offered."), field="methods")
    with transaction.atomic():
        # Lock the experiment so two managers saving at once end with one of their choices, not a mix.
        Experiment.objects.select_for_update().filter(pk=experiment.pk).first()
        current = set(
            ExperimentMethod.objects.filter(experiment=experiment).values_list("method_id", flat=True)
        )
        ExperimentMethod.objects.filter(experiment=experiment).exclude(method_id__in=chosen).delete()
        ExperimentMethod.objects.bulk_create(
            [
                ExperimentMethod(experiment=experiment, method_id=pk, tagged_by=set_by)
                for pk in chosen
                if pk not in current
            ]
        )
    return sorted(chosen.values(), key=lambda method: str(method.name).casefold())

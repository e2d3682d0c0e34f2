from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils.module_loading import import_string

from kokeilu.core.exceptions import ApplicationError
from kokeilu.core.slugs import unique_slug

from .models import Membership, Organisation, User


def user_create(
    *,
    username: str,
    email: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    preferred_language: str = "fi",
    validate: bool = True,
) -> User:
    """Create a person who signs in with a password (or with none, for an external identity)."""
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        preferred_language=preferred_language,
    )
    if password:
        if validate:
            validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_get_or_create_external(*, issuer: str, subject: str, email: str, name: str = "") -> User:
    """The OIDC seam: find the person a provider vouches for, creating the account on first sign-in."""
    if not issuer or not subject:
        raise ApplicationError("An external identity needs both an issuer and a subject.")
    user = User.objects.filter(external_issuer=issuer, external_subject=subject).first()
    if user is not None:
        return user
    username = unique_slug(
        User.objects.all(), "username", email.split("@")[0], max_length=140, fallback="user", separator=""
    )
    user = User(
        username=username, email=email, display_name=name, external_issuer=issuer, external_subject=subject
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


def organisation_create(
    *, kind: str, name: str, city: Organisation | None = None, business_id: str = ""
) -> Organisation:
    slug = unique_slug(Organisation.objects.all(), "slug", name, fallback="organisation")
    organisation = Organisation(kind=kind, name=name, city=city, business_id=business_id, slug=slug)
    organisation.full_clean()
    organisation.save()
    return organisation


def membership_add(*, user: User, organisation: Organisation, role: str) -> Membership:
    membership, _ = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return membership


# Other apps keep copies of an organisation's name (the catalogue's search text and its cached pages).
# After an organisation's name changed, each of these is called, in the caller's transaction.
ORGANISATION_RENAME_HANDLERS: tuple[str, ...] = ("kokeilu.catalogue.services.organisation_renamed",)


def organisation_renamed(*, organisation: Organisation) -> None:
    """Tell the apps that copy the organisation's name that it changed."""
    for path in ORGANISATION_RENAME_HANDLERS:
        import_string(path)(organisation=organisation)

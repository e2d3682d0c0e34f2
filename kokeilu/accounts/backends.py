"""Authentication backends.

Username and password today. An OIDC backend (Keycloak, Suomi.fi) plugs in beside this one: it resolves
the provider's (issuer, subject) pair to `User.external_issuer/external_subject` through
`accounts.services.user_get_or_create_external`, so nothing else in the product changes.
"""

from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    """Django's password check; kept as our own class so settings name one seam per identity source."""

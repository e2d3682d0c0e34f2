"""Request types for views behind `login_required`, so the signed-in user is typed as a User."""

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from kokeilu.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: "User"  # type: ignore[assignment]

from typing import Any


class ApplicationError(Exception):
    """A rule of the domain refused an action. The message is translated and safe to show to the user.

    `field` names the form field the error belongs to, when there is one, so HTML forms can show the error
    next to it and the API can return it under that key.
    """

    def __init__(self, message: Any, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class PermissionDeniedError(ApplicationError):
    """The user may not do this. Views answer 403 (or 404 where existence itself is private)."""

    def __init__(self, message: Any = None, *, code: str = "permission_denied") -> None:
        from django.utils.translation import gettext_lazy as _

        super().__init__(message or _("You do not have permission to do this."), code=code)

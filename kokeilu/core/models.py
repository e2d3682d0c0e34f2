from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGE_CODES = ("fi", "sv", "en")


class BaseModel(models.Model):
    """Every domain row knows when it was created and last changed."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Translated:
    """Reads `<name>_<lang>` for the active language, falling back to Finnish, Swedish, then English.

    Content that a city writes in three languages is stored in three columns (so each can be indexed and
    searched in its own language); templates and serializers read it through this one accessor.
    """

    def __init__(self, base_name: str) -> None:
        self.base_name = base_name

    def __set_name__(self, owner: type, name: str) -> None:
        self.attribute_name = name

    def __get__(self, instance: object, owner: type | None = None) -> object:
        if instance is None:
            return self
        active = (get_language() or "fi")[:2]
        order = [active, *[code for code in LANGUAGE_CODES if code != active]]
        for code in order:
            value = getattr(instance, f"{self.base_name}_{code}", "")
            if value:
                return value
        return ""

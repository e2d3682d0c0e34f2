"""Readable, unique identifiers for URLs (slugs, codes, usernames)."""

from django.db.models import QuerySet
from django.utils.text import slugify


def unique_slug(
    taken: QuerySet,
    field: str,
    text: str,
    *,
    max_length: int = 70,
    fallback: str = "item",
    separator: str = "-",
) -> str:
    """`text` as a slug not yet used in `field` of the `taken` rows: "iso-omena", then "iso-omena-2", ..."""
    base = slugify(text)[:max_length].strip("-") or fallback
    slug, suffix = base, 1
    while taken.filter(**{field: slug}).exists():
        suffix += 1
        slug = f"{base}{separator}{suffix}"
    return slug

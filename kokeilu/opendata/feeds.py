"""An Atom feed of newly published learnings: /<lang>/open-data/learnings.atom, in the URL's language.

The newest approvals first, at most `FEED_LIMIT` learnings, each linking to its page. The licence is in
`<rights>` and `<link rel="license">` (RFC 4946) on the feed and on every entry, and in the Link header.
"""

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from kokeilu.reports.models import Learning

from .licence import LICENSE_URL, add_licence_header, licence_rights
from .selectors import open_learning_list

FEED_LIMIT = 50


class LicensedAtom1Feed(Atom1Feed):
    """Atom with the licence as a link on the feed and on each entry."""

    def add_root_elements(self, handler: Any) -> None:
        super().add_root_elements(handler)
        handler.addQuickElement("link", "", {"rel": "license", "href": LICENSE_URL})

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        handler.addQuickElement("link", "", {"rel": "license", "href": LICENSE_URL})


class LearningFeed(Feed):
    feed_type = LicensedAtom1Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return add_licence_header(super().__call__(request, *args, **kwargs))

    def title(self) -> str:
        return _("New learnings – Kokeilu")

    def subtitle(self) -> str:
        return _("Learnings from the cities' experiments, published with approved final reports.")

    def link(self) -> str:
        return reverse("library:search")

    def feed_copyright(self) -> str:
        return licence_rights()

    def items(self) -> QuerySet[Learning]:
        return open_learning_list()[:FEED_LIMIT]

    def item_title(self, learning: Learning) -> str:
        return str(learning.statement)

    def item_description(self, learning: Learning) -> str:
        # Atom's summary is HTML: the evidence is plain text.
        return escape(learning.evidence)

    def item_link(self, learning: Learning) -> str:
        return reverse("reports:learning", kwargs={"pk": learning.pk})

    def item_pubdate(self, learning: Learning) -> datetime | None:
        return learning.report.approved_at

    def item_updateddate(self, learning: Learning) -> datetime | None:
        return learning.report.approved_at

    def item_author_name(self, learning: Learning) -> str:
        return learning.report.experiment.city.name

    def item_categories(self, learning: Learning) -> list[str]:
        categories = [str(learning.theme.name)] if learning.theme else []
        return categories + [str(tag) for tag in learning.tags or []]

    def item_copyright(self, learning: Learning) -> str:
        return licence_rights()

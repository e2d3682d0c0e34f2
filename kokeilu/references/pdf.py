"""The approved reference as a PDF (reportlab). The standard Helvetica font covers Latin-1 (and
Windows-1252), which is enough for Finnish and Swedish (ä, ö, å); characters outside it are replaced so
the document is still produced."""

import datetime
import io
from xml.sax.saxutils import escape

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .models import Reference

ENCODING = "cp1252"


def _safe(text: str) -> str:
    """Escape for reportlab's paragraph markup, keep line breaks, and replace what the font cannot draw."""
    text = text.encode(ENCODING, errors="replace").decode(ENCODING)
    return escape(text).replace("\n", "<br/>")


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "j.n.Y")


def reference_pdf(reference: Reference, *, language: str = "fi") -> bytes:
    """The reference in the language (or the first language it has) with the experiment's title, dates
    and city, the partner's name, and who approved it and when."""
    if not reference.is_approved or reference.approved_by is None or reference.approved_at is None:
        raise ValueError("Only an approved reference has a PDF.")
    experiment = reference.experiment
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName="Helvetica", fontSize=11, leading=15)
    heading = ParagraphStyle("heading", parent=styles["Title"], fontName="Helvetica-Bold")
    small = ParagraphStyle("small", parent=body, fontSize=9, leading=12)
    buffer = io.BytesIO()
    with translation.override(language):
        title = _("Reference")
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=25 * mm,
            rightMargin=25 * mm,
            topMargin=25 * mm,
            bottomMargin=25 * mm,
            title=f"{title} – {reference.partner.name}",
            author=experiment.city.name,
            subject=str(experiment.title),
            invariant=True,
        )
        facts = [
            (_("Partner organisation"), reference.partner.name),
            (_("Experiment"), str(experiment.title)),
            (_("City"), experiment.city.name),
            (_("Experiment period"), f"{_date(experiment.starts_on)} – {_date(experiment.ends_on)}"),
        ]
        table = Table(
            [[Paragraph(_safe(label), small), Paragraph(_safe(value), body)] for label, value in facts],
            colWidths=[45 * mm, None],
        )
        table.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)])
        )
        approved_on = _date(timezone.localtime(reference.approved_at).date())
        approver = reference.approved_by.get_full_name() or reference.approved_by.get_username()
        story = [
            Paragraph(_safe(title), heading),
            table,
            Spacer(1, 8 * mm),
            *[Paragraph(_safe(part), body) for part in reference.text_in(language).split("\n\n")],
            Spacer(1, 10 * mm),
            Paragraph(
                _safe(
                    _("Approved on %(date)s by %(name)s, %(city)s.")
                    % {"date": approved_on, "name": approver, "city": experiment.city.name}
                ),
                body,
            ),
        ]
        document.build(story)
    return buffer.getvalue()

"""The approved reference as a PDF: valid, and with the text, the experiment, the dates, the city, the
partner and the approver in it."""

import pytest
from django.utils import formats

from kokeilu.references.models import Reference
from kokeilu.references.pdf import reference_pdf

from .conftest import TEXT_FI, TEXT_SV, pdf_text

pytestmark = pytest.mark.django_db


def test_the_pdf_parses_and_contains_everything(approved, completed):
    content = reference_pdf(approved, language="fi")
    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    flat = " ".join(text.split())
    assert " ".join(TEXT_FI.split()) in flat
    assert "ä" in flat and "ö" in flat and "Å" in flat
    assert "Koestamo" in flat and "Espoo" in flat and "Testiyritys Oy" in flat
    assert formats.date_format(completed.starts_on, "j.n.Y") in flat
    assert formats.date_format(completed.ends_on, "j.n.Y") in flat
    assert "Testi Ohjelmapäällikkö" in flat


def test_the_pdf_follows_the_language_and_falls_back(approved):
    swedish = " ".join(pdf_text(reference_pdf(approved, language="sv")).split())
    assert " ".join(TEXT_SV.split()) in swedish and "å" in swedish
    english = " ".join(pdf_text(reference_pdf(approved, language="en")).split())
    assert " ".join(TEXT_FI.split()) in english  # no English text: the Finnish one


def test_markup_and_characters_outside_the_font_do_not_break_it(approved):
    Reference.objects.filter(pk=approved.pk).update(
        text_fi="<b>Hyvä</b> & <script>x</script> 🙂 Ωmega\n\nToinen."
    )
    approved.refresh_from_db()
    flat = " ".join(pdf_text(reference_pdf(approved, language="fi")).split())
    assert "<b>Hyvä</b> & <script>x</script>" in flat and "Toinen." in flat


def test_a_draft_has_no_pdf(draft):
    with pytest.raises(ValueError):
        reference_pdf(draft)

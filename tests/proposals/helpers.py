"""Helpers for the proposals tests: real small files to upload and a snapshot of what a denied attempt
must leave untouched."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kokeilu.proposals.models import CoApplicant, CoApplicantStatus


def make_accepted_co_applicant(proposal, user):
    return CoApplicant.objects.create(
        proposal=proposal,
        email=user.email,
        invited_by=proposal.created_by,
        user=user,
        status=CoApplicantStatus.ACCEPTED,
        responded_at=timezone.now(),
    )


def snapshot(proposal):
    """What a denied attempt must leave untouched."""
    proposal.refresh_from_db()
    return {
        "status": proposal.status,
        "title": proposal.title,
        "problem": proposal.problem,
        "submitted_at": proposal.submitted_at,
        "withdrawn_at": proposal.withdrawn_at,
        "updated_at": proposal.updated_at,
        "answers": sorted(proposal.answers.values_list("question_id", "text")),
        "attachments": sorted(proposal.attachments.values_list("id", "original_name")),
        "co_applicants": sorted(proposal.co_applicants.values_list("id", "email", "status")),
    }


# --- real files ----------------------------------------------------------------------------------------


def pdf_bytes() -> bytes:
    """A minimal, valid one-page PDF."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def png_bytes() -> bytes:
    """A valid 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def docx_bytes() -> bytes:
    """A minimal Word document (a ZIP with the three parts Word needs)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Budjetti</w:t></w:r></w:p></w:body></w:document>",
        )
    return out.getvalue()


# An ELF executable header and an HTML page, each renamed to look like a PDF.
EXECUTABLE_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)

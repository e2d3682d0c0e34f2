import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Receipts go to a directory of this test only."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }


def _png_bytes() -> bytes:
    """A real 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
# The start of a JPEG (SOI + JFIF APP0 marker), enough for the content check.
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


@pytest.fixture
def pdf_receipt():
    return SimpleUploadedFile("kuitti.pdf", PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def png_receipt():
    return SimpleUploadedFile("kuitti.png", _png_bytes(), content_type="image/png")


@pytest.fixture
def jpg_receipt():
    return SimpleUploadedFile("kuitti.jpg", JPEG_BYTES, content_type="image/jpeg")


@pytest.fixture
def fake_pdf():
    """A text file pretending to be a PDF."""
    return SimpleUploadedFile("kuitti.pdf", b"just text, not a pdf", content_type="application/pdf")


@pytest.fixture
def docx_receipt():
    return SimpleUploadedFile("kuitti.docx", b"PK\x03\x04rest-of-zip", content_type="application/msword")

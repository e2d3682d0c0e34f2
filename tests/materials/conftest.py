import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kokeilu.experiments.models import Audience
from kokeilu.materials.demo import tiny_pdf
from kokeilu.materials.services import material_create


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Each test stores its uploads in a directory of its own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    return tmp_path / "media"


def png_bytes() -> bytes:
    """A valid 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


PDF = tiny_pdf(["Testaussuunnitelma"])


@pytest.fixture
def pdf_file():
    return SimpleUploadedFile("Testaus suunnitelma.pdf", PDF, content_type="application/pdf")


@pytest.fixture
def png_file():
    return SimpleUploadedFile("kuva.png", png_bytes(), content_type="image/png")


@pytest.fixture
def fake_pdf():
    """An HTML page pretending to be a PDF."""
    return SimpleUploadedFile(
        "ohje.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )


@pytest.fixture
def shared_material(experiment, experiment_lead):
    return material_create(
        experiment=experiment,
        created_by=experiment_lead,
        title="Yhteinen linkki",
        audience=Audience.EXPERIMENT,
        url="https://example.test/yhteinen",
    )


@pytest.fixture
def group_material(experiment, experiment_lead, testers_group):
    return material_create(
        experiment=experiment,
        created_by=experiment_lead,
        title="Vain testaajille",
        audience=Audience.GROUP,
        group=testers_group,
        file=SimpleUploadedFile("testaajat.pdf", PDF),
    )

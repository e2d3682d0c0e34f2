"""Photos: only JPEG and PNG, checked by content, and stripped of location and other metadata without an
imaging library. Pillow (present in the environment through other packages, not used by the product) is
used here only to make real camera-like files and to prove the stripped ones still decode."""

import io
import struct
import zlib

import pytest

from kokeilu.core.exceptions import ApplicationError
from kokeilu.feedback.photos import PHOTO_MAX_BYTES, clean_photo, strip_jpeg, strip_png

GPS_IFD = 0x8825


def segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def synthetic_jpeg() -> bytes:
    """A structurally complete baseline JPEG with Exif (GPS), XMP, a comment and restart markers."""
    return b"".join(
        [
            b"\xff\xd8",
            segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
            segment(0xE1, b"Exif\x00\x00MM\x00*GPSLatitude=60.1613"),
            segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>GPS</x:xmpmeta>"),
            segment(0xED, b"Photoshop 3.0\x008BIM location"),
            segment(0xFE, b"taken at home"),
            segment(0xDB, bytes(65)),
            segment(0xC0, b"\x08\x00\x10\x00\x10\x01\x01\x11\x00"),
            segment(0xC4, bytes(20)),
            segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"),
            b"\x12\x34\xff\x00\x56\xff\xd0\x78\x9a",  # data with a stuffed 0xFF and a restart marker
            b"\xff\xd9",
        ]
    )


def test_jpeg_keeps_the_image_and_loses_every_metadata_segment():
    original = synthetic_jpeg()
    stripped = strip_jpeg(original)
    assert stripped.startswith(b"\xff\xd8\xff\xe0") and stripped.endswith(b"\xff\xd9")
    for secret in (b"Exif", b"GPS", b"xmpmeta", b"8BIM", b"taken at home"):
        assert secret in original
        assert secret not in stripped
    assert b"\x12\x34\xff\x00\x56\xff\xd0\x78\x9a" in stripped  # compressed data untouched
    assert stripped == strip_jpeg(stripped)  # already clean


def chunk(kind: bytes, body: bytes) -> bytes:
    return (
        struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    )


def synthetic_png() -> bytes:
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80")
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"eXIf", b"MM\x00*GPSLatitude"),
            chunk(b"tEXt", b"Location\x00Espoo"),
            chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00<x:xmpmeta/>"),
            chunk(b"IDAT", pixels),
            chunk(b"IEND", b""),
        ]
    )


def test_png_keeps_the_image_chunks_only():
    stripped = strip_png(synthetic_png())
    assert b"IHDR" in stripped and b"IDAT" in stripped and stripped.endswith(chunk(b"IEND", b""))
    for secret in (b"eXIf", b"GPSLatitude", b"tEXt", b"Espoo", b"xmpmeta"):
        assert secret not in stripped


@pytest.mark.parametrize(
    "content",
    [
        b"GIF89a\x01\x00\x01\x00",
        b"%PDF-1.7 pretending to be a photo",
        b"\xff\xd8\xff\xe0 truncated",  # starts like a JPEG, ends nowhere
        b"\x89PNG\r\n\x1a\n" + chunk(b"IDAT", b"x"),  # IHDR missing
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", bytes(13))[:-4] + b"\x00\x00\x00\x00",  # bad checksum
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    ],
)
def test_anything_else_is_refused(content):
    with pytest.raises(ApplicationError) as refused:
        clean_photo(content)
    assert refused.value.field == "photo"


def test_size_limits():
    with pytest.raises(ApplicationError):
        clean_photo(b"")
    with pytest.raises(ApplicationError):
        clean_photo(b"\xff\xd8" + bytes(PHOTO_MAX_BYTES))


def camera_photo(fmt: str) -> tuple[bytes, object]:
    image_module = pytest.importorskip("PIL.Image")
    image = image_module.new("RGB", (32, 24), (200, 40, 40))
    for x in range(32):
        image.putpixel((x, 5), (10, 10, 250))
    exif = image.getexif()
    exif[0x010F] = "KameraValmistaja"  # Make
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (60.0, 9.0, 40.0), 3: "E", 4: (24.0, 44.0, 19.0)})
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.save(buffer, "JPEG", exif=exif.tobytes(), comment=b"Kotona", quality=95)
    else:
        from PIL import PngImagePlugin

        info = PngImagePlugin.PngInfo()
        info.add_text("Location", "Espoo")
        image.save(buffer, "PNG", exif=exif.tobytes(), pnginfo=info)
    return buffer.getvalue(), image


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_real_photos_still_decode_to_the_same_pixels_without_gps(fmt):
    image_module = pytest.importorskip("PIL.Image", reason="Pillow makes and decodes the camera-like files")
    data, _original = camera_photo(fmt)
    assert image_module.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the camera wrote a location
    cleaned = clean_photo(data)
    assert cleaned.content_type == ("image/jpeg" if fmt == "JPEG" else "image/png")
    result = image_module.open(io.BytesIO(cleaned.content))
    result.load()
    assert dict(result.getexif()) == {}
    assert b"KameraValmistaja" not in cleaned.content and b"Kotona" not in cleaned.content
    assert b"Espoo" not in cleaned.content
    before = image_module.open(io.BytesIO(data)).convert("RGB")
    assert result.convert("RGB").tobytes() == before.tobytes()

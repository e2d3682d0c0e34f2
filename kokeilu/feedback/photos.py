"""Photos sent with feedback: only JPEG and PNG are accepted (by their content, not their name), and
everything that can carry where and when a photo was taken is removed before the file is stored.

Done without an imaging library, by rewriting the file's own structure:
- JPEG: segments are copied except APP1 (Exif with GPS, XMP), APP13 (Photoshop/IPTC), the other
  application segments except JFIF (APP0), ICC profiles (APP2 "ICC_PROFILE") and Adobe (APP14), and
  comments. The compressed image data is copied as it is.
- PNG: only chunks needed to show the image are kept (IHDR, PLTE, IDAT, IEND and colour information);
  eXIf, tEXt, zTXt, iTXt, tIME and unknown chunks are dropped.
The photo loses its Exif orientation with the rest, so a phone photo may show turned.
"""

import struct
import zlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kokeilu.core.exceptions import ApplicationError

PHOTO_MAX_BYTES = 8 * 1024 * 1024
JPEG_SIGNATURE = b"\xff\xd8"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEPT_CHUNKS = frozenset(
    {
        b"IHDR",
        b"PLTE",
        b"IDAT",
        b"IEND",
        b"tRNS",
        b"gAMA",
        b"cHRM",
        b"sRGB",
        b"iCCP",
        b"sBIT",
        b"bKGD",
        b"pHYs",
    }
)
_SOS, _EOI = 0xDA, 0xD9
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM and RSTn have no length
_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    content_type: str
    extension: str


def _refuse() -> ApplicationError:
    return ApplicationError(_("The photo must be a JPEG or PNG image."), field="photo")


def _keep_jpeg_segment(marker: int, payload: bytes) -> bool:
    if marker == 0xE0:
        return payload.startswith(b"JFIF\x00") or payload.startswith(b"JFXX\x00")
    if marker == 0xE2:
        return payload.startswith(b"ICC_PROFILE\x00")
    if marker == 0xEE:
        return payload.startswith(b"Adobe")
    # Other application segments (Exif, XMP, IPTC, maker notes) and comments go.
    return not (0xE0 <= marker <= 0xEF or marker == 0xFE)


def strip_jpeg(data: bytes) -> bytes:
    if not data.startswith(JPEG_SIGNATURE):
        raise _refuse()
    out = bytearray(JPEG_SIGNATURE)
    position = 2
    seen_frame = seen_scan = False
    while True:
        # Markers may be padded with 0xFF fill bytes.
        while (
            position < len(data)
            and data[position] == 0xFF
            and position + 1 < len(data)
            and data[position + 1] == 0xFF
        ):
            position += 1
        if position + 1 >= len(data) or data[position] != 0xFF:
            raise _refuse()
        marker = data[position + 1]
        if marker == _EOI:
            out += data[position : position + 2]
            break
        if marker in _STANDALONE:
            out += data[position : position + 2]
            position += 2
            continue
        if position + 4 > len(data):
            raise _refuse()
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        if length < 2 or end > len(data):
            raise _refuse()
        payload = data[position + 4 : end]
        if marker in _SOF:
            seen_frame = True
        if _keep_jpeg_segment(marker, payload):
            out += data[position:end]
        position = end
        if marker == _SOS:
            seen_scan = True
            # Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart marker.
            scan_start = position
            while position + 1 < len(data):
                if (
                    data[position] == 0xFF
                    and data[position + 1] != 0x00
                    and not 0xD0 <= data[position + 1] <= 0xD7
                ):
                    if data[position + 1] == 0xFF:
                        position += 1
                        continue
                    break
                position += 1
            else:
                raise _refuse()
            out += data[scan_start:position]
    if not (seen_frame and seen_scan):
        raise _refuse()
    return bytes(out)


def strip_png(data: bytes) -> bytes:
    if not data.startswith(PNG_SIGNATURE):
        raise _refuse()
    out = bytearray(PNG_SIGNATURE)
    position = len(PNG_SIGNATURE)
    first = True
    while True:
        if position + 12 > len(data):
            raise _refuse()
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunk_type = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(data):
            raise _refuse()
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : end])
        if zlib.crc32(chunk_type + body) & 0xFFFFFFFF != crc:
            raise _refuse()
        if first and chunk_type != b"IHDR":
            raise _refuse()
        first = False
        if chunk_type in _PNG_KEPT_CHUNKS:
            out += data[position:end]
        position = end
        if chunk_type == b"IEND":
            return bytes(out)


def clean_photo(data: bytes) -> CleanPhoto:
    """The photo without its metadata, or a translated refusal when it is not a JPEG or PNG image."""
    if not data:
        raise ApplicationError(_("The photo is empty."), field="photo")
    if len(data) > PHOTO_MAX_BYTES:
        raise ApplicationError(
            _("The photo is too large: at most %(max)s MB is allowed.")
            % {"max": PHOTO_MAX_BYTES // (1024 * 1024)},
            field="photo",
        )
    if data.startswith(JPEG_SIGNATURE):
        return CleanPhoto(strip_jpeg(data), "image/jpeg", "jpg")
    if data.startswith(PNG_SIGNATURE):
        return CleanPhoto(strip_png(data), "image/png", "png")
    raise _refuse()

"""Uploaded files: the one place that decides which files are accepted.

A file is accepted by its extension (the browser's claimed content type is ignored), its size, and a
content signature that must match the extension. Every app that takes uploads (proposal attachments,
experiment materials, receipts) calls `check_upload`.
"""

import unicodedata
from collections.abc import Mapping

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from .exceptions import ApplicationError

# What may be uploaded: the extension decides the content type we serve it with (the browser's claim is
# ignored), and the content must start the way that format starts.
ATTACHMENT_CONTENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "txt": "text/plain",
    "csv": "text/csv",
}
_ZIP_FORMATS = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "odp"})
_TEXT_FORMATS = frozenset({"txt", "csv"})


def clean_file_name(name: str) -> str:
    """The name to show and to offer on download: no directories, no control characters, ≤ 255."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip()
    if len(name) > 255:
        stem, dot, extension = name.rpartition(".")
        name = f"{stem[: 254 - len(extension)]}.{extension}" if dot and len(extension) < 20 else name[:255]
    return name


def _file_extension(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def _content_matches_extension(extension: str, file: UploadedFile) -> bool:
    file.seek(0)
    if extension in _TEXT_FORMATS:
        data = b"".join(file.chunks())
        if b"\x00" in data:
            return False
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    head = file.read(8)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head == b"\x89PNG\r\n\x1a\n"
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension in _ZIP_FORMATS:
        return head.startswith(b"PK\x03\x04")
    return False


def check_upload(
    file: UploadedFile,
    name: str,
    *,
    allowed: Mapping[str, str] = ATTACHMENT_CONTENT_TYPES,
    max_bytes: int | None = None,
    field: str = "file",
) -> str:
    """Refuse files we do not accept; return the content type to store.

    `allowed` maps extensions to the content type the file is served with; each must be one whose
    content signature `_content_matches_extension` knows. The error is raised under `field`."""
    extension = _file_extension(name)
    if extension not in allowed:
        raise ApplicationError(
            _("Files of this type cannot be attached. Allowed types: %(types)s.")
            % {"types": ", ".join(sorted(allowed))},
            field=field,
        )
    size = file.size or 0
    if size == 0:
        raise ApplicationError(_("The file is empty."), field=field)
    limit = max_bytes if max_bytes is not None else settings.KOKEILU_ATTACHMENT_MAX_BYTES
    if size > limit:
        raise ApplicationError(
            _("The file is too large: at most %(max)s MB is allowed.") % {"max": f"{limit / 1024 / 1024:g}"},
            field=field,
        )
    if not _content_matches_extension(extension, file):
        raise ApplicationError(
            _("The content of the file does not match its type (.%(extension)s), so it was not accepted.")
            % {"extension": extension},
            field=field,
        )
    return allowed[extension]

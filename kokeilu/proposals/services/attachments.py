"""Attachments: checked by extension, size and content signature; stored privately under random names."""

import unicodedata

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokeilu.accounts.models import User
from kokeilu.calls.models import Call
from kokeilu.core.exceptions import ApplicationError
from kokeilu.proposals.models import Attachment, Proposal

from .rules import lock_proposal, require_call_open, require_editable_status, require_editor

MAX_ATTACHMENTS_PER_PROPOSAL = 10

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


def _clean_file_name(name: str) -> str:
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


def _check_upload(file: UploadedFile, name: str) -> str:
    """Refuse files we do not accept; return the content type to store."""
    extension = _file_extension(name)
    if extension not in ATTACHMENT_CONTENT_TYPES:
        raise ApplicationError(
            _("Files of this type cannot be attached. Allowed types: %(types)s.")
            % {"types": ", ".join(sorted(ATTACHMENT_CONTENT_TYPES))},
            field="file",
        )
    size = file.size or 0
    if size == 0:
        raise ApplicationError(_("The file is empty."), field="file")
    limit = settings.KOKEILU_ATTACHMENT_MAX_BYTES
    if size > limit:
        raise ApplicationError(
            _("The file is too large: at most %(max)s MB is allowed.") % {"max": f"{limit / 1024 / 1024:g}"},
            field="file",
        )
    if not _content_matches_extension(extension, file):
        raise ApplicationError(
            _("The content of the file does not match its type (.%(extension)s), so it was not accepted.")
            % {"extension": extension},
            field="file",
        )
    return ATTACHMENT_CONTENT_TYPES[extension]


def attachment_upload(*, proposal: Proposal, uploaded_by: User, file: UploadedFile) -> Attachment:
    """Attach a file to the proposal. It is stored under a random name in private storage and served
    only through the download view, which checks who may see the proposal."""
    name = _clean_file_name(file.name or "")
    stored_name = ""
    try:
        with transaction.atomic():
            locked = lock_proposal(proposal.pk)
            require_editor(uploaded_by, locked)
            require_call_open(Call.objects.get(pk=locked.call_id), timezone.now())
            require_editable_status(locked)
            if Attachment.objects.filter(proposal=locked).count() >= MAX_ATTACHMENTS_PER_PROPOSAL:
                raise ApplicationError(
                    _("A proposal can have at most %(max)s attachments. Remove one to add another.")
                    % {"max": MAX_ATTACHMENTS_PER_PROPOSAL},
                    field="file",
                )
            content_type = _check_upload(file, name)
            attachment = Attachment(
                proposal=locked,
                original_name=name,
                content_type=content_type,
                size=file.size or 0,
                uploaded_by=uploaded_by,
            )
            file.seek(0)
            attachment.file.save(name, file, save=False)
            stored_name = attachment.file.name or ""
            attachment.full_clean()
            attachment.save()
    except BaseException:
        if stored_name:
            default_storage.delete(stored_name)
        raise
    return attachment


def attachment_delete(*, attachment: Attachment, deleted_by: User) -> None:
    """Remove an attachment before the deadline; the stored file goes once the removal commits."""
    with transaction.atomic():
        locked = lock_proposal(attachment.proposal_id)
        require_editor(deleted_by, locked)
        require_call_open(Call.objects.get(pk=locked.call_id), timezone.now())
        require_editable_status(locked)
        storage = attachment.file.storage
        stored_name = attachment.file.name
        attachment.delete()
        if stored_name:
            transaction.on_commit(lambda: storage.delete(stored_name))

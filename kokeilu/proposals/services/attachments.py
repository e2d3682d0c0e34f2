"""Attachments: checked by extension, size and content signature; stored privately under random names."""

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokeilu.accounts.models import User
from kokeilu.calls.models import Call
from kokeilu.core.exceptions import ApplicationError
from kokeilu.core.uploads import ATTACHMENT_CONTENT_TYPES, check_upload, clean_file_name
from kokeilu.proposals.models import Attachment, Proposal

from .rules import lock_proposal, require_call_open, require_editable_status, require_editor

MAX_ATTACHMENTS_PER_PROPOSAL = 10

__all__ = [
    "ATTACHMENT_CONTENT_TYPES",
    "MAX_ATTACHMENTS_PER_PROPOSAL",
    "attachment_delete",
    "attachment_upload",
]


def attachment_upload(*, proposal: Proposal, uploaded_by: User, file: UploadedFile) -> Attachment:
    """Attach a file to the proposal. It is stored under a random name in private storage and served
    only through the download view, which checks who may see the proposal."""
    name = clean_file_name(file.name or "")
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
            content_type = check_upload(file, name)
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

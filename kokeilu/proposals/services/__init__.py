"""Writes for proposals: drafts, submission, withdrawal, co-applicants and attachments.

Rules every function here keeps:

- Only the creator and accepted co-applicants change a proposal; withdrawing, reopening and managing
  co-applicants are for the creator alone. Others get `PermissionDeniedError`.
- Every change an applicant makes (create, update, submit, reopen, attachments, invitations) requires the
  call to be open at that moment; the refusal says when the deadline was, in Finnish time.
- Status changes follow `PROPOSAL_TRANSITIONS`, and nothing else.
- A refusal changes nothing: checks run before any write, inside one transaction.
"""

from .attachments import (
    ATTACHMENT_CONTENT_TYPES,
    MAX_ATTACHMENTS_PER_PROPOSAL,
    attachment_delete,
    attachment_upload,
)
from .coapplicants import (
    MAX_CO_APPLICANTS_PER_PROPOSAL,
    coapplicant_accept,
    coapplicant_decline,
    coapplicant_invite,
    coapplicant_revoke,
)
from .proposals import (
    proposal_create_draft,
    proposal_reopen,
    proposal_submit,
    proposal_update,
    proposal_withdraw,
)
from .rules import CONTENT_FIELDS, ProposalContent, ProposalNotValidError

__all__ = [
    "ATTACHMENT_CONTENT_TYPES",
    "CONTENT_FIELDS",
    "MAX_ATTACHMENTS_PER_PROPOSAL",
    "MAX_CO_APPLICANTS_PER_PROPOSAL",
    "ProposalContent",
    "ProposalNotValidError",
    "attachment_delete",
    "attachment_upload",
    "coapplicant_accept",
    "coapplicant_decline",
    "coapplicant_invite",
    "coapplicant_revoke",
    "proposal_create_draft",
    "proposal_reopen",
    "proposal_submit",
    "proposal_update",
    "proposal_withdraw",
]

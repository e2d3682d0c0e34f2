"""Writes for an experiment's money: spend lines and the grant. Every function checks who may do it,
validates, and changes the rows in one transaction.

Spending past the grant is allowed (pilots do overrun) but never by accident: a line that takes the
total over the grant needs `confirm_over_budget=True`, or the service refuses with the code
"over_budget" under the field `confirm_over_budget`.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from kokeilu.accounts.models import User
from kokeilu.core.exceptions import ApplicationError
from kokeilu.core.uploads import check_upload, clean_file_name
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.services import experiment_update, require_team

from .models import SpendCategory, SpendLine

RECEIPT_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
RECEIPT_MAX_BYTES = 10 * 1024 * 1024
MAX_AMOUNT = Decimal("99999999.99")
CENT = Decimal("0.01")


def _clean_amount(amount: Decimal | str | int) -> Decimal:
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("Enter the amount in euros, e.g. 120.50."), field="amount") from None
    if not value.is_finite():
        raise ApplicationError(_("Enter the amount in euros, e.g. 120.50."), field="amount")
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ApplicationError(_("Give the amount with at most two decimals (cents)."), field="amount")
    if value <= 0:
        raise ApplicationError(_("The amount must be more than zero."), field="amount")
    if value > MAX_AMOUNT:
        raise ApplicationError(_("The amount is too large."), field="amount")
    return value.quantize(CENT)


def _clean_fields(purpose: str, category: str, spent_on: datetime.date | None) -> str:
    purpose = (purpose or "").strip()
    if not purpose:
        raise ApplicationError(_("Say what the money was spent on."), field="purpose")
    if len(purpose) > 300:
        raise ApplicationError(_("Keep the purpose under 300 characters."), field="purpose")
    if category and category not in SpendCategory.values:
        raise ApplicationError(_("Choose a category from the list."), field="category")
    if spent_on is None:
        raise ApplicationError(_("Give the date of the spending."), field="spent_on")
    return purpose


def _lock_experiment(experiment: Experiment) -> Experiment:
    """Lock the experiment row so two lines recorded at once both see each other in the total."""
    return Experiment.objects.select_for_update().get(pk=experiment.pk)


def _spent_total(experiment_id: int) -> Decimal:
    total = SpendLine.objects.filter(experiment_id=experiment_id).aggregate(total=Sum("amount"))["total"]
    return (total or Decimal("0")).quantize(CENT)


def _check_budget(*, granted: Decimal, new_total: Decimal, increase: Decimal, confirmed: bool) -> None:
    if increase > 0 and new_total > granted and not confirmed:
        raise ApplicationError(
            _(
                "With this line the spending (%(total)s €) exceeds the grant (%(granted)s €) by "
                "%(over)s €. Confirm that you want to record it anyway."
            )
            % {"total": new_total, "granted": granted, "over": new_total - granted},
            field="confirm_over_budget",
            code="over_budget",
        )


def _store_receipt(line: SpendLine, receipt: UploadedFile) -> str:
    """Check the file and attach it to the (unsaved) line; returns the stored name for clean-up."""
    name = clean_file_name(receipt.name or "")
    content_type = check_upload(
        receipt, name, allowed=RECEIPT_CONTENT_TYPES, max_bytes=RECEIPT_MAX_BYTES, field="receipt"
    )
    line.receipt_name = name
    line.receipt_content_type = content_type
    line.receipt_size = receipt.size or 0
    receipt.seek(0)
    line.receipt.save(name, receipt, save=False)
    return line.receipt.name or ""


def _delete_file_after_commit(stored_name: str) -> None:
    if stored_name:
        transaction.on_commit(lambda: default_storage.delete(stored_name))


def spend_line_create(
    *,
    experiment: Experiment,
    recorded_by: User,
    spent_on: datetime.date,
    purpose: str,
    amount: Decimal | str,
    category: str = "",
    receipt: UploadedFile | None = None,
    confirm_over_budget: bool = False,
) -> SpendLine:
    """Record money spent (the team). Refused with code "over_budget" when it takes the total over the
    grant, unless `confirm_over_budget`."""
    require_team(recorded_by, experiment)
    purpose = _clean_fields(purpose, category, spent_on)
    value = _clean_amount(amount)
    stored_name = ""
    try:
        with transaction.atomic():
            locked = _lock_experiment(experiment)
            _check_budget(
                granted=locked.granted_amount,
                new_total=_spent_total(locked.pk) + value,
                increase=value,
                confirmed=confirm_over_budget,
            )
            line = SpendLine(
                experiment=locked,
                spent_on=spent_on,
                purpose=purpose,
                amount=value,
                category=category or "",
                recorded_by=recorded_by,
            )
            if receipt is not None:
                stored_name = _store_receipt(line, receipt)
            line.full_clean()
            line.save()
    except BaseException:
        if stored_name:
            default_storage.delete(stored_name)
        raise
    return line


def spend_line_update(
    *,
    line: SpendLine,
    updated_by: User,
    spent_on: datetime.date,
    purpose: str,
    amount: Decimal | str,
    category: str = "",
    receipt: UploadedFile | None = None,
    remove_receipt: bool = False,
    confirm_over_budget: bool = False,
) -> SpendLine:
    """Correct a spend line (the team). A new receipt replaces the old one. Raising the amount so that the
    total goes over the grant needs `confirm_over_budget`, as recording a new line does."""
    require_team(updated_by, line.experiment)
    purpose = _clean_fields(purpose, category, spent_on)
    value = _clean_amount(amount)
    stored_name = ""
    try:
        with transaction.atomic():
            locked = _lock_experiment(line.experiment)
            current = SpendLine.objects.select_for_update().get(pk=line.pk, experiment=locked)
            _check_budget(
                granted=locked.granted_amount,
                new_total=_spent_total(locked.pk) - current.amount + value,
                increase=value - current.amount,
                confirmed=confirm_over_budget,
            )
            old_receipt = current.receipt.name or ""
            current.spent_on, current.purpose, current.amount = spent_on, purpose, value
            current.category = category or ""
            current.updated_by = updated_by
            if receipt is not None:
                stored_name = _store_receipt(current, receipt)
            elif remove_receipt:
                current.receipt = ""  # type: ignore[assignment]
                current.receipt_name = current.receipt_content_type = ""
                current.receipt_size = 0
            current.full_clean()
            current.save()
            if old_receipt and (receipt is not None or remove_receipt):
                _delete_file_after_commit(old_receipt)
    except BaseException:
        if stored_name:
            default_storage.delete(stored_name)
        raise
    return current


def spend_line_delete(*, line: SpendLine, deleted_by: User) -> None:
    """Remove a spend line (the team); it leaves the totals, and its receipt goes once the removal commits."""
    require_team(deleted_by, line.experiment)
    with transaction.atomic():
        stored_name = line.receipt.name or ""
        SpendLine.objects.filter(pk=line.pk).delete()
        _delete_file_after_commit(stored_name)


def grant_set(*, experiment: Experiment, changed_by: User, granted_amount: Decimal | str) -> Experiment:
    """Change the granted amount: the city's programme managers only (experiments' rule)."""
    try:
        value = Decimal(str(granted_amount))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("Enter the amount in euros, e.g. 120.50."), field="granted_amount") from None
    if not value.is_finite() or value < 0 or value != value.quantize(CENT) or value > MAX_AMOUNT:
        raise ApplicationError(
            _("The grant must be zero or more, with at most two decimals."), field="granted_amount"
        )
    return experiment_update(
        experiment=experiment, updated_by=changed_by, granted_amount=value.quantize(CENT)
    )

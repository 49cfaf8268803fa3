"""Filing a payroll deductions file: every problem in it is reported at once, with row
and column; nothing is saved unless the whole file is valid; the same file uploaded
again changes nothing."""

import hashlib
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_portal.audit import record_audit_event

from ..models import DeductionUpload, ReturnSource
from ..uploads import ProblemList, UploadFileError, decode_upload, read_upload
from .bulk import insert_returns
from .filing import ReturnEntry, filed_returns, locked_order_states, plan_returns, return_values

# Keeps each IN (...) list well inside SQLite's limit on query parameters.
_CHUNK = 2000


class UploadRejected(Exception):
    """The file was not filed: either it could not be read at all (`file_error`) or
    some rows have problems (`problems`)."""

    def __init__(self, *, file_error=None, problems=None):
        self.file_error = file_error
        self.problems = problems or ProblemList()
        super().__init__(str(file_error or f"{self.problems.total} problems"))


@dataclass(frozen=True)
class UploadResult:
    upload: DeductionUpload
    # True when this exact file had been filed before, so nothing changed now.
    repeated: bool = False


def _locked_orders(employer, references):
    found = {}
    references = sorted(references)
    for start in range(0, len(references), _CHUNK):
        found.update(locked_order_states(employer, references[start : start + _CHUNK]))
    return found


def _entries(rows, orders, problems):
    entries = []
    for row in rows:
        order = orders.get(row.order_reference)
        if order is None:
            problems.add(
                row.row,
                "order_reference",
                _(
                    "There is no order %(reference)s for your organisation. Check the "
                    "reference on the "
                    "order"
                )
                % {"reference": row.order_reference},
            )
            continue
        if order.payroll_number.casefold() != row.payroll_number.casefold():
            problems.add(
                row.row,
                "payroll_number",
                _("Order %(reference)s is for payroll number %(expected)s, not %(given)s")
                % {
                    "reference": order.reference,
                    "expected": order.payroll_number,
                    "given": row.payroll_number,
                },
            )
            continue
        entries.append(
            ReturnEntry(
                key=row.row,
                order=order,
                pay_date=row.pay_date,
                net_earnings=row.net_earnings,
                admin_fee=row.admin_fee,
                amount_deducted=row.amount_deducted,
            )
        )
    return entries


def file_upload(*, acting_user, employer, file_name, data, today=None) -> UploadResult:
    """File every row of a deductions file, or none. Raises UploadRejected."""
    digest = hashlib.sha256(data).hexdigest()
    earlier = DeductionUpload.objects.filter(employer=employer, sha256=digest).first()
    if earlier is not None:
        return UploadResult(upload=earlier, repeated=True)
    try:
        text = decode_upload(data)
    except UploadFileError as error:
        raise UploadRejected(file_error=error.message) from None
    read = read_upload(text)
    problems = read.problems
    if problems.stopped_at_row:
        # So many problems that reading stopped: nothing more is worth checking.
        raise UploadRejected(problems=problems)
    try:
        with transaction.atomic():
            orders = _locked_orders(employer, {row.order_reference for row in read.rows})
            entries = _entries(read.rows, orders, problems)
            plan = plan_returns(
                entries, filed=filed_returns(employer, entries), today=today or timezone.localdate()
            )
            for problem in plan.problems:
                problems.add(problem.key, problem.field, problem.message)
            if problems:
                raise UploadRejected(problems=problems)
            upload = DeductionUpload.objects.create(
                employer=employer,
                file_name=(file_name or "")[:255],
                sha256=digest,
                row_count=len(read.rows),
                returns_filed=len(plan.new_returns),
                rows_already_filed=len(plan.already_filed),
                total_deducted=plan.total_deducted,
                uploaded_by=acting_user,
            )
            insert_returns(
                return_values(
                    plan,
                    employer=employer,
                    source=ReturnSource.UPLOAD,
                    acting_user=acting_user,
                    upload=upload,
                )
            )
            record_audit_event(
                acting_user=acting_user,
                action="deduction_returns.uploaded",
                obj=employer,
                upload=str(upload.public_id),
                sha256=digest,
                rows=upload.row_count,
                filed=upload.returns_filed,
                total_deducted=str(upload.total_deducted),
            )
            return UploadResult(upload=upload)
    except IntegrityError:
        # The same file was filed at the same moment by someone else.
        earlier = DeductionUpload.objects.filter(employer=employer, sha256=digest).first()
        if earlier is None:
            raise
        return UploadResult(upload=earlier, repeated=True)

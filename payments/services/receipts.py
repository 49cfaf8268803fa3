"""Money received from a paying parent (or their employer) on Collect and Pay."""

from datetime import date

from django.db import transaction

from cms_portal.audit import record_audit_event

from ..dates import business_date
from ..models import EntryKind, Receipt, ReceiptMethod
from ..signals import receipt_recorded
from .accounts import IdempotencyConflict, PaymentsError, Postings, lock_one_case
from .allocating import allocate_cases
from .validation import COLLECT_AND_PAY, valid_amount

MAX_KEY_LENGTH = 150


def record_receipt(
    *, acting_user, case, amount, received_on, method, external_reference="", idempotency_key
):
    """Record money received for a Collect and Pay case and use it to pay what is due.
    Calling again with the same key returns the first receipt; reusing a key for a
    different payment raises IdempotencyConflict."""
    amount = valid_amount(amount)
    if method not in ReceiptMethod.values:
        raise PaymentsError(f"Unknown payment method: {method!r}")
    if not isinstance(received_on, date):
        raise PaymentsError("The date received must be a date.")
    if received_on > business_date():
        raise PaymentsError("The date received cannot be in the future.")
    if not idempotency_key or len(idempotency_key) > MAX_KEY_LENGTH:
        raise PaymentsError(
            f"Every receipt needs an idempotency key of up to {MAX_KEY_LENGTH} characters."
        )
    with transaction.atomic():
        accounts = lock_one_case(case)
        existing = Receipt.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            if (existing.case_id, existing.amount, existing.method) != (case.pk, amount, method):
                raise IdempotencyConflict("This idempotency key was used for another payment.")
            return existing
        if case.service_type != COLLECT_AND_PAY:
            raise PaymentsError("Payments are only recorded on Collect and Pay cases.")
        paying = accounts.paying
        receipt = Receipt.objects.create(
            case=case,
            account_id=paying.pk,
            amount=amount,
            received_on=received_on,
            method=method,
            external_reference=external_reference[:100],
            idempotency_key=idempotency_key,
            unallocated=amount,
            recorded_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        )
        postings = Postings(acting_user=acting_user)
        postings.add(
            paying,
            EntryKind.PAYMENT_RECEIVED,
            -amount,
            received_on,
            f"receipt:{idempotency_key}",
            receipt_id=receipt.pk,
        )
        paying.unallocated += amount
        postings.save()
        # Money is collected for the receiving parent on the day it arrived.
        allocate_cases({case.pk: accounts}, received_on, postings)
        record_audit_event(
            acting_user=acting_user,
            action="payments.receipt_recorded",
            obj=case,
            receipt=str(receipt.public_id),
            amount=str(amount),
            method=method,
        )
        receipt_recorded.send(sender=Receipt, receipt=receipt, acting_user=acting_user)
        return receipt

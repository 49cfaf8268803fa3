"""Every write that moves money. Each public function runs in one transaction, locks the
case's accounts, writes an audit event and is safe to call twice."""

from .accounts import IdempotencyConflict, PaymentsError
from .bank import (
    DuplicatePayment,
    auto_match,
    import_bank_statement,
    match_by_hand,
    record_bank_receipt,
    record_expected_payment,
)
from .closing import end_liability_on_closure
from .direct_pay import report_missed_direct_payment
from .enforcement import agree_payment_plan, end_payment_plan, post_enforcement_charge
from .receipts import record_receipt
from .reversals import reverse_entry
from .schedules import make_schedule_from_decision

__all__ = [
    "DuplicatePayment",
    "IdempotencyConflict",
    "PaymentsError",
    "agree_payment_plan",
    "auto_match",
    "end_liability_on_closure",
    "end_payment_plan",
    "import_bank_statement",
    "match_by_hand",
    "record_bank_receipt",
    "record_expected_payment",
    "make_schedule_from_decision",
    "post_enforcement_charge",
    "record_receipt",
    "report_missed_direct_payment",
    "reverse_entry",
]

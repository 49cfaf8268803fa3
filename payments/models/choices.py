"""The fixed vocabularies of money: kinds of ledger entry, ways to pay, kinds of debt."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms_portal.core.choices import PaymentFrequency
from cms_portal.core.money import MONEY

__all__ = [
    "MONEY",
    "AccountRole",
    "ArrearsStatus",
    "BankSource",
    "DirectPayOutcome",
    "DisbursementStatus",
    "EnforcementKind",
    "EntryKind",
    "MatchStatus",
    "MissedKind",
    "MoneyQueueKind",
    "ObligationKind",
    "PaymentFrequency",
    "PlanStatus",
    "ReceiptMethod",
]


class AccountRole(models.TextChoices):
    # A paying account's balance is what the paying parent owes (negative: in credit).
    PAYING = "paying", _("Paying parent")
    # A receiving account's balance is money collected and not yet passed on.
    RECEIVING = "receiving", _("Receiving parent")


class EntryKind(models.TextChoices):
    MAINTENANCE_DUE = "maintenance_due", _("Maintenance due")
    PAYING_PARENT_FEE = "paying_parent_fee", _("Collection fee (paying parent)")
    ENFORCEMENT_CHARGE = "enforcement_charge", _("Enforcement charge")
    PAYMENT_RECEIVED = "payment_received", _("Payment received")
    # Credits the receiving parent when a receipt pays maintenance due to them.
    MAINTENANCE_COLLECTED = "maintenance_collected", _("Maintenance collected")
    RECEIVING_PARENT_FEE = "receiving_parent_fee", _("Collection fee (receiving parent)")
    PASSED_ON = "passed_on", _("Passed on to the receiving parent")
    REVERSAL = "reversal", _("Reversal")


class ObligationKind(models.TextChoices):
    """What a paying parent owes, in the statutory order receipts pay them."""

    MAINTENANCE = "maintenance", _("Maintenance")
    COLLECTION_FEE = "collection_fee", _("Collection fee")
    ENFORCEMENT_CHARGE = "enforcement_charge", _("Enforcement charge")


class ReceiptMethod(models.TextChoices):
    CARD = "card", _("Debit card")
    DIRECT_DEBIT = "direct_debit", _("Direct Debit")
    STANDING_ORDER = "standing_order", _("Standing order")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    EMPLOYER_DEDUCTION = "employer_deduction", _("Deduction from earnings")


class EnforcementKind(models.TextChoices):
    DEO = "deo", _("Deduction from earnings order")
    DER = "der", _("Deduction from earnings request (armed forces)")
    RDO = "rdo", _("Regular deduction order")
    LSDO = "lsdo", _("Lump sum deduction order")
    LIABILITY_ORDER = "liability_order", _("Liability order")


class ArrearsStatus(models.TextChoices):
    UP_TO_DATE = "up_to_date", _("Up to date")
    IN_ARREARS = "in_arrears", _("In arrears")


class MissedKind(models.TextChoices):
    MISSED = "missed", _("Missed")
    PART_PAID = "part_paid", _("Part paid")


class DirectPayOutcome(models.TextChoices):
    NOT_PAID = "not_paid", _("Nothing was paid")
    PART_PAID = "part_paid", _("Only part was paid")


class DisbursementStatus(models.TextChoices):
    PAID = "paid", _("Paid")
    RETURNED = "returned", _("Returned by the bank")


class PlanStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class MatchStatus(models.TextChoices):
    """How far money said to be paid, or money in the bank, has been matched."""

    UNMATCHED = "unmatched", _("Not matched")
    PART_MATCHED = "part_matched", _("Part matched")
    MATCHED = "matched", _("Matched")


class BankSource(models.TextChoices):
    CSV = "csv", _("Bank statement (CSV)")
    CAMT053 = "camt053", _("Bank statement (camt.053)")
    MANUAL = "manual", _("Recorded by finance staff")


class MoneyQueueKind(models.TextChoices):
    """Caseworker queue items raised by bank matching (the queue takes any short kind)."""

    UNMATCHED_MONEY = "unmatched_money", _("Money in the bank not matched")
    PART_MATCHED_MONEY = "part_matched_money", _("Money part matched")

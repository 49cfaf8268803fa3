"""Money that really arrived. A payment someone says they made (a parent's card payment,
standing order or transfer; an employer's monthly payment) stays expected until it is
matched to a line of a bank statement; only a match posts money to the ledger."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import MONEY, BankSource, MatchStatus, ReceiptMethod
from .insert_only import InsertOnlyModel


class ExpectedPayment(models.Model):
    """A parent's payment as reported (by the parent, or a caseworker for them). Nothing
    is posted to the ledger until bank money is matched to it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="expected_payments"
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    paid_on = models.DateField(_("date paid"))
    method = models.CharField(_("method"), max_length=30, choices=ReceiptMethod.choices)
    reference = models.CharField(_("bank or card reference"), max_length=100, blank=True)
    idempotency_key = models.CharField(max_length=200, unique=True)
    matched_amount = models.DecimalField(_("matched"), default=0, **MONEY)
    status = models.CharField(
        _("status"), max_length=20, choices=MatchStatus.choices, default=MatchStatus.UNMATCHED
    )
    # Given when it was recorded although it looked like a payment already recorded.
    duplicate_reason = models.TextField(_("reason for recording a possible duplicate"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-paid_on", "-id"]
        verbose_name = _("expected payment")
        verbose_name_plural = _("expected payments")
        indexes = [models.Index(fields=["case", "paid_on"], name="payments_expected_case")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_expected_positive"),
            models.CheckConstraint(
                condition=Q(matched_amount__gte=0, matched_amount__lte=F("amount")),
                name="payments_expected_matched_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.case.reference} {self.paid_on} {self.amount}"

    @property
    def remaining(self):
        return self.amount - self.matched_amount


class BankStatement(models.Model):
    """One bank statement file imported; the same file (by its SHA-256) is imported once."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, unique=True)
    source = models.CharField(_("format"), max_length=20, choices=BankSource.choices)
    lines_added = models.PositiveIntegerField(_("new lines"), default=0)
    lines_known = models.PositiveIntegerField(_("lines already imported"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")

    def __str__(self):
        return self.file_name


class BankReceipt(models.Model):
    """Money paid into CMS's account, as the bank reports it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The bank's own id for the transaction: the same line imported again is found by it.
    transaction_id = models.CharField(_("bank transaction id"), max_length=100, unique=True)
    booked_on = models.DateField(_("date in the bank"))
    amount = models.DecimalField(_("amount"), **MONEY)
    reference = models.CharField(_("payment reference"), max_length=140, blank=True)
    payer_name = models.CharField(_("payer"), max_length=140, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=BankSource.choices)
    statement = models.ForeignKey(
        BankStatement, null=True, blank=True, on_delete=models.PROTECT, related_name="lines"
    )
    matched_amount = models.DecimalField(_("matched"), default=0, **MONEY)
    status = models.CharField(
        _("status"), max_length=20, choices=MatchStatus.choices, default=MatchStatus.UNMATCHED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-booked_on", "-id"]
        verbose_name = _("bank receipt")
        verbose_name_plural = _("bank receipts")
        indexes = [
            models.Index(
                fields=["status", "booked_on"],
                name="payments_bank_open",
                condition=~Q(status=MatchStatus.MATCHED),
            )
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_bank_positive"),
            models.CheckConstraint(
                condition=Q(matched_amount__gte=0, matched_amount__lte=F("amount")),
                name="payments_bank_matched_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.booked_on} {self.amount} {self.reference}"

    @property
    def remaining(self):
        return self.amount - self.matched_amount


class BankMatch(InsertOnlyModel):
    """Part (or all) of a bank receipt matched to a parent's expected payment or to an
    employer's payment."""

    bank_receipt = models.ForeignKey(BankReceipt, on_delete=models.PROTECT, related_name="matches")
    expected_payment = models.ForeignKey(
        ExpectedPayment, null=True, blank=True, on_delete=models.PROTECT, related_name="matches"
    )
    remittance = models.ForeignKey(
        "employers.Remittance",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bank_matches",
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    # Empty when matched automatically.
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bank match")
        verbose_name_plural = _("bank matches")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_match_positive"),
            models.CheckConstraint(
                condition=(
                    Q(expected_payment__isnull=False, remittance__isnull=True)
                    | Q(expected_payment__isnull=True, remittance__isnull=False)
                ),
                name="payments_match_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.amount} of {self.bank_receipt_id}"

"""Money in (receipts), how it paid debts (allocations) and money out to receiving
parents (disbursements)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import MONEY, DisbursementStatus, ReceiptMethod
from .insert_only import InsertOnlyModel


class Receipt(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="receipts")
    account = models.ForeignKey(
        "payments.Account", on_delete=models.PROTECT, related_name="receipts"
    )
    amount = models.DecimalField(**MONEY)
    received_on = models.DateField()
    method = models.CharField(max_length=30, choices=ReceiptMethod.choices)
    external_reference = models.CharField(max_length=100, blank=True)
    idempotency_key = models.CharField(max_length=200)
    # Kept in step with the allocations of this receipt, under the account lock.
    unallocated = models.DecimalField(**MONEY)
    reversed = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        indexes = [
            models.Index(
                fields=["case", "received_on"],
                condition=Q(unallocated__gt=0),
                name="payments_receipt_unallocated",
            )
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_receipt_positive"),
            models.CheckConstraint(
                condition=Q(unallocated__gte=0), name="payments_receipt_unallocated_not_negative"
            ),
            models.UniqueConstraint(fields=["idempotency_key"], name="payments_receipt_key_unique"),
        ]

    def __str__(self):
        return f"{self.case.reference} {self.received_on} {self.amount}"


class Allocation(InsertOnlyModel):
    """Part of a receipt paying part of a debt. Undoing one is a negative allocation."""

    receipt = models.ForeignKey(Receipt, on_delete=models.PROTECT, related_name="allocations")
    obligation = models.ForeignKey(
        "payments.Obligation", on_delete=models.PROTECT, related_name="allocations"
    )
    amount = models.DecimalField(**MONEY)
    allocated_on = models.DateField()
    # Maintenance only: the entry crediting the receiving parent with this money.
    collected_entry = models.OneToOneField(
        "payments.LedgerEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocation",
    )
    # Set on the negative row that undoes an allocation; each is undone at most once.
    unwinds = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="unwound_by",
        db_index=False,
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["unwinds"],
                condition=Q(unwinds__isnull=False),
                name="payments_allocation_undone_once",
            ),
        ]

    def __str__(self):
        return f"{self.amount} of receipt {self.receipt_id} to debt {self.obligation_id}"


class Disbursement(models.Model):
    """Money passed on to a receiving parent on one business date, less the fee."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="disbursements")
    # The unique (account, business date) index serves lookups by account.
    account = models.ForeignKey(
        "payments.Account", on_delete=models.PROTECT, related_name="disbursements", db_index=False
    )
    business_date = models.DateField()
    gross = models.DecimalField(**MONEY)
    fee = models.DecimalField(**MONEY)
    net = models.DecimalField(**MONEY)
    status = models.CharField(
        max_length=20, choices=DisbursementStatus.choices, default=DisbursementStatus.PAID
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("payment passed on")
        verbose_name_plural = _("payments passed on")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "business_date"], name="payments_one_disbursement_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.case.reference} {self.business_date} {self.net}"

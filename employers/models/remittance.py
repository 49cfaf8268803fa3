"""Money an employer sends CMS for a month's deductions, how it is shared between the
orders (each share becomes a receipt on that case), and months flagged as paid late."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_portal.core.money import MONEY

from .employer import Employer
from .order import DeductionOrder


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer (Bacs, Faster Payments or CHAPS)")
    DEBIT_CARD = "debit_card", _("Debit card")
    CHEQUE = "cheque", _("Cheque")


class Remittance(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="remittances")
    # The month the money was deducted in, as its first day.
    month = models.DateField(_("month of deductions"))
    amount = models.DecimalField(_("amount"), **MONEY)
    method = models.CharField(_("how you paid"), max_length=20, choices=PaymentMethod.choices)
    paid_on = models.DateField(_("date paid"))
    payment_reference = models.CharField(_("payment reference"), max_length=35, blank=True)
    due_on = models.DateField(_("due by"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-month", "-recorded_at", "-id"]
        verbose_name = _("employer payment")
        verbose_name_plural = _("employer payments")
        indexes = [
            models.Index(fields=["employer", "month"], name="employers_remittance_month_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="employers_remittance_amount_positive"
            ),
        ]

    def __str__(self):
        return f"{self.employer.reference} {self.month:%Y-%m} {self.amount}"

    @property
    def paid_late(self):
        return self.paid_on > self.due_on


class RemittanceAllocation(models.Model):
    """One order's share of a payment, posted as a receipt on the case's ledger (with an
    idempotency key, so posting twice makes one receipt)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    remittance = models.ForeignKey(Remittance, on_delete=models.PROTECT, related_name="allocations")
    order = models.ForeignKey(DeductionOrder, on_delete=models.PROTECT, related_name="allocations")
    amount = models.DecimalField(_("amount"), **MONEY)
    receipt_public_id = models.UUIDField(null=True, blank=True, editable=False)
    posted_at = models.DateTimeField(_("receipt posted"), null=True, blank=True)

    class Meta:
        ordering = ["remittance", "id"]
        verbose_name = _("payment allocation")
        verbose_name_plural = _("payment allocations")
        constraints = [
            models.UniqueConstraint(fields=["remittance", "order"], name="employers_allocate_once"),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="employers_allocation_amount_positive"
            ),
        ]

    def __str__(self):
        return f"{self.order.reference} {self.amount}"

    @property
    def idempotency_key(self):
        return f"employer-allocation:{self.public_id}"


class LatePayment(models.Model):
    """A month whose money had not reached CMS by the 19th of the month after, found by
    the nightly job. One per employer and month, so running the job again adds nothing."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="late_payments")
    month = models.DateField(_("month of deductions"))
    due_on = models.DateField(_("was due by"))
    amount_outstanding = models.DecimalField(_("deducted but not paid"), **MONEY)
    orders_without_return = models.PositiveIntegerField(
        _("active orders with nothing reported"), default=0
    )
    flagged_on = models.DateField(_("flagged on"))
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        ordering = ["resolved_at", "-month", "employer"]
        verbose_name = _("late payment")
        verbose_name_plural = _("late payments")
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "month"], name="employers_late_once_a_month"
            ),
        ]

    def __str__(self):
        return f"{self.employer.reference} {self.month:%Y-%m}"

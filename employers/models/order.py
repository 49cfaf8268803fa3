"""Deduction from Earnings Orders: what a caseworker tells an employer to take from an
employee's pay, and the returns the employer files for each pay day."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models.functions import Round
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_portal.core.choices import PaymentFrequency
from cms_portal.core.money import MONEY

from ..rules import deduction_rules
from .employer import Employer
from .references import new_order_reference


def protected_earnings_proportion_in_force():
    """The protected earnings proportion in force today (employers/rules.py): an order's
    default. `issue_order` sets it for the day the order is served."""
    return deduction_rules(timezone.localdate()).protected_earnings_proportion


class OrderStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    ENDED = "ended", _("Ended")


class EndReason(models.TextChoices):
    LEFT = "left", _("The employee left")
    NOT_EMPLOYEE = "not_employee", _("Not an employee")
    CASEWORKER = "caseworker", _("Ended by the Child Maintenance Service")
    CASE_CLOSED = "case_closed", _("The case closed")
    STOPPED_TRADING = "stopped_trading", _("The business stopped trading")


class DeductionOrder(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("order reference"),
        max_length=12,
        unique=True,
        default=new_order_reference,
        editable=False,
    )
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="orders")
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="deduction_orders"
    )
    # The paying parent: the order is about their pay.
    employee = models.ForeignKey(
        "cases.Party", on_delete=models.PROTECT, related_name="deduction_orders"
    )
    payroll_number = models.CharField(_("payroll number"), max_length=40)
    pay_frequency = models.CharField(
        _("pay frequency"), max_length=20, choices=PaymentFrequency.choices
    )
    normal_deduction_rate = models.DecimalField(_("normal deduction rate"), **MONEY)
    # A snapshot of the rule in force when the order was issued.
    protected_earnings_proportion = models.DecimalField(
        _("protected earnings proportion"),
        max_digits=3,
        decimal_places=2,
        default=protected_earnings_proportion_in_force,
    )
    served_on = models.DateField(_("served on"))
    status = models.CharField(
        _("status"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.ACTIVE
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("why it ended"), max_length=20, choices=EndReason.choices, blank=True
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("deduction from earnings order")
        verbose_name_plural = _("deduction from earnings orders")
        indexes = [
            models.Index(fields=["employer", "status"], name="employers_order_status_idx"),
            models.Index(fields=["employer", "payroll_number"], name="employers_order_payroll_idx"),
            models.Index(fields=["employer", "served_on"], name="employers_order_served_idx"),
        ]
        constraints = [
            # Two live orders for one case at one employer would take the money twice.
            models.UniqueConstraint(
                fields=["case", "employer"],
                condition=models.Q(status__in=["active", "suspended"]),
                name="employers_one_live_order_per_case_and_employer",
            ),
            models.CheckConstraint(
                condition=models.Q(normal_deduction_rate__gte=0),
                name="employers_order_rate_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    protected_earnings_proportion__gt=0, protected_earnings_proportion__lte=1
                ),
                name="employers_order_proportion_in_range",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_active(self):
        return self.status == OrderStatus.ACTIVE


class ReturnSource(models.TextChoices):
    FORM = "form", _("Reported online")
    SCHEDULE = "schedule", _("Reported in a schedule")
    UPLOAD = "upload", _("Uploaded file")


class DeductionUpload(models.Model):
    """A deductions file that was valid and filed. The file's hash makes uploading the
    same file again change nothing."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="uploads")
    file_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    row_count = models.PositiveIntegerField(default=0)
    returns_filed = models.PositiveIntegerField(default=0)
    rows_already_filed = models.PositiveIntegerField(default=0)
    total_deducted = models.DecimalField(default=Decimal("0.00"), **MONEY)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("deductions file")
        verbose_name_plural = _("deductions files")
        constraints = [
            models.UniqueConstraint(fields=["employer", "sha256"], name="employers_upload_once"),
        ]

    def __str__(self):
        return f"{self.file_name} ({self.uploaded_at:%Y-%m-%d})"


class CurrentReturnManager(models.Manager):
    """Only the returns in force: a correcting return supersedes the one it corrects."""

    def get_queryset(self):
        return super().get_queryset().filter(superseded_at__isnull=True)


class DeductionReturn(models.Model):
    """What happened on one pay day for one order: the figures the rule worked out from
    the net earnings the employer gave. One in force per order and pay date; changed only
    by the correction services, which keep the earlier figures (ReturnCorrection) and,
    once the return is paid, supersede it with a correcting return instead."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    order = models.ForeignKey(DeductionOrder, on_delete=models.PROTECT, related_name="returns")
    # Copied from the order so an employer's month can be summed without a join.
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="returns")
    pay_date = models.DateField(_("pay date"))
    net_earnings = models.DecimalField(_("net earnings"), **MONEY)
    normal_rate = models.DecimalField(_("normal deduction rate"), **MONEY)
    shortfall_brought_forward = models.DecimalField(_("shortfall brought forward"), **MONEY)
    protected_earnings = models.DecimalField(_("protected earnings"), **MONEY)
    amount_deducted = models.DecimalField(_("amount deducted"), **MONEY)
    shortfall_carried_forward = models.DecimalField(_("shortfall carried forward"), **MONEY)
    admin_fee = models.DecimalField(_("admin fee"), **MONEY)
    source = models.CharField(max_length=20, choices=ReturnSource.choices)
    upload = models.ForeignKey(
        DeductionUpload, null=True, blank=True, on_delete=models.PROTECT, related_name="returns"
    )
    remittance = models.ForeignKey(
        "employers.Remittance",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="returns",
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField(default=timezone.now)
    # A correcting return names the paid return it corrects, which is then superseded.
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    superseded_at = models.DateTimeField(null=True, blank=True, editable=False)

    all_versions = models.Manager()
    objects = CurrentReturnManager()

    class Meta:
        base_manager_name = "all_versions"
        default_manager_name = "objects"
        ordering = ["-pay_date", "-id"]
        verbose_name = _("deduction return")
        verbose_name_plural = _("deduction returns")
        indexes = [
            models.Index(fields=["employer", "pay_date"], name="employers_return_month_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "pay_date"],
                condition=models.Q(superseded_at__isnull=True),
                name="employers_one_return_per_pay_date",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    net_earnings__gte=0,
                    normal_rate__gte=0,
                    shortfall_brought_forward__gte=0,
                    amount_deducted__gte=0,
                    shortfall_carried_forward__gte=0,
                    admin_fee__gte=0,
                ),
                name="employers_return_amounts_in_range",
            ),
            # Rounded to the penny: SQLite keeps decimals as floating point, where
            # 583.44 - 96.00 is not exactly 487.44.
            models.CheckConstraint(
                condition=models.Q(
                    amount_deducted__lte=Round(
                        models.F("net_earnings") - models.F("protected_earnings"), 2
                    )
                ),
                name="employers_return_keeps_protected_earnings",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    shortfall_carried_forward=Round(
                        models.F("normal_rate")
                        + models.F("shortfall_brought_forward")
                        - models.F("amount_deducted"),
                        2,
                    )
                ),
                name="employers_return_shortfall_is_what_was_not_deducted",
            ),
        ]

    def __str__(self):
        return f"{self.order.reference} {self.pay_date}"


class CorrectionKind(models.TextChoices):
    EDIT = "edit", _("Changed before payment")
    CORRECTING_RETURN = "correcting_return", _("Correcting return after payment")
    KNOCK_ON = "knock_on", _("Worked out again after an earlier correction")


class ReturnCorrection(models.Model):
    """One change to a filed return, with the figures before and after. A correction of
    one pay day also records each later pay day whose shortfall it changed."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The return in force after the correction.
    deduction_return = models.ForeignKey(
        DeductionReturn, on_delete=models.PROTECT, related_name="corrections"
    )
    # The paid return a correcting return superseded.
    superseded_return = models.ForeignKey(
        DeductionReturn, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=CorrectionKind.choices)
    reason = models.TextField(_("reason for the correction"), blank=True)
    previous_net_earnings = models.DecimalField(**MONEY)
    previous_admin_fee = models.DecimalField(**MONEY)
    previous_amount_deducted = models.DecimalField(**MONEY)
    previous_shortfall_carried_forward = models.DecimalField(**MONEY)
    # For a paid return: how much more (or, below zero, less) the employer deducted than
    # was paid. The caseworker settles it with the employer.
    paid_difference = models.DecimalField(default=Decimal("0.00"), **MONEY)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    corrected_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-corrected_at", "-id"]
        verbose_name = _("return correction")
        verbose_name_plural = _("return corrections")

    def __str__(self):
        return f"{self.deduction_return} ({self.kind})"

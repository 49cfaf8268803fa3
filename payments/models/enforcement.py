"""Enforcement actions with their charges, and agreed plans to pay off arrears."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import MONEY, EnforcementKind, PlanStatus


class EnforcementAction(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="enforcement_actions"
    )
    kind = models.CharField(max_length=30, choices=EnforcementKind.choices)
    taken_on = models.DateField()
    charge = models.DecimalField(**MONEY)
    idempotency_key = models.CharField(max_length=200, unique=True)
    # Caseworkers' notes; never shown to parents.
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("enforcement action")
        verbose_name_plural = _("enforcement actions")
        ordering = ["-taken_on", "-id"]

    def __str__(self):
        return f"{self.case.reference} {self.get_kind_display()} {self.taken_on}"


class ArrearsPaymentPlan(models.Model):
    """An amount the paying parent agreed to pay towards arrears with each instalment."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="arrears_payment_plans"
    )
    amount_per_instalment = models.DecimalField(**MONEY)
    starts_on = models.DateField()
    # The arrears the plan pays off: maintenance due before `arrears_before` and unpaid
    # when it was agreed. Progress and missed plan payments are measured against them.
    arrears_at_start = models.DecimalField(default=0, **MONEY)
    arrears_before = models.DateField(null=True, blank=True)
    # When the last payment towards them falls due if every plan payment is made.
    expected_end_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    ended_on = models.DateField(null=True, blank=True)
    # Caseworkers' notes; never shown to parents.
    note = models.TextField(blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("arrears payment plan")
        verbose_name_plural = _("arrears payment plans")
        ordering = ["-agreed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status=PlanStatus.ACTIVE),
                name="payments_one_active_plan_per_case",
            ),
            models.CheckConstraint(
                condition=Q(amount_per_instalment__gt=0), name="payments_plan_amount_positive"
            ),
        ]

    def __str__(self):
        return f"{self.case.reference} {self.amount_per_instalment} from {self.starts_on}"


class MissedPlanPayment(models.Model):
    """An instalment after which the arrears of the case's plan were still more than the
    plan said they would be by then (after the grace days). One per instalment, so both
    parents are told once; `notified_at` marks the emails done."""

    instalment = models.OneToOneField(
        "payments.Instalment", on_delete=models.PROTECT, related_name="missed_plan_payment"
    )
    plan = models.ForeignKey(
        ArrearsPaymentPlan, on_delete=models.PROTECT, related_name="missed_payments"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    shortfall = models.DecimalField(**MONEY)
    business_date = models.DateField()
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("missed plan payment")
        verbose_name_plural = _("missed plan payments")
        indexes = [
            models.Index(
                fields=["case"],
                condition=Q(notified_at__isnull=True),
                name="payments_plan_notice_to_send",
            )
        ]

    def __str__(self):
        return f"{self.case.reference} plan payment due {self.instalment.due_date}"

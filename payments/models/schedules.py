"""Payment schedules made from decisions, the instalments they fall due as, and what
happens when an instalment is not paid."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import MONEY, DirectPayOutcome, MissedKind, PaymentFrequency


class PaymentSchedule(models.Model):
    """What a decision asks the paying parent to pay and when. Due dates run from
    `first_due_date` every period; a new decision ends this schedule the day before the
    new one starts. The nightly job posts each instalment when it falls due and moves
    `next_due_date` on (None once the schedule has nothing more to post)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="payment_schedules"
    )
    decision = models.ForeignKey(
        "cases.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payment_schedules",
    )
    frequency = models.CharField(max_length=20, choices=PaymentFrequency.choices)
    first_due_date = models.DateField()
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    next_due_date = models.DateField(null=True, blank=True)
    weekly_amount = models.DecimalField(**MONEY)
    instalment_amount = models.DecimalField(**MONEY)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("payment schedule")
        verbose_name_plural = _("payment schedules")
        indexes = [
            models.Index(
                fields=["next_due_date", "case"],
                condition=Q(next_due_date__isnull=False),
                name="payments_schedule_to_post",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(ends_on__isnull=True),
                name="payments_one_open_schedule_per_case",
            ),
        ]

    def __str__(self):
        amount = f"{self.instalment_amount} {self.frequency}"
        return f"{self.case.reference} from {self.starts_on}: {amount}"


class ScheduleShare(models.Model):
    """One receiving parent's part of each instalment."""

    schedule = models.ForeignKey(PaymentSchedule, on_delete=models.CASCADE, related_name="shares")
    receiving_party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="+")
    receiving_account = models.ForeignKey(
        "payments.Account", on_delete=models.PROTECT, related_name="+"
    )
    weekly_amount = models.DecimalField(**MONEY)
    instalment_amount = models.DecimalField(**MONEY)

    class Meta:
        verbose_name = _("schedule share")
        verbose_name_plural = _("schedule shares")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "receiving_party"], name="payments_one_share_per_party"
            ),
        ]

    def __str__(self):
        return f"{self.instalment_amount} to party {self.receiving_party_id}"


class Instalment(models.Model):
    """A payment that fell due. On Collect and Pay its money is in the ledger; on Direct
    Pay it is only expected, and the receiving parent can report it missed."""

    # The unique (case, due date) index serves lookups by case.
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="instalments", db_index=False
    )
    schedule = models.ForeignKey(
        PaymentSchedule, on_delete=models.PROTECT, related_name="instalments"
    )
    due_date = models.DateField()
    amount = models.DecimalField(**MONEY)
    fee_amount = models.DecimalField(default=0, **MONEY)
    # What the case's arrears payment plan adds to this payment (never more than the
    # arrears left when it was posted). Not a new debt: it pays arrears already owed.
    plan_amount = models.DecimalField(default=0, **MONEY)
    collect_and_pay = models.BooleanField()
    # The case closed before this fell due: nothing is owed for it (on Collect and Pay its
    # charges are reversed in the ledger, never deleted).
    cancelled_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ["due_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "due_date"], name="payments_one_instalment_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.case.reference} {self.due_date} {self.amount}"


class MissedPaymentNotice(models.Model):
    """A Collect and Pay instalment not paid in full after the grace days. Emails and
    escalation are sent from here after commit (`notified_at` marks them done)."""

    instalment = models.OneToOneField(
        Instalment, on_delete=models.PROTECT, related_name="missed_notice"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=MissedKind.choices)
    outstanding = models.DecimalField(**MONEY)
    business_date = models.DateField()
    escalate = models.BooleanField(default=False)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("missed payment")
        verbose_name_plural = _("missed payments")
        indexes = [
            models.Index(
                fields=["case"],
                condition=Q(notified_at__isnull=True),
                name="payments_notice_to_send",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.instalment}"


class DirectPayReport(models.Model):
    """A receiving parent telling us a Direct Pay instalment did not arrive in full."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    instalment = models.ForeignKey(
        Instalment, on_delete=models.PROTECT, related_name="direct_pay_reports"
    )
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=20, choices=DirectPayOutcome.choices)
    expected = models.DecimalField(**MONEY)
    amount_received = models.DecimalField(default=0, **MONEY)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("missed Direct Pay payment report")
        verbose_name_plural = _("missed Direct Pay payment reports")
        constraints = [
            models.UniqueConstraint(
                fields=["instalment", "party"], name="payments_one_report_per_instalment"
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} {self.instalment}"

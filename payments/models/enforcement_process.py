"""Enforcement as a process on a Collect and Pay case in arrears: one EnforcementCase for
each time enforcement is opened, its stage history as events that are only ever added,
waivers of the charges, and the arrears thresholds the nightly job applies."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import MONEY
from .insert_only import InsertOnlyModel


class EnforcementStage(models.TextChoices):
    """The steps the Child Support Act 1991 gives, in the order they are usually taken."""

    ARREARS_NOTICE = "arrears_notice", _("Arrears notice")
    REMINDER = "reminder", _("Reminder")
    # s.31: the order itself is issued from Employers, Deduction orders; linked here.
    DEDUCTION_FROM_EARNINGS = "deo", _("Deduction from earnings order")
    # s.32A and s.32E.
    REGULAR_DEDUCTION = "rdo", _("Regular deduction order")
    LUMP_SUM_DEDUCTION = "lsdo", _("Lump sum deduction order")
    # s.32M (made by the Secretary of State) or s.33 (by a magistrates' or sheriff court).
    LIABILITY_ORDER = "liability_order", _("Liability order")
    REGISTRATION = "registration", _("Registration of the liability order")
    ENFORCEMENT_AGENTS = "enforcement_agents", _("Enforcement agents")
    CHARGING_ORDER = "charging_order", _("Charging order")
    ORDER_FOR_SALE = "order_for_sale", _("Order for sale")
    THIRD_PARTY_DEBT_ORDER = "third_party_debt_order", _("Third party debt order")
    DRIVING_LICENCE = "driving_licence", _("Driving licence disqualification")
    PASSPORT = "passport", _("Passport disqualification")
    COMMITTAL = "committal", _("Committal to prison")


class StepStatus(models.TextChoices):
    STARTED = "started", _("Started")
    # The nightly job found the review date passed and put the case in a caseworker queue.
    REVIEW_QUEUED = "review_queued", _("Review queued")
    SUCCEEDED = "succeeded", _("Succeeded")
    UNSUCCESSFUL = "unsuccessful", _("Unsuccessful")
    STOPPED = "stopped", _("Stopped")
    # Enforcement closed because the arrears were cleared.
    CLOSED = "closed", _("Closed")


class LiabilityRoute(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("Made by the Secretary of State")
    COURT = "court", _("Made by a court")


class WaiverReason(models.TextChoices):
    """The circumstances of the Child Support Fees Regulations 2014, reg 12, in which an
    enforcement charge may be waived."""

    # reg 12(2)(a)
    SEVERAL_EMPLOYERS = (
        "several_employers",
        _(
            "More than one employer at once: more than one deduction from earnings order "
            "(reg 12(2)(a))"
        ),
    )
    # reg 12(2)(b)
    SEVERAL_ACCOUNTS = (
        "several_accounts",
        _("More than one bank account: deduction orders made at the same time (reg 12(2)(b))"),
    )
    # reg 12(3)(a)
    CHANGED_EMPLOYER = (
        "changed_employer",
        _("A new order because the paying parent changed employer (reg 12(3)(a))"),
    )
    # reg 12(3)(b)
    CHANGED_ACCOUNT = (
        "changed_account",
        _("A new order because the paying parent changed bank account (reg 12(3)(b))"),
    )
    # reg 12(3)(c)
    AMOUNT_CHANGED = (
        "amount_changed",
        _(
            "A new order because the amount collected under the earlier order changed "
            "(reg 12(3)(c))"
        ),
    )
    # reg 12(4)(a)
    NO_LIABILITY_ORDER = (
        "no_liability_order",
        _("A court was asked for a liability order but none was made (reg 12(4)(a))"),
    )
    # reg 12(4)(b): does not cover a deduction from earnings request (reg 9).
    APPEAL_OR_REVIEW = (
        "appeal_or_review",
        _("The order was overturned on appeal or by judicial review (reg 12(4)(b))"),
    )
    # reg 12(4)(c)
    SECRETARY_OF_STATE_ERROR = (
        "secretary_of_state_error",
        _(
            "The order lapsed or was discharged through our error or maladministration "
            "(reg 12(4)(c))"
        ),
    )


class EnforcementCase(models.Model):
    """One period of enforcement on a case, from the arrears notice until it is closed."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="enforcement_cases"
    )
    opened_on = models.DateField()
    arrears_when_opened = models.DecimalField(**MONEY)
    # Set once, by the service that closes it; everything else is in the steps.
    closed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("enforcement case")
        verbose_name_plural = _("enforcement cases")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(closed_on__isnull=True),
                name="payments_one_open_enforcement_per_case",
            )
        ]

    def __str__(self):
        return f"{self.case.reference} {self.opened_on}"

    @property
    def is_open(self):
        return self.closed_on is None


class EnforcementStep(InsertOnlyModel):
    """One event in an enforcement case's history: a stage started, reviewed or ended."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enforcement_case = models.ForeignKey(
        EnforcementCase, on_delete=models.PROTECT, related_name="steps"
    )
    # The case again, so a night's chunk of cases finds its steps without a join.
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=30, choices=EnforcementStage.choices)
    status = models.CharField(max_length=20, choices=StepStatus.choices)
    started_on = models.DateField()
    next_review_on = models.DateField(null=True, blank=True)
    liability_route = models.CharField(max_length=20, choices=LiabilityRoute.choices, blank=True)
    # The charge posted for this stage (a DEO's comes from issuing the order).
    enforcement_action = models.ForeignKey(
        "payments.EnforcementAction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="steps",
    )
    # The Deduction from Earnings Order, by its reference (employers sits above payments).
    order_reference = models.CharField(max_length=12, blank=True)
    automatic = models.BooleanField(default=False)
    idempotency_key = models.CharField(max_length=200, unique=True)
    # Caseworkers' notes; never shown to parents.
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("enforcement step")
        verbose_name_plural = _("enforcement steps")
        ordering = ["enforcement_case_id", "id"]
        indexes = [models.Index(fields=["case", "id"], name="payments_enfstep_case_idx")]

    def __str__(self):
        return f"{self.get_stage_display()}: {self.get_status_display()} {self.started_on}"


class ChargeWaiver(InsertOnlyModel):
    """An enforcement charge waived under reg 12: the charge's ledger entry, if it was
    posted, is reversed; otherwise it is never posted."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    step = models.OneToOneField(EnforcementStep, on_delete=models.PROTECT, related_name="waiver")
    reason = models.CharField(max_length=40, choices=WaiverReason.choices)
    amount = models.DecimalField(**MONEY)
    reversal = models.ForeignKey(
        "payments.LedgerEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(blank=True)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    waived_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("enforcement charge waiver")
        verbose_name_plural = _("enforcement charge waivers")

    def __str__(self):
        return f"{self.step} {self.get_reason_display()}"


class EnforcementThresholds(InsertOnlyModel):
    """When the nightly job opens enforcement, from a date: a change is a new row."""

    effective_from = models.DateField(_("effective from"), unique=True)
    days_in_arrears = models.PositiveIntegerField(_("days in arrears"))
    arrears_amount = models.DecimalField(_("arrears of at least (£)"), **MONEY)
    review_after_days = models.PositiveIntegerField(_("review after (days)"))
    notes = models.TextField(_("why"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("enforcement thresholds")
        verbose_name_plural = _("enforcement thresholds")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(arrears_amount__gt=0), name="payments_thresholds_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(review_after_days__gt=0), name="payments_thresholds_review_positive"
            ),
        ]

    def __str__(self):
        return f"{self.effective_from}: {self.days_in_arrears} days, £{self.arrears_amount}"

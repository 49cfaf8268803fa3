"""The caseworker queue: anything a parent, an employer or a nightly job needs a person
to look at. Shown and worked in the admin."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkItemKind(models.TextChoices):
    # Every kind another area queues is named here, so the admin can label and filter
    # it; tests/casework checks each area's kind constant is one of these.
    CHANGE_REPORT = "change_report", _("Change report")
    RECONSIDERATION = "reconsideration", _("Mandatory reconsideration")
    MESSAGE = "message", _("Message from a parent")
    MISSED_PAYMENT = "missed_payment", _("Missed payment")
    DEO_LEAVER = "deo_leaver", _("Employee left (DEO)")
    EMPLOYER_PAYMENT_NOT_POSTED = "employer_payment_not_posted", _("Employer payment not posted")
    SAFEGUARDING = "safeguarding", _("Safeguarding")
    CURRENT_INCOME = "current_income", _("Current income from HMRC")
    ANNUAL_REVIEW = "annual_review", _("Annual review")
    CASE_CLOSURE = "case_closure", _("Request to close a case")
    VARIATION = "variation", _("Variation request")
    ARREARS_PLAN = "arrears_plan", _("Arrears plan to agree")
    ARREARS_PLAN_MISSED = "arrears_plan_missed", _("Missed arrears plan payment")
    ENFORCEMENT = "enforcement", _("Enforcement")
    DEO_RETURN_CORRECTED = "deo_return_corrected", _("Corrected deduction return (DEO)")
    DEO_STOPPED_TRADING = "deo_stopped_trading", _("Employer stopped trading (DEO)")
    UNMATCHED_MONEY = "unmatched_money", _("Money in the bank not matched")
    PART_MATCHED_MONEY = "part_matched_money", _("Money part matched")
    OTHER = "other", _("Other")


class WorkItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class WorkItem(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # By name: casework sits below cases and imports none of it.
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="work_items")
    kind = models.CharField(_("kind"), max_length=40, choices=WorkItemKind.choices)
    summary = models.CharField(_("summary"), max_length=500)
    source_reference = models.CharField(
        _("source reference"), max_length=100, blank=True, db_index=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=WorkItemStatus.choices, default=WorkItemStatus.OPEN
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_items",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When the work should be looked at by; kept up to date while the item is open.
    review_by = models.DateField(_("review by"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The table kept its name when the queue moved out of the cases app.
        db_table = "cases_workitem"
        ordering = ["status", "created_at", "id"]
        verbose_name = _("caseworker queue item")
        verbose_name_plural = _("caseworker queue")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.summary}"

"""Changes of circumstances reported by a parent (or their representative)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Case, Party
from .references import new_change_reference


class ChangeKind(models.TextChoices):
    INCOME = "income", _("Income")
    SHARED_CARE = "shared_care", _("Overnight stays (shared care)")
    CHILD_LEAVING = "child_leaving", _("A child leaving education or turning 20")
    OTHER_CHILDREN = "other_children", _("Other children living with the paying parent")
    ADDRESS = "address", _("Address")
    PHONE = "phone", _("Phone number")
    EMAIL = "email", _("Email address")
    BANK_DETAILS = "bank_details", _("Bank details")
    SERVICE_TYPE = "service_type", _("Direct Pay or Collect and Pay")
    MISSED_PAYMENT = "missed_payment", _("A missed or late payment")
    EXTRA_PAYMENT = "extra_payment", _("An extra payment")


class ChangeStatus(models.TextChoices):
    RECORDED = "recorded", _("Recorded")
    APPLIED = "applied", _("Done")
    NEW_DECISION = "new_decision", _("New decision made")
    WITH_CASEWORKER = "with_caseworker", _("With a caseworker")
    EVIDENCE_NEEDED = "evidence_needed", _("Waiting for evidence")
    REJECTED = "rejected", _("Not changed")


OPEN_CHANGE_STATUSES = (ChangeStatus.WITH_CASEWORKER, ChangeStatus.EVIDENCE_NEEDED)


class ChangeReport(models.Model):
    """`answers` holds what the parent told us, as JSON-safe strings; bank details are
    kept only masked here (the full numbers go straight onto the party)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        max_length=12, unique=True, default=new_change_reference, editable=False
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="change_reports")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="change_reports")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("what changed"), max_length=30, choices=ChangeKind.choices)
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=30, choices=ChangeStatus.choices)
    # A code for the explanation the parent sees (e.g. "below_threshold").
    outcome = models.CharField(max_length=40, blank=True)
    outcome_details = models.JSONField(default=dict, blank=True)
    decision = models.ForeignKey(
        "cases.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="change_reports",
    )
    # Shown to the parent when evidence is asked for or a change is not made.
    caseworker_notes = models.TextField(_("note for the parent"), blank=True)
    reported_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("change report")
        verbose_name_plural = _("change reports")

    def __str__(self):
        return f"{self.reference} {self.get_kind_display()}"

    @property
    def is_open(self):
        return self.status in OPEN_CHANGE_STATUSES

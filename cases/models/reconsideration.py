"""Mandatory reconsideration: a parent asks us to look again at one chosen decision."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Case, Party
from .references import new_reconsideration_reference


class ReconsiderationStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_REVIEW = "under_review", _("Being looked at")
    DECISION_CHANGED = "decision_changed", _("Decision changed")
    DECISION_UNCHANGED = "decision_unchanged", _("Decision not changed")


OPEN_RECONSIDERATION_STATUSES = (ReconsiderationStatus.RECEIVED, ReconsiderationStatus.UNDER_REVIEW)


class Reconsideration(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        max_length=12, unique=True, default=new_reconsideration_reference, editable=False
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reconsiderations")
    decision = models.ForeignKey(
        "cases.Decision", on_delete=models.PROTECT, related_name="reconsiderations"
    )
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="reconsiderations")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reasons = models.TextField(_("why the decision is wrong"))
    is_late = models.BooleanField(default=False)
    late_reason = models.TextField(_("why the request is late"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=ReconsiderationStatus.choices,
        default=ReconsiderationStatus.RECEIVED,
    )
    outcome_notes = models.TextField(_("outcome explained to the parent"), blank=True)
    resulting_decision = models.ForeignKey(
        "cases.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("mandatory reconsideration")
        verbose_name_plural = _("mandatory reconsiderations")

    def __str__(self):
        return self.reference

    @property
    def is_open(self):
        return self.status in OPEN_RECONSIDERATION_STATUSES

"""Asking for a case to be closed: a parent online, or another part of the service (the
annual review, a child who stops qualifying) putting the case in front of a caseworker.
A caseworker confirms the closure with the date it takes effect, or refuses it."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Case, Party
from .references import new_closure_reference


class ClosureReason(models.TextChoices):
    FAMILY_ARRANGEMENT = "family_arrangement", _("We have agreed a family-based arrangement")
    CHILD_MOVED = "child_moved", _("The child no longer lives with the parent who gets the money")
    CHILD_LEFT_EDUCATION = (
        "child_left_education",
        _("The child is 20 or over, or has left full-time education"),
    )
    OTHER = "other", _("Another reason")
    # Raised by the service itself (request_closure_review), never chosen by a parent.
    REVIEW = "review", _("Raised for review by the service")


PARENT_REASONS = [
    ClosureReason.FAMILY_ARRANGEMENT,
    ClosureReason.CHILD_MOVED,
    ClosureReason.CHILD_LEFT_EDUCATION,
    ClosureReason.OTHER,
]


class ClosureStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for a caseworker")
    CONFIRMED = "confirmed", _("Case closed")
    REFUSED = "refused", _("Not closed")


class ClosureRequest(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=new_closure_reference, editable=False
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closure_requests")
    # The parent who asked; empty when the service raised it.
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.CASCADE, related_name="closure_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=30, choices=ClosureReason.choices)
    details = models.TextField(_("more about the reason"), blank=True)
    wanted_from = models.DateField(_("asked to close from"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ClosureStatus.choices,
        default=ClosureStatus.REQUESTED,
    )
    effective_date = models.DateField(_("closed from"), null=True, blank=True)
    refusal_reason = models.TextField(_("why it was not closed (shown to the parents)"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    requested_at = models.DateTimeField(_("asked on"), default=timezone.now)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("request to close a case")
        verbose_name_plural = _("requests to close a case")
        constraints = [
            # One request waits at a time: asking again while one waits changes nothing.
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="requested"),
                name="cases_one_open_closure_request",
            ),
        ]

    def __str__(self):
        return f"{self.reference} ({self.case.reference})"

    @property
    def is_open(self):
        return self.status == ClosureStatus.REQUESTED

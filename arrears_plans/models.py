"""A paying parent's request to pay arrears by a plan, as they sent it and as it was
decided: at once when inside the rules, otherwise by a caseworker."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payments.models import MONEY


class RequestStatus(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    WITH_CASEWORKER = "with_caseworker", _("With a caseworker")
    REFUSED = "refused", _("Not agreed")


class ArrearsPlanRequest(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="arrears_plan_requests"
    )
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="+")
    amount_per_instalment = models.DecimalField(_("amount with each payment"), **MONEY)
    # The paying parent's take-home pay over one payment's period; asked only when an
    # employer deducts from their pay. Never shown to the receiving parent.
    net_income = models.DecimalField(_("net income"), null=True, blank=True, **MONEY)
    arrears = models.DecimalField(_("arrears"), **MONEY)
    starts_on = models.DateField(_("first payment"))
    expected_end_on = models.DateField(_("expected end"), null=True, blank=True)
    clear_by = models.DateField(_("arrears to be cleared by"))
    clears_in_time = models.BooleanField(_("clears in time"))
    within_income_cap = models.BooleanField(_("within the share of income"), null=True)
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices)
    decided_automatically = models.BooleanField(default=False)
    plan = models.ForeignKey(
        "payments.ArrearsPaymentPlan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("arrears plan request")
        verbose_name_plural = _("arrears plan requests")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="with_caseworker"),
                name="arrears_plans_one_waiting_per_case",
            ),
            models.CheckConstraint(
                condition=Q(amount_per_instalment__gt=0), name="arrears_plans_amount_positive"
            ),
        ]

    def __str__(self):
        return f"{self.case.reference} {self.amount_per_instalment} ({self.get_status_display()})"

    @property
    def work_item_reference(self):
        return f"arrears-plan:{self.public_id}"

"""Decisions: immutable snapshots of a calculation. A new decision supersedes the last;
none is ever edited or deleted."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_portal.core.money import MONEY

from .case import Case


class DecisionReason(models.TextChoices):
    INITIAL = "initial", _("First calculation")
    CHANGE = "change", _("Change of circumstances")
    ANNUAL_REVIEW = "annual_review", _("Annual review")
    VARIATION = "variation", _("Variation")
    RECONSIDERATION = "reconsideration", _("Mandatory reconsideration")
    # SI 2012/2677 regs 22-23: HMRC's current income differs from the decision's by 25%+.
    CURRENT_INCOME = "current_income", _("Change in current income")
    CHILD_STOPPED_QUALIFYING = "child_stopped", _("A child no longer qualifies")


class ImmutableRecordError(Exception):
    """Raised when code tries to change or delete a record the law needs kept as made."""


class DecisionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableRecordError("Decisions are never changed: make a new one.")

    def delete(self):
        raise ImmutableRecordError("Decisions are never deleted.")


class Decision(models.Model):
    """`calculation_input` is `CalculationInput.to_dict()` plus the ids it was built from;
    `calculation_result` is `CalculationResult.to_dict()` (steps included, so the
    explanation renders in either language) plus `by_receiving_party`:
    `{"<party public_id>": {"weekly_amount": "12.34", "children": 1, "collection_fees": {...}}}`.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    effective_date = models.DateField(_("effective date"))
    weekly_amount = models.DecimalField(_("weekly amount"), **MONEY)
    calculation_input = models.JSONField(_("calculation input"))
    calculation_result = models.JSONField(_("calculation result"))
    reason = models.CharField(_("reason"), max_length=30, choices=DecisionReason.choices)
    income_record = models.ForeignKey(
        "cases.IncomeRecord",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    challenge_by = models.DateField(_("can be challenged until"))

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-id"]
        get_latest_by = ["decided_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.case.reference} {self.effective_date} £{self.weekly_amount}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableRecordError("A decision is never changed: make a new one.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError("A decision is never deleted.")

    @property
    def income_used(self):
        income = self.calculation_input.get("gross_weekly_income")
        return None if income is None else Decimal(income)

    def share_for(self, party):
        """This receiving party's part of the decision (amount, children, fees) or None."""
        return self.calculation_result.get("by_receiving_party", {}).get(str(party.public_id))

    def weekly_amount_for(self, party):
        """The weekly amount for a receiving party; the total for the paying party."""
        if party.is_paying:
            return self.weekly_amount
        share = self.share_for(party)
        return Decimal(share["weekly_amount"]) if share else Decimal("0.00")

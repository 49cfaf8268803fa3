"""An employer telling CMS that the employee has left, never worked there, or that the
business stopped trading."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_portal.core.money import MONEY

from .employer import Employer
from .order import DeductionOrder


class LeaverKind(models.TextChoices):
    LEFT = "left", _("The employee has left")
    NOT_EMPLOYEE = "not_employee", _("This person does not work here")


class LeaverReport(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    order = models.OneToOneField(
        DeductionOrder, on_delete=models.PROTECT, related_name="leaver_report"
    )
    kind = models.CharField(_("what happened"), max_length=20, choices=LeaverKind.choices)
    left_on = models.DateField(_("date they left"), null=True, blank=True)
    last_pay_date = models.DateField(_("last pay date with a deduction"), null=True, blank=True)
    last_deduction = models.DecimalField(_("last amount deducted"), null=True, blank=True, **MONEY)
    new_employer_name = models.CharField(_("new employer"), max_length=200, blank=True)
    new_employer_address = models.TextField(_("new employer’s address"), blank=True)
    # Within 10 days of leaving (or of the order being served, for someone who never
    # worked there).
    reported_in_time = models.BooleanField(_("reported within 10 days"), default=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("leaver report")
        verbose_name_plural = _("leaver reports")

    def __str__(self):
        return f"{self.order.reference} ({self.get_kind_display()})"


class StoppedTradingReport(models.Model):
    """The business stopped trading: every order it held ends on that date."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="stopped_trading_reports"
    )
    stopped_on = models.DateField(_("date the business stopped trading"))
    # Who now deals with the business's affairs (an insolvency practitioner, say).
    contact_details = models.TextField(_("who is dealing with the business’s affairs"), blank=True)
    orders_ended = models.PositiveIntegerField(default=0)
    reported_in_time = models.BooleanField(_("reported within 10 days"), default=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("stopped trading report")
        verbose_name_plural = _("stopped trading reports")

    def __str__(self):
        return f"{self.employer} ({self.stopped_on})"

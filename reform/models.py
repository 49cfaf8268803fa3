"""The record of each case moved from Direct Pay to the single collection service."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CaseMove(models.Model):
    """One per case, written in the same transaction as the move: a case is moved, and
    its parents told, once."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="reform_move")
    commencement = models.DateField()
    # The nightly business date the move ran for.
    business_date = models.DateField()
    # Direct Pay instalments due from the commencement date, charged as collected.
    instalments_collected = models.PositiveIntegerField(default=0)
    notices_sent = models.PositiveSmallIntegerField(default=0)
    moved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("case moved to collection")
        verbose_name_plural = _("cases moved to collection")

    def __str__(self):
        return f"case {self.case_id} moved on {self.business_date}"

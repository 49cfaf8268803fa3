"""Bookkeeping for the nightly jobs: one run per job and business date, one row per
chunk of cases done. A chunk's row commits with its work, so a chunk is either wholly
done or not at all."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    job = models.CharField(max_length=50)
    business_date = models.DateField()
    chunk_size = models.PositiveIntegerField()
    chunks = models.JSONField(default=list)
    started_at = models.DateTimeField(default=timezone.now)
    # When the watchdog last re-sent the run's unfinished chunks (payments.jobs.watchdog).
    resent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("nightly job run")
        verbose_name_plural = _("nightly job runs")
        constraints = [
            models.UniqueConstraint(
                fields=["job", "business_date"], name="payments_one_run_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.job} {self.business_date}"


class JobChunk(models.Model):
    job = models.CharField(max_length=50)
    business_date = models.DateField()
    chunk = models.PositiveIntegerField()
    stats = models.JSONField(default=dict)
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("nightly job chunk")
        verbose_name_plural = _("nightly job chunks")
        constraints = [
            models.UniqueConstraint(
                fields=["job", "business_date", "chunk"], name="payments_one_chunk_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.job} {self.business_date} #{self.chunk}"


class JobAlert(models.Model):
    """A nightly job still unfinished at the deadline: for the operators, in the admin."""

    job = models.CharField(_("job"), max_length=50)
    business_date = models.DateField(_("business date"))
    pending_chunks = models.PositiveIntegerField(_("chunks not done"), default=0)
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)

    class Meta:
        ordering = ["-business_date", "job"]
        verbose_name = _("nightly job alert")
        verbose_name_plural = _("nightly job alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["job", "business_date"], name="payments_one_alert_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.job} {self.business_date}"

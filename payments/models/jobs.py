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

    class Meta:
        verbose_name = _("nightly job run")
        verbose_name_plural = _("nightly job runs")
        constraints = [
            models.UniqueConstraint(fields=["job", "business_date"], name="payments_one_run_per_day"),
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
            models.UniqueConstraint(fields=["job", "business_date", "chunk"],
                                    name="payments_one_chunk_per_day"),
        ]

    def __str__(self):
        return f"{self.job} {self.business_date} #{self.chunk}"

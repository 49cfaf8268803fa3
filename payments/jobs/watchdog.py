"""Nightly jobs finish by themselves after a worker dies. A killed worker's chunk goes
back to Redis only after the broker's visibility timeout; rather than wait, beat runs
this every minute: a job for today's business date that has made no progress for
PAYMENTS_JOB_STALL_SECONDS has its unfinished chunks sent again, and a job whose start
was lost is started again. Both are safe to repeat (a chunk is done exactly once, see
framework.py). A job still unfinished at PAYMENTS_JOBS_DEADLINE raises an alert."""

import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone

from ..dates import LONDON, business_date
from ..models import JobAlert, JobChunk, JobRun
from .framework import JOBS, pending_chunks
from .nightly import NIGHTLY_JOBS

logger = logging.getLogger(__name__)


def _london_time(day, hhmm):
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def _last_progress(job, day):
    return JobChunk.objects.filter(job=job, business_date=day).aggregate(at=Max("done_at"))["at"]


def _finished_at(job, day):
    """When a job finished for the day, or None while it has not."""
    run = JobRun.objects.filter(job=job, business_date=day).first()
    if run is None or pending_chunks(run):
        return None
    return _last_progress(job, day) or run.started_at


def watch_nightly_jobs(now=None):
    """Re-send what stalled and alert on what is late. Returns what it did, by job."""
    from ..tasks import run_job_chunk, start_job

    now = now or timezone.now()
    day = business_date(now)
    stall = timedelta(seconds=settings.PAYMENTS_JOB_STALL_SECONDS)
    deadline = _london_time(day, settings.PAYMENTS_JOBS_DEADLINE)
    actions = {}
    for job in NIGHTLY_JOBS:
        run = JobRun.objects.filter(job=job, business_date=day).first()
        if run is None:
            after = JOBS[job].after
            ready_at = _finished_at(after, day) if after else None
            due_at = _london_time(day, settings.PAYMENTS_NIGHTLY_TIMES[job])
            overdue = now - max(due_at, ready_at or due_at) > stall
            # One start per stall period: the start may sit in the queue behind other work.
            if (
                (after is None or ready_at is not None)
                and overdue
                and cache.add(
                    f"payments.watchdog.start:{job}:{day.isoformat()}", 1, stall.total_seconds()
                )
            ):
                start_job.delay(job, day.isoformat())
                logger.warning("payments.job.restarted job=%s business_date=%s", job, day)
                actions[job] = "started"
            pending = None
        else:
            pending = pending_chunks(run)
            quiet_since = max(
                at for at in (run.started_at, run.resent_at, _last_progress(job, day)) if at
            )
            if pending and now - quiet_since > stall:
                for chunk in pending:
                    run_job_chunk.delay(job, day.isoformat(), chunk)
                run.resent_at = now
                run.save(update_fields=["resent_at"])
                logger.warning(
                    "payments.job.resent job=%s business_date=%s chunks=%s", job, day, len(pending)
                )
                actions[job] = f"resent {len(pending)}"
        if now >= deadline and (pending is None or pending):
            count = len(pending) if pending else len(run.chunks) if run else 0
            alert, created = JobAlert.objects.get_or_create(
                job=job, business_date=day, defaults={"pending_chunks": count}
            )
            if created:
                logger.error(
                    "payments.job.unfinished job=%s business_date=%s pending_chunks=%s deadline=%s",
                    job,
                    day,
                    count,
                    settings.PAYMENTS_JOBS_DEADLINE,
                )
                actions[job] = actions.get(job, "") + " alerted"
    return actions

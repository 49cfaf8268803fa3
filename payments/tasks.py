"""Celery tasks: thin wrappers over the jobs and services, passing ids and ISO dates.

Every task acknowledges late and is rejected (so redelivered) when its worker dies;
redelivery is safe because each chunk is done exactly once (payments.jobs.framework)."""

from datetime import date

from celery import shared_task
from django.conf import settings

from . import jobs
from .dates import business_date as today_in_london
from .jobs import watchdog
from .services.missed import notify_missed_payments as notify
from .services.plan_missed import notify_missed_plan_payments as notify_plans

RELIABLE = {"acks_late": True, "reject_on_worker_lost": True}
# A job whose previous job is still running tries again every 10 minutes for 6 hours.
WAIT_FOR_PREVIOUS = {"max_retries": 36, "default_retry_delay": settings.PAYMENTS_JOB_WAIT_SECONDS}


@shared_task(bind=True, **RELIABLE, **WAIT_FOR_PREVIOUS)
def start_job(self, job, business_date=None):
    """Fan a job out into one task per chunk of cases not yet done."""
    day = date.fromisoformat(business_date) if business_date else today_in_london()
    if not jobs.prerequisite_done(job, day):
        raise self.retry()
    run = jobs.plan_run(job, day)
    chunks = jobs.pending_chunks(run)
    for chunk in chunks:
        run_job_chunk.delay(job, day.isoformat(), chunk)
    return len(chunks)


@shared_task(**RELIABLE)
def run_job_chunk(job, business_date, chunk):
    return jobs.run_chunk(job, date.fromisoformat(business_date), chunk)


@shared_task
def watch_nightly_jobs():
    return watchdog.watch_nightly_jobs()


@shared_task(**RELIABLE)
def notify_missed_payments(notice_ids):
    return notify(notice_ids)


@shared_task(**RELIABLE)
def tell_receiving_parents(disbursement_ids):
    """After the pass-on commits: announce the payments made (see money_passed_on)."""
    from .services.passing_on import announce_passed_on

    return announce_passed_on(disbursement_ids)


@shared_task(**RELIABLE)
def notify_missed_plan_payments(notice_ids):
    return notify_plans(notice_ids)

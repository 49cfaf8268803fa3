"""Running a nightly job by business date, in chunks of cases.

A chunk is a range of case ids, `chunk_size` wide. Its work runs in one transaction that
first inserts the chunk's row in JobChunk (unique on job, business date and chunk). A
second worker given the same chunk waits on that insert; once the first commits it gets
an IntegrityError and skips, and if the first dies its transaction rolls back and the
second does the work. So a chunk is done exactly once whatever the queue redelivers, and
the work itself is also idempotent (unique keys, state moved on in the same transaction)
in case the chunk rows are ever lost."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Min

from cms_portal.audit import record_audit_event

from ..models import JobChunk, JobRun

DEFAULT_CHUNK_SIZE = 10_000


@dataclass(frozen=True)
class Job:
    name: str
    # (business date, lowest case id, case id past the highest) -> stats for the audit trail
    work: Callable[[date, int, int], dict]
    after: str | None = None


JOBS: dict[str, Job] = {}


def register(job):
    JOBS[job.name] = job
    return job


def chunk_size():
    return int(getattr(settings, "PAYMENTS_JOB_CHUNK_SIZE", None) or DEFAULT_CHUNK_SIZE)


def _chunk_numbers(size):
    from cases.models import Case

    bounds = Case.objects.aggregate(low=Min("id"), high=Max("id"))
    if bounds["low"] is None:
        return []
    return list(range(bounds["low"] // size, bounds["high"] // size + 1))


def plan_run(job_name, business_date):
    """The run of a job for a date, its chunks covering every case that exists now.

    A new run is inserted with its chunks in the same statement: a run seen with no
    chunks would count as finished and let the next job start before this one ran."""
    size = chunk_size()
    with transaction.atomic():
        run, created = JobRun.objects.select_for_update().get_or_create(
            job=job_name,
            business_date=business_date,
            defaults={"chunk_size": size, "chunks": _chunk_numbers(size)},
        )
        if not created:
            chunks = sorted(set(run.chunks) | set(_chunk_numbers(run.chunk_size)))
            if chunks != run.chunks:
                run.chunks = chunks
                run.save(update_fields=["chunks"])
    return run


def pending_chunks(run):
    done = set(
        JobChunk.objects.filter(job=run.job, business_date=run.business_date).values_list(
            "chunk", flat=True
        )
    )
    return [chunk for chunk in run.chunks if chunk not in done]


def is_finished(job_name, business_date):
    run = JobRun.objects.filter(job=job_name, business_date=business_date).first()
    return run is not None and not pending_chunks(run)


def prerequisite_done(job_name, business_date):
    after = JOBS[job_name].after
    return after is None or is_finished(after, business_date)


def run_chunk(job_name, business_date, chunk):
    """Do one chunk of a job, once. Returns its stats, or None if it was already done."""
    job = JOBS[job_name]
    run = JobRun.objects.get(job=job_name, business_date=business_date)
    with transaction.atomic():
        try:
            with transaction.atomic():
                marker = JobChunk.objects.create(
                    job=job_name, business_date=business_date, chunk=chunk
                )
        except IntegrityError:
            return None
        low = chunk * run.chunk_size
        stats = job.work(business_date, low, low + run.chunk_size)
        marker.stats = stats
        marker.save(update_fields=["stats"])
        record_audit_event(
            acting_user=None,
            action=f"payments.job.{job_name}",
            object_type="payments.JobChunk",
            object_ref=f"{business_date.isoformat()}#{chunk}",
            **stats,
        )
    return stats


def run_job_now(job_name, business_date, chunks=None):
    """Run a job's chunks in this process (operations and tests), in order."""
    run = plan_run(job_name, business_date)
    results = {}
    for chunk in pending_chunks(run) if chunks is None else chunks:
        results[chunk] = run_chunk(job_name, business_date, chunk)
    return results

"""Running the nightly jobs for the benchmark the way the deployment does.

docker-compose.yml runs one Celery worker with `--concurrency=2` (a process per core).
Here `start_job` runs in this process, as beat's task would, and the chunk tasks it
queues go to a pool of that many forked processes, each calling the real task; the next
job starts once the pool has finished the last one's chunks (a later job's start_job
would wait for them anyway). With one worker everything runs in this process."""

import multiprocessing
import time
from contextlib import contextmanager

SLOWEST_KEPT = 50


class QueryCounter:
    """A database execute wrapper counting queries and the time spent waiting on them."""

    def __init__(self, keep_slowest=False):
        self.queries = 0
        self.sql_seconds = 0.0
        self.tasks_by_job = {}
        self.slowest = [] if keep_slowest else None

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = time.perf_counter() - start
            self.sql_seconds += took
            if self.slowest is not None:
                self.slowest.append((took, sql[:160]))

    def add(self, queries, sql_seconds, slowest):
        self.queries += queries
        self.sql_seconds += sql_seconds
        if self.slowest is not None:
            self.slowest.extend(slowest)


@contextmanager
def _captured(task, into):
    """Calls to `task.delay` are appended to `into` instead of being run."""
    task.delay = lambda *args: into.append(args)
    try:
        yield into
    finally:
        del task.delay


@contextmanager
def _emails_captured():
    """The email tasks the jobs queue, as (task, arguments), run after the jobs: the
    missed payment notices, and each email already written (such as the alerts to the
    parents paid tonight), which the mail task sends one by one from the worker."""
    from cms_portal.tasks import send_outbound_email
    from payments import tasks

    with (
        _captured(tasks.notify_missed_payments, []) as notices,
        _captured(send_outbound_email, []) as sends,
    ):
        queued = []
        yield queued
        queued.extend(("notify_missed_payments", args) for args in notices)
        queued.extend(("send_outbound_email", args) for args in sends)


def _chunk_in_worker(job, business_date, chunk, keep_slowest):
    """One chunk task in a pool process. Returns its queries, database time, slowest
    queries and the email tasks it queued."""
    from django.db import connection

    from payments import tasks

    counter = QueryCounter(keep_slowest)
    with _emails_captured() as emails, connection.execute_wrapper(counter):
        tasks.run_job_chunk(job, business_date, chunk)
    slowest = sorted(counter.slowest or [], reverse=True)[:SLOWEST_KEPT]
    return counter.queries, counter.sql_seconds, slowest, emails


def _warm_up():
    """Load what a worker that has been running a while has loaded already: the URLs
    (emails link to the sign-in page) and the email templates. Otherwise each forked
    process would load them (about half a second) inside the first job that sends an
    alert, which a long-running Celery worker does once, not each night."""
    from django.urls import get_resolver

    from cms_portal.notify import render_email

    get_resolver().url_patterns  # noqa: B018  (loads the URLconf)
    for language in ("en", "cy"):
        render_email("alerts_payment_received", {"link": ""}, language)


def run_nightly(day, stopwatch, deferred_emails, workers=2, keep_slowest=False, jobs=None):
    """Run the jobs for `day`, timing each with `stopwatch`. The email tasks they
    queue are appended to `deferred_emails` as (task name, arguments). Returns (tasks,
    QueryCounter)."""
    from django.db import connection, connections

    from payments import tasks
    from payments.jobs import NIGHTLY_ORDER

    counter = QueryCounter(keep_slowest)
    task_count = 0
    _warm_up()
    connections.close_all()  # forked processes must not share this process's connection
    pool = multiprocessing.get_context("fork").Pool(workers) if workers > 1 else None
    try:
        for job in jobs or NIGHTLY_ORDER:
            with stopwatch(job):
                with (
                    _captured(tasks.run_job_chunk, []) as chunks,
                    _emails_captured() as emails,
                    connection.execute_wrapper(counter),
                ):
                    tasks.start_job(job, day.isoformat())
                task_count += 1 + len(chunks)
                counter.tasks_by_job[job] = 1 + len(chunks)
                deferred_emails.extend(emails)
                arguments = [(*chunk, keep_slowest) for chunk in chunks]
                if pool is None:
                    results = [_chunk_in_worker(*args) for args in arguments]
                else:
                    results = pool.starmap(_chunk_in_worker, arguments, chunksize=1)
                for queries, sql_seconds, slowest, queued in results:
                    counter.add(queries, sql_seconds, slowest)
                    deferred_emails.extend(queued)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return task_count, counter

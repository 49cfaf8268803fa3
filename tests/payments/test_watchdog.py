"""Nightly jobs finish by themselves after a worker dies: beat's watchdog re-sends the
chunks of a job that stalled and starts a job whose start was lost, and raises an alert
for a job still unfinished at the deadline. (Celery runs in-process here, so what the
watchdog sends is done at once.)"""

import logging
from datetime import datetime, time

import pytest
import time_machine
from django.conf import settings

from payments.dates import LONDON
from payments.jobs import JOBS, NIGHTLY_JOBS, NIGHTLY_ORDER, plan_run, run_chunk
from payments.jobs.reviews import REVIEW_ORDER
from payments.jobs.watchdog import watch_nightly_jobs
from payments.models import JobAlert, JobChunk, JobRun
from tests.fixtures.payments import business_date, ledger_problems
from tests.payments.test_nightly_jobs import MONEY_TABLES, snapshot
from tests.payments.test_nightly_jobs import busy_cases as busy_cases_fixture

busy_cases = busy_cases_fixture


def at(hour, minute=0):
    return datetime.combine(business_date(), time(hour, minute), tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def small_chunks(settings):
    settings.PAYMENTS_JOB_CHUNK_SIZE = 2
    settings.PAYMENTS_JOB_STALL_SECONDS = 600


def test_broker_visibility_timeout_outlasts_the_longest_task_and_countdown():
    from cms_portal.tasks import email_retry_delay

    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert timeout > settings.CELERY_TASK_TIME_LIMIT
    assert timeout > email_retry_delay(5) and timeout > 600  # last email retry, job wait
    assert timeout <= 3600


def test_a_stalled_job_has_its_unfinished_chunks_sent_again_once(
    busy_cases, small_chunks, django_capture_on_commit_callbacks, caplog
):
    day = business_date()
    job = NIGHTLY_ORDER[0]
    run = plan_run(job, day)
    assert len(run.chunks) >= 3
    run_chunk(job, day, run.chunks[0])  # the worker died after its first chunk
    JobRun.objects.filter(pk=run.pk).update(started_at=at(2, 15))
    JobChunk.objects.filter(job=job).update(done_at=at(2, 16))

    assert watch_nightly_jobs(now=at(2, 20)).get(job) is None  # quiet 4 minutes: not stalled
    with django_capture_on_commit_callbacks(execute=True):
        actions = watch_nightly_jobs(now=at(2, 27))
    assert actions[job] == f"resent {len(run.chunks) - 1}"
    assert JobChunk.objects.filter(job=job, business_date=day).count() == len(run.chunks)
    assert "payments.job.resent" in caplog.text
    # Finished: nothing more to send for it.
    assert job not in watch_nightly_jobs(now=at(2, 50))


def test_lost_starts_are_made_good_and_the_ledger_matches_a_clean_run(
    busy_cases, small_chunks, run_nightly, django_capture_on_commit_callbacks
):
    day = business_date()
    # Beat's start of every job was lost; the watchdog starts each once it is due and
    # the job before it has finished.
    with django_capture_on_commit_callbacks(execute=True):
        for minute in range(2 * 60, 5 * 60, 5):
            now = at(minute // 60, minute % 60)
            watch_nightly_jobs(now=now)
            # What ran took place at the simulated time, not the real one.
            JobChunk.objects.filter(done_at__gt=now).update(done_at=now)
            JobRun.objects.filter(started_at__gt=now).update(started_at=now)
    assert all(JobRun.objects.filter(job=job, business_date=day).exists() for job in NIGHTLY_ORDER)
    assert ledger_problems() == []
    done = snapshot([*MONEY_TABLES, JobChunk])
    with django_capture_on_commit_callbacks(execute=True):
        run_nightly()  # a clean run on top changes nothing: every chunk was done once
    assert snapshot([*MONEY_TABLES, JobChunk]) == done


def test_a_job_unfinished_at_the_deadline_raises_one_alert(busy_cases, small_chunks, caplog):
    caplog.set_level(logging.ERROR, logger="payments.jobs.watchdog")
    day = business_date()
    job = NIGHTLY_ORDER[0]
    run = plan_run(job, day)
    JobRun.objects.filter(pk=run.pk).update(started_at=at(6, 25), resent_at=at(6, 25))
    # What the watchdog starts is stamped with the clock's time, so the clock stands still
    # at 06:00 whatever the hour the suite runs.
    with time_machine.travel(at(6, 0), tick=False):
        assert job not in watch_nightly_jobs(now=at(6, 29))  # not stalled, not late yet
        actions = watch_nightly_jobs(now=at(6, 31))
        assert actions[job].strip() == "alerted"
        watch_nightly_jobs(now=at(6, 32))
    alerts = JobAlert.objects.filter(business_date=day)
    # The case jobs' starts were lost too: the watchdog started them at 06:29 (and, with
    # eager tasks here, they finished). The money jobs after the stuck one never ran.
    assert set(JobRun.objects.filter(business_date=day).values_list("job", flat=True)) == {
        job,
        *REVIEW_ORDER,
    }
    assert {alert.job for alert in alerts} == set(NIGHTLY_ORDER)
    assert alerts.get(job=job).pending_chunks == len(run.chunks)
    lines = [r.getMessage() for r in caplog.records if "payments.job.unfinished" in r.getMessage()]
    assert len(lines) == len(alerts)


def test_the_watchdog_is_on_beats_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["payments.watch_nightly_jobs"]
    assert entry["task"] == "payments.tasks.watch_nightly_jobs"
    assert entry["schedule"] <= 60


def test_a_lost_start_is_sent_once_per_stall_period(busy_cases, small_chunks, monkeypatch):
    from payments import tasks

    sent = []
    monkeypatch.setattr(tasks.start_job, "delay", lambda *args: sent.append(args))
    watch_nightly_jobs(now=at(2, 30))
    watch_nightly_jobs(now=at(2, 31))  # still queued behind other work: not sent again
    # The first job of each chain: the children job and the first money job.
    firsts = [job for job in NIGHTLY_JOBS if JOBS[job].after is None]
    assert firsts == ["children_stopping", NIGHTLY_ORDER[0]]
    assert sent == [(job, business_date().isoformat()) for job in firsts]


@pytest.mark.parametrize("role", ["caseworker", "team leader", "finance"])
def test_the_alert_is_listed_for_staff_in_the_admin(busy_cases, small_chunks, staff_client, role):
    from django.urls import reverse

    job = NIGHTLY_ORDER[0]
    plan_run(job, business_date())
    watch_nightly_jobs(now=at(6, 31))
    _user, client = staff_client(role)
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:payments_jobalert_changelist") in index
    page = client.get(reverse("admin:payments_jobalert_changelist")).content.decode()
    assert job in page and business_date().strftime("%Y") in page

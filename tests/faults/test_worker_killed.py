"""A Celery worker killed with SIGKILL at a random point of the nightly jobs, 20 times
with different seeds, then restarted: with beat running (and no task sent by hand) every
job finishes, and the ledger and the jobs' bookkeeping end identical to a clean run."""

import random
import sys
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import psycopg

from bench.nightly.fingerprint import fingerprint
from bench.nightly.generate import generate
from payments.jobs import NIGHTLY_JOBS, NIGHTLY_ORDER
from payments.jobs.reviews import REVIEW_ORDER

from .conftest import Process, manage, portal_env

TRIALS = 20
CASES = 120
CHUNK_SIZE = 15
# Every nightly job, as beat starts them; the watchdog starts any that is missing.
JOBS = NIGHTLY_JOBS
SETTINGS = {
    "PAYMENTS_JOB_CHUNK_SIZE": CHUNK_SIZE,
    # Beat's watchdog looks every second and calls a job stalled after 2 quiet seconds;
    # every job is due (its time today has passed) and the deadline is far off.
    "PAYMENTS_JOB_WATCH_SECONDS": 1,
    "PAYMENTS_JOB_STALL_SECONDS": 2,
    "PAYMENTS_JOB_WAIT_SECONDS": 1,
    "PAYMENTS_NIGHTLY_TIMES": ",".join("00:00" for _ in NIGHTLY_ORDER),
    "REVIEW_NIGHTLY_TIMES": ",".join("00:00" for _ in REVIEW_ORDER),
    "PAYMENTS_JOBS_DEADLINE": "23:59",
}


def bookkeeping(connection, day):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT job, chunks FROM payments_jobrun WHERE business_date = %s ORDER BY job", [day]
        )
        runs = cursor.fetchall()
        cursor.execute(
            "SELECT job, chunk, stats::text FROM payments_jobchunk "
            "WHERE business_date = %s ORDER BY job, chunk",
            [day],
        )
        chunks = cursor.fetchall()
    connection.rollback()
    return runs, chunks


def finished(connection, day):
    runs, chunks = bookkeeping(connection, day)
    done = {(job, chunk) for job, chunk, _ in chunks}
    return len(runs) == len(JOBS) and all((job, c) in done for job, cs in runs for c in cs)


def state(server, database, day):
    with server.connect(database, cursor_factory=psycopg.ClientCursor) as connection:
        return fingerprint(connection, day), bookkeeping(connection, day)


def send_starts(broker_url, day):
    """What beat sends at each job's time: start_job for every nightly job."""
    from celery import Celery

    sender = Celery("faults", broker=broker_url)
    for job in JOBS:
        sender.send_task("payments.tasks.start_job", args=[job, day.isoformat()])
    sender.close()


def test_killed_workers_leave_the_ledger_as_a_clean_run(
    postgres_server, redis_server, migrated_database, tmp_path
):
    day = datetime.now(ZoneInfo("Europe/London")).date()
    env = portal_env(f"{postgres_server.url}/faults_template", redis_server.url, **SETTINGS)
    postgres_server.recreate("faults_template", template=migrated_database)
    with postgres_server.connect("faults_template", cursor_factory=psycopg.ClientCursor) as conn:
        generate(conn, cases=CASES, day=day, years=1, report=lambda line: None)

    # The clean run: the same jobs in one process, nothing killed.
    postgres_server.recreate("faults_clean", template="faults_template")
    clean_env = {**env, "DATABASE_URL": f"{postgres_server.url}/faults_clean"}
    manage(
        clean_env,
        "shell",
        "-c",
        "from payments.jobs import NIGHTLY_JOBS, run_job_now\n"
        f"import datetime\nday = datetime.date.fromisoformat({day.isoformat()!r})\n"
        "[run_job_now(job, day) for job in NIGHTLY_JOBS]",
    )
    clean = state(postgres_server, "faults_clean", day)
    assert clean[1][1], "the clean run did no chunks"

    trial_env = {**env, "DATABASE_URL": f"{postgres_server.url}/faults_trial"}
    beat = Process(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cms_portal",
            "beat",
            "--loglevel=WARNING",
            "-s",
            str(tmp_path / "beat-schedule"),
        ],
        trial_env,
        tmp_path / "beat.log",
    )
    worker = Process(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cms_portal",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
        ],
        trial_env,
        tmp_path / "worker.log",
    )
    beat.start()
    worker.start()  # warm: each trial kills and restarts it once
    kills, seconds = 0, []
    try:
        for seed in range(TRIALS):
            rng = random.Random(seed)
            redis_server.flush()
            postgres_server.recreate("faults_trial", template="faults_template")
            started = time.monotonic()
            send_starts(trial_env["CELERY_BROKER_URL"], day)
            time.sleep(rng.uniform(0.2, 3.0))
            worker.kill()
            kills += 1
            worker.start()
            with postgres_server.connect("faults_trial") as connection:
                deadline = time.monotonic() + 90
                while not finished(connection, day):
                    assert time.monotonic() < deadline, (
                        f"seed {seed}: jobs unfinished 90 s after the restart\n"
                        + (tmp_path / "worker.log").read_text()[-3000:]
                    )
                    time.sleep(0.3)
            assert state(postgres_server, "faults_trial", day) == clean, f"seed {seed}"
            seconds.append(time.monotonic() - started)
    finally:
        worker.kill()
        beat.stop()
    rows = sum(int(count) for count, _ in clean[0].values())
    print(
        f"\nworker kills survived: {kills} of {TRIALS}; trials finished with no task sent by "
        f"hand; {len(clean[1][1])} chunks and {rows} ledger-side rows identical to the clean "
        f"run each time; rows lost = 0; slowest trial {max(seconds):.1f} s"
    )
    assert kills == TRIALS

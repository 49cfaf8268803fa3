"""Times payments' nightly jobs for one business date against a set-based SQL baseline.

    DATABASE_URL=postgres://... python -m bench.nightly [--cases 50000] [--date 2026-03-02]

Builds a fresh database `<name>_nightly` next to the one in DATABASE_URL (which is never
touched), fills it with a synthetic caseload (bench/nightly/generate.py), copies it to
`<name>_nightly_baseline`, then in the same run:

1. runs the case jobs (children who stop qualifying, annual reviews) and the four money
   jobs the way the deployment does (start_job fans out one task per chunk;
   a pool of --workers processes runs them, as a Celery worker with that concurrency
   would: bench/nightly/workers.py) and times them, counting tasks and queries. The
   emails (missed payments, the case jobs' notices, the alerts to the parents paid) go
   out from their own tasks after the jobs commit; they are timed separately because the
   baseline sends no email;
2. runs the jobs again (nothing left to do) and times that;
3. runs the hand-written SQL (bench/nightly/baseline.py) on the copy and times it;
4. checks both databases ended the same (bench/nightly/fingerprint.py).

With --seed the generated caseload is kept as `<name>_nightly_seed_...` (named by cases,
years and date) and later runs with the same figures start from a copy of it (then
migrate), which saves the generation (most of an hour at 500,000 cases).

With --baseline-in-place there is no copy (a 500,000-case database is tens of gigabytes):
the baseline runs first on the same database inside a transaction that is rolled back
(twice, timing the second so its cache is as warm as the jobs'), then the jobs run.

The last line printed is one JSON object:
{"cases", "seconds", "baseline_seconds", "ratio", "rerun_ratio", "tasks", and the same for
the case jobs alone: "case_jobs_seconds", "case_jobs_baseline_seconds", "case_jobs_ratio",
"case_jobs_rerun_ratio", "case_jobs_tasks"}.
"""

import argparse
import json
import os
import sys
import time
from contextlib import contextmanager
from datetime import date, datetime
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import psycopg

from .baseline import MONEY_STEPS, run_baseline
from .case_baseline import CASE_STEPS
from .fingerprint import fingerprint, work_done
from .generate import generate
from .workers import run_nightly

# The jobs the hand-written baseline also does, compared with it, in the deployment's
# order; the one money job it does not (enforcement's notices go through the services) is
# timed on its own afterwards.
CASE_JOBS = [name for name, _ in CASE_STEPS]
BASELINE_JOBS = [*CASE_JOBS, *(name for name, _ in MONEY_STEPS)]
NO_BASELINE_MONEY_JOBS = ["escalate_enforcement"]

JOB_SECONDS_TARGET = 60
RATIO_TARGET = 3
RERUN_TARGET = 0.2
CASES_PER_TASK_TARGET = 1000


def _connect(url, name, **options):
    parts = urlparse(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname=name,
        **options,
    )


def _recreate(url, name, template=None):
    with _connect(url, "postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # FILE_COPY copies the files once; the default strategy writes every page to the WAL.
        create = f'CREATE DATABASE "{name}"' + (
            f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
        )
        for attempt in range(60):
            try:
                admin.execute(create)
                return
            except psycopg.errors.ObjectInUse:
                # A session that has just closed may still be dropping its temporary
                # tables (gigabytes after a large generation) before it goes.
                if attempt == 59:
                    raise
                time.sleep(2)


def _exists(url, name):
    with _connect(url, "postgres", autocommit=True) as admin:
        return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()


def _drop(url, *names):
    with _connect(url, "postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Stopwatch:
    def __init__(self):
        self.seconds = {}

    @contextmanager
    def __call__(self, name):
        start = time.perf_counter()
        yield
        self.seconds[name] = time.perf_counter() - start
        print(f"    {name}: {self.seconds[name]:.2f} s", flush=True)

    def total(self):
        return sum(self.seconds.values())


def _setup_django(url, database):
    os.environ["BENCH_DATABASE_NAME"] = database
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.nightly.settings"
    import django

    django.setup()


def _run_jobs(day, deferred_emails, workers, slowest=None, job_names=None):
    """Start each job as beat does; returns (stopwatch, tasks, queries). With a list in
    `slowest`, every query's time and start are added to it."""
    watch = Stopwatch()
    tasks, counter = run_nightly(
        day,
        watch,
        deferred_emails,
        workers=workers,
        keep_slowest=slowest is not None,
        jobs=job_names,
    )
    if slowest is not None:
        slowest.extend(counter.slowest)
    print(f"    (waiting on the database {counter.sql_seconds:.2f} s in all processes)")
    _run_jobs.tasks_by_job = counter.tasks_by_job
    return watch, tasks, counter.queries


def _send_emails(deferred_emails):
    from django.core import mail

    from cms_portal.tasks import send_outbound_email
    from payments import tasks

    run = {
        "notify_missed_payments": tasks.notify_missed_payments,
        "send_outbound_email": send_outbound_email,
    }
    watch = Stopwatch()
    with watch("emails (missed payments, case notices, alerts to parents paid)"):
        for name, args in deferred_emails:
            run[name].delay(*args)
    return watch.total(), len(deferred_emails), len(getattr(mail, "outbox", []))


def _baseline_in_place(url, database, day, watch):
    """Run the baseline twice in transactions that are rolled back; keep the second
    timing and the state it reached."""
    for attempt in (1, 2):
        timings = Stopwatch() if attempt == 1 else watch
        with _connect(url, database, cursor_factory=psycopg.ClientCursor) as conn:
            run_baseline(conn, day, timer=timings, commit=False)
            state = fingerprint(conn, day, rollback=False)
            conn.rollback()
        with _connect(url, database, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    return state


def _london_today():
    """The business date (as payments.dates has it), before Django is set up."""
    return datetime.now(ZoneInfo("Europe/London")).date()


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.nightly", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument(
        "--date",
        type=date.fromisoformat,
        default=None,
        help="business date to run (default: today in London)",
    )
    parser.add_argument("--years", type=int, default=4, help="history goes back this far")
    parser.add_argument("--keep", action="store_true", help="keep the two databases afterwards")
    parser.add_argument(
        "--baseline-in-place",
        action="store_true",
        help="no copy: run the baseline first in a rolled-back transaction",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="worker processes for the chunk tasks (the deployment runs 2)",
    )
    parser.add_argument(
        "--seed",
        action="store_true",
        help="keep the generated caseload and start from it next time",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile the jobs' Python (in this process: use with --workers 1)",
    )
    parser.add_argument(
        "--slow-queries",
        type=int,
        default=0,
        metavar="N",
        help="print the N slowest queries the jobs ran",
    )
    args = parser.parse_args(argv)

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("bench.nightly needs DATABASE_URL pointing at PostgreSQL")
    base = urlparse(url).path.lstrip("/") or "cms_portal"
    main_db, copy_db = f"{base}_nightly", f"{base}_nightly_baseline"

    print(f"Nightly jobs benchmark: {args.cases:,} cases", flush=True)
    day = args.date or _london_today()
    seed_db = f"{base}_nightly_seed_{args.cases}_{args.years}y_{day:%Y%m%d}"
    setup = Stopwatch()
    if args.seed and _exists(url, seed_db):
        print(f"  starting from the kept caseload {seed_db}")
        with setup("copy the kept caseload"):
            _recreate(url, main_db, template=seed_db)
        _setup_django(url, main_db)
    else:
        _recreate(url, main_db)
        _setup_django(url, main_db)
    from django.core.management import call_command
    from django.db import connections

    with setup("migrate"):
        call_command("migrate", verbosity=0)
    if not (args.seed and _exists(url, seed_db)):
        print(f"  generating {args.cases:,} cases with {args.years} years of history before {day}")
        with setup("generate"), _connect(url, main_db, cursor_factory=psycopg.ClientCursor) as conn:
            generate(conn, cases=args.cases, day=day, years=args.years)
        connections.close_all()
        if args.seed:
            with setup("keep the caseload"):
                _recreate(url, seed_db, template=main_db)
    connections.close_all()
    baseline = Stopwatch()
    if args.baseline_in_place:
        print("  baseline (hand-written set-based SQL, rolled back):", flush=True)
        baseline_print = _baseline_in_place(url, main_db, day, baseline)
    else:
        with setup("copy for the baseline"):
            _recreate(url, copy_db, template=main_db)

    print(
        f"  jobs (start_job per job, one task per chunk, {args.workers} worker processes):",
        flush=True,
    )
    deferred, slowest = [], []
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    jobs, tasks, queries = _run_jobs(
        day,
        deferred,
        args.workers,
        slowest if args.slow_queries else None,
        BASELINE_JOBS,
    )
    case_tasks = sum(_run_jobs.tasks_by_job[name] for name in CASE_JOBS)
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    for seconds, sql in sorted(slowest, reverse=True)[: args.slow_queries]:
        print(f"    {seconds:.3f} s  {sql}")
    email_seconds, email_tasks, emails = _send_emails(deferred)
    print("  jobs again (everything already done):", flush=True)
    rerun, rerun_tasks, rerun_queries = _run_jobs(day, [], args.workers, job_names=BASELINE_JOBS)
    connections.close_all()

    if not args.baseline_in_place:
        print("  baseline (hand-written set-based SQL on the copy):", flush=True)
        with _connect(url, copy_db, cursor_factory=psycopg.ClientCursor) as conn:
            run_baseline(conn, day, timer=baseline)
            baseline_print = fingerprint(conn, day)
    with _connect(url, main_db) as conn:
        jobs_print = fingerprint(conn, day)
        work = work_done(conn, day)
    # Enforcement sends its notices through the services, which the SQL baseline does
    # not: it runs after the comparison, timed and reported on its own.
    print("  enforcement (no baseline):", flush=True)
    enforcement, enforcement_tasks, enforcement_queries = _run_jobs(
        day, [], args.workers, job_names=NO_BASELINE_MONEY_JOBS
    )
    connections.close_all()
    if not args.keep:
        _drop(url, main_db, copy_db)

    seconds, baseline_seconds = jobs.total(), baseline.total()
    ratio = seconds / baseline_seconds
    rerun_ratio = rerun.total() / seconds
    case_seconds = sum(jobs.seconds[name] for name in CASE_JOBS)
    case_baseline_seconds = sum(baseline.seconds[name] for name in CASE_JOBS)
    case_ratio = case_seconds / case_baseline_seconds
    case_rerun_ratio = sum(rerun.seconds[name] for name in CASE_JOBS) / case_seconds
    same = jobs_print == baseline_print
    print(f"  work: {', '.join(f'{name} {value:,}' for name, value in work.items())}")
    print(f"  same result as the baseline: {'yes' if same else 'NO'}")
    for name in jobs_print:
        if jobs_print[name] != baseline_print[name]:
            print(f"    differs: {name}: jobs {jobs_print[name]} baseline {baseline_print[name]}")
    print(
        f"  jobs {seconds:.2f} s, {tasks} tasks, {queries:,} queries "
        f"(+ {email_tasks} email tasks, {emails:,} emails, {email_seconds:.2f} s)"
    )
    print(f"  again {rerun.total():.2f} s, {rerun_tasks} tasks, {rerun_queries:,} queries")
    print(
        f"  of which case jobs {case_seconds:.2f} s, {case_tasks} tasks; baseline "
        f"{case_baseline_seconds:.2f} s; ratio {case_ratio:.2f} (target <= {RATIO_TARGET}), "
        f"rerun ratio {case_rerun_ratio:.3f} (target <= {RERUN_TARGET})"
    )
    print(
        f"  enforcement {enforcement.total():.2f} s, {enforcement_tasks} tasks, "
        f"{enforcement_queries:,} queries"
    )
    print(
        f"  baseline {baseline_seconds:.2f} s; ratio {ratio:.2f} (target <= {RATIO_TARGET}), "
        f"rerun ratio {rerun_ratio:.3f} (target <= {RERUN_TARGET}), "
        f"{args.cases / max(tasks, 1):,.0f} cases per task (target >= {CASES_PER_TASK_TARGET})"
    )
    print(f"  setup: {', '.join(f'{n} {s:.1f} s' for n, s in setup.seconds.items())}")
    print(
        json.dumps(
            {
                "cases": args.cases,
                "seconds": round(seconds, 3),
                "baseline_seconds": round(baseline_seconds, 3),
                "ratio": round(ratio, 3),
                "rerun_ratio": round(rerun_ratio, 4),
                "tasks": tasks,
                "case_jobs_seconds": round(case_seconds, 3),
                "case_jobs_baseline_seconds": round(case_baseline_seconds, 3),
                "case_jobs_ratio": round(case_ratio, 3),
                "case_jobs_rerun_ratio": round(case_rerun_ratio, 4),
                "case_jobs_tasks": case_tasks,
                "enforcement_seconds": round(enforcement.total(), 3),
            }
        )
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

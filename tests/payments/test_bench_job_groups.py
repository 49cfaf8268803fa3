"""The nightly benchmark compares with its SQL baseline exactly the jobs the baseline
does (the case jobs and four money jobs), in the deployment's order, and times every
other nightly job on its own, so none is left out."""

from bench.nightly.__main__ import BASELINE_JOBS, CASE_JOBS, NO_BASELINE_MONEY_JOBS
from payments.jobs import NIGHTLY_JOBS
from payments.jobs.reviews import REVIEW_ORDER


def test_every_nightly_job_is_either_compared_or_timed_alone():
    assert sorted(BASELINE_JOBS + NO_BASELINE_MONEY_JOBS) == sorted(NIGHTLY_JOBS)
    assert not set(BASELINE_JOBS) & set(NO_BASELINE_MONEY_JOBS)


def test_the_case_jobs_are_compared_first_as_the_deployment_runs_them():
    assert CASE_JOBS == REVIEW_ORDER
    assert BASELINE_JOBS[: len(CASE_JOBS)] == CASE_JOBS
    assert [job for job in NIGHTLY_JOBS if job in BASELINE_JOBS] == BASELINE_JOBS

"""The nightly benchmark compares with its SQL baseline exactly the money jobs the
baseline does, and times every other nightly job on its own, so none is left out."""

from bench.nightly.__main__ import BASELINE_JOBS, NO_BASELINE_MONEY_JOBS
from payments.jobs import NIGHTLY_ORDER


def test_every_money_job_is_either_compared_or_timed_alone():
    assert sorted(BASELINE_JOBS + NO_BASELINE_MONEY_JOBS) == sorted(NIGHTLY_ORDER)
    assert not set(BASELINE_JOBS) & set(NO_BASELINE_MONEY_JOBS)

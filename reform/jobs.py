"""The nightly move, run as one of payments' chunked jobs (payments.jobs.framework): each
chunk of case ids is moved in one transaction, once, and audited with its figures."""

from calculation.fees import reform_commencement
from payments.jobs.framework import JOBS, Job, register

from .services import move_direct_pay_cases

MOVE_JOB = "reform_move_direct_pay"


def move_chunk(on_date, low, high):
    """Move the chunk's Direct Pay cases, or nothing while the reform has not started."""
    commencement = reform_commencement()
    if commencement is None or on_date < commencement:
        return {"moved": 0, "commenced": False}
    result = move_direct_pay_cases(
        acting_user=None, commencement=commencement, business_date=on_date, low=low, high=high
    )
    return {
        "moved": result.moved,
        "instalments_collected": result.instalments_collected,
        "notices": result.notices,
        "commencement": commencement.isoformat(),
    }


def register_move_job():
    if MOVE_JOB not in JOBS:
        register(Job(MOVE_JOB, move_chunk))

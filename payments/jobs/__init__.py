"""The nightly case and money jobs and how they are run (see framework.py for the guarantees)."""

from . import nightly
from .framework import (
    JOBS,
    is_finished,
    pending_chunks,
    plan_run,
    prerequisite_done,
    run_chunk,
    run_job_now,
)
from .nightly import NIGHTLY_JOBS, NIGHTLY_ORDER

__all__ = [
    "JOBS",
    "NIGHTLY_JOBS",
    "NIGHTLY_ORDER",
    "is_finished",
    "nightly",
    "pending_chunks",
    "plan_run",
    "prerequisite_done",
    "run_chunk",
    "run_job_now",
]

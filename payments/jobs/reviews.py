"""The nightly jobs for the case's own dates, run before the money jobs so a decision
taking effect today is in the schedule before today's instalments are posted:

- children_stopping: children whose qualifying period ends (cases.rules.stops_qualifying_on)
  stop counting and a new decision is made from that date;
- annual_review: cases whose review date is within the notice period get their review
  decision, effective on the review date.

Each chunk reads its cases by index and hands each one to the cases service, which locks
the case and moves it on in the same transaction (so a second run finds nothing)."""

from cases.services.reviews import (
    cases_due_for_review,
    children_stopping,
    end_qualifying_children,
    review_case,
)

from .framework import Job, register

CHILDREN_STOPPING = "children_stopping"
ANNUAL_REVIEW = "annual_review"
REVIEW_ORDER = [CHILDREN_STOPPING, ANNUAL_REVIEW]


class _CaseRef:
    """A case known only by id: the services lock and read it themselves."""

    def __init__(self, pk):
        self.pk = pk


def stop_children(on_date, low, high):
    decisions = cases = 0
    for case_id in children_stopping(on_date, low, high):
        made = end_qualifying_children(
            acting_user=None, case=_CaseRef(case_id), business_date=on_date
        )
        cases += 1
        decisions += len(made)
    return {"cases": cases, "decisions": decisions}


def review(on_date, low, high):
    made = queued = 0
    for case_id in cases_due_for_review(on_date, low, high):
        outcome = review_case(acting_user=None, case=_CaseRef(case_id), business_date=on_date)
        if outcome is None:
            continue
        if outcome.decision is not None:
            made += 1
        else:
            queued += 1
    return {"reviewed": made, "to_caseworker": queued}


register(Job(CHILDREN_STOPPING, stop_children))
register(Job(ANNUAL_REVIEW, review, after=CHILDREN_STOPPING))

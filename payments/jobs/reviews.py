"""The nightly jobs for the case's own dates, run before the money jobs so a decision
taking effect today is in the schedule before today's instalments are posted:

- children_stopping: children whose qualifying period ends (cases.rules.stops_qualifying_on)
  stop counting and a new decision is made from that date;
- annual_review: cases whose review date is within the notice period get their review
  decision, effective on the review date.

Each chunk reads its due cases by index and hands them together to the cases service,
which locks them, reads their facts and writes the decisions in a few statements, and
moves each case on in the same transaction (so a second run finds nothing)."""

from cases.services.reviews import (
    cases_due_for_review,
    children_stopping,
    end_qualifying_children_for,
    review_cases,
)

from .framework import Job, register

CHILDREN_STOPPING = "children_stopping"
ANNUAL_REVIEW = "annual_review"
REVIEW_ORDER = [CHILDREN_STOPPING, ANNUAL_REVIEW]


def stop_children(on_date, low, high):
    made = end_qualifying_children_for(
        acting_user=None, case_ids=children_stopping(on_date, low, high), business_date=on_date
    )
    return {"cases": len(made), "decisions": sum(len(decisions) for decisions in made.values())}


def review(on_date, low, high):
    outcomes = review_cases(
        acting_user=None, case_ids=cases_due_for_review(on_date, low, high), business_date=on_date
    )
    made = sum(1 for outcome in outcomes.values() if outcome and outcome.decision is not None)
    queued = sum(1 for outcome in outcomes.values() if outcome and outcome.decision is None)
    return {"reviewed": made, "to_caseworker": queued}


register(Job(CHILDREN_STOPPING, stop_children))
register(Job(ANNUAL_REVIEW, review, after=CHILDREN_STOPPING))

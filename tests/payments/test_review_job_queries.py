"""The nightly case jobs do a chunk's usual cases together: the statements a chunk runs
do not grow with the number of cases due in it."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Decision, DecisionReason
from casework.models import WorkItem
from payments.jobs import run_job_now
from payments.jobs.reviews import ANNUAL_REVIEW, CHILDREN_STOPPING

from .test_review_jobs import YOUNG, build_case, new_tax_year_income

pytestmark = pytest.mark.django_db

TURNS_16 = (date(2009, 6, 15), None)


def _queries(job, day):
    with CaptureQueriesContext(connection) as captured:
        run_job_now(job, day)
    return len(captured)


def _reviews(count, effective, receiving_parents=1):
    for _ in range(count):
        case = build_case([YOUNG], effective=effective, receiving_parents=receiving_parents)
        new_tax_year_income(case, "800.00")


def test_review_chunk_statements_do_not_grow_with_its_cases(django_assert_max_num_queries):
    # Reviews on 28 February 2025, made 30 days ahead.
    _reviews(2, date(2024, 2, 29))
    few = _queries(ANNUAL_REVIEW, date(2025, 1, 29))
    # Eight more, with two receiving parents each, reviewed on 1 March 2025.
    _reviews(8, date(2024, 3, 1), receiving_parents=2)
    with django_assert_max_num_queries(few):
        run_job_now(ANNUAL_REVIEW, date(2025, 1, 30))
    reviews = Decision.objects.filter(reason=DecisionReason.ANNUAL_REVIEW)
    assert (
        sorted(d.effective_date for d in reviews)
        == [date(2025, 2, 28)] * 2 + [date(2025, 3, 1)] * 8
    )


def _children_cases(count):
    # Two receiving parents, each with a child turning 16 and a younger one: a new decision
    # from the birthday, with the younger children. And an only child turning 16: the
    # case goes to be closed.
    for _ in range(count):
        build_case([YOUNG, TURNS_16], effective=date(2024, 3, 1), receiving_parents=2)
        build_case([TURNS_16], effective=date(2024, 3, 1))


def test_children_chunk_statements_do_not_grow_with_its_cases(django_assert_max_num_queries):
    _children_cases(1)
    few = _queries(CHILDREN_STOPPING, date(2025, 6, 15))
    _children_cases(6)
    with django_assert_max_num_queries(few):
        run_job_now(CHILDREN_STOPPING, date(2025, 6, 16))
    stopped = Decision.objects.filter(reason=DecisionReason.CHILD_STOPPED_QUALIFYING)
    assert stopped.count() == 7
    assert all(d.effective_date == date(2025, 6, 15) for d in stopped)
    assert WorkItem.objects.filter(kind="case_closure").count() == 7


def test_a_chunk_mixes_usual_reviews_with_those_for_a_caseworker():
    usual = build_case([YOUNG], effective=date(2024, 2, 29))
    new_tax_year_income(usual, "800.00")
    no_income = build_case([YOUNG], effective=date(2024, 2, 29))
    no_income.income_records.update(tax_year="")
    unknown = build_case([YOUNG, (date(2009, 2, 20), None)], effective=date(2024, 2, 29))
    new_tax_year_income(unknown, "800.00")
    (stats,) = run_job_now(ANNUAL_REVIEW, date(2025, 1, 29)).values()
    assert stats == {"reviewed": 1, "to_caseworker": 2}
    assert WorkItem.objects.filter(kind="annual_review").count() == 2
    (review,) = Decision.objects.filter(reason=DecisionReason.ANNUAL_REVIEW)
    assert review.case_id == usual.pk
    for case, review_date in ((usual, date(2026, 2, 28)), (no_income, date(2025, 2, 28))):
        case.refresh_from_db()
        assert case.review_date == review_date

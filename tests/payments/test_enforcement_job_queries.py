"""The nightly enforcement job does a chunk's cases together: the statements a chunk runs
do not grow with the number of cases it opens, reminds, reviews or finds cleared."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.models import WorkItem
from cms_portal.models import AuditEvent, OutboundEmail
from payments.jobs import NIGHTLY_ORDER
from payments.jobs.enforcement import escalate
from payments.models import EnforcementCase, EnforcementStep
from payments.selectors import arrears

pytestmark = pytest.mark.django_db

# Effective dates (days ago) that put a case, on the night measured, at each of the
# job's paths with the default thresholds (28 days, reviews 28 days apart).
TO_OPEN, TO_REMIND, TO_REVIEW, TO_CLEAR = 40, 68, 96, 68


def _group(make_case, days_ago, each):
    cases = {}
    for name, back in (
        ("open", TO_OPEN),
        ("remind", TO_REMIND),
        ("review", TO_REVIEW),
        ("clear", TO_CLEAR),
    ):
        cases[name] = [
            make_case(
                service_type="collect_and_pay",
                payment_frequency="weekly",
                effective_date=days_ago(back),
            )
            for _ in range(each)
        ]
    return cases


def _ids(cases):
    ids = [case.pk for group in cases.values() for case in group]
    return min(ids), max(ids) + 1


def test_an_enforcement_chunk_runs_the_same_statements_however_many_cases(
    make_case, run_nightly, days_ago, pay, django_assert_max_num_queries
):
    few = _group(make_case, days_ago, 1)
    many = _group(make_case, days_ago, 4)
    for back in (56, 28):
        run_nightly(days_ago(back))
    for case in few["clear"] + many["clear"]:
        pay(case, str(arrears(case, days_ago(0)) * 2 + 100))
    tonight = days_ago(0)
    run_nightly(tonight, jobs=NIGHTLY_ORDER[:-1])

    with CaptureQueriesContext(connection) as captured:
        stats = escalate(tonight, *_ids(few))
    assert stats == {"opened": 1, "reminders": 1, "queued": 2, "cleared": 1}
    with django_assert_max_num_queries(len(captured)):
        stats = escalate(tonight, *_ids(many))
    assert stats == {"opened": 4, "reminders": 4, "queued": 8, "cleared": 4}

    # What the chunk wrote, case by case.
    for case in many["open"]:
        assert EnforcementCase.objects.get(case=case).opened_on == tonight
    for name, last in (("remind", "reminder"), ("review", "reminder")):
        for case in many[name]:
            assert EnforcementStep.objects.filter(case=case).last().stage == last
    for case in many["review"]:
        assert EnforcementStep.objects.filter(case=case).last().status == "review_queued"
        (item,) = WorkItem.objects.filter(case=case, kind="enforcement")
        assert item.review_by == days_ago(-28)
    for case in many["clear"]:
        assert WorkItem.objects.filter(
            case=case, source_reference__startswith="enforcement-cleared"
        ).exists()
    assert AuditEvent.objects.filter(action="payments.enforcement_opened").count() == 4 * 5
    assert OutboundEmail.objects.filter(template="payments_arrears_reminder_paying").count() == 10

    # Again the same night: nothing more.
    counts = (EnforcementStep.objects.count(), WorkItem.objects.count(), AuditEvent.objects.count())
    escalate(tonight, *_ids(many))
    assert counts == (
        EnforcementStep.objects.count(),
        WorkItem.objects.count(),
        AuditEvent.objects.count(),
    )

"""Money passed on: every receiving parent paid that night hears of it once, in their own
language, only after the night's work is committed; the alerts for a whole chunk of
payments are written and queued in the same few queries as for one."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms_portal.models import OutboundEmail
from payments.dates import business_date
from payments.models import Disbursement
from payments.services.passing_on import announce_passed_on

pytestmark = pytest.mark.django_db

SUBJECT_EN = "A child maintenance payment has been received"


@pytest.fixture
def paid_cases(make_case, make_user, pay):
    """Three Collect and Pay cases with money received; the second receiving parent
    reads Welsh."""

    def make(count=3):
        cases = []
        for number in range(count):
            receiving = make_user()
            if number == 1:
                receiving.preferred_language = "cy"
                receiving.save(update_fields=["preferred_language"])
            case = make_case(
                service_type="collect_and_pay",
                payment_frequency="weekly",
                effective_date=business_date() - timedelta(days=10),
                paying_user=make_user(),
                receiving_user=receiving,
            )
            pay(case, "500.00", received_on=business_date() - timedelta(days=9))
            cases.append(case)
        return cases

    return make


def _receiving(case):
    return case.parties.select_related("user").get(role="receiving")


def test_each_receiving_parent_hears_once_in_their_language_after_commit(
    paid_cases, run_nightly, days_ago, django_capture_on_commit_callbacks
):
    cases = paid_cases()
    receiving = [_receiving(case).notification_email for case in cases]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as pending:
        run_nightly(days_ago(3), jobs=["post_due_instalments", "allocate_receipts", "pass_on"])
    assert Disbursement.objects.count() == 3
    # Nothing is written or sent before the night's work commits.
    assert mail.outbox == []
    assert not OutboundEmail.objects.filter(to__in=receiving).exists()
    with django_capture_on_commit_callbacks(execute=True):
        for callback in pending:
            callback()
    by_parent = {}
    for message in mail.outbox:
        by_parent.setdefault(message.to[0], []).append(message)
    assert sorted(by_parent) == sorted(receiving)
    for number, case in enumerate(cases):
        (email,) = by_parent[_receiving(case).notification_email]
        if number == 1:
            assert email.extra_headers["Content-Language"] == "cy"
            assert "/cy/sign-in/parent/" in email.body
            assert email.subject != SUBJECT_EN
        else:
            assert email.extra_headers["Content-Language"] == "en"
            assert email.subject == SUBJECT_EN
    rows = OutboundEmail.objects.filter(to__in=receiving)
    assert rows.count() == 3 and not rows.exclude(status=OutboundEmail.SENT).exists()


def test_a_chunk_of_payments_is_announced_in_as_many_queries_as_one(
    paid_cases, run_nightly, days_ago, django_capture_on_commit_callbacks
):
    receiving = [_receiving(case).notification_email for case in paid_cases()]
    with django_capture_on_commit_callbacks(execute=False):
        run_nightly(days_ago(3), jobs=["post_due_instalments", "allocate_receipts", "pass_on"])
    first, *rest = Disbursement.objects.order_by("pk").values_list("pk", flat=True)
    with (
        django_capture_on_commit_callbacks(execute=False) as one_sent,
        CaptureQueriesContext(connection) as one,
    ):
        announce_passed_on([first])
    with (
        django_capture_on_commit_callbacks(execute=False) as many_sent,
        CaptureQueriesContext(connection) as many,
    ):
        announce_passed_on(rest)
    assert len(many) == len(one)
    assert len(one_sent) == len(many_sent) == 1  # one hand-over to the mail task each
    assert OutboundEmail.objects.filter(to__in=receiving).count() == 3

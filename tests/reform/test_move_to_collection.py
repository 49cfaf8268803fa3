"""The nightly move: on or after the commencement date every open Direct Pay case goes to
the single collection service, with the new fees from that date and a notice to each
parent in their language; before the date, or with no date, nothing happens; and
running it again changes nothing."""

from decimal import Decimal

import pytest
from django.core import mail

from calculation.fees import fee_on
from cases.models import Case
from cms_portal.models import AuditEvent, OutboundEmail
from payments.jobs import run_job_now
from payments.models import Account, Instalment, LedgerEntry, Obligation
from reform.jobs import MOVE_JOB
from reform.models import CaseMove
from reform.services import move_direct_pay_cases
from reform.tasks import move_direct_pay_cases_nightly
from tests.fixtures.payments import ledger_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseload(make_case, days_ago, run_nightly):
    """Demo-like: a Direct Pay case with a Welsh receiving parent and a month of Direct
    Pay instalments, a Direct Pay case with no decision yet, a Collect and Pay case and a
    closed Direct Pay case."""
    from cases.services import update_case, update_party

    direct = make_case(payment_frequency="weekly", effective_date=days_ago(28))
    update_party(
        acting_user=None, party=direct.parties.get(role="receiving"), preferred_language="cy"
    )
    undecided = make_case(decision=False)
    collected = make_case(service_type="collect_and_pay")
    closed = make_case()
    update_case(acting_user=None, case=closed, status="closed")
    run_nightly(days_ago(1))  # the Direct Pay instalments, posted as Direct Pay
    return {"direct": direct, "undecided": undecided, "collected": collected, "closed": closed}


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (LedgerEntry, Obligation, Account, OutboundEmail, CaseMove)
    } | {
        "service types": sorted(Case.objects.values_list("id", "service_type")),
        "collected instalments": Instalment.objects.filter(collect_and_pay=True).count(),
        "audit": AuditEvent.objects.exclude(action__startswith="payments.job.").count(),
    }


def test_without_a_date_the_job_and_the_task_change_nothing(caseload, days_ago):
    before = counts()
    assert move_direct_pay_cases_nightly() == "not commenced"
    assert list(run_job_now(MOVE_JOB, days_ago(0)).values()) == [{"moved": 0, "commenced": False}]
    assert counts() == before


def test_before_the_date_the_task_changes_nothing(caseload, days_ago, settings):
    settings.REFORM_COMMENCEMENT_DATE = days_ago(-1).isoformat()
    before = counts()
    assert move_direct_pay_cases_nightly() == "not commenced"
    assert counts() == before


def test_on_the_date_direct_pay_cases_move_with_the_new_fees_and_notices(
    caseload, days_ago, settings, run_nightly, django_capture_on_commit_callbacks
):
    settings.REFORM_COMMENCEMENT_DATE = days_ago(10).isoformat()
    direct, undecided = caseload["direct"], caseload["undecided"]
    with django_capture_on_commit_callbacks(execute=True):
        assert move_direct_pay_cases_nightly() == "started"

    for case in (direct, undecided):
        case.refresh_from_db()
        assert case.service_type == "collect_and_pay"
    caseload["closed"].refresh_from_db()
    assert caseload["closed"].service_type == "direct_pay"
    assert set(CaseMove.objects.values_list("case_id", flat=True)) == {direct.pk, undecided.pk}
    # Every party of a moved case has an account, the undecided case's too.
    for case in (direct, undecided):
        assert Account.objects.filter(case=case).count() == case.parties.count()

    # Due before the date: still Direct Pay, no fee. Due from it: collected at 2%.
    instalments = {i.due_date: i for i in Instalment.objects.filter(case=direct)}
    for due in (days_ago(28), days_ago(21), days_ago(14)):
        assert not instalments[due].collect_and_pay and instalments[due].fee_amount == 0
    moved = instalments[days_ago(7)]
    assert moved.collect_and_pay
    assert moved.fee_amount == fee_on(moved.amount, Decimal("0.02"))
    assert LedgerEntry.objects.filter(instalment=moved, kind="maintenance_due").exists()
    assert CaseMove.objects.get(case=direct).instalments_collected == 1

    # The next instalment is posted as collected, at 2%.
    run_nightly(days_ago(0))
    today = Instalment.objects.get(case=direct, due_date=days_ago(0))
    assert today.collect_and_pay and today.fee_amount == fee_on(today.amount, Decimal("0.02"))

    # Both parents of each moved case told, each in their own language.
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    paying = direct.parties.get(role="paying")
    receiving = direct.parties.get(role="receiving")
    assert subjects[paying.notification_email] == (
        "Your child maintenance will be collected by the Child Maintenance Service"
    )
    assert subjects[receiving.notification_email] == (
        "Bydd eich cynhaliaeth plant yn cael ei chasglu gan y Gwasanaeth Cynhaliaeth Plant"
    )
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "2%" in bodies[paying.notification_email]
    assert "20%" in bodies[paying.notification_email]
    assert "2%" in bodies[receiving.notification_email]
    assert len(mail.outbox) == 4
    assert AuditEvent.objects.filter(action="reform.moved_to_collection").count() == 2
    assert not ledger_problems()


def test_running_again_changes_nothing(
    caseload, days_ago, settings, django_capture_on_commit_callbacks
):
    settings.REFORM_COMMENCEMENT_DATE = days_ago(10).isoformat()
    run_job_now(MOVE_JOB, days_ago(0))
    once = counts()
    with django_capture_on_commit_callbacks(execute=True):
        assert run_job_now(MOVE_JOB, days_ago(0)) == {}  # the chunk is done
        run_job_now(MOVE_JOB, days_ago(-1))  # the next night finds nothing left
        result = move_direct_pay_cases(
            acting_user=None, commencement=days_ago(10), business_date=days_ago(0)
        )
    assert result.moved == 0
    assert counts() == once
    assert not mail.outbox

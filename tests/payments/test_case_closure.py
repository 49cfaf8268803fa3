"""A closed case owes nothing from its closing date: the schedule ends so nothing more is
posted, instalments already posted from that date are cancelled and their charges
reversed (never changed or deleted), and arrears from before stay owed, shown and paid by
money that comes in. (The ledger check in conftest runs after every test here.)"""

from decimal import Decimal

import pytest
from django.urls import reverse

from cases import services as case_services
from payments import selectors
from payments.models import EntryKind, Instalment, LedgerEntry, Obligation, PaymentSchedule
from payments.services import PaymentsError, report_missed_direct_payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):
    return make_user(is_staff=True, full_name="Cara Caseworker")


def _close(case, staff, closing_date):
    closure = case_services.request_closure_review(
        acting_user=staff, case=case, reason="the children live with the paying parent"
    )
    return case_services.confirm_closure(
        acting_user=staff, closure_request=closure, effective_date=closing_date
    )


@pytest.fixture
def weekly_collect_case(make_case, make_user, days_ago):
    return make_case(
        service_type="collect_and_pay",
        payment_frequency="weekly",
        effective_date=days_ago(70),
        paying_user=make_user(full_name="Wyn Paying"),
        receiving_user=make_user(full_name="Wendy Receiving"),
    )


def test_charges_from_the_closing_date_are_reversed_and_arrears_stay(
    weekly_collect_case, staff, run_nightly, pay, days_ago
):
    case = weekly_collect_case
    run_nightly(days_ago(0))
    pay(case, "50.00", received_on=days_ago(30))
    posted = list(Instalment.objects.filter(case=case).order_by("due_date"))
    assert len(posted) >= 10
    entries_before = set(LedgerEntry.objects.filter(case=case).values_list("id", flat=True))
    closing_date = days_ago(20)
    before_closing = [i for i in posted if i.due_date < closing_date]
    from_closing = [i for i in posted if i.due_date >= closing_date]
    assert before_closing and from_closing
    owed_before = sum(i.amount for i in before_closing)

    _close(case, staff, closing_date)

    # Nothing was changed or deleted: every earlier entry is still there.
    assert entries_before <= set(LedgerEntry.objects.filter(case=case).values_list("id", flat=True))
    for instalment in Instalment.objects.filter(case=case):
        cancelled = instalment.due_date >= closing_date
        assert (instalment.cancelled_on is not None) is cancelled
        charges = LedgerEntry.objects.filter(
            instalment=instalment,
            kind__in=[EntryKind.MAINTENANCE_DUE, EntryKind.PAYING_PARENT_FEE],
        )
        assert charges.exists()
        for charge in charges:
            assert LedgerEntry.objects.filter(reverses=charge).exists() is cancelled
    assert not Obligation.objects.filter(
        case=case, due_date__gte=closing_date, outstanding__gt=0
    ).exists()
    # Arrears from before the closing date are still owed (less the £50 paid).
    arrears = selectors.arrears(case)
    assert arrears > 0
    assert arrears == owed_before - Decimal("50.00")


def test_nothing_is_posted_after_the_closing_date(
    weekly_collect_case, staff, run_nightly, days_ago
):
    case = weekly_collect_case
    run_nightly(days_ago(0))
    count = Instalment.objects.filter(case=case).count()
    _close(case, staff, days_ago(0))
    schedule = PaymentSchedule.objects.get(case=case)
    assert schedule.ends_on == days_ago(1)
    assert schedule.next_due_date is None
    run_nightly(days_ago(-21))
    assert Instalment.objects.filter(case=case).count() == count
    assert not Instalment.objects.filter(case=case, due_date__gt=days_ago(0)).exists()


def test_a_closing_date_ahead_keeps_instalments_until_then(
    weekly_collect_case, staff, run_nightly, days_ago
):
    case = weekly_collect_case
    run_nightly(days_ago(0))
    closing_date = days_ago(-14)
    _close(case, staff, closing_date)
    run_nightly(days_ago(-40))
    dues = list(Instalment.objects.filter(case=case).values_list("due_date", flat=True))
    assert max(dues) < closing_date
    assert max(dues) > days_ago(0)  # the weeks before the closing date still fell due


def test_payments_after_closure_still_pay_the_arrears(
    weekly_collect_case, staff, run_nightly, pay, days_ago
):
    case = weekly_collect_case
    run_nightly(days_ago(0))
    _close(case, staff, days_ago(20))
    arrears = selectors.arrears(case)
    pay(case, "30.00")
    run_nightly(days_ago(0))
    assert selectors.arrears(case) == arrears - Decimal("30.00")


def test_closing_twice_changes_nothing(weekly_collect_case, staff, run_nightly, days_ago):
    from payments.services import end_liability_on_closure

    case = weekly_collect_case
    run_nightly(days_ago(0))
    _close(case, staff, days_ago(20))
    count = LedgerEntry.objects.filter(case=case).count()
    assert end_liability_on_closure(acting_user=staff, case=case, closing_date=days_ago(20)) == []
    assert LedgerEntry.objects.filter(case=case).count() == count


def test_direct_pay_instalments_from_the_closing_date_cannot_be_reported_missed(
    make_case, make_user, staff, run_nightly, days_ago
):
    case = make_case(
        payment_frequency="weekly",
        effective_date=days_ago(40),
        receiving_user=make_user(full_name="Dee Receiving"),
    )
    run_nightly(days_ago(0))
    receiving = case.parties.get(role="receiving")
    late = Instalment.objects.filter(case=case, due_date__gte=days_ago(14)).first()
    early = Instalment.objects.filter(case=case, due_date__lt=days_ago(14)).first()
    _close(case, staff, days_ago(14))
    late.refresh_from_db()
    assert late.cancelled_on is not None
    assert not LedgerEntry.objects.filter(instalment=late).exists()  # Direct Pay: none
    with pytest.raises(PaymentsError):
        report_missed_direct_payment(
            acting_user=receiving.user,
            case=case,
            party=receiving,
            due_date=late.due_date,
            amount_received=0,
        )
    # One due before the closing date can still be reported: it is still owed.
    report = report_missed_direct_payment(
        acting_user=receiving.user,
        case=case,
        party=receiving,
        due_date=early.due_date,
        amount_received=0,
    )
    assert report.instalment == early


def test_statement_and_schedule_stay_readable_after_closure(
    weekly_collect_case, staff, run_nightly, days_ago, signed_in_client
):
    case = weekly_collect_case
    run_nightly(days_ago(0))
    _close(case, staff, days_ago(20))
    for role in ("paying", "receiving"):
        client = signed_in_client(case.parties.get(role=role).user)
        for name in ("payments:overview", "payments:statement", "payments:schedule"):
            response = client.get(reverse(name, kwargs={"reference": case.reference}))
            assert response.status_code == 200, (role, name)
        schedule = client.get(reverse("payments:schedule", kwargs={"reference": case.reference}))
        assert "Not due: the case closed" in schedule.content.decode()
    statement = signed_in_client(case.parties.get(role="paying").user).get(
        reverse("payments:statement", kwargs={"reference": case.reference})
    )
    assert "Reversal" in statement.content.decode() or "Correction" in statement.content.decode()

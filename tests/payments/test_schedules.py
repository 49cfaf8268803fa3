"""Schedules made from decisions: first schedule, replacements, backdating, Direct Pay."""

from datetime import timedelta
from decimal import Decimal

from payments.dates import nth_due_date
from payments.models import EntryKind, Instalment, LedgerEntry, PaymentSchedule
from payments.services import report_missed_direct_payment
from tests.payments.helpers import new_decision, paying_account


def test_a_decision_makes_a_schedule_per_the_rules(collect_and_pay_case, days_ago):
    schedule = PaymentSchedule.objects.get(case=collect_and_pay_case)
    assert schedule.frequency == "monthly"
    assert schedule.weekly_amount == Decimal("60.00")
    assert schedule.instalment_amount == Decimal("260.00")
    assert schedule.first_due_date == schedule.next_due_date == days_ago(7)
    share = schedule.shares.get()
    assert share.receiving_party.role == "receiving" and share.instalment_amount == Decimal(
        "260.00"
    )


def test_shares_for_two_receiving_parents_add_up(make_case):
    case = make_case(
        service_type="collect_and_pay",
        receiving_parents=2,
        income=Decimal("850.00"),
        payment_frequency="weekly",
    )
    schedule = case.payment_schedules.get()
    shares = list(schedule.shares.values_list("instalment_amount", flat=True))
    assert len(shares) == 2 and sum(shares) == schedule.instalment_amount


def test_a_new_decision_ends_the_old_schedule_and_keeps_the_payment_day(
    collect_and_pay_case, run_nightly, days_ago
):
    case = collect_and_pay_case
    run_nightly()
    new_decision(case, income="600.00", effective_date=days_ago(-10))
    old, new = PaymentSchedule.objects.filter(case=case).order_by("id")
    assert old.ends_on == days_ago(-9)
    assert old.next_due_date is None  # its next payment falls under the new schedule
    assert new.first_due_date == old.first_due_date
    assert new.instalment_amount == Decimal("312.00")  # £72 a week x 52 / 12
    assert new.next_due_date == nth_due_date(old.first_due_date, "monthly", 1)


def test_a_backdated_decision_charges_posted_instalments_again(
    collect_and_pay_case, run_nightly, pay, days_ago
):
    case = collect_and_pay_case
    run_nightly()
    pay(case, "312.00")
    new_decision(case, income="400.00", effective_date=days_ago(10))  # £48 a week
    instalment = Instalment.objects.get(case=case)
    assert instalment.amount == Decimal("208.00") and instalment.fee_amount == Decimal("41.60")
    assert instalment.schedule == case.payment_schedules.latest("id")
    reversals = LedgerEntry.objects.filter(
        kind=EntryKind.REVERSAL,
        case=case,
        reverses__kind__in=["maintenance_due", "paying_parent_fee"],
    )
    assert reversals.count() == 2
    # The £312 paid now covers £249.60 and leaves £62.40 in credit.
    account = paying_account(case)
    assert account.balance == Decimal("-62.40") and account.unallocated == Decimal("62.40")


def test_changing_frequency_starts_a_new_cycle_after_what_was_posted(
    collect_and_pay_case, run_nightly, days_ago
):
    case = collect_and_pay_case
    run_nightly()
    new_decision(case, income="500.00", effective_date=days_ago(0), frequency="weekly")
    schedule = case.payment_schedules.latest("id")
    assert schedule.frequency == "weekly" and schedule.instalment_amount == Decimal("60.00")
    assert schedule.first_due_date == days_ago(0)
    run_nightly(days_ago(-7))
    assert list(Instalment.objects.filter(case=case).values_list("due_date", flat=True)) == [
        days_ago(7),
        days_ago(0),
        days_ago(-7),
    ]


def test_the_job_catches_up_on_missed_nights(make_case, run_nightly, days_ago):
    case = make_case(
        service_type="collect_and_pay", payment_frequency="weekly", effective_date=days_ago(21)
    )
    run_nightly()
    assert Instalment.objects.filter(case=case).count() == 4
    assert case.payment_schedules.get().next_due_date == days_ago(-7)


def test_direct_pay_missed_payment_is_recorded_against_the_schedule(
    make_case, make_user, run_nightly, days_ago
):
    from casework.models import WorkItem

    user = make_user()
    case = make_case(receiving_user=user)
    run_nightly()
    receiving = case.parties.get(role="receiving")
    report = report_missed_direct_payment(
        acting_user=user,
        case=case,
        party=receiving,
        due_date=days_ago(7),
        amount_received=Decimal("100"),
    )
    assert report.outcome == "part_paid" and report.expected == Decimal("260.00")
    assert report.instalment.due_date == days_ago(7)
    again = report_missed_direct_payment(
        acting_user=user,
        case=case,
        party=receiving,
        due_date=days_ago(7),
        amount_received=Decimal("0"),
    )
    assert again.pk == report.pk
    assert WorkItem.objects.filter(case=case, kind="missed_payment").count() == 1
    assert LedgerEntry.objects.filter(case=case).count() == 0


def test_nil_decision_posts_nothing(make_case, run_nightly, days_ago):
    case = make_case(service_type="collect_and_pay", income=Decimal("5.00"))
    assert case.payment_schedules.get().instalment_amount == 0
    run_nightly()
    assert not Instalment.objects.filter(case=case).exists()
    assert case.payment_schedules.get().next_due_date > days_ago(0) - timedelta(days=1)

"""The nightly case jobs: the annual review (the 2012 Regulations regs 19 and 20) and
children who stop qualifying (the Act s55, reg 76), run as the deployment runs them."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from cases import services
from cases.models import Child, ChildStatus, Decision, DecisionReason, IncomeSource, PartyRole
from casework.models import WorkItem
from cms_portal.models import OutboundEmail
from payments.jobs import run_job_now
from payments.jobs.reviews import ANNUAL_REVIEW, CHILDREN_STOPPING
from payments.models import Instalment, PaymentSchedule

pytestmark = pytest.mark.django_db


def build_case(
    children,
    *,
    effective,
    income=Decimal("500.00"),
    receiving_parents=1,
    welsh_receiving=False,
    frequency="monthly",
):
    """A case with the given children [(date of birth, education ends on)] for each
    receiving parent and a first decision effective on `effective`."""
    case = services.create_case(
        acting_user=None, service_type="collect_and_pay", payment_frequency=frequency
    )
    services.add_party(
        acting_user=None,
        case=case,
        role=PartyRole.PAYING,
        full_name="Pat Paying",
        date_of_birth=date(1980, 1, 1),
        email="pat@example.test",
        employer_name="Secret Employer Ltd",
        address_line_1="1 Hidden Lane",
    )
    for index in range(receiving_parents):
        receiving = services.add_party(
            acting_user=None,
            case=case,
            role=PartyRole.RECEIVING,
            full_name=f"Robin Receiving {index + 1}",
            date_of_birth=date(1982, 1, 1),
            email=f"robin{index + 1}@example.test",
            preferred_language="cy" if welsh_receiving else "en",
        )
        for number, (born, education_ends_on) in enumerate(children, start=1):
            services.add_child(
                acting_user=None,
                case=case,
                receiving_party=receiving,
                full_name=f"Child {index + 1}-{number}",
                date_of_birth=born,
                education_ends_on=education_ends_on,
            )
    services.record_income(
        acting_user=None,
        case=case,
        gross_weekly_income=income,
        source=IncomeSource.HMRC_HISTORIC,
        tax_year="2022-23",
        effective_from=effective - timedelta(days=30),
    )
    services.make_decision(
        acting_user=None,
        case=case,
        reason=DecisionReason.INITIAL,
        effective_date=effective,
        notify=False,
    )
    case.refresh_from_db()
    return case


def new_tax_year_income(case, amount, tax_year="2023-24"):
    return services.record_income(
        acting_user=None,
        case=case,
        gross_weekly_income=Decimal(amount),
        source=IncomeSource.HMRC_HISTORIC,
        tax_year=tax_year,
        effective_from=date(2020, 1, 1),
    )


def run(job, day):
    return run_job_now(job, day)


def decisions(case):
    return list(Decision.objects.filter(case=case).order_by("decided_at", "id"))


def emails(case, template="cases_new_amount"):
    addresses = [p.notification_email for p in case.parties.all()]
    return list(OutboundEmail.objects.filter(to__in=addresses, template=template).order_by("id"))


YOUNG = (date(2015, 5, 1), None)


# The annual review


def test_first_decision_fixes_the_review_date_leap_day():
    case = build_case([YOUNG], effective=date(2024, 2, 29))
    assert case.initial_effective_date == date(2024, 2, 29)
    assert case.review_date == date(2025, 2, 28)


def test_review_is_made_30_days_ahead_effective_on_the_review_date():
    case = build_case([YOUNG], effective=date(2024, 2, 29))
    income = new_tax_year_income(case, "800.00")
    review_date = date(2025, 2, 28)

    run(ANNUAL_REVIEW, review_date - timedelta(days=31))
    assert len(decisions(case)) == 1  # not yet due

    run(ANNUAL_REVIEW, review_date - timedelta(days=30))
    first, review = decisions(case)
    assert review.reason == DecisionReason.ANNUAL_REVIEW
    assert review.effective_date == review_date
    assert review.income_record == income
    assert review.income_used == Decimal("800.00")
    assert review.weekly_amount > first.weekly_amount
    case.refresh_from_db()
    # The next review is the next anniversary of the initial date: 28 February 2026.
    assert case.review_date == date(2026, 2, 28)


def test_review_replaces_the_schedule_only_from_the_review_date():
    case = build_case([YOUNG], effective=date(2025, 1, 31))
    new_tax_year_income(case, "900.00")
    review_date = date(2026, 1, 31)
    run(ANNUAL_REVIEW, date(2026, 1, 1))
    old, new = PaymentSchedule.objects.filter(case=case).order_by("id")
    assert old.ends_on == review_date - timedelta(days=1)
    assert (new.starts_on, new.ends_on) == (review_date, None)
    assert new.weekly_amount > old.weekly_amount
    assert new.next_due_date == review_date  # the 31st stays the payment day
    # Payments go on at the old amount until the review date.
    run("post_due_instalments", review_date - timedelta(days=1))
    posted = list(Instalment.objects.filter(case=case).order_by("due_date"))
    assert posted[-1].due_date == date(2025, 12, 31)
    assert {i.amount for i in posted} == {old.instalment_amount}
    run("post_due_instalments", review_date)
    last = Instalment.objects.filter(case=case).latest("due_date")
    assert (last.due_date, last.amount) == (review_date, new.instalment_amount)


def test_review_job_three_times_equals_once():
    case = build_case([YOUNG], effective=date(2024, 2, 29))
    new_tax_year_income(case, "800.00")
    day = date(2025, 1, 29)
    first_stats = run(ANNUAL_REVIEW, day)
    counts = (
        len(decisions(case)),
        PaymentSchedule.objects.filter(case=case).count(),
        len(emails(case)),
    )
    for _ in range(2):
        # A lost chunk row must not matter either: the case itself has moved on.
        from payments.models import JobChunk

        JobChunk.objects.filter(job=ANNUAL_REVIEW).delete()
        run(ANNUAL_REVIEW, day)
    assert counts == (2, 2, 2)
    assert (
        len(decisions(case)),
        PaymentSchedule.objects.filter(case=case).count(),
        len(emails(case)),
    ) == counts
    assert list(first_stats.values())[0] == {"reviewed": 1, "to_caseworker": 0}


def test_notices_give_each_parent_their_amount_and_the_start_date():
    case = build_case([YOUNG], effective=date(2024, 2, 29), receiving_parents=2)
    new_tax_year_income(case, "1234.56")
    run(ANNUAL_REVIEW, date(2025, 1, 29))
    review = decisions(case)[-1]
    sent = {email.to: email for email in emails(case)}
    paying = sent["pat@example.test"]
    assert "28 February 2025" in paying.body
    assert f"£{review.weekly_amount:,}" in paying.body
    for party in case.parties.filter(role=PartyRole.RECEIVING):
        body = sent[party.email].body
        share = review.weekly_amount_for(party)
        assert f"£{share:,}" in body
        assert "28 February 2025" in body
        # Privacy: only their own share; never the income, the total, the other side's
        # employer or address.
        assert "1,234.56" not in body and "1234.56" not in body
        assert f"£{review.weekly_amount:,}" not in body
        assert "Secret Employer" not in body and "Hidden Lane" not in body


def test_notices_are_in_the_parents_language():
    case = build_case([YOUNG], effective=date(2024, 2, 29), welsh_receiving=True)
    new_tax_year_income(case, "800.00")
    run(ANNUAL_REVIEW, date(2025, 1, 29))
    sent = {email.to: email for email in emails(case)}
    welsh, english = sent["robin1@example.test"], sent["pat@example.test"]
    assert welsh.language == "cy" and english.language == "en"
    assert "28 Chwefror 2025" in welsh.body
    assert "Rydym wedi adolygu" in welsh.subject + welsh.body
    assert "reviewed" in english.subject


def test_a_review_without_income_for_a_tax_year_goes_to_the_queue():
    case = build_case([YOUNG], effective=date(2024, 2, 29))
    services.record_income(
        acting_user=None,
        case=case,
        gross_weekly_income=Decimal("700.00"),
        source=IncomeSource.REPORTED,
        effective_from=date(2024, 6, 1),
    )
    case.income_records.filter(tax_year="2022-23").update(tax_year="")
    for _ in range(3):
        run(ANNUAL_REVIEW, date(2025, 1, 29))
        from payments.models import JobChunk

        JobChunk.objects.all().delete()
    (item,) = WorkItem.objects.filter(case=case, kind="annual_review")
    assert "no income recorded for the latest tax year" in item.summary
    assert "2025-02-28" in item.summary
    assert len(decisions(case)) == 1
    case.refresh_from_db()
    assert case.review_date == date(2025, 2, 28)  # still to be reviewed, by a caseworker


def test_a_review_with_a_childs_status_unknown_goes_to_the_queue():
    # Turns 16 before the review date and nothing is recorded about education.
    case = build_case([YOUNG, (date(2009, 2, 20), None)], effective=date(2024, 2, 29))
    new_tax_year_income(case, "800.00")
    run(ANNUAL_REVIEW, date(2025, 1, 29))
    (item,) = WorkItem.objects.filter(case=case, kind="annual_review")
    assert "education or training not recorded" in item.summary
    assert len(decisions(case)) == 1


# Children who stop qualifying


def test_a_child_turning_16_without_education_stops_on_the_birthday():
    case = build_case([YOUNG, (date(2009, 6, 15), None)], effective=date(2024, 3, 1))
    run(CHILDREN_STOPPING, date(2025, 6, 14))
    assert len(decisions(case)) == 1
    run(CHILDREN_STOPPING, date(2025, 6, 15))
    child = Child.objects.get(case=case, date_of_birth=date(2009, 6, 15))
    assert (child.status, child.left_on) == (ChildStatus.LEFT, date(2025, 6, 15))
    first, stopped = decisions(case)
    assert stopped.reason == DecisionReason.CHILD_STOPPED_QUALIFYING
    assert stopped.effective_date == date(2025, 6, 15)
    assert stopped.calculation_input["receiving_parties"][0]["children"][0]["full_name"] == (
        "Child 1-1"
    )
    assert stopped.weekly_amount < first.weekly_amount
    assert stopped.income_record == first.income_record
    sent = emails(case)
    assert len(sent) == 2 and all("Child 1-2 no longer qualifies" in e.body for e in sent)
    # Again: nothing more.
    run(CHILDREN_STOPPING, date(2025, 6, 16))
    assert len(decisions(case)) == 2 and len(emails(case)) == 2


def _years_before(day, years):
    return day.replace(year=day.year - years, day=min(day.day, 28))


def test_a_child_in_education_counts_until_the_20th_birthday():
    # Dates from today: a child must be under 20 when they are added.
    twentieth = date.today() + timedelta(days=100)
    born = _years_before(twentieth, 20)
    twentieth = born.replace(year=born.year + 20)
    case = build_case(
        [YOUNG, (born, twentieth + timedelta(days=400))],
        effective=date.today() - timedelta(days=60),
    )
    run(CHILDREN_STOPPING, twentieth - timedelta(days=1))
    assert len(decisions(case)) == 1
    run(CHILDREN_STOPPING, twentieth)
    assert decisions(case)[-1].effective_date == twentieth
    assert Child.objects.get(case=case, date_of_birth=born).left_on == twentieth


def test_a_child_turning_20_on_the_review_date_makes_one_decision():
    effective = date.today() - timedelta(days=200)
    if (effective.month, effective.day) == (2, 29):
        effective -= timedelta(days=1)
    review_date = effective.replace(year=effective.year + 1)
    born = review_date.replace(year=review_date.year - 20)
    case = build_case([YOUNG, (born, review_date + timedelta(days=300))], effective=effective)
    new_tax_year_income(case, "800.00")
    run(ANNUAL_REVIEW, review_date - timedelta(days=30))
    run(CHILDREN_STOPPING, review_date)
    first, review = decisions(case)
    assert review.reason == DecisionReason.ANNUAL_REVIEW
    assert review.effective_date == review_date
    counted = review.calculation_input["receiving_parties"][0]["children"]
    assert [child["full_name"] for child in counted] == ["Child 1-1"]
    assert review.calculation_result["receiving_parents"][0]["children"] == 1
    assert Child.objects.get(case=case, full_name="Child 1-2").status == ChildStatus.LEFT
    assert PaymentSchedule.objects.get(case=case, ends_on=None).decision == review
    # Both parents were told of the child stopping, with the review's amount.
    stopped_notices = [e for e in emails(case) if "Child 1-2 no longer qualifies" in e.body]
    assert len(stopped_notices) == 2


def test_a_child_stopping_before_a_review_already_made_keeps_both_dates():
    review_date = date(2025, 2, 28)
    case = build_case([YOUNG, (date(2009, 2, 20), date(2025, 2, 14))], effective=date(2024, 2, 29))
    new_tax_year_income(case, "800.00")
    run(ANNUAL_REVIEW, review_date - timedelta(days=30))
    run(CHILDREN_STOPPING, date(2025, 2, 20))
    _first, review, stopped, review_again = decisions(case)
    assert (stopped.effective_date, stopped.reason) == (
        date(2025, 2, 20),
        DecisionReason.CHILD_STOPPED_QUALIFYING,
    )
    assert stopped.income_used == Decimal("500.00")
    assert (review_again.effective_date, review_again.weekly_amount) == (
        review_date,
        review.weekly_amount,
    )
    schedules = list(PaymentSchedule.objects.filter(case=case).order_by("id"))
    by_decision = {s.decision_id: s for s in schedules}
    assert by_decision[stopped.pk].ends_on == review_date - timedelta(days=1)
    assert by_decision[review_again.pk].ends_on is None
    assert by_decision[_first.pk].ends_on == date(2025, 2, 19)


def test_when_the_last_child_stops_the_case_goes_to_be_closed():
    case = build_case([(date(2009, 6, 15), None)], effective=date(2024, 3, 1))
    run(CHILDREN_STOPPING, date(2025, 6, 15))
    run(CHILDREN_STOPPING, date(2025, 6, 16))
    (item,) = WorkItem.objects.filter(case=case, kind="case_closure")
    assert "no qualifying child from 2025-06-15" in item.summary
    assert len(decisions(case)) == 1
    sent = emails(case, "cases_no_qualifying_children")
    assert len(sent) == 2 and all("Child 1-1" in e.body for e in sent)

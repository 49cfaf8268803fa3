"""Current income from HMRC's pay periods and the 25% tolerance (SI 2012/2677 regs 22-23):
a new decision at once where the rules allow it, the caseworker queue otherwise, and
both parents told in their own language without the paying parent's income."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation

from cases.models import DecisionReason, IncomeSource
from cases.selectors import current_decision
from casework.models import WorkItem, WorkItemKind
from hmrc_income.current_income import PayPeriod, current_income
from hmrc_income.models import CheckOutcome, CurrentIncomeCheck

from .feed_files import weekly_rows


@pytest.mark.parametrize(
    "weekly,acted",
    [
        ("500.00", True),  # exactly 25% up
        ("499.99", False),  # a penny under 25% up
        ("300.00", True),  # exactly 25% down
        ("300.01", False),  # a penny under 25% down
    ],
)
def test_the_25_percent_edges_from_the_feed(feed_case, import_lines, weekly, acted):
    case = feed_case()
    before = current_decision(case)
    report = import_lines(*weekly_rows("JT987654B", weekly))
    after = current_decision(case)
    check = CurrentIncomeCheck.objects.get(case=case)
    assert check.current_weekly_income == Decimal(weekly)
    assert check.decision_weekly_income == Decimal("400.00")
    assert report.checks == [check]
    if acted:
        assert check.outcome == CheckOutcome.NEW_DECISION
        assert after != before and after.reason == DecisionReason.CURRENT_INCOME
        assert after.income_used == Decimal(weekly)
        assert after.income_record.source == IncomeSource.HMRC_CURRENT
        assert check.decision == after
    else:
        assert check.outcome == CheckOutcome.BELOW_THRESHOLD
        assert after == before
        assert mail.outbox == []


def test_pension_contributions_are_taken_off(feed_case, import_lines):
    case = feed_case()
    import_lines(*weekly_rows("JT987654B", "550.00", pension="50.00"))
    assert current_decision(case).income_used == Decimal("500.00")


def test_too_few_periods_waits_for_more(feed_case, import_lines):
    case = feed_case()
    before = current_decision(case)
    import_lines(*weekly_rows("JT987654B", "900.00", weeks=12))
    assert current_decision(case) == before
    assert not CurrentIncomeCheck.objects.exists()


def test_gaps_in_the_periods_go_to_the_caseworker_queue(feed_case, import_lines):
    case = feed_case()
    before = current_decision(case)
    import_lines(*weekly_rows("JT987654B", "900.00", weeks=14, skip=(5,)))
    check = CurrentIncomeCheck.objects.get(case=case)
    assert check.outcome == CheckOutcome.TO_CASEWORKER
    assert "gaps" in check.reason
    assert current_decision(case) == before
    item = WorkItem.objects.get(case=case, kind=WorkItemKind.CURRENT_INCOME)
    assert "830.77 a week over 12 pay periods" in item.summary


def test_an_open_reconsideration_goes_to_the_caseworker_queue(feed_case, import_lines):
    from cases.models import Reconsideration

    case = feed_case()
    paying = case.parties.get(role="paying")
    Reconsideration.objects.create(
        case=case, decision=current_decision(case), party=paying, reasons="I disagree"
    )
    import_lines(*weekly_rows("JT987654B", "900.00"))
    check = CurrentIncomeCheck.objects.get(case=case)
    assert check.outcome == CheckOutcome.TO_CASEWORKER and "reconsideration" in check.reason


@pytest.mark.parametrize("outcome", ["new_decision", "queued"])
def test_both_parents_are_told_in_their_language_without_amounts(feed_case, import_lines, outcome):
    case = feed_case()
    receiving = case.parties.get(role="receiving")
    receiving.preferred_language = "cy"
    receiving.save(update_fields=["preferred_language"])
    paying = case.parties.get(role="paying")
    skip = (5,) if outcome == "queued" else ()
    import_lines(*weekly_rows("JT987654B", "623.45", weeks=14, skip=skip))
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {paying.notification_email, receiving.notification_email}
    english_subject = (
        "We have made a new child maintenance decision"
        if outcome == "new_decision"
        else "We are checking your child maintenance case"
    )
    with translation.override("cy"):
        welsh_subject = translation.gettext(english_subject)
    assert welsh_subject != english_subject
    assert by_address[paying.notification_email].subject == english_subject
    assert by_address[receiving.notification_email].subject == welsh_subject
    for message in mail.outbox:
        # No money figure at all: a pounds-and-pence number or a pound sign. Whole numbers
        # are left alone because names, references and link ids may hold any digits.
        text = message.subject + message.body
        assert not re.search(r"\d\.\d\d\b", text) and "£" not in text
        assert case.reference in message.body


def test_the_same_periods_are_acted_on_once(feed_case, import_lines):
    case = feed_case()
    lines = weekly_rows("JT987654B", "900.00")
    import_lines(*lines)
    decisions = case.decisions.count()
    emails = len(mail.outbox)
    # The same rows again in another file: nothing new, no second decision or email.
    report = import_lines(*reversed(lines), name="again.csv")
    assert report.income_import.rows_already_held == 13
    assert case.decisions.count() == decisions and len(mail.outbox) == emails


def test_a_receiving_parent_with_a_number_is_never_checked(feed_case, import_lines):
    case = feed_case()
    case.parties.filter(role="receiving").update(national_insurance_number="JT555555A")
    before = current_decision(case)
    import_lines(*weekly_rows("JT555555A", "900.00"))
    assert current_decision(case) == before


def test_monthly_periods_three_months_are_enough():
    periods = [
        PayPeriod(date(2025, 10, 1), date(2025, 10, 31), Decimal("2600"), Decimal("0")),
        PayPeriod(date(2025, 11, 1), date(2025, 11, 30), Decimal("2600"), Decimal("0")),
        PayPeriod(date(2025, 12, 1), date(2025, 12, 31), Decimal("2600"), Decimal("0")),
    ]
    position = current_income(periods)
    assert position.periods == 3 and position.regular and position.days == 92
    assert position.weekly == Decimal("593.48")  # 7800 / 92 days * 7
    assert current_income(periods[1:]) is None


def test_overlapping_periods_are_irregular():
    start = date(2025, 10, 1)
    periods = [
        PayPeriod(start + timedelta(days=7 * i), start + timedelta(days=7 * i + 6), Decimal(100), 0)
        for i in range(13)
    ] + [PayPeriod(date(2025, 12, 1), date(2025, 12, 24), Decimal(50), Decimal(0))]
    assert current_income(periods).regular is False

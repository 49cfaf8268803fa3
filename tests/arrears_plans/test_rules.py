"""The rules a plan is judged by, at and around their limits: the arrears cleared within
2 years of asking (the last payment on that day is in time, one penny less a payment is
not), and with a deduction from earnings order at most 40% of net income for arrears
(exactly 40% is within, a penny more is not). The figures come from the dated table."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from arrears_plans import presenters, rules
from arrears_plans.assessment import assess, plan_terms
from payments.plans import least_amount_to_clear_by, payments_needed, plan_end_date

TODAY = date(2026, 1, 15)


def _terms(arrears, today=TODAY, anchor=date(2025, 11, 15), frequency="monthly"):
    return plan_terms(
        arrears=Decimal(arrears),
        anchor=anchor,
        frequency=frequency,
        today=today,
        rules=rules.arrears_plan_rules(today),
    )


def test_the_plan_starts_with_the_next_payment_and_must_clear_within_two_years():
    terms = _terms("2400.00")
    assert terms.starts_on == date(2026, 2, 15)
    assert terms.clear_by == date(2028, 1, 15)
    # 24 monthly payments fall due from 15 February 2026 to 15 January 2028.
    assert terms.least_amount == Decimal("100.00")


def test_a_plan_whose_last_payment_falls_due_exactly_two_years_on_is_agreed():
    assessment = assess(_terms("2400.00"), Decimal("100.00"))
    assert assessment.payments == 24
    assert assessment.end_date == date(2028, 1, 15) == assessment.terms.clear_by
    assert assessment.clears_in_time and assessment.automatic


def test_one_penny_less_a_payment_takes_one_payment_too_many():
    assessment = assess(_terms("2400.00"), Decimal("99.99"))
    assert assessment.payments == 25
    assert assessment.end_date == date(2028, 2, 15)
    assert not assessment.clears_in_time and not assessment.automatic


def test_the_least_amount_shown_is_always_agreed_and_a_penny_less_never():
    for arrears in ("260.00", "1000.01", "12345.67", "0.05"):
        terms = _terms(arrears)
        assert assess(terms, terms.least_amount).automatic, arrears
        if terms.least_amount > Decimal("0.01"):
            assert not assess(terms, terms.least_amount - Decimal("0.01")).automatic, arrears


def test_weekly_payments_count_every_due_date_to_the_day():
    terms = _terms("104.00", anchor=date(2026, 1, 1), frequency="weekly")
    # Thursdays from 22 January 2026 to 13 January 2028: 104 payments.
    assert terms.starts_on == date(2026, 1, 22)
    assert terms.least_amount == Decimal("1.00")
    assert assess(terms, Decimal("1.00")).end_date == date(2028, 1, 13)


def test_exactly_forty_percent_of_net_income_is_within_the_cap():
    assessment = assess(_terms("2400.00"), Decimal("400.00"), net_income=Decimal("1000.00"))
    assert assessment.cap == Decimal("400.00")
    assert assessment.within_cap and assessment.automatic


def test_a_penny_over_forty_percent_goes_to_a_caseworker():
    assessment = assess(_terms("2400.00"), Decimal("400.01"), net_income=Decimal("1000.00"))
    assert assessment.within_cap is False and not assessment.automatic


def test_the_cap_rounds_down_so_it_never_takes_more_than_forty_percent():
    assert rules.income_cap(Decimal("1000.03"), rules.arrears_plan_rules(TODAY)) == Decimal(
        "400.01"
    )


def test_plan_arithmetic():
    assert payments_needed(Decimal("0"), Decimal("5")) == 0
    assert payments_needed(Decimal("10.00"), Decimal("3.00")) == 4
    assert plan_end_date(Decimal("0"), Decimal("5"), TODAY, "monthly", TODAY) is None
    assert (
        least_amount_to_clear_by(Decimal("10"), TODAY, "monthly", TODAY, date(2025, 1, 1)) is None
    )
    with pytest.raises(ValueError):
        payments_needed(Decimal("1"), Decimal("0"))


def test_the_rules_come_from_the_dated_table(monkeypatch):
    """Changing the table changes the words on the page."""
    from arrears_plans.selectors import PlanFacts

    table_rules = rules.arrears_plan_rules(TODAY)
    changed = replace(
        table_rules, clear_within_months=18, most_of_net_income_for_arrears=Decimal("0.3")
    )
    terms = plan_terms(
        arrears=Decimal("1800"),
        anchor=date(2025, 11, 15),
        frequency="monthly",
        today=TODAY,
        rules=changed,
    )
    facts = PlanFacts(
        arrears=Decimal("1800"), plan=None, waiting=None, deducted_from_pay=True, terms=terms
    )
    text = " ".join(str(line) for line in presenters.rule_lines(facts))
    assert "18 months" in text and "30%" in text and "15 July 2027" in text
    assert "2 years" not in text and "40%" not in text
    with pytest.raises(LookupError):
        rules.arrears_plan_rules(date(2012, 1, 1))

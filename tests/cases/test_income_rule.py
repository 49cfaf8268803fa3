"""The 25% rule: a reported income 25% or more away from the decision's income makes a
new decision from the engine and tells both parents; less is recorded and explained."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail

from cases import services
from cases.models import ChangeStatus, DecisionReason
from cases.rules import income_change_needs_new_decision, weekly_from
from cases.selectors import CaseAccess, current_decision

ON = date(2026, 1, 5)


@pytest.mark.parametrize(
    "new,expected",
    [
        ("500.00", True),  # exactly +25%
        ("499.99", False),  # a penny under
        ("300.00", True),  # exactly -25%
        ("300.01", False),
        ("400.00", False),
        ("0.00", True),
    ],
)
def test_threshold_edges(new, expected):
    assert income_change_needs_new_decision(Decimal("400.00"), Decimal(new), ON) is expected


def test_from_zero_any_income_counts():
    assert income_change_needs_new_decision(Decimal("0"), Decimal("0.01"), ON)
    assert not income_change_needs_new_decision(Decimal("0"), Decimal("0"), ON)


def test_weekly_from_month_and_year():
    assert weekly_from(Decimal("2600"), "month") == Decimal("600.00")
    assert weekly_from(Decimal("52000"), "year") == Decimal("1000.00")
    assert weekly_from(Decimal("123.45"), "week") == Decimal("123.45")


def _report(case, weekly):
    paying = case.parties.get(role="paying")
    return services.report_change(
        acting_user=paying.user,
        access=CaseAccess(case=case, party=paying),
        kind="income",
        answers={
            "amount": weekly,
            "period": "week",
            "weekly_income": weekly,
            "changed_on": date.today(),
        },
    )


def test_change_of_25_percent_makes_a_new_decision_and_tells_both_parents(
    make_case, make_user, django_capture_on_commit_callbacks
):
    case = make_case(paying_user=make_user(), receiving_user=make_user(), income=Decimal("400.00"))
    before = current_decision(case)
    with django_capture_on_commit_callbacks(execute=True):
        report = _report(case, Decimal("500.00"))
    after = current_decision(case)
    assert report.status == ChangeStatus.NEW_DECISION
    assert after != before and after.reason == DecisionReason.CHANGE
    assert after.income_used == Decimal("500.00")
    assert after.weekly_amount > before.weekly_amount
    decision_emails = [m for m in mail.outbox if "new child maintenance decision" in m.subject]
    assert {m.to[0] for m in decision_emails} == {p.notification_email for p in case.parties.all()}


def test_change_under_25_percent_is_recorded_not_acted_on(make_case, make_user):
    case = make_case(paying_user=make_user(), income=Decimal("400.00"))
    before = current_decision(case)
    report = _report(case, Decimal("499.99"))
    assert report.status == ChangeStatus.RECORDED
    assert report.outcome == "below_threshold"
    assert report.outcome_details["percent"] == "25.0"
    assert current_decision(case) == before
    # The reported figure is not used by a later decision either.
    later = services.make_decision(acting_user=None, case=case)
    assert later.income_used == Decimal("400.00")


def test_page_explains_a_change_under_the_threshold(make_case, make_user, signed_in_client):
    user = make_user()
    case = make_case(paying_user=user, income=Decimal("400.00"))
    report = _report(case, Decimal("420.00"))
    html = (
        signed_in_client(user)
        .get(f"/account/cases/{case.reference}/changes/{report.public_id}/")
        .content.decode()
    )
    assert "25% or more" in html and "£420.00" in html and "£400.00" in html


def test_one_weekly_income_for_the_calculator_and_reported_changes():
    from calculation.journey import weekly_income

    assert weekly_from is weekly_income
    assert weekly_income(Decimal("2600"), "month") == Decimal("600.00")


def test_an_unknown_income_period_is_refused_not_taken_as_a_week():
    from calculation.journey import weekly_income

    with pytest.raises(ValueError, match="fortnight"):
        weekly_income(Decimal("52000"), "fortnight")

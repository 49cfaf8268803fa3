"""Filing rules: pay dates that fit the order's frequency, none before the date the
order says to deduct from, schedule errors that name the employee, and the report that
the business stopped trading."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from employers import services
from employers.models import OrderStatus, StoppedTradingReport

D = Decimal


def today():
    return timezone.localdate()


def file(user, employer, order, pay_date, net="1000.00"):
    return services.file_returns(
        acting_user=user,
        employer=employer,
        pay_date=pay_date,
        lines=[(order.reference, D(net), D("0.00"))],
    )


def test_a_monthly_order_refuses_a_second_pay_date_in_the_same_month(
    employer, employer_admin, make_order
):
    order = make_order(employer, rate=D("150.00"), frequency="monthly")
    first = today() - timedelta(days=12)
    file(employer_admin, employer, order, first)
    with pytest.raises(services.ReturnProblems) as raised:
        file(employer_admin, employer, order, first + timedelta(days=5))
    problem = raised.value.problems[0]
    assert problem.field == "pay_date" and "paid monthly" in problem.message
    assert order.reference in problem.message


@pytest.mark.parametrize(
    ("frequency", "too_close", "far_enough"),
    [
        ("weekly", 3, 7),
        ("fortnightly", 8, 14),
        ("four_weekly", 19, 28),
        ("monthly", 19, 28),
    ],
)
def test_pay_dates_must_fit_the_frequency(
    employer, employer_admin, make_order, frequency, too_close, far_enough
):
    order = make_order(employer, rate=D("50.00"), frequency=frequency)
    first = today() - timedelta(days=30)
    file(employer_admin, employer, order, first)
    with pytest.raises(services.ReturnProblems):
        file(employer_admin, employer, order, first + timedelta(days=too_close))
    assert file(employer_admin, employer, order, first + timedelta(days=far_enough))


def test_two_pay_dates_too_close_in_one_upload_are_refused(employer, employer_admin, make_order):
    from employers.services.filing import ReturnEntry, plan_returns

    order = make_order(employer, rate=D("150.00"), frequency="monthly")
    order.latest_pay_date = order.latest_shortfall = None
    entries = [
        ReturnEntry(
            key=row, order=order, pay_date=today() - timedelta(days=days), net_earnings=D("1000.00")
        )
        for row, days in ((2, 10), (3, 5))
    ]
    plan = plan_returns(entries, filed={}, today=today())
    assert [problem.key for problem in plan.problems] == [3]


def test_no_pay_date_before_the_order_says_to_deduct_from(employer, employer_admin, make_order):
    order = make_order(employer, rate=D("150.00"), served_on=today() - timedelta(days=10))
    with pytest.raises(services.ReturnProblems) as raised:
        file(employer_admin, employer, order, today() - timedelta(days=5))
    assert "to deduct from" in raised.value.problems[0].message
    assert file(employer_admin, employer, order, today() - timedelta(days=3))


def test_schedule_errors_name_the_employee(employer, employer_admin, employer_client, make_order):
    order = make_order(employer, rate=D("150.00"), frequency="monthly")
    pay_date = today() - timedelta(days=12)
    file(employer_admin, employer, order, pay_date - timedelta(days=5))
    client = employer_client(employer_admin)
    url = reverse(
        "employers:schedule", kwargs={"frequency": "monthly", "pay_date": pay_date.isoformat()}
    )
    response = client.post(
        url, {f"net_earnings-{order.reference}": "1000.00", f"admin_fee-{order.reference}": ""}
    )
    assert response.status_code == 400
    assert (
        f"{order.employee.full_name} ({order.payroll_number}): Order".encode() in response.content
    )


def test_the_business_stopped_trading(
    employer, employer_admin, employer_member, employer_client, make_order, caseworker
):
    from casework.models import WorkItem
    from cms_portal.models import AuditEvent

    active = make_order(employer, rate=D("150.00"))
    suspended = make_order(employer, rate=D("40.00"))
    services.suspend_order(acting_user=caseworker, order=suspended)
    member = employer_client(employer_member)
    assert member.get(reverse("employers:report_stopped_trading")).status_code == 404
    client = employer_client(employer_admin)
    url = reverse("employers:report_stopped_trading")
    page = client.get(url)
    assert b"within 10 days" in page.content and "£1,000".encode() in page.content
    stopped_on = today() - timedelta(days=12)
    bad = client.post(
        url, {"stopped_on-day": "1", "stopped_on-month": "13", "stopped_on-year": "2026"}
    )
    assert (
        bad.status_code == 400 and b"Confirm that the business has stopped trading" in bad.content
    )
    response = client.post(
        url,
        {
            "stopped_on-day": stopped_on.day,
            "stopped_on-month": stopped_on.month,
            "stopped_on-year": stopped_on.year,
            "contact_details": "Jo Insolvency, Leeds",
            "confirm": "on",
        },
    )
    assert response.status_code == 302
    assert b"2 orders ended" in client.get(response["Location"]).content
    report = StoppedTradingReport.objects.get(employer=employer)
    assert report.orders_ended == 2 and not report.reported_in_time
    for order in (active, suspended):
        order.refresh_from_db()
        assert (order.status, order.end_reason, order.ended_on) == (
            OrderStatus.ENDED,
            "stopped_trading",
            stopped_on,
        )
        item = WorkItem.objects.get(case=order.case, kind="deo_stopped_trading")
        assert "Jo Insolvency" in item.summary and "late" in item.summary
    assert AuditEvent.objects.filter(action="employer.stopped_trading").exists()
    # The last pay before the business stopped can still be reported.
    assert file(employer_admin, employer, active, stopped_on)
    with pytest.raises(services.EmployerRuleError):
        services.report_stopped_trading(
            acting_user=employer_admin, employer=employer, stopped_on=stopped_on
        )


def test_the_paying_parent_is_told_deductions_stopped_because_the_business_stopped(
    employer, employer_admin, make_order, make_user
):
    from employers.presenters.case import case_deductions

    order = make_order(employer, paying_user=make_user())
    services.report_stopped_trading(
        acting_user=employer_admin, employer=employer, stopped_on=today() - timedelta(days=1)
    )
    lines = case_deductions(order.case, order.employee)
    assert "stopped trading" in lines[0] and "another way" in lines[0]

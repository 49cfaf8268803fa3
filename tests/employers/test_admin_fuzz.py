"""Hypothesis over the order admin's add and change forms: whatever a caseworker posts,
the answer is a page or a redirect, never a 500."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
DATES = st.one_of(
    st.dates().map(lambda day: day.isoformat()),
    st.sampled_from(["", "not a date", "2026-02-30", "9999-12-31"]),
    st.integers(min_value=-400, max_value=400).map(
        lambda days: (timezone.localdate() + timedelta(days=days)).isoformat()
    ),
)
FREQUENCIES = st.sampled_from(["weekly", "fortnightly", "four_weekly", "monthly", "", "yearly"])
TEXT = st.one_of(st.text(max_size=50), st.sampled_from(["", "P1", "x" * 100, "\x00"]))


@FUZZ
@given(
    served_on=DATES,
    frequency=FREQUENCIES,
    payroll=TEXT,
    rate=TEXT,
    waived=st.booleans(),
    case_kind=st.sampled_from(["fresh", "has_order", "direct_pay"]),
)
def test_issuing_an_order_in_the_admin_never_crashes(
    caseworker_client,
    employer,
    make_order,
    make_case,
    served_on,
    frequency,
    payroll,
    rate,
    waived,
    case_kind,
):
    if case_kind == "has_order":
        case = make_order(employer).case
    else:
        case = make_case(
            service_type="direct_pay" if case_kind == "direct_pay" else "collect_and_pay"
        )
    response = caseworker_client.post(
        reverse("admin:employers_deductionorder_add"),
        {
            "employer": employer.pk,
            "case": case.pk,
            "served_on": served_on,
            "pay_frequency": frequency,
            "payroll_number": payroll,
            "normal_deduction_rate": rate,
            **({"charge_waived": "on"} if waived else {}),
        },
    )
    assert response.status_code in (200, 302, 400)


@FUZZ
@given(frequency=FREQUENCIES, payroll=TEXT, end_first=st.booleans())
def test_changing_an_order_in_the_admin_never_crashes(
    caseworker_client, employer, make_order, caseworker, frequency, payroll, end_first
):
    from employers import services

    order = make_order(employer)
    if end_first:
        services.end_order(acting_user=caseworker, order=order)
    response = caseworker_client.post(
        reverse("admin:employers_deductionorder_change", args=[order.pk]),
        {"pay_frequency": frequency, "payroll_number": payroll},
    )
    assert response.status_code in (200, 302, 400)

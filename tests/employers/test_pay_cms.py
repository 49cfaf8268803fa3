"""Paying CMS: overdue months stand out, a month can be paid in parts with what is still
due shown, and each payment has a remittance advice to download as CSV and as PDF."""

import io
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from employers import services
from employers.models import DeductionReturn, Remittance
from employers.selectors import payment_schedule, unpaid_total_for_month
from tests.employers.test_money_and_leavers import file_for


def _month_ago(months_back, day=15):
    first = timezone.localdate().replace(day=1)
    for _ in range(months_back):
        first = (first - timedelta(days=1)).replace(day=1)
    return first.replace(day=day)


def _date_fields(name, day):
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


@pytest.fixture
def two_orders(employer, make_order):
    served = timezone.localdate() - timedelta(days=120)
    return (
        make_order(employer, rate=D("100.00"), served_on=served),
        make_order(employer, rate=D("40.00"), served_on=served),
    )


def test_a_month_can_be_paid_in_parts(employer, employer_admin, two_orders):
    first, second = two_orders
    pay_date = _month_ago(1)
    file_for(employer_admin, employer, first, pay_date, "1000.00")
    file_for(employer_admin, employer, second, pay_date, "1000.00")
    membership = employer.memberships.get()
    part = services.record_remittance(
        acting_user=employer_admin,
        employer=employer,
        month=pay_date,
        method="bank_transfer",
        paid_on=timezone.localdate(),
        amount=D("110.00"),
        expected_total=D("140.00"),
    )
    assert part.amount == D("110.00")
    assert unpaid_total_for_month(membership, pay_date.replace(day=1)) == D("30.00")
    lines, total = payment_schedule(membership, pay_date.replace(day=1))
    assert total == D("30.00") and [line.amount for line in lines] == [D("30.00")]
    # The whole pay day of the first order (by reference) is paid; the second is part paid.
    shares = {a.order_id: a.amount for a in part.allocations.all()}
    earliest = min(two_orders, key=lambda order: order.reference)
    later = max(two_orders, key=lambda order: order.reference)
    assert shares[earliest.pk] == earliest.normal_deduction_rate
    assert DeductionReturn.objects.get(order=earliest).remittance == part
    assert DeductionReturn.objects.get(order=later).remittance is None
    with pytest.raises(services.EmployerRuleError, match="30.00 or less"):
        services.record_remittance(
            acting_user=employer_admin,
            employer=employer,
            month=pay_date,
            method="bank_transfer",
            paid_on=timezone.localdate(),
            amount=D("30.01"),
        )
    rest = services.record_remittance(
        acting_user=employer_admin,
        employer=employer,
        month=pay_date,
        method="bank_transfer",
        paid_on=timezone.localdate(),
    )
    assert rest.amount == D("30.00")
    assert not DeductionReturn.objects.filter(remittance__isnull=True).exists()
    assert sum(a.amount for r in Remittance.objects.all() for a in r.allocations.all()) == D(
        "140.00"
    )


def test_the_pay_page_marks_overdue_months_and_part_payments(
    employer, employer_admin, two_orders, employer_client
):
    first, second = two_orders
    file_for(employer_admin, employer, first, _month_ago(2), "1000.00")
    file_for(employer_admin, employer, second, _month_ago(0, day=1), "1000.00")
    client = employer_client(employer_admin)
    page = client.get(reverse("employers:pay")).content.decode()
    old, current = page.index("£100.00 due by"), page.index("£40.00 due by")
    assert page.count("govuk-tag--red") == 1
    assert page.rindex("Overdue", 0, old) > page.rindex("<dt", 0, old)
    assert "Overdue" not in page[page.rindex("<dt", 0, current) : current]
    month = f"{_month_ago(2):%Y-%m}"
    url = reverse("employers:pay_month", kwargs={"month": month})
    assert "This payment is overdue" in client.get(url).content.decode()
    too_much = client.post(
        url,
        {
            "expected_total": "100.00",
            "method": "bank_transfer",
            **_date_fields("paid_on", timezone.localdate()),
            "amount": "100.01",
        },
    )
    assert too_much.status_code == 400 and "£100.00 or less" in too_much.content.decode()
    assert 'value="100.01"' in too_much.content.decode()
    done = client.post(
        url,
        {
            "expected_total": "100.00",
            "method": "bank_transfer",
            **_date_fields("paid_on", timezone.localdate()),
            "amount": "60",
        },
    )
    assert done.status_code == 302
    detail = client.get(done["Location"]).content.decode()
    assert "£40.00 is still to pay" in detail
    assert "Not yet. We pass the money on to parents once it reaches our bank" in detail
    again = client.get(url).content.decode()
    assert "Still to pay: £40.00" in again and "You have paid £60.00" in again
    assert "(£60.00 paid so far)" in client.get(reverse("employers:pay")).content.decode()


def _paid(employer, employer_admin, two_orders):
    first, second = two_orders
    pay_date = _month_ago(1)
    file_for(employer_admin, employer, first, pay_date, "1000.00")
    file_for(employer_admin, employer, second, pay_date, "1000.00")
    return services.record_remittance(
        acting_user=employer_admin,
        employer=employer,
        month=pay_date,
        method="bank_transfer",
        paid_on=timezone.localdate(),
        payment_reference="=HYPERLINK(1)",
        amount=D("120.00"),
    )


def test_the_remittance_advice_downloads_as_csv(
    employer, employer_admin, two_orders, employer_client
):
    remittance = _paid(employer, employer_admin, two_orders)
    client = employer_client(employer_admin)
    detail = client.get(
        reverse("employers:payment_detail", kwargs={"public_id": remittance.public_id})
    )
    csv_url = reverse("employers:payment_advice_csv", kwargs={"public_id": remittance.public_id})
    assert csv_url in detail.content.decode()
    response = client.get(csv_url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert "Remittance advice" in text and employer.reference in text and "£120.00" in text
    assert "Still to pay for this month,£20.00" in text
    for order in two_orders:
        assert order.reference in text and order.employee.full_name in text
    # A reference that a spreadsheet would run as a formula is written as text.
    assert "'=HYPERLINK(1)" in text


def test_the_remittance_advice_pdf_has_a_text_layer_in_english_and_welsh(
    employer, employer_admin, two_orders, employer_client
):
    remittance = _paid(employer, employer_admin, two_orders)
    client = employer_client(employer_admin)
    url = reverse("employers:payment_advice_pdf", kwargs={"public_id": remittance.public_id})
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Remittance advice" in text and employer.name in text and "£120.00" in text
    assert all(order.reference in text for order in two_orders)
    welsh = client.get("/cy" + url)
    welsh_text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(welsh.content)).pages
    )
    assert "Hysbysiad talu" in welsh_text and "Remittance advice" not in welsh_text
    assert "ŵ" in welsh_text or "ŷ" in welsh_text or "Cyflogwr" in welsh_text


def test_another_employers_advice_is_not_found(
    employer, employer_admin, two_orders, other_employer_admin, employer_client
):
    remittance = _paid(employer, employer_admin, two_orders)
    client = employer_client(other_employer_admin)
    for name in ("employers:payment_advice_csv", "employers:payment_advice_pdf"):
        assert (
            client.get(reverse(name, kwargs={"public_id": remittance.public_id})).status_code == 404
        )

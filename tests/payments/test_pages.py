"""The parents' payment pages, in English and Welsh."""

from decimal import Decimal

import pytest
from django.urls import reverse

from payments.models import DirectPayReport

PAGES = ["payments:overview", "payments:schedule", "payments:statement", "payments:how_to_pay"]


def page_url(name, case, prefix=""):
    return prefix + reverse(name, kwargs={"reference": case.reference})


@pytest.fixture
def paid_case(collect_and_pay_case, run_nightly, pay, days_ago):
    run_nightly(days_ago(1))
    pay(collect_and_pay_case, "312.00", received_on=days_ago(1))
    run_nightly(days_ago(0))
    return collect_and_pay_case


@pytest.mark.parametrize("prefix", ["", "/cy"])
@pytest.mark.parametrize("name", PAGES)
def test_paying_parent_pages(paid_case, cp_paying_parent, signed_in_client, name, prefix):
    response = signed_in_client(cp_paying_parent).get(page_url(name, paid_case, prefix))
    assert response.status_code == 200
    assert b"Exit this page" in response.content or prefix


def test_paying_parent_sees_what_they_owe_including_the_fee(
    paid_case, cp_paying_parent, signed_in_client
):
    client = signed_in_client(cp_paying_parent)
    page = client.get(page_url("payments:overview", paid_case)).content.decode()
    assert "£312.00 due on" in page
    assert "£260.00 child maintenance and a £52.00 collection fee (20%)" in page
    assert "You have paid £52.00 in collection fees since 1 April" in page
    schedule = client.get(page_url("payments:schedule", paid_case)).content.decode()
    assert "£312.00" in schedule and "Paid" in schedule


def test_receiving_parent_sees_collected_fee_taken_and_passed_on(
    paid_case, cp_receiving_parent, signed_in_client, days_ago
):
    from cms_portal.formatting import govuk_date

    client = signed_in_client(cp_receiving_parent)
    page = client.get(page_url("payments:overview", paid_case)).content.decode()
    assert "£249.60 expected on" in page
    assert "£10.40 has been taken in collection fees since" in page
    assert govuk_date(days_ago(0)) in page and "£260.00" in page and "£249.60" in page
    statement = client.get(page_url("payments:statement", paid_case)).content.decode()
    assert "Child maintenance collected for you" in statement
    assert "Paid into your bank account" in statement
    assert "Collection fee (4%)" in statement


def test_the_receiving_parent_cannot_see_how_to_pay(
    paid_case, cp_receiving_parent, signed_in_client
):
    response = signed_in_client(cp_receiving_parent).get(page_url("payments:how_to_pay", paid_case))
    assert response.status_code == 404


def test_welsh_pages_are_in_welsh(paid_case, cp_paying_parent, signed_in_client):
    page = (
        signed_in_client(cp_paying_parent)
        .get(page_url("payments:overview", paid_case, "/cy"))
        .content.decode()
    )
    assert "Taliadau" in page
    assert "Payments" not in page.split("<main")[1]


def test_statement_filters_by_date_and_keeps_bad_input(
    paid_case, cp_paying_parent, signed_in_client, days_ago
):
    client = signed_in_client(cp_paying_parent)
    url = page_url("payments:statement", paid_case)
    day = days_ago(0)
    response = client.get(
        url, {"date_from-day": day.day, "date_from-month": day.month, "date_from-year": day.year}
    )
    assert response.status_code == 200
    assert "Child maintenance due" not in response.content.decode()
    bad = client.get(
        url,
        {
            "date_from-day": "31",
            "date_from-month": "2",
            "date_from-year": "2025",
            "date_to-day": "x",
        },
    )
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "The start date must be a real date" in text
    assert 'value="31"' in text and 'value="x"' in text


def test_statement_end_before_start_is_an_error(paid_case, cp_paying_parent, signed_in_client):
    response = signed_in_client(cp_paying_parent).get(
        page_url("payments:statement", paid_case),
        {
            "date_from-day": "2",
            "date_from-month": "1",
            "date_from-year": "2025",
            "date_to-day": "1",
            "date_to-month": "1",
            "date_to-year": "2025",
        },
    )
    assert response.status_code == 400
    assert "The end date must be the same as or after the start date" in response.content.decode()


def test_csv_download(paid_case, cp_paying_parent, signed_in_client):
    response = signed_in_client(cp_paying_parent).get(page_url("payments:statement_csv", paid_case))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "Date,What,Amount,Balance"
    assert len(lines) == 4  # header, due, fee, payment received
    assert lines[1].endswith(",0.00")  # newest first: paid up


def test_csv_with_bad_dates_is_a_bad_request(paid_case, cp_paying_parent, signed_in_client):
    response = signed_in_client(cp_paying_parent).get(
        page_url("payments:statement_csv", paid_case), {"date_from-day": "99"}
    )
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_direct_pay_receiving_parent_reports_a_missed_payment(
    make_case, make_user, signed_in_client, run_nightly, days_ago
):
    user = make_user()
    case = make_case(receiving_user=user)
    run_nightly()
    client = signed_in_client(user)
    url = page_url("payments:report_missed", case)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"due_date": days_ago(7).isoformat(), "amount_received": "999"})
    assert bad.status_code == 400
    assert "must be less than £260.00" in bad.content.decode()
    assert 'value="999"' in bad.content.decode()
    missing = client.post(url, {"amount_received": "abc"})
    assert missing.status_code == 400
    assert "Select the payment that did not arrive in full" in missing.content.decode()
    done = client.post(url, {"due_date": days_ago(7).isoformat(), "amount_received": "50"})
    assert done.status_code == 302
    report = DirectPayReport.objects.get()
    assert report.amount_received == Decimal("50.00")
    confirmation = client.get(done["Location"])
    assert "Missed payment reported" in confirmation.content.decode()
    assert client.get(url).content.decode().count('name="due_date"') == 0


def test_paying_parent_and_collect_and_pay_cannot_report_missed_direct_payments(
    paid_case, cp_receiving_parent, make_case, make_user, signed_in_client
):
    assert (
        signed_in_client(cp_receiving_parent)
        .get(page_url("payments:report_missed", paid_case))
        .status_code
        == 404
    )
    user = make_user()
    direct = make_case(paying_user=user)
    assert signed_in_client(user).get(page_url("payments:report_missed", direct)).status_code == 404


def test_case_page_shows_the_money_summary(paid_case, cp_paying_parent, signed_in_client):
    page = (
        signed_in_client(cp_paying_parent)
        .get(reverse("cases:detail", kwargs={"reference": paid_case.reference}))
        .content.decode()
    )
    assert "£312.00 due on" in page
    assert page_url("payments:overview", paid_case) in page

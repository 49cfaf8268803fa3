"""The yearly statement: the same figures as the payment history page for the same
dates, with totals that add up, for a tax year or a calendar year, in English and Welsh."""

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from cms_portal.formatting import govuk_date
from cms_portal.models import AuditEvent
from letters.periods import CALENDAR_YEAR, TAX_YEAR, period_containing
from payments.presenters.statement import signed_money
from tests.fixtures.payments import business_date

from .helpers import pdf_text, read_pdf


def statement_url(case, kind, year, prefix=""):
    return prefix + reverse(
        "letters:statement", kwargs={"reference": case.reference, "kind": kind, "year": year}
    )


@pytest.fixture
def paid_case(collect_and_pay_case, run_nightly, pay, days_ago):
    run_nightly(days_ago(1))
    pay(collect_and_pay_case, "312.00", received_on=days_ago(1))
    run_nightly(days_ago(0))
    return collect_and_pay_case


class _TableRows(HTMLParser):
    """The body rows of the page's table, as lists of cell texts."""

    def __init__(self):
        super().__init__()
        self.rows, self._cell, self._in_body = [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag in ("td", "th") and self._in_body:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _amount(text):
    return Decimal(re.sub(r"[£,]", "", text.replace("\u2212", "-")))


def page_rows(client, case, period):
    """The payment history page filtered to the period: [date, what, amount, balance]."""
    first, last = period.first_day, period.last_day
    response = client.get(
        reverse("payments:statement", kwargs={"reference": case.reference}),
        {
            "date_from-day": first.day,
            "date_from-month": first.month,
            "date_from-year": first.year,
            "date_to-day": last.day,
            "date_to-month": last.month,
            "date_to-year": last.year,
        },
    )
    assert response.status_code == 200
    parser = _TableRows()
    parser.feed(response.content.decode())
    return [row for row in parser.rows if len(row) == 4]


# What the page calls each line -> the statement's total it counts towards.
PAYING_TOTALS = {
    "Child maintenance due": "Child maintenance due",
    "Collection fee": "Collection fees",
    "Payment received": "Payments received",
    "Enforcement charge": "Enforcement charges",
}
RECEIVING_TOTALS = {
    "Child maintenance collected for you": "Child maintenance collected for you",
    "Collection fee": "Collection fees",
    "Paid into your bank account": "Paid into your bank account",
}


@pytest.mark.parametrize("kind", [TAX_YEAR, CALENDAR_YEAR])
@pytest.mark.parametrize("who,totals", [("paying", PAYING_TOTALS), ("receiving", RECEIVING_TOTALS)])
def test_the_totals_are_the_payment_history_pages_figures(
    paid_case, cp_paying_parent, cp_receiving_parent, signed_in_client, kind, who, totals
):
    user = cp_paying_parent if who == "paying" else cp_receiving_parent
    client = signed_in_client(user)
    period = period_containing(kind, business_date())
    rows = page_rows(client, paid_case, period)
    assert len(rows) == 3
    text = pdf_text(read_pdf(client.get(statement_url(paid_case, kind, period.year))))
    sums = dict.fromkeys(totals.values(), Decimal("0.00"))
    for _date, what, amount, _balance in rows:
        label = next(total for start, total in totals.items() if what.startswith(start))
        sums[label] += _amount(amount)
        # Every line of the page is in the letter, as the page words it.
        assert f"{what} {amount}" in text
    for label, total in sums.items():
        assert f"{label} {signed_money(total)}" in text
    closing = rows[0][3]  # the page is newest first
    assert f"Balance at the end of {govuk_date(period.last_day)} {closing}" in text
    assert f"Balance before {govuk_date(period.first_day)} £0.00" in text


def test_the_statement_is_a_tagged_pdf_named_for_its_year(
    paid_case, cp_paying_parent, signed_in_client
):
    period = period_containing(TAX_YEAR, business_date())
    response = signed_in_client(cp_paying_parent).get(
        statement_url(paid_case, TAX_YEAR, period.year)
    )
    reader = read_pdf(response)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en"
    assert reader.metadata.title == (
        f"Payment statement for the tax year {period.year} to {period.year + 1}"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="statement-{paid_case.reference}-tax-year-'
        f'{period.year}-{(period.year + 1) % 100:02d}.pdf"'
    )
    text = pdf_text(reader)
    assert "Page 1 of 1" in text
    assert "Child maintenance that fell due before" in text


def test_the_welsh_statement_is_in_welsh(paid_case, cp_paying_parent, signed_in_client):
    period = period_containing(CALENDAR_YEAR, business_date())
    response = signed_in_client(cp_paying_parent).get(
        statement_url(paid_case, CALENDAR_YEAR, period.year, prefix="/cy")
    )
    reader = read_pdf(response)
    assert reader.trailer["/Root"]["/Lang"] == "cy"
    assert response["Content-Disposition"].endswith(f'-{period.year}-cy.pdf"')
    text = pdf_text(reader)
    assert "Tudalen 1 o 1" in text
    assert "Beth ddigwyddodd" in text and "Balans" in text
    assert "What happened" not in text


def test_a_year_without_money_or_with_arrears_says_so(
    collect_and_pay_case, cp_paying_parent, signed_in_client, run_nightly, days_ago
):
    run_nightly(days_ago(1))
    period = period_containing(CALENDAR_YEAR, business_date())
    text = pdf_text(
        read_pdf(
            signed_in_client(cp_paying_parent).get(
                statement_url(collect_and_pay_case, CALENDAR_YEAR, period.year)
            )
        )
    )
    # Due and not paid: it is owed, and it is arrears once its day has passed.
    assert "Payments received £0.00" in text
    assert "that you have still not paid: £260.00" in text


def test_the_download_is_audited(paid_case, cp_receiving_parent, signed_in_client):
    period = period_containing(TAX_YEAR, business_date())
    signed_in_client(cp_receiving_parent).get(statement_url(paid_case, TAX_YEAR, period.year))
    event = AuditEvent.objects.get(action="letter.downloaded")
    assert event.actor == cp_receiving_parent
    assert event.object_ref == paid_case.reference
    assert event.details["letter"] == "statement"
    assert event.details["period"] == f"tax-year/{period.year}"


@pytest.mark.parametrize(
    "kind,year_offset",
    [("fortnight", 0), (TAX_YEAR, 1), (TAX_YEAR, -5), (CALENDAR_YEAR, 3)],
)
def test_a_year_the_case_cannot_have_is_not_found(
    paid_case, cp_paying_parent, signed_in_client, kind, year_offset
):
    year = business_date().year + year_offset
    response = signed_in_client(cp_paying_parent).get(statement_url(paid_case, kind, year))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="letter.downloaded").exists()


def test_direct_pay_has_no_statement(family_case, paying_parent, signed_in_client):
    year = business_date().year
    client = signed_in_client(paying_parent)
    assert client.get(statement_url(family_case, CALENDAR_YEAR, year)).status_code == 404
    page = client.get(reverse("cases:detail", kwargs={"reference": family_case.reference}))
    assert "/letters/statement/" not in page.content.decode()


def test_the_case_page_offers_this_years_statements(
    paid_case, cp_receiving_parent, signed_in_client
):
    today = business_date()
    page = signed_in_client(cp_receiving_parent).get(
        reverse("cases:detail", kwargs={"reference": paid_case.reference})
    )
    html = page.content.decode()
    tax_year = period_containing(TAX_YEAR, today).year
    assert f'href="{statement_url(paid_case, TAX_YEAR, tax_year)}"' in html
    assert f"Tax year {tax_year} to {tax_year + 1} (PDF)" in html
    assert f'href="{statement_url(paid_case, CALENDAR_YEAR, today.year)}"' in html


def test_the_case_page_takes_the_first_entry_from_the_money_read(
    paid_case, cp_paying_parent, signed_in_client, monkeypatch
):
    """The statements' first day comes with the account the money summary reads, not
    from a query of its own."""
    import letters.presenters

    def unexpected(case, party):
        raise AssertionError("the first entry was read again")

    monkeypatch.setattr(letters.presenters, "first_entry_date", unexpected)
    today = business_date()
    page = signed_in_client(cp_paying_parent).get(
        reverse("cases:detail", kwargs={"reference": paid_case.reference})
    )
    assert page.status_code == 200
    tax_year = period_containing(TAX_YEAR, today).year
    assert f'href="{statement_url(paid_case, TAX_YEAR, tax_year)}"' in page.content.decode()

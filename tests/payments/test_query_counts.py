"""The payment history costs the same number of queries for 1 entry and 10,000."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from payments.models import EntryKind, LedgerEntry, Obligation
from tests.payments.helpers import paying_account


def _add_entries(account, count, start):
    entries = [
        LedgerEntry(
            account=account,
            case_id=account.case_id,
            kind=EntryKind.MAINTENANCE_DUE,
            amount=Decimal("1.00"),
            effective_date=start + timedelta(days=n % 3000),
            idempotency_key=f"bulk-{account.pk}-{n}",
        )
        for n in range(count)
    ]
    LedgerEntry.objects.bulk_create(entries, batch_size=2000)
    receiving = account.case.payment_accounts.get(role="receiving")
    Obligation.objects.bulk_create(
        [
            Obligation(
                case_id=entry.case_id,
                entry=entry,
                kind="maintenance",
                due_date=entry.effective_date,
                amount=entry.amount,
                outstanding=entry.amount,
                receiving_account=receiving,
            )
            for entry in entries
        ],
        batch_size=2000,
    )
    account.balance += Decimal(count)
    account.save(update_fields=["balance"])


def _queries(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured)


def test_statement_and_csv_queries_do_not_grow_with_the_history(
    make_case, make_user, signed_in_client, days_ago
):
    small_user, big_user = make_user(), make_user()
    small = make_case(service_type="collect_and_pay", paying_user=small_user)
    big = make_case(service_type="collect_and_pay", paying_user=big_user)
    _add_entries(paying_account(small), 1, days_ago(10))
    _add_entries(paying_account(big), 10_000, days_ago(4000))
    for name, params in [
        ("payments:statement", {}),
        ("payments:statement", {"page": "7"}),
        ("payments:statement_csv", {}),
        (
            "payments:statement",
            {
                "date_from-day": "1",
                "date_from-month": "1",
                "date_from-year": str(days_ago(3000).year),
            },
        ),
    ]:
        counts = []
        for user, case in ((small_user, small), (big_user, big)):
            url = reverse(name, kwargs={"reference": case.reference})
            counts.append(_queries(signed_in_client(user), url, **params))
        assert counts[0] == counts[1], (name, params, counts)


def test_a_big_history_is_paginated(make_case, make_user, signed_in_client, days_ago):
    user = make_user()
    case = make_case(service_type="collect_and_pay", paying_user=user)
    _add_entries(paying_account(case), 120, days_ago(400))
    client = signed_in_client(user)
    url = reverse("payments:statement", kwargs={"reference": case.reference})
    first = client.get(url).content.decode()
    assert first.count("Child maintenance due") == 50
    assert "page=3" in first and "£120.00" in first
    last = client.get(url, {"page": "3"}).content.decode()
    assert last.count("Child maintenance due") == 20 and "£1.00" in last
    assert client.get(url, {"page": "999"}).status_code == 200
    assert client.get(url, {"page": "x"}).status_code == 200


def test_the_account_read_joins_the_cases_active_plan_once(
    collect_and_pay_case, run_nightly, days_ago, caseworker
):
    """The plan in force comes with the account through one join (not a subquery per
    field); an ended plan is not it."""
    from payments import services
    from payments.selectors import account_position

    case = collect_and_pay_case
    party = case.parties.get(role="paying")
    run_nightly(days_ago(0))
    services.agree_payment_plan(
        acting_user=caseworker,
        case=case,
        amount_per_instalment=Decimal("3.00"),
        starts_on=days_ago(9),
    )
    services.end_payment_plan(acting_user=caseworker, case=case, on_date=days_ago(1))
    assert account_position(case, party).plan is None
    current = services.agree_payment_plan(
        acting_user=caseworker,
        case=case,
        amount_per_instalment=Decimal("4.50"),
        starts_on=days_ago(0),
    )
    with CaptureQueriesContext(connection) as captured:
        plan = account_position(case, party).plan
    assert len(captured) == 1
    assert captured[0]["sql"].count('FROM "payments_arrearspaymentplan"') == 0
    assert (plan.pk, plan.amount_per_instalment, plan.starts_on, plan.status) == (
        current.pk,
        Decimal("4.50"),
        current.starts_on,
        current.status,
    )


def test_each_page_of_the_statement_has_the_figures_of_the_whole_history(
    collect_and_pay_case, make_case, run_nightly, pay, days_ago
):
    """A page reads only its own rows, yet each row's description, amount and balance
    are those of the full statement (the CSV's read), for both parents, across pages and
    date ranges, with a correction and an enforcement charge among them."""
    from payments.models import EntryKind
    from payments.presenters.statement import statement_rows
    from payments.selectors import STATEMENT_PAGE_SIZE, statement_entries, statement_page
    from payments.services import post_enforcement_charge, reverse_entry

    case = collect_and_pay_case
    run_nightly(days_ago(1))
    post_enforcement_charge(
        acting_user=None,
        case=case,
        kind="rdo",
        on_date=days_ago(1),
        idempotency_key="rdo-statement",
    )
    bounced = pay(case, "362.00", received_on=days_ago(1), method="card")
    reverse_entry(
        acting_user=None,
        entry=bounced.entries.get(kind=EntryKind.PAYMENT_RECEIVED),
        reason="Card payment returned",
    )
    pay(case, "20.00")
    run_nightly(days_ago(0))
    _add_entries(paying_account(case), 120, days_ago(400))
    shown = []
    for party in case.parties.all():
        account = case.payment_accounts.get(party=party)
        for date_from, date_to in [(None, None), (days_ago(300), days_ago(1)), (days_ago(1), None)]:
            entries, expected_opening = statement_entries(account, date_from, date_to)
            expected = list(entries)
            pages = (len(expected) - 1) // STATEMENT_PAGE_SIZE + 1
            for number in range(1, pages + 1):
                page, opening = statement_page(case, party, date_from, date_to, str(number))
                start = (number - 1) * STATEMENT_PAGE_SIZE
                wanted = expected[start : start + STATEMENT_PAGE_SIZE]
                rows = statement_rows(page.object_list, opening, paying=party.is_paying)
                assert opening == expected_opening
                assert page.paginator.count == len(expected)
                assert rows == statement_rows(wanted, expected_opening, paying=party.is_paying)
                shown += [row[1]["text"] for row in rows]
    assert "Correction: Payment received: Debit card cancelled" in shown
    assert "Enforcement charge: Regular deduction order" in shown
    # A party is read only in their own case.
    other = make_case(service_type="collect_and_pay")
    assert statement_page(other, case.parties.get(role="paying"), None, None, "1") is None


def test_the_statement_page_reads_the_account_with_the_totals(
    collect_and_pay_case, run_nightly, days_ago
):
    from payments.selectors import statement_page

    case = collect_and_pay_case
    run_nightly(days_ago(0))
    party = case.parties.get(role="paying")
    with CaptureQueriesContext(connection) as captured:
        page, _opening = statement_page(case, party, days_ago(30), None, "1")
    assert len(captured) == 2
    assert page.object_list

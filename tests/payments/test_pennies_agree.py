"""A receiving parent's "you get" figure, on the case page and the payments pages, is
exactly what the ledger passes on for an instalment collected in full; the paying
parent's "you pay" is exactly what the ledger charges. One rounding rule decides both
(`calculation.fees.instalment_fees`)."""

import html
import re
from decimal import Decimal

from django.urls import reverse
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cms_portal.formatting import money
from payments.models import EntryKind, Instalment, LedgerEntry
from payments.presenters.position import money_position


def _text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def _posted(case, kind, **filters):
    return sum(
        (entry.amount for entry in LedgerEntry.objects.filter(case=case, kind=kind, **filters)),
        start=Decimal("0.00"),
    )


# Each example runs the nightly jobs on its own days: a job already run for a date (by an
# earlier example in the same database) rightly does nothing the second time.
USED_WEEKS = set()


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    income=st.decimals(min_value=Decimal("201"), max_value=Decimal("2500"), places=2),
    frequency=st.sampled_from(["weekly", "fortnightly", "four_weekly", "monthly"]),
    nights=st.sampled_from([0, 60, 110, 160]),
    receiving_parents=st.integers(min_value=1, max_value=2),
    week=st.integers(min_value=1, max_value=50),
)
def test_displayed_amounts_equal_what_the_ledger_posts(
    income,
    frequency,
    nights,
    receiving_parents,
    week,
    make_case,
    make_user,
    signed_in_client,
    run_nightly,
    pay,
    days_ago,
):
    assume(week not in USED_WEEKS)
    USED_WEEKS.add(week)
    start = 7 * week
    case = make_case(
        service_type="collect_and_pay",
        income=income,
        nights=nights,
        payment_frequency=frequency,
        receiving_parents=receiving_parents,
        paying_user=make_user(),
        receiving_users=[make_user() for _ in range(receiving_parents)],
        effective_date=days_ago(start),
    )
    paying = case.parties.get(role="paying")
    # Shown the day it falls due; money passed on the next working days.
    shown_paying = money_position(case, paying, on_date=days_ago(start)).next
    shown = {
        party.pk: money_position(case, party, on_date=days_ago(start)).next
        for party in case.parties.filter(role="receiving")
    }
    run_nightly(days_ago(start))
    instalment = Instalment.objects.filter(case=case).order_by("due_date").first()
    assert instalment.due_date == shown_paying.due_date
    # What the paying parent is shown is what the ledger charges.
    charged = _posted(case, EntryKind.MAINTENANCE_DUE) + _posted(case, EntryKind.PAYING_PARENT_FEE)
    assert shown_paying.total == charged
    pay(case, str(charged), received_on=days_ago(start))
    for day in range(start, start - 6, -1):
        run_nightly(days_ago(day))
    for party in case.parties.filter(role="receiving"):
        passed_on = -_posted(case, EntryKind.PASSED_ON, account__party=party)
        fee = -_posted(case, EntryKind.RECEIVING_PARENT_FEE, account__party=party)
        assert shown[party.pk].total == passed_on
        assert shown[party.pk].fee == fee
        client = signed_in_client(party.user)
        case_page = _text(client, reverse("cases:detail", kwargs={"reference": case.reference}))
        assert "so you get " in case_page
        assert f"({money(passed_on)} " in case_page, (passed_on, case_page)


def test_the_demo_figures_agree_to_the_penny(make_case, make_user, signed_in_client):
    """£43.23 a week paid monthly is £187.33; the 4% fee on that instalment is £7.49, so
    the parent gets £179.84 (not £41.50 a week x 52 / 12 = £179.83) on every page."""
    users = [make_user(), make_user()]
    case = make_case(
        service_type="collect_and_pay",
        income=Decimal("850.00"),
        children=1,
        nights=110,
        other_children=1,
        receiving_parents=2,
        paying_user=make_user(),
        receiving_users=users,
    )
    party = case.parties.get(user=users[0])
    assert case.decisions.get().weekly_amount_for(party) == Decimal("43.23")
    client = signed_in_client(users[0])
    kwargs = {"reference": case.reference}
    case_page = _text(client, reverse("cases:detail", kwargs=kwargs))
    schedule = _text(client, reverse("payments:schedule", kwargs=kwargs))
    assert money_position(case, party).next.total == Decimal("179.84")
    assert "(£179.84 a month)" in case_page and "£179.83" not in case_page
    assert "£179.84" in schedule and "£179.83" not in schedule

"""Every money figure a parent sees on the dashboard, the case page, the payments summary,
the schedule and "How to pay" is the same figure: one presenter works them out. An
arrears plan adds nothing when there are no arrears or the parent is in credit, and with a
deduction from earnings order the pages say what the employer takes and what is left."""

import html
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from cms_portal.formatting import govuk_date, money
from payments import services
from payments.presenters.position import money_position


def _text(response):
    assert response.status_code == 200
    page = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _pages(client, case):
    from parents.views import LANGUAGE_APPLIED

    # Stay in English: a Welsh speaker's first visit to the dashboard moves to Welsh.
    session = client.session
    session[LANGUAGE_APPLIED] = True
    session.save()
    kwargs = {"reference": case.reference}
    urls = {
        "dashboard": reverse("cases:dashboard"),
        "case": reverse("cases:detail", kwargs=kwargs),
        "overview": reverse("payments:overview", kwargs=kwargs),
        "schedule": reverse("payments:schedule", kwargs=kwargs),
    }
    return {name: _text(client.get(url)) for name, url in urls.items()}


def _assert_pages_agree(client, case, party):
    position = money_position(case, party)
    pages = _pages(client, case)
    payment = position.next
    assert payment is not None
    for name, text in pages.items():
        assert money(payment.total) in text, (name, money(payment.total))
        assert govuk_date(payment.due_date) in text, name
    for name in ("dashboard", "case", "overview"):
        if position.arrears:
            assert money(position.arrears) in pages[name], (name, position.arrears)
        if position.balance:
            assert money(abs(position.balance)) in pages[name], (name, position.balance)
    return position, pages


def test_demo_cases_show_the_same_figures_on_every_page(db, signed_in_client):
    from cases.models import Case
    from nonprod.demo.cases import DIRECT_PAY_CASE, SAFEGUARDING_CASE, SHARED_CARE_CASE

    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    checked = 0
    for reference in (SHARED_CARE_CASE, DIRECT_PAY_CASE, SAFEGUARDING_CASE):
        case = Case.objects.get(reference=reference)
        for party in case.parties.exclude(user=None):
            _assert_pages_agree(signed_in_client(party.user), case, party)
            checked += 1
    assert checked >= 5


@pytest.fixture
def deo_case(make_employer, make_order, make_user, run_nightly, days_ago):
    """A Collect and Pay case whose paying parent's employer takes £150 a month."""
    order = make_order(
        make_employer(name="Harbour Bakery Ltd"),
        rate=Decimal("150.00"),
        paying_user=make_user(full_name="Dai Paying"),
    )
    case = order.case
    receiving = case.parties.get(role="receiving")
    receiving.user = make_user(full_name="Eira Receiving")
    receiving.save(update_fields=["user"])
    run_nightly(days_ago(0))
    return case


def _paying(case):
    return case.parties.get(role="paying")


def test_a_plan_adds_nothing_when_there_are_no_arrears(
    deo_case, signed_in_client, pay, run_nightly, days_ago, caseworker
):
    party = _paying(deo_case)
    due = money_position(deo_case, party).next
    pay(deo_case, str(due.total), received_on=days_ago(0))
    run_nightly(days_ago(0))
    services.agree_payment_plan(
        acting_user=caseworker,
        case=deo_case,
        amount_per_instalment=Decimal("25.00"),
        starts_on=days_ago(0),
    )
    position, pages = _assert_pages_agree(signed_in_client(party.user), deo_case, party)
    assert position.arrears == 0
    assert position.plan_paused and position.next.plan == 0
    assert "Towards arrears" not in pages["schedule"]
    assert "Paused: you have no arrears" in pages["overview"]
    assert "£25.00 towards arrears" not in pages["overview"]


def test_a_plan_adds_nothing_when_the_parent_is_in_credit(
    deo_case, signed_in_client, pay, run_nightly, days_ago, caseworker
):
    party = _paying(deo_case)
    services.agree_payment_plan(
        acting_user=caseworker,
        case=deo_case,
        amount_per_instalment=Decimal("25.00"),
        starts_on=days_ago(0),
    )
    due = money_position(deo_case, party).next
    pay(deo_case, str(due.total + Decimal("500.00")), received_on=days_ago(0))
    run_nightly(days_ago(0))
    position, pages = _assert_pages_agree(signed_in_client(party.user), deo_case, party)
    assert position.in_credit
    assert position.next.plan == 0
    assert "in credit" in pages["case"] and "in credit" in pages["dashboard"]


def test_a_plan_with_arrears_is_added_but_never_beyond_the_arrears(
    collect_and_pay_case, signed_in_client, pay, run_nightly, days_ago, caseworker
):
    case = collect_and_pay_case
    party = _paying(case)
    run_nightly(days_ago(1))
    pay(case, "10.00", received_on=days_ago(1))
    run_nightly(days_ago(0))
    position = money_position(case, party)
    assert position.arrears > 0
    services.agree_payment_plan(
        acting_user=caseworker,
        case=case,
        amount_per_instalment=position.arrears - Decimal("1.00"),
        starts_on=days_ago(0),
    )
    position, pages = _assert_pages_agree(signed_in_client(party.user), case, party)
    plan_parts = [payment.plan for payment in position.payments]
    assert plan_parts[:2] == [position.arrears - Decimal("1.00"), Decimal("1.00")]
    assert sum(plan_parts) == position.arrears
    assert "Towards arrears" in pages["schedule"]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_with_an_order_the_pages_say_what_the_employer_takes_and_what_is_left(
    deo_case, signed_in_client, language
):
    from django.utils import translation

    party = _paying(deo_case)
    client = signed_in_client(party.user)
    payment = money_position(deo_case, party).next
    assert payment.employer == Decimal("150.00")
    left = payment.total - Decimal("150.00")
    assert left > 0
    kwargs = {"reference": deo_case.reference}
    with translation.override(language):
        schedule = _text(client.get(reverse("payments:schedule", kwargs=kwargs)))
        how = _text(client.get(reverse("payments:how_to_pay", kwargs=kwargs)))
        case_page = _text(client.get(reverse("cases:detail", kwargs=kwargs)))
    for text in (schedule, how, case_page):
        assert "£150.00" in text and money(left) in text
    if language == "cy":
        assert "Harbour Bakery Ltd yn cymryd" in how
    else:
        assert "Taken from your pay" in schedule
        assert f"You need to pay the rest, {money(left)}, yourself" in how
    assert "you do not need to do anything else" not in how.lower()
    assert "does dim angen i chi wneud dim byd arall" not in how.lower()


def test_an_order_covering_the_payment_says_nothing_is_left(
    make_employer, make_order, make_user, signed_in_client, run_nightly, days_ago
):
    order = make_order(
        make_employer(), rate=Decimal("900.00"), paying_user=make_user(full_name="Dai Paying")
    )
    run_nightly(days_ago(0))
    party = _paying(order.case)
    payment = money_position(order.case, party).next
    assert payment.left_to_pay == 0
    how = _text(
        signed_in_client(party.user).get(
            reverse("payments:how_to_pay", kwargs={"reference": order.case.reference})
        )
    )
    assert "You do not need to pay anything yourself" in how


def test_a_receiving_parent_never_sees_the_employer(deo_case, signed_in_client):
    receiving = deo_case.parties.get(role="receiving")
    pages = _pages(signed_in_client(receiving.user), deo_case)
    for text in pages.values():
        assert "Harbour Bakery" not in text
        assert "Taken from your pay" not in text


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_dashboard_shows_arrears_and_balance(
    collect_and_pay_case, signed_in_client, pay, run_nightly, days_ago, language
):
    from django.utils import translation

    from payments.presenters.position import balance_text

    case = collect_and_pay_case
    party = _paying(case)
    run_nightly(days_ago(1))
    pay(case, "10.00", received_on=days_ago(1))
    run_nightly(days_ago(0))
    position = money_position(case, party)
    assert position.arrears > 0 and position.balance > 0
    client = signed_in_client(party.user)
    with translation.override(language):
        page = _text(client.get(reverse("cases:dashboard")))
        balance = balance_text(position)
        label = "Balance" if language == "en" else "Balans"
        arrears = "Arrears" if language == "en" else "Ôl-ddyledion"
    assert f"{label}: {balance}" in page
    assert money(position.balance) in page
    assert money(position.arrears) in page and arrears in page

"""The enforcement section of the case page: worded for each parent, in English and
Welsh, never showing the receiving parent where the paying parent works, banks or lives."""

import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from payments.services.enforcement_process import start_stage

pytestmark = pytest.mark.django_db

EMPLOYER = "Quixotic Zeppelin Works Ltd"
PRIVATE = {
    "address_line_1": "17 Marigold Crescent",
    "town": "Llanfairzed",
    "postcode": "ZZ9 9ZZ",
    "bank_account_name": "Xylophone Holder",
    "bank_sort_code": "998877",
    "bank_account_number": "66554433",
    "employer_name": EMPLOYER,
}


@pytest.fixture
def enforced(make_case, make_user, run_nightly, days_ago, caseworker, make_employer):
    from employers import services as employer_services

    case = make_case(
        service_type="collect_and_pay",
        payment_frequency="weekly",
        effective_date=days_ago(40),
        paying_user=make_user(),
        receiving_user=make_user(),
    )
    paying = case.parties.get(role="paying")
    for field, value in PRIVATE.items():
        setattr(paying, field, value)
    paying.save()
    run_nightly(days_ago(0))  # 40 days in arrears: the notice
    order = employer_services.issue_order(
        acting_user=caseworker,
        employer=make_employer(name=EMPLOYER),
        case=case,
        payroll_number="PAYROLL-QZW-1",
        pay_frequency="weekly",
        normal_deduction_rate=Decimal("40.00"),
        served_on=days_ago(0),
    )
    start_stage(
        acting_user=caseworker,
        case=case,
        stage="deo",
        on_date=days_ago(0),
        idempotency_key="deo-stage",
        order_reference=order.reference,
        notes="Caseworker note NOTE-TOKEN-551",
    )
    case.order = order
    return case


def _page(signed_in_client, user, case, language="en"):
    with translation.override(language):
        url = reverse("cases:detail", kwargs={"reference": case.reference})
    response = signed_in_client(user).get(url)
    assert response.status_code == 200
    return response.content.decode()


def _tokens(case):
    return [*PRIVATE.values(), "PAYROLL-QZW-1", case.order.reference, "NOTE-TOKEN-551"]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_receiving_parent_sees_the_stage_but_nothing_private(
    enforced, signed_in_client, language
):
    user = enforced.parties.get(role="receiving").user
    html = _page(signed_in_client, user, enforced, language)
    if language == "en":
        assert "Action to collect unpaid maintenance" in html
        assert "Deduction from earnings order" in html
        assert "We are collecting the maintenance owed to you directly" in html
        assert "How to stop this" not in html
    else:
        assert "Camau i gasglu cynhaliaeth heb ei thalu" in html
        assert "Action to collect" not in html
    for token in _tokens(enforced):
        assert token not in html, token


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_paying_parent_sees_the_consequences_and_how_to_stop_them(
    enforced, signed_in_client, language
):
    user = enforced.parties.get(role="paying").user
    html = _page(signed_in_client, user, enforced, language)
    with translation.override(language):
        messages = reverse("cases:messages", kwargs={"reference": enforced.reference})
    if language == "en":
        assert "Action to collect your arrears" in html
        assert "We are taking the arrears from your earnings" in html
        assert "a £300.00 charge" in html  # the liability order, from the dated table
        assert "How to stop this" in html and "Pay the arrears of £" in html
        assert f'href="{messages}"' in html
        assert "Arrears notice" in html  # the history
    else:
        assert "Camau i gasglu eich ôl-ddyledion" in html
        assert "Sut i atal hyn" in html
        assert f'href="{messages}"' in html
    # The paying parent's own notes from caseworkers are never shown either.
    assert "NOTE-TOKEN-551" not in html


def test_the_receiving_parents_preview_of_the_paying_parents_page_hides_private_details(
    enforced, signed_in_client
):
    receiving = enforced.parties.get(role="receiving")
    paying = enforced.parties.get(role="paying")
    url = reverse(
        "cases:preview", kwargs={"reference": enforced.reference, "party_id": paying.public_id}
    )
    response = signed_in_client(receiving.user).get(url)
    if response.status_code != 200:
        pytest.skip("previews of this party are not offered")
    html = response.content.decode()
    assert "Action to collect your arrears" in html
    assert "Pay the arrears of £" not in html  # their own figure stays theirs
    assert "Paid since this began" not in html  # and so does what they paid
    for token in _tokens(enforced):
        assert token not in html, token


def test_no_section_without_enforcement(collect_and_pay_case, cp_paying_parent, signed_in_client):
    html = _page(signed_in_client, cp_paying_parent, collect_and_pay_case)
    assert 'id="enforcement"' not in html


def test_another_users_case_is_404_and_anonymous_is_sent_to_sign_in(
    enforced, signed_in_client, make_user, anonymous_client
):
    url = reverse("cases:detail", kwargs={"reference": enforced.reference})
    assert signed_in_client(make_user()).get(url).status_code == 404
    response = anonymous_client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_section_costs_one_read_however_long_the_history(
    enforced, signed_in_client, caseworker, days_ago
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from payments.models import EnforcementStep
    from payments.services.enforcement_process import record_outcome

    client = signed_in_client(enforced.parties.get(role="paying").user)
    url = reverse("cases:detail", kwargs={"reference": enforced.reference})
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    step = EnforcementStep.objects.get(idempotency_key="deo-stage")
    for number in range(3):
        record_outcome(
            acting_user=caseworker,
            step=step,
            status="unsuccessful",
            on_date=days_ago(0),
            idempotency_key=f"more-{number}",
        )
    with CaptureQueriesContext(connection) as after:
        assert "Unsuccessful" in client.get(url).content.decode()
    assert len(after) == len(before)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_payments_stop_and_the_receiving_parent_sees_enforcement_start_and_progress(
    make_case, make_user, run_nightly, pay, days_ago, signed_in_client, language
):
    """Paid for three weeks, then nothing: the nightly job opens enforcement once the
    oldest unpaid payment is 28 days overdue, and the receiving parent's case page shows
    it start and then move on to the reminder, in their language."""
    from payments.models import Instalment

    case = make_case(
        service_type="collect_and_pay",
        payment_frequency="weekly",
        effective_date=days_ago(70),
        paying_user=make_user(),
        receiving_user=make_user(),
    )
    receiving = case.parties.get(role="receiving").user
    for back in (70, 63, 56):
        run_nightly(days_ago(back))
        due = Instalment.objects.get(case=case, due_date=days_ago(back))
        pay(case, str(due.amount + due.fee_amount), received_on=days_ago(back))
    heading = "Action to collect unpaid maintenance" if language == "en" else "Camau i gasglu"

    # The first unpaid payment (day -49) is 27 days overdue: nothing yet.
    run_nightly(days_ago(22))
    assert heading not in _page(signed_in_client, receiving, case, language)

    # 28 days overdue and well over £50 owed: enforcement starts with the notice.
    run_nightly(days_ago(21))
    html = _page(signed_in_client, receiving, case, language)
    with translation.override(language):
        from cms_portal.formatting import govuk_date

        started, review_by = govuk_date(days_ago(21)), govuk_date(days_ago(-7))
        notice, reminder = (
            str(label)
            for label in (
                translation.gettext("Arrears notice"),
                translation.gettext("Reminder"),
            )
        )
    assert heading in html
    assert notice in html and started in html and review_by in html

    # Money collected since it began counts; the three weeks paid before do not.
    with translation.override(language):
        collected = translation.gettext("Collected since this began")
    assert re.search(re.escape(collected) + r"\s*</dt>\s*<dd[^>]*>\s*£0\.00", unescape(html))
    pay(case, "30.00", received_on=days_ago(0))

    # At the review date still short: the reminder, dated, and a new review date.
    run_nightly(days_ago(-7))
    html = _page(signed_in_client, receiving, case, language)
    with translation.override(language):
        assert govuk_date(days_ago(-7)) in html and govuk_date(days_ago(-35)) in html
    assert reminder in html
    assert re.search(re.escape(collected) + r"\s*</dt>\s*<dd[^>]*>\s*£30\.00", unescape(html))


def _shown_since(html, label):
    found = re.search(re.escape(label) + r"\s*</dt>\s*<dd[^>]*>\s*£([\d,]+\.\d\d)", unescape(html))
    assert found, label
    return Decimal(found.group(1).replace(",", ""))


def test_each_receiving_parent_sees_only_their_own_maintenance_collected(
    make_case, make_user, run_nightly, pay, days_ago, signed_in_client
):
    """Paying off everything owed after enforcement opened: the paying parent sees all
    they paid, fee included; each of two receiving parents sees only the maintenance
    collected for them, not the fee and not the other parent's share."""
    from django.db.models import Sum

    from payments.models import Obligation, ObligationKind

    case = make_case(
        service_type="collect_and_pay",
        payment_frequency="weekly",
        effective_date=days_ago(40),
        paying_user=make_user(),
        receiving_users=[make_user(), make_user()],
        receiving_parents=2,
    )
    run_nightly(days_ago(1))  # 40 days unpaid: the arrears notice opens enforcement
    owed = Obligation.objects.filter(case=case).aggregate(total=Sum("outstanding"))["total"]
    pay(case, str(owed), received_on=days_ago(0))
    run_nightly(days_ago(0))

    paying = case.parties.get(role="paying")
    paying_html = _page(signed_in_client, paying.user, case)
    assert _shown_since(paying_html, "Paid since this began") == owed
    shown = {}
    for receiving in case.parties.filter(role="receiving"):
        html = _page(signed_in_client, receiving.user, case)
        assert "Action to collect unpaid maintenance" in html
        own = Obligation.objects.filter(
            case=case, kind=ObligationKind.MAINTENANCE, receiving_account__party=receiving
        ).aggregate(total=Sum("amount"))["total"]
        shown[receiving.pk] = _shown_since(html, "Collected since this began")
        assert shown[receiving.pk] == own
    fees = (
        Obligation.objects.filter(case=case)
        .exclude(kind=ObligationKind.MAINTENANCE)
        .aggregate(total=Sum("amount"))["total"]
    )
    assert fees > 0 and sum(shown.values()) == owed - fees

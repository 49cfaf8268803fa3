"""See how a change would affect the amount: pre-filled from the decision in force, one
answer changed at a time, worked out by the engine itself, the 25% rule stated, nothing
saved, only for the parents (and their representatives) of the case, Welsh, bad input
kept, and the change handed on to the report-a-change journey."""

from dataclasses import replace
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from calculation.engine import (
    Benefit,
    CalculationInput,
    ChildInput,
    ReceivingParentInput,
    calculate,
    instalment_amount,
)
from cases.selectors import current_decision
from cms_portal.formatting import money


def _urls(case, answer="income"):
    reference = case.reference
    return {
        "choose": reverse("cases:what_if", kwargs={"reference": reference}),
        "answer": reverse(
            "cases:what_if_answer", kwargs={"reference": reference, "answer": answer}
        ),
        "result": reverse(
            "cases:what_if_result", kwargs={"reference": reference, "answer": answer}
        ),
    }


def _input_by_hand(case, *, income=Decimal("500.00"), benefit="none", other=0, nights=(0,)):
    """The engine's input for a make_case case, written out here rather than taken from
    the code under test."""
    decision = current_decision(case)
    return CalculationInput(
        effective_date=decision.effective_date,
        gross_weekly_income=income,
        benefit=Benefit(benefit),
        relevant_other_children=other,
        service_type=case.service_type,
        receiving_parents=(ReceivingParentInput(children=tuple(ChildInput(n) for n in nights)),),
    )


def _result(client, case, answer, data):
    response = client.post(_urls(case, answer)["answer"], data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page, response["Location"]


def _table_row(html, label):
    row = html.split(label, 1)[1].split("</tr>", 1)[0]
    return row


@pytest.fixture
def case_and_client(make_case, make_user, signed_in_client):
    user = make_user()
    case = make_case(paying_user=user, children=2, nights=60)
    return case, signed_in_client(user), user


# Reaching it


def test_case_page_links_to_what_if(signed_in_client, paying_parent, receiving_parent, family_case):
    for user in (paying_parent, receiving_parent):
        html = (
            signed_in_client(user)
            .get(reverse("cases:detail", kwargs={"reference": family_case.reference}))
            .content.decode()
        )
        assert "See how a change would affect the amount" in html
        assert _urls(family_case)["choose"] in html


def test_access_matrix(
    family_case,
    anonymous_client,
    signed_in_client,
    paying_parent,
    receiving_parent,
    representative,
    other_parent,
    employer_admin,
    mfa_user_client,
):
    urls = _urls(family_case)
    urls["result"] += "?amount=600&period=week"
    for name, url in urls.items():
        response = anonymous_client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
        assert signed_in_client(other_parent).get(url).status_code == 404, name
        assert mfa_user_client(employer_admin).get(url).status_code == 404, name
        for user in (paying_parent, receiving_parent, representative):
            assert signed_in_client(user).get(url).status_code == 200, (name, user)


def test_a_case_without_a_decision_goes_back_to_the_case_page(
    make_case, make_user, signed_in_client
):
    user = make_user()
    case = make_case(paying_user=user, decision=False)
    client = signed_in_client(user)
    response = client.get(_urls(case)["choose"])
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", kwargs={"reference": case.reference})
    assert client.get(_urls(case)["answer"]).status_code == 404


# Pre-filled from the decision


def test_choose_page_lists_each_answer_with_the_figure_the_decision_used(case_and_client):
    case, client, _user = case_and_client
    html = client.get(_urls(case)["choose"]).content.decode()
    assert "This does not change your case or tell the Child Maintenance Service anything." in html
    assert "Your gross weekly income" in html
    assert "In the current decision: £500.00 a week" in html
    assert "Other children living with you" in html
    for child in case.children.all():
        assert f"Nights a year {child.full_name} stays with the paying parent" in html
        assert f'value="nights-{child.public_id}"' in html
    assert html.count("In the current decision: 60") == 2


def test_each_answer_page_starts_from_the_decision(make_case, make_user, signed_in_client):
    user = make_user()
    case = make_case(paying_user=user, nights=60, other_children=2, income=Decimal("432.10"))
    client = signed_in_client(user)
    child = case.children.get()
    income = client.get(_urls(case, "income")["answer"]).content.decode()
    assert 'value="432.10"' in income
    assert 'value="week" checked' in income
    assert 'value="2"' in client.get(_urls(case, "other-children")["answer"]).content.decode()
    nights = client.get(_urls(case, f"nights-{child.public_id}")["answer"]).content.decode()
    assert 'value="60"' in nights
    benefit = client.get(_urls(case, "benefit")["answer"]).content.decode()
    assert 'value="none" checked' in benefit


def test_choosing_an_answer_leads_to_its_form(case_and_client):
    case, client, _user = case_and_client
    response = client.post(_urls(case)["choose"], {"answer": "other-children"})
    assert response.status_code == 302
    assert response["Location"] == _urls(case, "other-children")["answer"]


# The engine's figures


def test_income_change_gives_the_engines_figure(case_and_client):
    case, client, _user = case_and_client
    page, _ = _result(client, case, "income", {"amount": "3,900", "period": "month"})
    weekly = Decimal("900.00")  # 3,900 x 12 / 52
    expected = calculate(_input_by_hand(case, income=weekly, nights=(60, 60)))
    html = page.content.decode()
    decision = current_decision(case)
    row = _table_row(html, "Weekly amount")
    assert money(decision.weekly_amount) in row and money(expected.weekly_amount) in row
    each = _table_row(html, "Each payment")
    assert f"{money(instalment_amount(expected.weekly_amount, 'monthly'))} a month" in each
    assert "£900.00 a week" in _table_row(html, "Your gross weekly income")
    assert "This does not change your case or tell the Child Maintenance Service anything." in html


def test_other_children_change_gives_the_engines_figure(case_and_client):
    case, client, _user = case_and_client
    page, _ = _result(client, case, "other-children", {"count": "3"})
    expected = calculate(_input_by_hand(case, other=3, nights=(60, 60)))
    assert money(expected.weekly_amount) in _table_row(page.content.decode(), "Weekly amount")
    assert expected.weekly_amount != current_decision(case).weekly_amount


def test_nights_change_gives_the_engines_figure(case_and_client):
    case, client, _user = case_and_client
    second = case.children.order_by("date_of_birth", "id")[1]
    page, _ = _result(client, case, f"nights-{second.public_id}", {"nights": "180"})
    expected = calculate(_input_by_hand(case, nights=(60, 180)))
    assert money(expected.weekly_amount) in _table_row(page.content.decode(), "Weekly amount")
    assert expected.weekly_amount != current_decision(case).weekly_amount


def test_benefit_change_gives_the_engines_figure(case_and_client):
    case, client, _user = case_and_client
    page, _ = _result(client, case, "benefit", {"benefit": "flat_rate_benefit"})
    expected = calculate(_input_by_hand(case, benefit="flat_rate_benefit", nights=(60, 60)))
    html = page.content.decode()
    assert money(expected.weekly_amount) in _table_row(html, "Weekly amount")
    assert "A benefit sets the flat rate" in html


def test_benefit_off_needs_an_income_when_the_decision_had_none(case_and_client):
    from cases import services
    from cases.models import DecisionReason, IncomeSource

    case, client, _user = case_and_client
    services.record_income(
        acting_user=None,
        case=case,
        gross_weekly_income=None,
        benefit="flat_rate_benefit",
        source=IncomeSource.REPORTED,
        effective_from=current_decision(case).effective_date,
    )
    services.make_decision(acting_user=None, case=case, reason=DecisionReason.CHANGE)
    url = _urls(case, "benefit")["answer"]
    missing = client.post(url, {"benefit": "none"})
    assert missing.status_code == 400
    assert "Enter the income before tax" in missing.content.decode()
    page, _ = _result(
        client, case, "benefit", {"benefit": "none", "amount": "700", "period": "week"}
    )
    expected = calculate(_input_by_hand(case, income=Decimal("700.00"), nights=(60, 60)))
    assert money(expected.weekly_amount) in _table_row(page.content.decode(), "Weekly amount")


def test_receiving_parent_sees_their_own_share(make_case, make_user, signed_in_client):
    first = make_user()
    case = make_case(receiving_users=[first, make_user()], receiving_parents=2, children=1)
    mine = case.parties.get(user=first)
    other_child = case.children.exclude(receiving_party=mine).get()
    client = signed_in_client(first)
    # Only their own children's nights are offered.
    html = client.get(_urls(case)["choose"]).content.decode()
    assert other_child.full_name not in html
    assert client.get(_urls(case, f"nights-{other_child.public_id}")["answer"]).status_code == 404
    own_child = case.children.get(receiving_party=mine)
    page, _ = _result(client, case, f"nights-{own_child.public_id}", {"nights": "200"})
    by_hand = _input_by_hand(case, nights=(200,))
    by_hand = replace(
        by_hand,
        receiving_parents=(
            ReceivingParentInput(children=(ChildInput(200),)),
            ReceivingParentInput(children=(ChildInput(0),)),
        ),
    )
    expected = calculate(by_hand)
    row = _table_row(page.content.decode(), "Weekly amount")
    assert money(expected.parent_amounts[0]) in row
    assert money(expected.weekly_amount) not in row


# The 25% rule


@pytest.mark.parametrize(
    ("amount", "new_decision", "percent"),
    [
        ("625.00", True, "25%"),
        ("624.99", False, "24.99%"),  # 24.998%: never shown as reaching the rule
        ("375.00", True, "25%"),
        ("375.01", False, "24.99%"),
        ("550.00", False, "10%"),
        ("1000.00", True, "100%"),
    ],
)
def test_the_income_rule_at_and_around_25_percent(case_and_client, amount, new_decision, percent):
    case, client, _user = case_and_client
    page, _ = _result(client, case, "income", {"amount": amount, "period": "week"})
    html = page.content.decode()
    assert f"This is a change of {percent} from the income in your current decision" in html
    if new_decision:
        assert "That is 25% or more, so telling us about it would lead to a new decision." in html
    else:
        assert "That is less than 25%, so telling us about it would not lead to a new" in html
        assert "the amount would stay at" in html


def test_the_rule_says_other_answers_are_not_held_to_it(case_and_client):
    case, client, _user = case_and_client
    page, _ = _result(client, case, "other-children", {"count": "1"})
    assert "The 25% rule is only for changes of income." in page.content.decode()


# Nothing saved


def _row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_nothing_is_written(case_and_client):
    case, client, _user = case_and_client
    child = case.children.order_by("date_of_birth", "id")[0]
    before = _row_counts()
    with CaptureQueriesContext(connection) as queries:
        client.get(_urls(case)["choose"])
        client.post(_urls(case)["choose"], {"answer": "income"})
        client.get(_urls(case)["answer"])
        client.post(_urls(case)["answer"], {"amount": "", "period": "week"})
        _result(client, case, "income", {"amount": "900", "period": "week"})
        _result(client, case, "benefit", {"benefit": "nil_rate"})
        _result(client, case, "other-children", {"count": "2"})
        _result(client, case, f"nights-{child.public_id}", {"nights": "300"})
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert _row_counts() == before


# Bad input


def test_bad_input_is_a_400_with_what_was_typed_kept(case_and_client):
    case, client, _user = case_and_client
    response = client.post(_urls(case)["answer"], {"amount": "lots", "period": "week"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The income before tax must be an amount of money, like 350 or 350.50" in html
    assert 'value="lots"' in html
    assert 'value="week" checked' in html
    too_many = client.post(_urls(case, "other-children")["answer"], {"count": "99"})
    assert too_many.status_code == 400
    assert "must be 20 or fewer" in too_many.content.decode()
    nothing = client.post(_urls(case)["choose"], {})
    assert nothing.status_code == 400
    assert "Select the answer you want to change" in nothing.content.decode()
    unknown = client.post(_urls(case)["choose"], {"answer": "nights-somebody-else"})
    assert unknown.status_code == 400


def test_a_result_address_changed_by_hand_is_checked_again(case_and_client):
    case, client, _user = case_and_client
    response = client.get(_urls(case)["result"] + "?amount=-5&period=fortnight")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select whether this is a week, a month or a year" in html
    # The form on the page posts to the answer page, not the result.
    assert f'action="{_urls(case)["answer"]}"' in html
    assert client.get(_urls(case, "nobody")["answer"]).status_code == 404


# Welsh


def test_welsh_pages(case_and_client):
    case, client, _user = case_and_client
    urls = _urls(case)  # before a Welsh page makes reverse() give /cy/ addresses
    choose = client.get("/cy" + urls["choose"])
    assert choose.status_code == 200
    html = choose.content.decode()
    assert 'lang="cy"' in html
    assert "Gweld sut byddai newid yn effeithio ar y swm" in html
    assert "Eich incwm wythnosol gros" in html
    answer = client.get("/cy" + urls["answer"]).content.decode()
    assert "Beth petai eich incwm yn newid?" in answer
    response = client.post("/cy" + urls["answer"], {"amount": "700", "period": "week"})
    assert response["Location"].startswith("/cy/")
    result = client.get(response["Location"]).content.decode()
    assert "Nid yw hyn yn newid eich achos" in result
    assert "Swm wythnosol" in result
    assert "Mae hynny’n 25% neu fwy" in result.replace("&#39;", "’")
    bad = client.post("/cy" + urls["answer"], {"amount": "", "period": "week"})
    assert bad.status_code == 400
    assert "Gwall:" in bad.content.decode()


# Handing on to report a change


def _report_link(html):
    marker = html.split(">Report this change<", 1)[0]
    return marker.rsplit('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")


def test_report_this_change_carries_the_income_over(case_and_client):
    case, client, _user = case_and_client
    page, _ = _result(client, case, "income", {"amount": "3,900", "period": "month"})
    link = _report_link(page.content.decode())
    parts = urlsplit(link)
    assert parts.path == reverse(
        "cases:change_form", kwargs={"reference": case.reference, "kind": "income"}
    )
    assert parse_qs(parts.query) == {"amount": ["3900.00"], "period": ["month"]}
    form = client.get(link)
    assert form.status_code == 200
    html = form.content.decode()
    assert 'value="3900.00"' in html
    assert 'value="month" checked' in html
    assert "There is a problem" not in html


def test_report_this_change_carries_the_nights_over(case_and_client):
    case, client, _user = case_and_client
    child = case.children.order_by("date_of_birth", "id")[1]
    page, _ = _result(client, case, f"nights-{child.public_id}", {"nights": "120"})
    html = client.get(_report_link(page.content.decode())).content.decode()
    assert f'value="{child.public_id}" checked' in html
    assert 'value="120"' in html


def test_answers_handed_over_are_checked_not_trusted(make_case, make_user, case_and_client):
    case, client, _user = case_and_client
    stranger = make_case().children.get()
    shared = reverse(
        "cases:change_form", kwargs={"reference": case.reference, "kind": "shared_care"}
    )
    html = client.get(f"{shared}?child={stranger.public_id}&nights=9999").content.decode()
    # (The language link keeps the query; only the form's values matter.)
    assert f'value="{stranger.public_id}"' not in html and "checked" not in html
    assert 'value="9999"' not in html
    income = reverse("cases:change_form", kwargs={"reference": case.reference, "kind": "income"})
    html = client.get(f"{income}?amount=lots&period=decade").content.decode()
    assert 'value="lots"' not in html and "checked" not in html


def test_receiving_parent_is_sent_to_messages_for_the_paying_parents_income(
    signed_in_client, receiving_parent, family_case
):
    client = signed_in_client(receiving_parent)
    page, _ = _result(client, family_case, "income", {"amount": "800", "period": "week"})
    html = page.content.decode()
    assert "Paying parent’s gross weekly income" in html
    assert "from the paying parent’s income in the current decision (£500.00 a week)" in html
    assert ">Report this change<" not in html
    assert reverse("cases:message_new", kwargs={"reference": family_case.reference}) in html


def test_receiving_parent_is_not_offered_income_the_case_page_does_not_show(
    monkeypatch, signed_in_client, receiving_parent, family_case
):
    import cases.presenters.case as case_presenter
    import parents.what_if as what_if

    def paying_only(access):
        return access.is_paying

    monkeypatch.setattr(case_presenter, "paying_parent_facts_shown_to", paying_only)
    monkeypatch.setattr(what_if, "paying_parent_facts_shown_to", paying_only)
    client = signed_in_client(receiving_parent)
    case_page = client.get(reverse("cases:detail", kwargs={"reference": family_case.reference}))
    assert "Paying parent’s gross weekly income" not in case_page.content.decode()
    html = client.get(_urls(family_case)["choose"]).content.decode()
    assert "£500.00" not in html
    assert 'value="income"' not in html and 'value="benefit"' not in html
    assert client.get(_urls(family_case, "income")["answer"]).status_code == 404
    assert client.get(_urls(family_case, "benefit")["answer"]).status_code == 404
    assert 'value="other-children"' in html


def test_report_this_change_carries_other_children_over(case_and_client):
    case, client, _user = case_and_client
    page, _ = _result(client, case, "other-children", {"count": "2"})
    link = _report_link(page.content.decode())
    assert "/changes/report/other_children/?count=2" in link
    assert 'value="2"' in client.get(link).content.decode()


def test_no_report_link_for_someone_who_may_only_view(family_case, make_user, signed_in_client):
    from datetime import date, timedelta

    from cases.models import Representative, RepresentativeStatus

    viewer = make_user()
    Representative.objects.create(
        case=family_case,
        party=family_case.parties.get(role="paying"),
        user=viewer,
        full_name="View Only",
        email=viewer.email,
        can_view=True,
        valid_until=date.today() + timedelta(days=5),
        status=RepresentativeStatus.ACTIVE,
    )
    page, _ = _result(
        signed_in_client(viewer), family_case, "income", {"amount": "900", "period": "week"}
    )
    html = page.content.decode()
    assert ">Report this change<" not in html
    assert "/changes/report/" not in html and "/messages/new/" not in html


def test_from_an_income_of_nothing_any_income_counts(make_case, make_user, signed_in_client):
    user = make_user()
    case = make_case(paying_user=user, income=Decimal("0.00"))
    client = signed_in_client(user)
    page, _ = _result(client, case, "income", {"amount": "50", "period": "week"})
    html = page.content.decode()
    assert "The income in your current decision is £0.00 a week, so any change" in html
    expected = calculate(_input_by_hand(case, income=Decimal("50.00")))
    assert money(expected.weekly_amount) in _table_row(html, "Weekly amount")
    same, _ = _result(client, case, "income", {"amount": "0", "period": "week"})
    assert "The income would not change" in same.content.decode()

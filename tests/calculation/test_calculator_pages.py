"""The public calculator journey through the Django test client, in English and Welsh.
Every page fetched is also checked by tests/page_quality.py."""

import re
from html import unescape

import pytest
import time_machine
from django.test import Client

pytestmark = pytest.mark.django_db

BASE = "/calculate/"


@pytest.fixture
def client():
    return Client()


def text_of(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def post(client, path, data, *, follow=False):
    return client.post(path, data, follow=follow)


def answer_basic_journey(client, prefix="", *, nights=None):
    """£850 a week, 2 children with one receiving parent, 1 other child."""
    base = prefix + BASE
    assert (
        post(client, base + "circumstances/", {"circumstances": "none"}).url == base + "benefits/"
    )
    assert post(client, base + "benefits/", {"benefits": "none"}).url == base + "income/"
    assert (
        post(client, base + "income/", {"amount": "£850", "period": "week"}).url
        == base + "receiving-parents/"
    )
    assert (
        post(client, base + "receiving-parents/", {"receiving_parents": "1"}).url
        == base + "children/1/"
    )
    assert post(client, base + "children/1/", {"children": "2"}).url == base + "other-children/"
    assert (
        post(client, base + "other-children/", {"other_children": "1"}).url == base + "shared-care/"
    )
    if nights is None:
        assert (
            post(client, base + "shared-care/", {"shared_care": "no"}).url
            == base + "check-your-answers/"
        )
        return
    assert post(client, base + "shared-care/", {"shared_care": "yes"}).url == base + "nights/1/1/"
    assert post(client, base + "nights/1/1/", {"nights": nights[0]}).url == base + "nights/1/2/"
    assert (
        post(client, base + "nights/1/2/", {"nights": nights[1]}).url
        == base + "check-your-answers/"
    )


def test_start_page(client):
    response = client.get(BASE)
    assert response.status_code == 200
    page = text_of(response)
    assert "Estimate your child maintenance" in page
    assert "Exit this page" in page
    assert 'href="/calculate/circumstances/"' in response.content.decode()


def test_full_journey_with_shared_care_gives_the_worked_check(client):
    answer_basic_journey(client, nights=["156_to_174", "156_to_174"])
    check = client.get(BASE + "check-your-answers/")
    assert check.status_code == 200
    page = text_of(check)
    assert "£850.00 a week" in page
    assert "3 nights a week (156 to 174 nights a year)" in page
    assert 'href="/calculate/income/?change=1"' in check.content.decode()

    result = client.get(BASE + "result/")
    assert result.status_code == 200
    page = text_of(result)
    assert "The paying parent would pay £69.17 a week." in page
    assert "Your gross weekly income is £850.00." in page
    # The calculator asked for a band, so the explanation quotes the band, not a count.
    assert "Child 1 stays with you for 156 to 174 nights a year" in page
    assert "165 nights" not in page
    # 69.17 x 52 / 12 = 299.736666 -> £299.74; x 52 = £3,596.84.
    assert "£299.74" in page and "£3,596.84" in page
    # Collect and Pay: 69.17 + 13.83 = £83.00; the other parent gets 69.17 - 2.77 = £66.40.
    assert "£83.00" in page and "£66.40" in page
    assert "make a family-based arrangement" in page
    assert "Exit this page" in page


def test_monthly_and_yearly_income_are_converted_to_weekly(client):
    answer_basic_journey(client)
    # £3,683.33 a month x 12 / 52 = 849.999230... -> £850.00 a week.
    post(client, BASE + "income/?change=1", {"amount": "3,683.33", "period": "month"})
    assert "Your gross weekly income is £850.00." in text_of(client.get(BASE + "result/"))
    # £44,200 a year / 52 = £850.00.
    post(client, BASE + "income/?change=1", {"amount": "44200", "period": "year"})
    assert "Your gross weekly income is £850.00." in text_of(client.get(BASE + "result/"))


def test_a_flat_rate_benefit_skips_income(client):
    assert (
        post(client, BASE + "circumstances/", {"circumstances": "none"}).url == BASE + "benefits/"
    )
    assert (
        post(client, BASE + "benefits/", {"benefits": ["state_pension", "carers_allowance"]}).url
        == BASE + "receiving-parents/"
    )
    post(client, BASE + "receiving-parents/", {"receiving_parents": "1"})
    post(client, BASE + "children/1/", {"children": "1"})
    post(client, BASE + "other-children/", {"other_children": "0"})
    post(client, BASE + "shared-care/", {"shared_care": "no"})
    check = text_of(client.get(BASE + "check-your-answers/"))
    assert "State Pension" in check and "Carer’s Allowance" in check
    assert "What is your gross income?" not in check
    page = text_of(client.get(BASE + "result/"))
    assert "£7.00 a week" in page
    # The income question is not part of this journey.
    assert client.get(BASE + "income/").url == BASE + "check-your-answers/"


def test_nil_rate_circumstances(client):
    assert (
        post(client, BASE + "circumstances/", {"circumstances": ["prison"]}).url
        == BASE + "receiving-parents/"
    )
    post(client, BASE + "receiving-parents/", {"receiving_parents": "1"})
    post(client, BASE + "children/1/", {"children": "1"})
    post(client, BASE + "other-children/", {"other_children": "0"})
    post(client, BASE + "shared-care/", {"shared_care": "no"})
    page = text_of(client.get(BASE + "result/"))
    assert "The paying parent would pay £0.00 a week." in page
    assert "Direct Pay and Collect and Pay compared" not in page


def test_several_receiving_parents(client):
    post(client, BASE + "circumstances/", {"circumstances": "none"})
    post(client, BASE + "benefits/", {"benefits": "none"})
    post(client, BASE + "income/", {"amount": "850", "period": "week"})
    assert (
        post(client, BASE + "receiving-parents/", {"receiving_parents": "2"}).url
        == BASE + "children/1/"
    )
    children_page = client.get(BASE + "children/2/")
    assert children_page.url == BASE + "children/1/"  # cannot skip ahead
    assert post(client, BASE + "children/1/", {"children": "1"}).url == BASE + "children/2/"
    assert "How many of your children live with parent or carer 2?" in text_of(
        client.get(BASE + "children/2/")
    )
    post(client, BASE + "children/2/", {"children": "2"})
    post(client, BASE + "other-children/", {"other_children": "1"})
    assert post(client, BASE + "shared-care/", {"shared_care": "yes"}).url == BASE + "nights/1/1/"
    assert "How often does child 1 of parent or carer 1 stay overnight with you?" in text_of(
        client.get(BASE + "nights/1/1/")
    )
    post(client, BASE + "nights/1/1/", {"nights": "fewer_than_52"})
    post(client, BASE + "nights/2/1/", {"nights": "175_or_more"})
    assert (
        post(client, BASE + "nights/2/2/", {"nights": "fewer_than_52"}).url
        == BASE + "check-your-answers/"
    )
    page = text_of(client.get(BASE + "result/"))
    assert "Parent or carer 1 £47.91 a week" in page
    assert "Parent or carer 2 £64.87 a week" in page
    assert "The paying parent would pay £112.78 a week." in page


def test_changing_an_answer_returns_to_check_or_asks_what_is_missing(client):
    answer_basic_journey(client)
    assert (
        post(client, BASE + "other-children/?change=1", {"other_children": "0"}).url
        == BASE + "check-your-answers/"
    )
    # More receiving parents need more answers before the check page.
    assert (
        post(client, BASE + "receiving-parents/?change=1", {"receiving_parents": "2"}).url
        == BASE + "children/2/"
    )
    assert post(client, BASE + "children/2/", {"children": "1"}).url == BASE + "other-children/"
    back = client.get(BASE + "income/?change=1")
    assert 'href="/calculate/check-your-answers/"' in back.content.decode()
    assert 'value="850.00"' in back.content.decode()


def test_check_and_result_need_complete_answers(client):
    assert client.get(BASE + "check-your-answers/").url == BASE + "circumstances/"
    assert client.get(BASE + "result/").url == BASE + "circumstances/"
    post(client, BASE + "circumstances/", {"circumstances": "none"})
    assert client.get(BASE + "result/").url == BASE + "benefits/"
    assert client.get(BASE + "nights/1/1/").url == BASE + "benefits/"
    assert client.get(BASE + "nights/9/9/").url == BASE + "benefits/"


def test_back_links(client):
    assert 'href="/calculate/"' in client.get(BASE + "circumstances/").content.decode()
    post(client, BASE + "circumstances/", {"circumstances": "none"})
    assert 'href="/calculate/circumstances/"' in client.get(BASE + "benefits/").content.decode()


def test_start_again_clears_the_answers(client):
    answer_basic_journey(client)
    assert client.post(BASE + "start-again/").url == BASE
    assert client.get(BASE + "result/").url == BASE + "circumstances/"


def test_answers_are_kept_in_the_session_not_the_database(client):
    from django.apps import apps

    answer_basic_journey(client)
    assert client.session["calculator_answers"]["income"] == {"amount": "850.00", "period": "week"}
    calculation_models = [
        model for model in apps.get_models() if model._meta.app_label == "calculation"
    ]
    assert calculation_models == []


def test_result_uses_todays_rates(client):
    answer_basic_journey(client)
    with time_machine.travel("2024-04-01 12:00", tick=False):
        page = text_of(client.get(BASE + "result/"))
    assert "The figures used are those in force on 1 April 2024." in page


# Every validation error, in English and Welsh: (path, data, field, English, Welsh).
ERRORS = [
    (
        "circumstances/",
        {},
        "circumstances",
        "Select the ones that apply to you, or select ‘No, none of these apply to me’",
        "Dewiswch y rhai sy’n berthnasol i chi, neu dewiswch ‘Na, nid yw’r un o’r rhain yn "
        "berthnasol i mi’",
    ),
    (
        "circumstances/",
        {"circumstances": ["prison", "none"]},
        "circumstances",
        "Select the ones that apply to you, or select ‘No, none of these apply to me’",
        "Dewiswch y rhai sy’n berthnasol i chi, neu dewiswch ‘Na, nid yw’r un o’r rhain yn "
        "berthnasol i mi’",
    ),
    (
        "benefits/",
        {},
        "benefits",
        "Select the benefits, pensions or allowances you get, or select ‘No, I do not get any "
        "of these’",
        "Dewiswch y budd-daliadau, y pensiynau neu’r lwfansau rydych yn eu cael, neu dewiswch "
        "‘Na, nid wyf yn cael dim un o’r rhain’",
    ),
    (
        "benefits/",
        {"benefits": ["carers_allowance", "none"]},
        "benefits",
        "Select the benefits, pensions or allowances you get, or select ‘No, I do not get any "
        "of these’",
        "Dewiswch y budd-daliadau, y pensiynau neu’r lwfansau rydych yn eu cael, neu dewiswch "
        "‘Na, nid wyf yn cael dim un o’r rhain’",
    ),
    (
        "income/",
        {"amount": "", "period": "week"},
        "amount",
        "Enter your gross income",
        "Rhowch eich incwm gros",
    ),
    (
        "income/",
        {"amount": "lots", "period": "week"},
        "amount",
        "Gross income must be an amount of money, like 850 or 850.50",
        "Rhaid i’r incwm gros fod yn swm o arian, fel 850 neu 850.50",
    ),
    (
        "income/",
        {"amount": "850.505", "period": "week"},
        "amount",
        "Gross income must be an amount of money, like 850 or 850.50",
        "Rhaid i’r incwm gros fod yn swm o arian, fel 850 neu 850.50",
    ),
    (
        "income/",
        {"amount": "-10", "period": "week"},
        "amount",
        "Gross income must be £0 or more",
        "Rhaid i’r incwm gros fod yn £0 neu fwy",
    ),
    (
        "income/",
        {"amount": "10000000.01", "period": "week"},
        "amount",
        "Gross income must be £10,000,000 or less",
        "Rhaid i’r incwm gros fod yn £10,000,000 neu lai",
    ),
    (
        "income/",
        {"amount": "850"},
        "period",
        "Select whether your income is for a week, a month or a year",
        "Dewiswch a yw eich incwm ar gyfer wythnos, mis neu flwyddyn",
    ),
    (
        "receiving-parents/",
        {},
        "receiving_parents",
        "Enter how many parents or carers you will pay child maintenance to",
        "Rhowch sawl rhiant neu ofalwr y byddwch yn talu cynhaliaeth plant iddynt",
    ),
    (
        "receiving-parents/",
        {"receiving_parents": "two"},
        "receiving_parents",
        "Number of parents or carers must be a whole number, like 1 or 2",
        "Rhaid i nifer y rhieni neu’r gofalwyr fod yn rhif cyfan, fel 1 neu 2",
    ),
    (
        "receiving-parents/",
        {"receiving_parents": "0"},
        "receiving_parents",
        "Number of parents or carers must be 1 or more",
        "Rhaid i nifer y rhieni neu’r gofalwyr fod yn 1 neu fwy",
    ),
    (
        "receiving-parents/",
        {"receiving_parents": "6"},
        "receiving_parents",
        "Number of parents or carers must be 5 or fewer",
        "Rhaid i nifer y rhieni neu’r gofalwyr fod yn 5 neu lai",
    ),
    (
        "children/1/",
        {},
        "children",
        "Enter how many children you will pay child maintenance for",
        "Rhowch sawl plentyn y byddwch yn talu cynhaliaeth plant ar eu cyfer",
    ),
    (
        "children/1/",
        {"children": "1.5"},
        "children",
        "Number of children must be a whole number, like 1 or 2",
        "Rhaid i nifer y plant fod yn rhif cyfan, fel 1 neu 2",
    ),
    (
        "children/1/",
        {"children": "0"},
        "children",
        "Number of children must be 1 or more",
        "Rhaid i nifer y plant fod yn 1 neu fwy",
    ),
    (
        "children/1/",
        {"children": "11"},
        "children",
        "Number of children must be 10 or fewer",
        "Rhaid i nifer y plant fod yn 10 neu lai",
    ),
    (
        "other-children/",
        {},
        "other_children",
        "Select how many other children live with you",
        "Dewiswch sawl plentyn arall sy’n byw gyda chi",
    ),
    (
        "shared-care/",
        {},
        "shared_care",
        "Select yes if any of the children stay overnight with you",
        "Dewiswch ‘Ydy’ os yw unrhyw un o’r plant yn aros dros nos gyda chi",
    ),
    (
        "nights/1/1/",
        {},
        "nights",
        "Select how often the child stays overnight with you",
        "Dewiswch pa mor aml mae’r plentyn yn aros dros nos gyda chi",
    ),
]


def _reach(client, prefix, path):
    """Answer every question before `path` (validly) so the page can be shown."""
    base = prefix + BASE
    order = [
        "circumstances/",
        "benefits/",
        "income/",
        "receiving-parents/",
        "children/1/",
        "other-children/",
        "shared-care/",
        "nights/1/1/",
    ]
    valid = {
        "circumstances/": {"circumstances": "none"},
        "benefits/": {"benefits": "none"},
        "income/": {"amount": "850", "period": "week"},
        "receiving-parents/": {"receiving_parents": "1"},
        "children/1/": {"children": "1"},
        "other-children/": {"other_children": "0"},
        "shared-care/": {"shared_care": "yes"},
    }
    for earlier in order[: order.index(path)]:
        post(client, base + earlier, valid[earlier])


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(("path", "data", "field", "english", "welsh"), ERRORS)
def test_validation_errors(client, language, path, data, field, english, welsh):
    prefix = "/cy" if language == "cy" else ""
    _reach(client, prefix, path)
    response = post(client, prefix + BASE + path, data)
    assert response.status_code == 400
    message = english if language == "en" else welsh
    page = text_of(response)
    # In the error summary (linking to the field) and next to the field.
    assert page.count(message) == 2, page
    assert f'href="#{field}"' in response.content.decode()
    title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
    assert title.strip().startswith("Error: " if language == "en" else "Gwall: ")
    assert ("Exit this page" if language == "en" else "Gadael y dudalen hon") in page


def test_bad_input_is_kept_on_the_page(client):
    _reach(client, "", "income/")
    response = post(client, BASE + "income/", {"amount": "lots", "period": "month"})
    html = response.content.decode()
    assert 'value="lots"' in html
    assert re.search(r'value="month"\s+checked', html)


def test_welsh_journey(client):
    answer_basic_journey(client, "/cy", nights=["156_to_174", "156_to_174"])
    start = text_of(client.get("/cy" + BASE))
    assert "Amcangyfrif eich cynhaliaeth plant" in start
    check = text_of(client.get("/cy" + BASE + "check-your-answers/"))
    assert "Gwiriwch eich atebion" in check
    assert "£850.00 yr wythnos" in check
    page = text_of(client.get("/cy" + BASE + "result/"))
    assert "Byddai’r rhiant sy’n talu yn talu £69.17 yr wythnos." in page
    assert "Eich incwm wythnosol gros yw £850.00." in page
    assert "Talu Uniongyrchol" in page and "Casglu a Thalu" in page
    for english in ("Your gross weekly income", "Each week", "What you can do next"):
        assert english not in page

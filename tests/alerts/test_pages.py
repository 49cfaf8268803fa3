"""The alerts pages: who may see them, choosing each combination, bad mobile numbers,
the safeguarding question before texts, Welsh, and the audit trail."""

import pytest

from alerts.models import AlertPreferences
from cms_portal.models import AuditEvent
from cms_portal.party_alerts import EVENTS

pytestmark = pytest.mark.django_db

URLS = [
    "/your-account/alerts/",
    "/your-account/alerts/change/",
    "/your-account/alerts/texts-on-a-locked-screen/",
    "/your-account/alerts/saved/",
]


def post_choices(client, prefix="", mobile="", **choices):
    data = {event: sorted(channels) for event, channels in choices.items()}
    data["mobile_number"] = mobile
    return client.post(f"{prefix}/your-account/alerts/change/", data)


def flags(user):
    preferences = AlertPreferences.objects.get(user=user)
    return {event: preferences.choices()[event] for event in EVENTS}


@pytest.mark.parametrize("url", URLS)
def test_anonymous_visitors_are_sent_to_sign_in(anonymous_client, url):
    response = anonymous_client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", URLS)
def test_only_a_parent_in_a_case_has_alerts(signed_in_client, make_user, url):
    assert signed_in_client(make_user()).get(url).status_code == 404


@pytest.mark.parametrize("url", URLS)
def test_a_representative_has_no_alerts_of_their_own(signed_in_client, representative, url):
    assert signed_in_client(representative).get(url).status_code == 404


def test_the_account_page_links_to_alerts_for_parents_only(
    signed_in_client, paying_parent, make_user
):
    page = signed_in_client(paying_parent).get("/your-account/").content.decode()
    assert "Alerts" in page and 'href="/your-account/alerts/"' in page
    assert "By email" in page
    other = signed_in_client(make_user()).get("/your-account/").content.decode()
    assert "/your-account/alerts/" not in other


def test_defaults_are_every_alert_by_email_and_the_case_mobile(signed_in_client, paying_parent):
    page = signed_in_client(paying_parent).get("/your-account/alerts/").content.decode()
    assert "No alerts" not in page and "Text message" not in page
    assert "07700 900" in page  # the number the parent gave for their case
    form = signed_in_client(paying_parent).get("/your-account/alerts/change/").content.decode()
    for event in EVENTS:
        assert f'id="{event}" name="{event}" type="checkbox" value="email" checked' in form


@pytest.mark.parametrize(
    "channels", [set(), {"email"}, {"sms"}, {"email", "sms"}], ids=["none", "email", "sms", "both"]
)
def test_each_combination_is_saved_for_each_alert(signed_in_client, paying_parent, channels):
    client = signed_in_client(paying_parent)
    for event in EVENTS:
        others = {other: {"email"} for other in EVENTS if other != event}
        response = post_choices(client, mobile="07700 900 982", **others, **{event: channels})
        assert response.status_code == 302
        assert response["Location"] == "/your-account/alerts/saved/"
        assert flags(paying_parent) == {**others, event: channels}
    assert client.get("/your-account/alerts/saved/").status_code == 200


def test_every_alert_by_both_ways(signed_in_client, paying_parent):
    client = signed_in_client(paying_parent)
    response = post_choices(
        client, mobile="+44 7700-900 982", **{e: {"email", "sms"} for e in EVENTS}
    )
    assert response.status_code == 302
    preferences = AlertPreferences.objects.get(user=paying_parent)
    assert preferences.mobile_number == "+447700900982"
    assert flags(paying_parent) == {event: {"email", "sms"} for event in EVENTS}
    page = client.get("/your-account/alerts/saved/").content.decode()
    assert page.count("Email and text message") == 4 and "07700 900982" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0770090098", "Enter a UK mobile number, like 07700 900 982 or +44 7700 900 982"),
        ("01632 960 001", "Enter a UK mobile number, like 07700 900 982 or +44 7700 900 982"),
        ("+1 202 555 0100", "Enter a UK mobile number, like 07700 900 982 or +44 7700 900 982"),
        ("my phone", "Enter a mobile number, like 07700 900 982 or +44 7700 900 982"),
    ],
)
def test_a_bad_mobile_number_is_a_400_that_keeps_everything(
    signed_in_client, paying_parent, typed, message
):
    client = signed_in_client(paying_parent)
    response = post_choices(
        client, mobile=typed, decision_made={"sms"}, payment_missed={"email", "sms"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'href="#mobile_number"' in page  # the error summary links to the box
    assert f'value="{typed}"' in page.replace("&#43;", "+")
    assert 'id="decision_made-2" name="decision_made" type="checkbox" value="sms" checked' in page
    assert 'name="payment_missed" type="checkbox" value="email" checked' in page
    assert not AlertPreferences.objects.filter(user=paying_parent).exists()


def test_texts_need_a_number_when_none_is_on_file(signed_in_client, paying_parent):
    paying_parent.parties.update(phone="")
    response = post_choices(signed_in_client(paying_parent), message_answered={"sms"})
    assert response.status_code == 400
    assert "Enter a UK mobile number to get alerts by text message" in response.content.decode()
    # Without texts no number is needed.
    response = post_choices(signed_in_client(paying_parent), message_answered={"email"})
    assert response.status_code == 302


def test_a_made_up_channel_is_a_400_not_an_error(signed_in_client, paying_parent):
    response = post_choices(signed_in_client(paying_parent), decision_made={"pigeon"})
    assert response.status_code == 400
    assert "Select email, text message, both or neither" in response.content.decode()


def test_the_pages_are_in_welsh(signed_in_client, make_user, family_case):
    user = family_case.parties.get(role="receiving").user
    client = signed_in_client(user)
    assert client.get("/cy/your-account/alerts/").status_code == 200
    response = post_choices(client, prefix="/cy", mobile="12", decision_made={"sms"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'lang="cy"' in page
    assert "Enter a UK mobile number" not in page
    assert "Rhowch rif ffôn symudol yn y DU, fel 07700 900 982" in page
    assert "Dewis eich hysbysiadau" in page


def test_changes_are_audited(signed_in_client, paying_parent):
    post_choices(
        signed_in_client(paying_parent), mobile="07700900982", decision_made={"email", "sms"}
    )
    event = AuditEvent.objects.get(action="alerts.preferences_changed")
    assert event.actor == paying_parent
    assert event.details["choices"]["decision_made"] == ["email", "sms"]
    assert event.details["choices"]["payment_received"] == []
    assert event.details["mobile_changed"] is True
    assert "07700" not in str(event.details) and "+44" not in str(event.details)


@pytest.fixture
def safeguarded_parent(make_case, make_user):
    case = make_case(
        service_type="collect_and_pay",
        safeguarding=True,
        paying_user=make_user(),
        receiving_user=make_user(),
    )
    return case.parties.get(role="receiving").user


def test_a_safeguarded_parent_is_asked_before_texts_and_no_keeps_them_off(
    signed_in_client, safeguarded_parent
):
    client = signed_in_client(safeguarded_parent)
    response = post_choices(
        client, mobile="07700 900 982", decision_made={"email", "sms"}, payment_missed={"email"}
    )
    assert response["Location"] == "/your-account/alerts/texts-on-a-locked-screen/"
    # Until they answer, texts are off; the rest is saved.
    assert flags(safeguarded_parent)["decision_made"] == {"email"}
    assert flags(safeguarded_parent)["payment_received"] == set()
    page = client.get(response["Location"]).content.decode()
    assert "locked" in page and "We make a decision" in page
    unanswered = client.post(response["Location"], {})
    assert unanswered.status_code == 400
    assert "Select yes if you still want alerts by text message" in unanswered.content.decode()
    assert client.post(response["Location"], {"confirm": "no"})["Location"] == (
        "/your-account/alerts/saved/"
    )
    assert flags(safeguarded_parent)["decision_made"] == {"email"}
    assert AuditEvent.objects.filter(action="alerts.texts_declined").count() == 1
    # The question is answered once: going back to it shows the alerts page.
    assert client.get(response["Location"])["Location"] == "/your-account/alerts/"


def test_a_safeguarded_parent_who_says_yes_gets_texts(signed_in_client, safeguarded_parent):
    client = signed_in_client(safeguarded_parent)
    post_choices(client, mobile="07700 900 982", payment_received={"sms"})
    response = client.post("/your-account/alerts/texts-on-a-locked-screen/", {"confirm": "yes"})
    assert response["Location"] == "/your-account/alerts/saved/"
    preferences = AlertPreferences.objects.get(user=safeguarded_parent)
    assert preferences.payment_received_sms and preferences.texts_confirmed_at is not None
    event = AuditEvent.objects.get(action="alerts.texts_confirmed")
    assert event.actor == safeguarded_parent and event.details["events"] == ["payment_received"]
    # Keeping the same texts asks nothing again; adding another text asks again.
    assert post_choices(client, payment_received={"sms"})["Location"].endswith("/saved/")
    again = post_choices(client, payment_received={"sms"}, decision_made={"sms"})
    assert again["Location"].endswith("/texts-on-a-locked-screen/")


def test_a_parent_not_safeguarded_is_not_asked(signed_in_client, paying_parent):
    response = post_choices(signed_in_client(paying_parent), payment_received={"sms"})
    assert response["Location"] == "/your-account/alerts/saved/"
    assert flags(paying_parent)["payment_received"] == {"sms"}

"""Each event reaches the parent by the ways they chose, and only those; no alert holds
an amount or a name; Welsh parents get Welsh alerts; a safeguarded parent gets no text
without having confirmed."""

from datetime import timedelta

import pytest
from django.core import mail

from alerts.models import AlertPreferences
from cases import services as case_services
from cases.models import Child
from cases.selectors import CaseAccess
from cms_portal.models import OutboundSms
from cms_portal.party_alerts import EVENTS
from payments.dates import business_date

pytestmark = pytest.mark.django_db

# Planted where a careless alert would pick them up.
OTHER_PARENT = "Zephyrine Quellbottom"
OWN_NAME = "Ignatius Fairweather"
CHILD = "Barnaby Thistlewood"
AMOUNT = "437.19"

WAYS = {"none": set(), "email": {"email"}, "sms": {"sms"}, "both": {"email", "sms"}}


@pytest.fixture
def case(make_case, make_user):
    case = make_case(
        service_type="collect_and_pay",
        payment_frequency="weekly",
        effective_date=business_date() - timedelta(days=10),
        paying_user=make_user(full_name=OWN_NAME),
        receiving_user=make_user(full_name=OTHER_PARENT),
    )
    case.parties.filter(role="paying").update(full_name=OWN_NAME)
    case.parties.filter(role="receiving").update(full_name=OTHER_PARENT)
    Child.objects.filter(case=case).update(full_name=CHILD)
    return case


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what is queued for after commit (emails and texts), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def party(case, role):
    return case.parties.select_related("user").get(role=role)


def everything_sent():
    """(to, text) of every email and text queued or sent."""
    from cms_portal import sms_backends

    emails = [(m.to[0], f"{m.subject}\n{m.body}") for m in mail.outbox]
    texts = [(t["to"], t["body"]) for t in sms_backends.outbox]
    return emails, texts


def assert_no_names_or_amounts(texts):
    for text in texts:
        for token in (OTHER_PARENT, OWN_NAME, CHILD, AMOUNT, "437", "£", "Paying Parent"):
            assert token not in text, f"{token!r} in alert: {text}"


def trigger(event, case, *, pay, run_nightly, days_ago, capture):
    """Make `event` happen to the paying parent through the code that does it for real."""
    payer = party(case, "paying")
    if event == "payment_received":
        pay(case, AMOUNT)
    elif event == "payment_missed":
        with capture(execute=True):
            run_nightly(days_ago(3))
    elif event == "decision_made":
        case_services.make_decision(acting_user=None, case=case)
    elif event == "message_answered":
        message = case_services.start_thread(
            acting_user=payer.user,
            access=CaseAccess(case=case, party=payer),
            subject=f"About {CHILD}",
            body=f"{CHILD} needs {AMOUNT}",
        )
        mail.outbox.clear()
        case_services.reply_to_thread(
            acting_user=None, thread=message.thread, body=f"Dear {OWN_NAME}, {AMOUNT}"
        )


@pytest.mark.parametrize("way", WAYS, ids=list(WAYS))
@pytest.mark.parametrize("event", EVENTS)
def test_each_event_goes_by_the_ways_chosen_and_never_names_or_amounts(
    event,
    way,
    case,
    choose,
    pay,
    run_nightly,
    days_ago,
    sms_outbox,
    django_capture_on_commit_callbacks,
):
    payer = party(case, "paying")
    choose(payer.user, mobile="07700 900 111", **{event: WAYS[way]})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        trigger(
            event,
            case,
            pay=pay,
            run_nightly=run_nightly,
            days_ago=days_ago,
            capture=django_capture_on_commit_callbacks,
        )
    emails, texts = everything_sent()
    to_payer = [text for to, text in emails if to == payer.notification_email]
    assert len(to_payer) == (1 if "email" in WAYS[way] else 0)  # never the old email too
    assert [to for to, _text in texts] == (["+447700900111"] if "sms" in WAYS[way] else [])
    assert_no_names_or_amounts([text for _to, text in emails + texts])
    for _to, text in emails + texts:
        assert "http://127.0.0.1:8000/sign-in/parent/" in text


def test_the_other_parent_is_alerted_by_their_own_choices(
    case, choose, pay, run_nightly, days_ago, sms_outbox, django_capture_on_commit_callbacks
):
    """The receiving parent hears of money passed on to them, and of a missed payment."""
    receiver = party(case, "receiving")
    choose(receiver.user, mobile="07700 900 222", payment_received={"sms"}, payment_missed=set())
    pay(case, "500.00", received_on=days_ago(9))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_nightly(days_ago(3))
    emails, texts = everything_sent()
    assert [to for to, _ in texts] == ["+447700900222"]
    assert "a payment has been received on your case" in texts[0][1]
    assert receiver.notification_email not in [to for to, _ in emails]
    assert_no_names_or_amounts([text for _to, text in emails + texts])


def test_a_parent_not_signed_up_gets_emails_as_before(make_case, sms_outbox, committed):
    case = make_case()  # no users
    with committed():
        case_services.make_decision(acting_user=None, case=case)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        p.notification_email for p in case.parties.all()
    )
    assert {m.subject for m in mail.outbox} == {"We have made a new child maintenance decision"}
    assert sms_outbox == []


def test_a_decision_the_parties_are_told_of_another_way_sends_nothing(case, sms_outbox, committed):
    with committed():
        case_services.make_decision(acting_user=None, case=case, notify=False)
    assert mail.outbox == [] and sms_outbox == []


def test_a_representative_still_hears_of_an_answer(case, representative_for, sms_outbox, committed):
    payer = party(case, "paying")
    adviser = representative_for(payer)
    message = case_services.start_thread(
        acting_user=payer.user,
        access=CaseAccess(case=case, party=payer),
        subject="Question",
        body="Hello",
    )
    mail.outbox.clear()
    with committed():
        case_services.reply_to_thread(acting_user=None, thread=message.thread, body="Answer")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([payer.notification_email, adviser])


@pytest.fixture
def representative_for(make_user):
    from datetime import date

    from cases.models import Representative, RepresentativeStatus

    def make(party):
        user = make_user()
        Representative.objects.create(
            case=party.case,
            party=party,
            user=user,
            full_name="Adviser",
            email=user.email,
            can_view=True,
            can_message=True,
            valid_until=date.today() + timedelta(days=30),
            status=RepresentativeStatus.ACTIVE,
        )
        return user.email

    return make


def test_welsh_parents_get_welsh_alerts(case, choose, sms_outbox, committed):
    payer = party(case, "paying")
    payer.user.preferred_language = "cy"
    payer.user.save(update_fields=["preferred_language"])
    choose(payer.user, decision_made={"email", "sms"})
    mail.outbox.clear()
    with committed():
        case_services.make_decision(acting_user=None, case=case)
    email = next(m for m in mail.outbox if m.to[0] == payer.notification_email)
    assert email.extra_headers["Content-Language"] == "cy"
    assert "Rydym wedi gwneud penderfyniad" in email.subject + email.body
    assert "/cy/sign-in/parent/" in email.body
    (text,) = sms_outbox
    assert text["language"] == "cy" and "/cy/sign-in/parent/" in text["body"]
    assert "Gwasanaeth Cynhaliaeth Plant" in text["body"]
    # The other parent, who did not ask for Welsh, gets English.
    other = next(m for m in mail.outbox if m.to[0] != payer.notification_email)
    assert other.subject == "We have made a new child maintenance decision"


def test_a_safeguarded_parent_gets_no_text_until_they_confirm(
    make_case, make_user, choose, committed
):
    from cms_portal import sms_backends

    case = make_case(paying_user=make_user(), receiving_user=make_user())
    receiver = party(case, "receiving")
    choose(receiver.user, decision_made={"sms"})  # chosen before the case was flagged
    case.safeguarding = True
    case.save(update_fields=["safeguarding"])
    with committed():
        case_services.make_decision(acting_user=None, case=case)
    assert sms_backends.outbox == []
    choose(receiver.user, decision_made={"sms"}, confirm=True)
    with committed():
        case_services.make_decision(acting_user=None, case=case)
    assert len(sms_backends.outbox) == 1


def test_turning_everything_off_sends_nothing(case, choose, pay, sms_outbox, committed):
    payer = party(case, "paying")
    choose(payer.user)
    mail.outbox.clear()
    with committed():
        pay(case, "10.00")
        case_services.make_decision(acting_user=None, case=case)
    assert payer.notification_email not in [m.to[0] for m in mail.outbox]
    assert sms_outbox == []
    assert AlertPreferences.objects.get(user=payer.user).choices() == {e: set() for e in EVENTS}


def test_texts_go_through_the_outbox_and_are_blanked_once_sent(case, choose, sms_outbox, committed):
    payer = party(case, "paying")
    choose(payer.user, decision_made={"sms"})
    with committed():
        case_services.make_decision(acting_user=None, case=case)
    row = OutboundSms.objects.get()
    assert row.status == OutboundSms.SENT and row.body == "" and row.to == "+447700900982"
    assert sms_outbox[0]["reference"] == f"sms-{row.pk}"
    assert row.attempts == 1

"""Mail never in the request: every email, ours and allauth's, is saved and sent by the
mail task after commit, through GOV.UK Notify (faked at the HTTP boundary) in the
user's language; a broker or mail server that is down delays the email, never the page."""

import logging

import pytest
from django.db import transaction

from cms_portal.models import OutboundEmail
from cms_portal.notify import send_email
from cms_portal.tasks import MAX_TRIES, send_outbound_email, send_queued_emails
from tests.fixtures.fake_notify import TEMPLATE_ID, TEMPLATE_ID_CY

from .helpers import PASSWORD

pytestmark = pytest.mark.django_db


def sign_up(client, email, prefix=""):
    return client.post(
        f"{prefix}/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


@pytest.fixture
def broker_down(monkeypatch):
    """Celery not eager, pointed at a port where no broker listens. A connection pool an
    earlier test left open in this process would still reach its own broker, so sending
    is also made to fail as a broker that cannot be reached does."""
    from kombu.exceptions import OperationalError

    conf = send_outbound_email.app.conf
    original_delay = send_outbound_email.delay

    def unreachable(*args, **kwargs):
        if conf.task_always_eager:  # the test has brought the broker back
            return original_delay(*args, **kwargs)
        raise OperationalError("Error 111 connecting to 127.0.0.1:16389. Connection refused.")

    monkeypatch.setattr(send_outbound_email, "delay", unreachable)
    down = {
        "task_always_eager": False,
        "broker_url": "redis://127.0.0.1:16389/0",
        "broker_transport_options": {"max_retries": 0},
        "task_publish_retry": False,
    }
    saved = {key: conf[key] for key in down}
    conf.update(down)
    yield conf
    conf.update(saved)


def test_sign_up_confirms_while_the_broker_is_down_and_the_email_goes_later(
    client, fake_notify, broker_down, caplog
):
    response = sign_up(client, "down.broker@example.test")
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert fake_notify.received == []  # nothing was sent inside the request
    email = OutboundEmail.objects.get(to="down.broker@example.test")
    assert email.status == OutboundEmail.QUEUED
    assert "email.enqueue_failed" in caplog.text

    # The broker is back: beat's sweep hands the queued email over, once.
    broker_down["task_always_eager"] = True
    OutboundEmail.objects.filter(pk=email.pk).update(
        next_try_at=email.created_at.replace(year=2000)
    )
    assert send_queued_emails() == 1
    assert send_queued_emails() == 0
    assert len(fake_notify.received) == 1
    sent = fake_notify.received[0]
    assert sent["email_address"] == "down.broker@example.test"
    assert sent["template_id"] == TEMPLATE_ID
    assert sent["personalisation"]["subject"] == "Confirm your email address"
    assert "/accounts/confirm-email/" in sent["personalisation"]["body"]
    assert sent["reference"] == f"email-{email.pk}"
    email.refresh_from_db()
    assert (email.status, email.body) == (OutboundEmail.SENT, "")


def test_the_task_message_holds_only_the_email_id(client, fake_notify, monkeypatch):
    sent_args = []
    monkeypatch.setattr(send_outbound_email, "delay", lambda *args: sent_args.append(args))
    sign_up(client, "ids.only@example.test", prefix="/cy")
    email = OutboundEmail.objects.get(to="ids.only@example.test")
    assert sent_args == [(email.pk,)]
    assert email.language == "cy"


def test_a_mail_server_that_is_down_is_retried_then_the_email_goes(client, fake_notify, caplog):
    caplog.set_level(logging.INFO, logger="cms_portal.tasks")
    fake_notify.fail_next = 2
    response = sign_up(client, "slow.mail@example.test", prefix="/cy")
    assert response.status_code == 302
    assert len(fake_notify.received) == 1
    assert fake_notify.received[0]["template_id"] == TEMPLATE_ID_CY
    email = OutboundEmail.objects.get(to="slow.mail@example.test")
    assert (email.status, email.attempts) == (OutboundEmail.SENT, 3)
    assert caplog.text.count("email.retry") == 2
    body = fake_notify.received[0]["personalisation"]["body"]
    assert body.strip() and body.strip().splitlines()[0] not in caplog.text


def test_after_the_last_try_a_dead_letter_line_names_the_email_but_not_its_text(
    fake_notify, caplog, django_capture_on_commit_callbacks
):
    fake_notify.fail_next = 100
    caplog.set_level(logging.INFO, logger="cms_portal.tasks")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        email = send_email(
            to="never@example.test",
            template="cases_representative_named",
            context={"representative_name": "Secret Adviser"},
        )
    # The in-process task ran on commit and tried every time.
    email.refresh_from_db()
    assert (email.status, email.attempts, email.body) == (OutboundEmail.FAILED, MAX_TRIES, "")
    dead = [r for r in caplog.records if "email.dead_letter" in r.getMessage()]
    assert len(dead) == 1 and f"email_id={email.pk}" in dead[0].getMessage()
    assert "Secret Adviser" not in caplog.text and "never@example.test" not in caplog.text
    assert fake_notify.received == []
    # A failed email is not sent again by a later sweep or a duplicate message.
    assert send_outbound_email(email.pk) is False


def test_each_retry_waits_twice_as_long_as_the_last(
    fake_notify, monkeypatch, django_capture_on_commit_callbacks
):
    """A mail server that stays down is tried again after 30 s, 1, 2, 4 ... minutes: the
    countdown Celery gets and the row's next try both grow."""
    from django.utils import timezone

    countdowns = []
    # Celery's own retry, which would run the next try at once in-process.
    monkeypatch.setattr(
        send_outbound_email, "retry", lambda countdown, throw: countdowns.append(countdown)
    )
    fake_notify.fail_next = 100
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        email = send_email(to="backoff@example.test", template="cases_representative_named")
    waits = []
    for _ in range(3):
        send_outbound_email.apply(args=[email.pk])  # as the worker runs each retry
        email.refresh_from_db()
        waits.append(round((email.next_try_at - timezone.now()).total_seconds() / 30))
    # The first try ran on commit; the loop made three more.
    assert countdowns == [30, 60, 120, 240]
    assert waits == [2, 4, 8]
    assert (email.status, email.attempts) == (OutboundEmail.QUEUED, 4)
    assert fake_notify.received == []

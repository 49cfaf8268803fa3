"""Text messages take the email path: saved as an outbox row, handed to a Celery task
after commit, sent through SMS_BACKEND, retried with backoff, blanked once sent; GOV.UK
Notify's SMS API in production (faked at the HTTP boundary here)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from cms_portal.models import OutboundSms
from cms_portal.sms import send_sms
from cms_portal.sms_backends import NotifySmsBackend
from cms_portal.tasks import MAX_TRIES, send_outbound_sms, send_queued_sms
from tests.fixtures.fake_notify import TEMPLATE_ID, TEMPLATE_ID_CY

pytestmark = pytest.mark.django_db(transaction=True)
LINK = "https://example.test/sign-in/parent/"


def queue(language="en", to="+447700900982"):
    with transaction.atomic():
        return send_sms(
            to=to, template="alerts_decision_made", context={"link": LINK}, language=language
        )


def test_a_text_is_sent_after_commit_and_its_text_blanked(sms_outbox):
    with transaction.atomic():
        sms = send_sms(
            to="+447700900982",
            template="alerts_payment_received",
            context={"link": LINK},
            language="en",
        )
        assert sms_outbox == []  # nothing leaves inside the transaction
    assert sms_outbox == [
        {
            "to": "+447700900982",
            "body": "Child Maintenance Service: a payment has been received on your case. "
            f"Sign in to see it: {LINK}",
            "language": "en",
            "reference": f"sms-{sms.pk}",
        }
    ]
    sms.refresh_from_db()
    assert (sms.status, sms.body, sms.attempts) == (OutboundSms.SENT, "", 1)


def test_a_rolled_back_change_sends_no_text(sms_outbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError
    assert sms_outbox == [] and not OutboundSms.objects.exists()


def test_no_number_no_text(sms_outbox):
    assert send_sms(to="", template="alerts_decision_made", context={"link": LINK}) is None


class Down:
    def send(self, **kwargs):
        raise ConnectionError("down")


def test_a_backend_that_is_down_is_retried_then_dead_lettered(settings, caplog):
    settings.SMS_BACKEND = "tests.alerts.test_sms_queue.Down"
    sms = queue()
    sms.refresh_from_db()
    assert sms.status == OutboundSms.FAILED and sms.attempts == MAX_TRIES
    assert sms.body == ""
    assert f"sms.dead_letter sms_id={sms.pk}" in caplog.text
    assert "+44" not in caplog.text and "Child Maintenance Service" not in caplog.text
    # A second delivery of the task changes nothing.
    assert send_outbound_sms.apply(args=[sms.pk]).get() is False


def test_the_sweeper_hands_over_texts_left_queued(settings, sms_outbox):
    settings.SMS_BACKEND = "tests.alerts.test_sms_queue.Down"
    OutboundSms.objects.create(to="+447700900982", template="x", body="Hello")
    settings.SMS_BACKEND = "cms_portal.sms_backends.LocmemSmsBackend"
    assert send_queued_sms(older_than_seconds=-60) == 1
    assert [text["body"] for text in sms_outbox] == ["Hello"]
    assert send_queued_sms(older_than_seconds=-60) == 0


def test_notify_gets_the_text_in_the_language_template(settings, fake_notify):
    settings.SMS_BACKEND = "cms_portal.sms_backends.NotifySmsBackend"
    settings.NOTIFY_SMS_TEMPLATE_ID = TEMPLATE_ID
    settings.NOTIFY_SMS_TEMPLATE_ID_CY = TEMPLATE_ID_CY
    english, welsh = queue("en"), queue("cy")
    received = fake_notify.received
    assert [r["path"] for r in received] == ["/v2/notifications/sms"] * 2
    assert received[0]["phone_number"] == "+447700900982"
    assert received[0]["template_id"] == TEMPLATE_ID
    assert received[1]["template_id"] == TEMPLATE_ID_CY
    assert received[0]["reference"] == f"sms-{english.pk}"
    assert "we have made a new decision" in received[0]["personalisation"]["body"]
    assert "Gwasanaeth Cynhaliaeth Plant" in received[1]["personalisation"]["body"]
    assert welsh.pk != english.pk


def test_notify_down_means_a_retry_not_a_lost_text(settings, fake_notify):
    settings.SMS_BACKEND = "cms_portal.sms_backends.NotifySmsBackend"
    settings.NOTIFY_SMS_TEMPLATE_ID = TEMPLATE_ID
    fake_notify.fail_next = 1
    sms = queue()
    sms.refresh_from_db()
    assert sms.status == OutboundSms.SENT and sms.attempts == 2
    assert len(fake_notify.received) == 1


def test_the_notify_backend_needs_its_settings(settings):
    settings.NOTIFY_API_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        NotifySmsBackend()


def test_production_uses_notify_only_when_configured(monkeypatch):
    from tests.portal.test_production_settings import run_production

    show = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SMS_BACKEND, s.PORTAL_BASE_URL)"
    )
    monkeypatch.delenv("NOTIFY_API_KEY", raising=False)
    monkeypatch.delenv("NOTIFY_SMS_TEMPLATE_ID", raising=False)
    result = run_production("-c", show)
    assert result.stdout.split() == [
        "cms_portal.sms_backends.ConsoleSmsBackend",
        "https://cms.example.gov.uk",
    ], result.stderr
    monkeypatch.setenv("NOTIFY_API_KEY", "key")
    monkeypatch.setenv("NOTIFY_SMS_TEMPLATE_ID", "template")
    result = run_production("-c", show)
    assert result.stdout.split()[0] == "cms_portal.sms_backends.NotifySmsBackend", result.stderr

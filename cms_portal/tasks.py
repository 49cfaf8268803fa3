"""Celery tasks of the site itself: sending emails and text messages, and beat's heartbeat."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from .models import Heartbeat, OutboundEmail, OutboundSms

logger = logging.getLogger(__name__)
MAX_TRIES = 7
# A message that arrives this long before its row's next try is a stale duplicate.
EARLY_SLACK = timedelta(seconds=5)


def email_retry_delay(retries):
    """Backoff between tries: 30 s, 1, 2, 4, 8, then 16 minutes."""
    return 30 * 2**retries


def _deliver(task, model, message_id, transmit, kind):
    """Send one queued message (an email or a text) with `transmit(row)`. Safe to run
    twice: a sent or failed row is left alone, a message early for the row's next try is
    a duplicate, and the row lock keeps two workers from sending at once. Logs name the
    row, never the address, number or text, which can hold a sign-in link or code."""
    with transaction.atomic():
        row = model.objects.select_for_update().filter(pk=message_id).first()
        if row is None or row.status != model.QUEUED:
            return False
        if timezone.now() < row.next_try_at - EARLY_SLACK and not task.request.is_eager:
            return False
        row.attempts += 1
        try:
            transmit(row)
        except Exception as error:  # any transport failure: try again later
            failure = type(error).__name__
        else:
            row.status, row.sent_at, row.body = model.SENT, timezone.now(), ""
            row.save(update_fields=["status", "sent_at", "body", "attempts"])
            logger.info(
                "%s.sent %s_id=%s template=%s attempts=%s",
                kind,
                kind,
                row.pk,
                row.template,
                row.attempts,
            )
            return True
        if row.attempts >= MAX_TRIES:
            row.status, row.body = model.FAILED, ""
            row.save(update_fields=["status", "body", "attempts"])
            logger.error(
                "%s.dead_letter %s_id=%s template=%s attempts=%s error=%s",
                kind,
                kind,
                row.pk,
                row.template,
                row.attempts,
                failure,
            )
            return False
        delay = email_retry_delay(row.attempts - 1)
        row.next_try_at = timezone.now() + timedelta(seconds=delay)
        row.save(update_fields=["attempts", "next_try_at"])
    logger.warning(
        "%s.retry %s_id=%s template=%s attempts=%s error=%s",
        kind,
        kind,
        message_id,
        row.template,
        row.attempts,
        failure,
    )
    retry = task.retry(countdown=delay, throw=False)
    if task.request.is_eager:
        return retry  # in-process (tests, local): Celery runs the next try at once
    raise retry


def _sweep(model, enqueue, older_than_seconds):
    """Hands the send task any message still queued a while after it was saved: its
    enqueue failed (the broker was down) or its message was lost. The task ignores a row
    already sent, so a second hand-over is harmless."""
    if older_than_seconds is None:
        older_than_seconds = settings.EMAIL_SWEEP_AFTER_SECONDS
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    ids = list(
        model.objects.filter(status=model.QUEUED, next_try_at__lt=cutoff)
        .order_by("next_try_at")
        .values_list("pk", flat=True)[:500]
    )
    for message_id in ids:
        enqueue(message_id)
    return len(ids)


def _send_email(email):
    EmailMessage(
        email.subject,
        email.body,
        settings.DEFAULT_FROM_EMAIL,
        [email.to],
        headers={"Content-Language": email.language, "X-Reference": f"email-{email.pk}"},
    ).send(fail_silently=False)


def _send_sms(sms):
    from .sms import get_sms_backend

    get_sms_backend().send(
        to=sms.to, body=sms.body, language=sms.language, reference=f"sms-{sms.pk}"
    )


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def send_outbound_email(self, email_id):
    """Send one queued email (see _deliver)."""
    return _deliver(self, OutboundEmail, email_id, _send_email, "email")


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def send_outbound_sms(self, sms_id):
    """Send one queued text message through SMS_BACKEND (see _deliver)."""
    return _deliver(self, OutboundSms, sms_id, _send_sms, "sms")


@shared_task
def send_queued_emails(older_than_seconds=None):
    from .notify import enqueue

    return _sweep(OutboundEmail, enqueue, older_than_seconds)


@shared_task
def send_queued_sms(older_than_seconds=None):
    from .sms import enqueue_sms

    return _sweep(OutboundSms, enqueue_sms, older_than_seconds)


@shared_task
def beat_heartbeat():
    """Beat sends this every minute; readiness reports beat as stalled when it is old."""
    Heartbeat.objects.update_or_create(name="beat", defaults={"at": timezone.now()})

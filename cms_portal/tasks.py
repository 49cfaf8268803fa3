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
EMAIL_MAX_TRIES = 7
# A message that arrives this long before its row's next try is a stale duplicate.
EARLY_SLACK = timedelta(seconds=5)


def email_retry_delay(retries):
    """Backoff between tries: 30 s, 1, 2, 4, 8, then 16 minutes."""
    return 30 * 2**retries


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def send_outbound_email(self, email_id):
    """Send one queued email. Safe to run twice: a sent or failed row is left alone, a
    message early for the row's next try is a duplicate, and the row lock keeps two
    workers from sending at once. Logs name the row, never the text, which can hold a
    sign-in link or code."""
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != OutboundEmail.QUEUED:
            return False
        if timezone.now() < email.next_try_at - EARLY_SLACK and not self.request.is_eager:
            return False
        email.attempts += 1
        message = EmailMessage(
            email.subject,
            email.body,
            settings.DEFAULT_FROM_EMAIL,
            [email.to],
            headers={"Content-Language": email.language, "X-Reference": f"email-{email.pk}"},
        )
        try:
            message.send(fail_silently=False)
        except Exception as error:  # any transport failure: try again later
            failure = type(error).__name__
        else:
            email.status, email.sent_at, email.body = OutboundEmail.SENT, timezone.now(), ""
            email.save(update_fields=["status", "sent_at", "body", "attempts"])
            logger.info(
                "email.sent email_id=%s template=%s attempts=%s",
                email.pk,
                email.template,
                email.attempts,
            )
            return True
        if email.attempts >= EMAIL_MAX_TRIES:
            email.status, email.body = OutboundEmail.FAILED, ""
            email.save(update_fields=["status", "body", "attempts"])
            logger.error(
                "email.dead_letter email_id=%s template=%s attempts=%s error=%s",
                email.pk,
                email.template,
                email.attempts,
                failure,
            )
            return False
        delay = email_retry_delay(email.attempts - 1)
        email.next_try_at = timezone.now() + timedelta(seconds=delay)
        email.save(update_fields=["attempts", "next_try_at"])
    logger.warning(
        "email.retry email_id=%s template=%s attempts=%s error=%s",
        email_id,
        email.template,
        email.attempts,
        failure,
    )
    retry = self.retry(countdown=delay, throw=False)
    if self.request.is_eager:
        return retry  # in-process (tests, local): Celery runs the next try at once
    raise retry


@shared_task
def send_queued_emails(older_than_seconds=None):
    """Hands the mail task any email still queued a while after it was saved: its
    enqueue failed (the broker was down) or its message was lost. The task ignores a
    row already sent, so a second hand-over is harmless."""
    from .notify import enqueue

    if older_than_seconds is None:
        older_than_seconds = settings.EMAIL_SWEEP_AFTER_SECONDS
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    ids = list(
        OutboundEmail.objects.filter(status=OutboundEmail.QUEUED, next_try_at__lt=cutoff)
        .order_by("next_try_at")
        .values_list("pk", flat=True)[:500]
    )
    for email_id in ids:
        enqueue(email_id)
    return len(ids)


SMS_MAX_TRIES = EMAIL_MAX_TRIES


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def send_outbound_sms(self, sms_id):
    """Send one queued text message through SMS_BACKEND, with the email task's rules: safe
    to run twice, row-locked, the same backoff, and logs that name the row, never the
    number or the text."""
    from .sms import get_sms_backend

    with transaction.atomic():
        sms = OutboundSms.objects.select_for_update().filter(pk=sms_id).first()
        if sms is None or sms.status != OutboundSms.QUEUED:
            return False
        if timezone.now() < sms.next_try_at - EARLY_SLACK and not self.request.is_eager:
            return False
        sms.attempts += 1
        try:
            get_sms_backend().send(
                to=sms.to, body=sms.body, language=sms.language, reference=f"sms-{sms.pk}"
            )
        except Exception as error:  # any transport failure: try again later
            failure = type(error).__name__
        else:
            sms.status, sms.sent_at, sms.body = OutboundSms.SENT, timezone.now(), ""
            sms.save(update_fields=["status", "sent_at", "body", "attempts"])
            logger.info(
                "sms.sent sms_id=%s template=%s attempts=%s", sms.pk, sms.template, sms.attempts
            )
            return True
        if sms.attempts >= SMS_MAX_TRIES:
            sms.status, sms.body = OutboundSms.FAILED, ""
            sms.save(update_fields=["status", "body", "attempts"])
            logger.error(
                "sms.dead_letter sms_id=%s template=%s attempts=%s error=%s",
                sms.pk,
                sms.template,
                sms.attempts,
                failure,
            )
            return False
        delay = email_retry_delay(sms.attempts - 1)
        sms.next_try_at = timezone.now() + timedelta(seconds=delay)
        sms.save(update_fields=["attempts", "next_try_at"])
    logger.warning(
        "sms.retry sms_id=%s template=%s attempts=%s error=%s",
        sms_id,
        sms.template,
        sms.attempts,
        failure,
    )
    retry = self.retry(countdown=delay, throw=False)
    if self.request.is_eager:
        return retry
    raise retry


@shared_task
def send_queued_sms(older_than_seconds=None):
    """The sweeper for text messages, as send_queued_emails is for emails."""
    from .sms import enqueue_sms

    if older_than_seconds is None:
        older_than_seconds = settings.EMAIL_SWEEP_AFTER_SECONDS
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    ids = list(
        OutboundSms.objects.filter(status=OutboundSms.QUEUED, next_try_at__lt=cutoff)
        .order_by("next_try_at")
        .values_list("pk", flat=True)[:500]
    )
    for sms_id in ids:
        enqueue_sms(sms_id)
    return len(ids)


@shared_task
def beat_heartbeat():
    """Beat sends this every minute; readiness reports beat as stalled when it is old."""
    Heartbeat.objects.update_or_create(name="beat", defaults={"at": timezone.now()})

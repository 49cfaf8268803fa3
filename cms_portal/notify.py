"""Emails to users, in their language, sent by a Celery task after the transaction commits.

Templates live in templates/emails/<name>.txt; the first line is the subject. Emails
never contain message content, codes typed by users, or the other parent's details.

The request only renders the email and saves it as an OutboundEmail row; the task's
message carries the row's id, so a slow or dead mail server never holds up a page, and a
broker that is down only delays the email (see `send_queued_emails`)."""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def render_email(template, context, language):
    with translation.override(language or settings.LANGUAGE_CODE):
        text = render_to_string(f"emails/{template}.txt", context)
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def queue_rendered_email(*, to, template, subject, body, language=None):
    """Save an already rendered email and hand its id to the mail task on commit."""
    from .models import OutboundEmail

    email = OutboundEmail.objects.create(
        to=to,
        template=template,
        subject=subject,
        body=body,
        language=language or settings.LANGUAGE_CODE,
    )
    # Not delay_on_commit: a broker that is down must not turn a saved change into an
    # error page. The row stays queued and the sweeper hands it over later.
    transaction.on_commit(partial(enqueue, email.pk))
    return email


def queue_rendered_emails(emails):
    """queue_rendered_email for many at once, in one insert: `emails` are
    (to, template, subject, body, language). Returns the saved rows."""
    from .models import OutboundEmail

    if not emails:
        return []
    rows = OutboundEmail.objects.bulk_create(
        [
            OutboundEmail(
                to=to,
                template=template,
                subject=subject,
                body=body,
                language=language or settings.LANGUAGE_CODE,
            )
            for to, template, subject, body, language in emails
        ]
    )
    transaction.on_commit(partial(enqueue_many, [row.pk for row in rows]))
    return rows


def enqueue_many(email_ids):
    for email_id in email_ids:
        enqueue(email_id)


def enqueue(email_id):
    from .tasks import send_outbound_email

    try:
        send_outbound_email.delay(email_id)
    except Exception as error:  # broker unreachable: the sweeper retries
        logger.warning("email.enqueue_failed email_id=%s error=%s", email_id, type(error).__name__)


def send_email(*, to, template, context=None, language=None):
    """Queue an email to be sent when the current transaction commits."""
    if not to:
        return None
    subject, body = render_email(template, context or {}, language)
    return queue_rendered_email(
        to=to, template=template, subject=subject, body=body, language=language
    )


def send_emails(emails):
    """Queue many emails, each a dict of `send_email`'s arguments, saving them in one
    statement (a batch job's notices). Returns the emails saved."""
    from .models import OutboundEmail

    rows = []
    for email in emails:
        if not email["to"]:
            continue
        language = email.get("language")
        subject, body = render_email(email["template"], email.get("context") or {}, language)
        rows.append(
            OutboundEmail(
                to=email["to"],
                template=email["template"],
                subject=subject,
                body=body,
                language=language or settings.LANGUAGE_CODE,
            )
        )
    saved = OutboundEmail.objects.bulk_create(rows)
    ids = [email.pk for email in saved]
    transaction.on_commit(partial(_enqueue_all, ids))
    return saved


def _enqueue_all(ids):
    for email_id in ids:
        enqueue(email_id)

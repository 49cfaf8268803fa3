"""Text messages to users, in their language, sent by a Celery task after the
transaction commits: the same path as emails (cms_portal.notify).

Templates live in templates/sms/<name>.txt (the whole file is the text). A text shows on
a locked phone screen, so it never holds amounts, names, message content or codes.

The request (or job) only renders the text and saves it as an OutboundSms row; the task's
message carries the row's id and sends it through the SMS_BACKEND setting
(cms_portal.sms_backends)."""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def render_sms(template, context, language):
    with translation.override(language or settings.LANGUAGE_CODE):
        text = render_to_string(f"sms/{template}.txt", context)
    return " ".join(text.split())


def get_sms_backend():
    return import_string(settings.SMS_BACKEND)()


def enqueue_sms(sms_id):
    from .tasks import send_outbound_sms

    try:
        send_outbound_sms.delay(sms_id)
    except Exception as error:  # broker unreachable: the sweeper retries
        logger.warning("sms.enqueue_failed sms_id=%s error=%s", sms_id, type(error).__name__)


def send_sms(*, to, template, context=None, language=None):
    """Queue a text message to be sent when the current transaction commits."""
    from .models import OutboundSms

    if not to:
        return None
    sms = OutboundSms.objects.create(
        to=to,
        template=template,
        body=render_sms(template, context or {}, language),
        language=language or settings.LANGUAGE_CODE,
    )
    transaction.on_commit(partial(enqueue_sms, sms.pk))
    return sms

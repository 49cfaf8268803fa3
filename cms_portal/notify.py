"""Emails to users, in their language, sent after the transaction commits.

Templates live in templates/emails/<name>.txt; the first line is the subject. Emails
never contain message content, codes typed by users, or the other parent's details."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def render_email(template, context, language):
    with translation.override(language or settings.LANGUAGE_CODE):
        text = render_to_string(f"emails/{template}.txt", context)
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def send_email(*, to, template, context=None, language=None):
    """Queue an email to be sent when the current transaction commits."""
    if not to:
        return
    subject, body = render_email(template, context or {}, language)
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
    )

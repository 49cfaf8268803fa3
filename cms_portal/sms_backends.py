"""Where text messages go, chosen by the SMS_BACKEND setting, as EMAIL_BACKEND chooses
for emails. Each backend has `send(to=, body=, language=, reference=)` and raises when the
text could not be handed over (the task then tries again later).

- ConsoleSmsBackend: writes the text to standard output (local development).
- LocmemSmsBackend: keeps texts in `outbox` (tests).
- NotifySmsBackend: GOV.UK Notify's SMS API (production, when NOTIFY_API_KEY and
  NOTIFY_SMS_TEMPLATE_ID are set). As for emails, the text is rendered here in the
  user's language and passed as the personalisation `((body))` of one Notify SMS
  template per language."""

import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Texts "sent" by LocmemSmsBackend, as django.core.mail.outbox holds emails in tests.
outbox: list[dict[str, str]] = []


class ConsoleSmsBackend:
    def send(self, *, to, body, language, reference):
        sys.stdout.write(f"Text message to {to} ({language}, {reference}):\n{body}\n")
        sys.stdout.flush()


class LocmemSmsBackend:
    def send(self, *, to, body, language, reference):
        outbox.append({"to": to, "body": body, "language": language, "reference": reference})


class NotifySmsBackend:
    def __init__(self):
        if not settings.NOTIFY_API_KEY or not settings.NOTIFY_SMS_TEMPLATE_ID:
            raise ImproperlyConfigured("NOTIFY_API_KEY and NOTIFY_SMS_TEMPLATE_ID must be set.")
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(
            settings.NOTIFY_API_KEY,
            base_url=settings.NOTIFY_BASE_URL,
            timeout=settings.NOTIFY_TIMEOUT_SECONDS,
        )

    def template_id(self, language):
        if language == "cy" and settings.NOTIFY_SMS_TEMPLATE_ID_CY:
            return settings.NOTIFY_SMS_TEMPLATE_ID_CY
        return settings.NOTIFY_SMS_TEMPLATE_ID

    def send(self, *, to, body, language, reference):
        self.client.send_sms_notification(
            phone_number=to,
            template_id=self.template_id(language),
            personalisation={"body": body},
            reference=reference,
        )

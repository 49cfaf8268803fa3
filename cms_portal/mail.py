"""A Django email backend on GOV.UK Notify. Notify sends from templates held in the
Notify account; ours are rendered here (in the user's language) and passed as the
personalisation of one Notify template per language whose subject is `((subject))` and
whose body is `((body))`."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.notifications import NotificationsAPIClient


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        if not settings.NOTIFY_API_KEY or not settings.NOTIFY_TEMPLATE_ID:
            raise ImproperlyConfigured("NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID must be set.")
        self.client = NotificationsAPIClient(
            settings.NOTIFY_API_KEY,
            base_url=settings.NOTIFY_BASE_URL,
            timeout=settings.NOTIFY_TIMEOUT_SECONDS,
        )

    def template_id(self, message):
        language = message.extra_headers.get("Content-Language", "en")
        if language == "cy" and settings.NOTIFY_TEMPLATE_ID_CY:
            return settings.NOTIFY_TEMPLATE_ID_CY
        return settings.NOTIFY_TEMPLATE_ID

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            for address in message.to:
                try:
                    self.client.send_email_notification(
                        email_address=address,
                        template_id=self.template_id(message),
                        personalisation={"subject": message.subject, "body": message.body},
                        reference=message.extra_headers.get("X-Reference"),
                    )
                except Exception:
                    if not self.fail_silently:
                        raise
                    continue
            sent += 1
        return sent

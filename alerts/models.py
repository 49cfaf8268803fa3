"""What each parent chose to be told, and how."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_portal.party_alerts import EVENTS

EMAIL, SMS = "email", "sms"
CHANNELS = (EMAIL, SMS)


def flag_name(event, channel):
    return f"{event}_{channel}"


class AlertPreferences(models.Model):
    """One row per parent who has changed their alerts; a parent with none gets the
    defaults: every alert by email (as before alerts could be chosen), no texts."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_preferences"
    )
    payment_received_email = models.BooleanField(_("payment received, by email"), default=True)
    payment_received_sms = models.BooleanField(_("payment received, by text"), default=False)
    payment_missed_email = models.BooleanField(_("payment missed, by email"), default=True)
    payment_missed_sms = models.BooleanField(_("payment missed, by text"), default=False)
    decision_made_email = models.BooleanField(_("decision made, by email"), default=True)
    decision_made_sms = models.BooleanField(_("decision made, by text"), default=False)
    message_answered_email = models.BooleanField(_("message answered, by email"), default=True)
    message_answered_sms = models.BooleanField(_("message answered, by text"), default=False)
    # Numbers are kept as +447xxxxxxxxx (alerts.phone), whatever spacing was typed.
    mobile_number = models.CharField(_("mobile number for texts"), max_length=13, blank=True)
    # A safeguarded parent confirmed that texts may show on a locked screen.
    texts_confirmed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("alert preferences")
        verbose_name_plural = _("alert preferences")

    def __str__(self):
        return f"Alerts for user {self.user_id}"

    def wants(self, event, channel):
        return getattr(self, flag_name(event, channel))

    def choices(self):
        """{event: set of channels} as chosen."""
        return {
            event: {channel for channel in CHANNELS if self.wants(event, channel)}
            for event in EVENTS
        }

    @property
    def any_texts(self):
        return any(self.wants(event, SMS) for event in EVENTS)

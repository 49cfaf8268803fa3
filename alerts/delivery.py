"""Sending one alert to one parent, as they chose. Registered with the kernel
(cms_portal.party_alerts) by AlertsConfig.ready.

Alerts hold no amounts and no names, neither the parents' nor the children's: emails
show in previews and texts on locked screens. They say what happened and link to sign in."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from cms_portal.notify import send_email
from cms_portal.sms import send_sms

from .models import EMAIL, SMS
from .selectors import is_safeguarded, preferences_for, texts_allowed


def alert_language(party):
    """Welsh when the parent asked for Welsh on their account or for their case."""
    user = party.user if party.user_id else None
    if getattr(user, "preferred_language", "") == "cy" or party.preferred_language == "cy":
        return "cy"
    return "en"


def sign_in_link(language):
    with translation.override(language):
        path = reverse("cms_portal:sign_in_parent")
    return f"{settings.PORTAL_BASE_URL}{path}"


def send_alert(event, party):
    """Queue the email and or text `party` chose for `event` (sent after commit). A party
    not yet signed up gets the defaults: email only."""
    user = party.user if party.user_id else None
    preferences = preferences_for(user)
    language = alert_language(party)
    context = {"link": sign_in_link(language)}
    template = f"alerts_{event}"
    if preferences.wants(event, EMAIL):
        send_email(
            to=party.notification_email, template=template, context=context, language=language
        )
    if (
        user is not None
        and preferences.wants(event, SMS)
        and preferences.mobile_number
        and texts_allowed(preferences, is_safeguarded(user))
    ):
        send_sms(
            to=preferences.mobile_number, template=template, context=context, language=language
        )

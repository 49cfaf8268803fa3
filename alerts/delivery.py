"""Sending one alert to one parent, as they chose. Registered with the kernel
(cms_portal.party_alerts) by AlertsConfig.ready.

Alerts hold no amounts and no names, neither the parents' nor the children's: emails
show in previews and texts on locked screens. They say what happened and link to sign in."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from cms_portal.notify import queue_rendered_emails, render_email
from cms_portal.sms import send_sms

from .models import EMAIL, SMS, AlertPreferences
from .selectors import is_safeguarded, texts_allowed


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
    send_alerts(event, [party])


def send_alerts(event, parties):
    """send_alert for each of `parties` (with their users selected), in a fixed number of
    queries however many there are: the preferences are read at once, each language's
    email is written once (an alert names nobody and no amount, so it is the same for
    every parent reading that language), and the emails are saved in one insert."""
    parties = list(parties)
    users = {party.user_id: party.user for party in parties if party.user_id}
    saved = {}
    if users:
        saved = {
            preferences.user_id: preferences
            for preferences in AlertPreferences.objects.filter(user_id__in=list(users))
        }
    template = f"alerts_{event}"
    emails, texts = [], []
    for party in parties:
        user = users.get(party.user_id)
        preferences = saved.get(party.user_id) or AlertPreferences(user=user)
        language = alert_language(party)
        if preferences.wants(event, EMAIL) and party.notification_email:
            emails.append((party.notification_email, language))
        if user is not None and preferences.wants(event, SMS) and preferences.mobile_number:
            texts.append((user, preferences, language))
    rendered = {
        language: render_email(template, {"link": sign_in_link(language)}, language)
        for language in {language for _to, language in emails}
    }
    queue_rendered_emails(
        [(to, template, *rendered[language], language) for to, language in emails]
    )
    for user, preferences, language in texts:
        if texts_allowed(preferences, is_safeguarded(user)):
            context = {"link": sign_in_link(language)}
            send_sms(
                to=preferences.mobile_number, template=template, context=context, language=language
            )

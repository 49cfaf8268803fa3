"""What the alerts pages and the account page show about a parent's alerts."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms_portal.party_alerts import (
    DECISION_MADE,
    EVENTS,
    MESSAGE_ANSWERED,
    PAYMENT_MISSED,
    PAYMENT_RECEIVED,
)

from .models import EMAIL, SMS
from .phone import display_mobile
from .selectors import (
    alert_standing,
    is_safeguarded,
    mobile_on_file,
    preferences_for,
    texts_allowed,
)

EVENT_NAMES = {
    PAYMENT_RECEIVED: _("A payment is received"),
    PAYMENT_MISSED: _("A payment is missed"),
    DECISION_MADE: _("We make a decision"),
    MESSAGE_ANSWERED: _("We answer your message"),
}
EVENT_QUESTIONS = {
    PAYMENT_RECEIVED: _("When a payment is received"),
    PAYMENT_MISSED: _("When a payment is missed"),
    DECISION_MADE: _("When we make a decision about your case"),
    MESSAGE_ANSWERED: _("When we answer your message"),
}
EVENT_HINTS = {
    PAYMENT_RECEIVED: _("A payment you made has reached us, or we have paid you."),
    PAYMENT_MISSED: _("A payment due on your case was not paid in full."),
    DECISION_MADE: _("For example, a new calculation after a change."),
    MESSAGE_ANSWERED: _("A caseworker has replied to a message you sent us."),
}
CHANNEL_NAMES = {EMAIL: _("Email"), SMS: _("Text message")}


def effective_choices(user, safeguarded=None):
    """{event: channels} as alerts are really sent: a safeguarded parent's texts count
    only once confirmed."""
    preferences = preferences_for(user)
    if safeguarded is None:
        safeguarded = is_safeguarded(user)
    allowed = texts_allowed(preferences, safeguarded)
    return {
        event: {c for c in channels if c == EMAIL or allowed}
        for event, channels in preferences.choices().items()
    }


def _how(channels):
    if channels == {EMAIL, SMS}:
        return _("Email and text message")
    if channels == {EMAIL}:
        return _("Email")
    if channels == {SMS}:
        return _("Text message")
    return _("No alerts")


def settings_rows(user):
    choices = effective_choices(user)
    change = reverse("alerts:change")
    rows = [
        {
            "key": {"text": EVENT_NAMES[event]},
            "value": {"text": _how(choices[event])},
            "actions": {
                "items": [
                    {"href": change, "text": _("Change"), "visuallyHiddenText": EVENT_NAMES[event]}
                ]
            },
        }
        for event in EVENTS
    ]
    number = mobile_on_file(user)
    rows.append(
        {
            "key": {"text": _("Mobile number for texts")},
            "value": {"text": display_mobile(number) if number else _("Not given")},
            "actions": {
                "items": [
                    {
                        "href": change,
                        "text": _("Change"),
                        "visuallyHiddenText": _("mobile number for texts"),
                    }
                ]
            },
        }
    )
    return rows


def _account_value(choices):
    channels = set().union(*choices.values())
    if not channels:
        return _("No alerts")
    if SMS in channels and EMAIL in channels:
        return _("By email and text message")
    if SMS in channels:
        return _("By text message")
    return _("By email")


def account_rows(user):
    """The "Alerts" row of the account page, for a parent in a case."""
    in_a_case, safeguarded = alert_standing(user)
    if not in_a_case:
        return []
    return [
        {
            "key": {"text": _("Alerts")},
            "value": {"text": _account_value(effective_choices(user, safeguarded))},
            "actions": {
                "items": [
                    {
                        "href": reverse("alerts:settings"),
                        "text": _("Change"),
                        "visuallyHiddenText": _("alerts"),
                    }
                ]
            },
        }
    ]

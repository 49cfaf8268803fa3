"""Changing a parent's alerts. Each change is one transaction with its audit event.

A safeguarded parent is asked before any text is turned on (a text shows on a locked
screen): `update_alert_preferences` saves everything else and leaves those texts off,
saying which wait for `confirm_texts`."""

from django.db import transaction
from django.utils import timezone

from cms_portal.audit import record_audit_event
from cms_portal.party_alerts import EVENTS

from .models import EMAIL, SMS, AlertPreferences, flag_name
from .selectors import is_safeguarded, texts_allowed


def _locked_preferences(user):
    AlertPreferences.objects.get_or_create(user=user)
    return AlertPreferences.objects.select_for_update().get(user=user)


def _chosen(preferences):
    return {event: sorted(channels) for event, channels in preferences.choices().items()}


@transaction.atomic
def update_alert_preferences(*, acting_user, user, choices, mobile_number=""):
    """`choices` is {event: set of "email"/"sms"}; an event left out gets no alerts.
    Returns the events whose texts wait for the safeguarded parent's confirmation."""
    preferences = _locked_preferences(user)
    safeguarded = is_safeguarded(user)
    texts_on_now = texts_allowed(preferences, safeguarded)
    waiting = []
    for event in EVENTS:
        chosen = set(choices.get(event, ()))
        setattr(preferences, flag_name(event, EMAIL), EMAIL in chosen)
        text = SMS in chosen
        if text and safeguarded and not (preferences.wants(event, SMS) and texts_on_now):
            waiting.append(event)
            text = False
        setattr(preferences, flag_name(event, SMS), text)
    mobile_changed = bool(mobile_number) and mobile_number != preferences.mobile_number
    if mobile_number:
        preferences.mobile_number = mobile_number
    if not preferences.any_texts:
        # Turning texts on again later asks a safeguarded parent again.
        preferences.texts_confirmed_at = None
    preferences.updated_at = timezone.now()
    preferences.save()
    record_audit_event(
        acting_user=acting_user,
        action="alerts.preferences_changed",
        obj=preferences,
        user=str(user.public_id),
        choices=_chosen(preferences),
        mobile_changed=mobile_changed,
        texts_awaiting_confirmation=waiting,
    )
    return waiting


@transaction.atomic
def confirm_texts(*, acting_user, user, events, mobile_number=""):
    """The safeguarded parent said yes: texts may show on a locked screen."""
    preferences = _locked_preferences(user)
    events = [event for event in EVENTS if event in set(events)]
    for event in events:
        setattr(preferences, flag_name(event, SMS), True)
    if mobile_number:
        preferences.mobile_number = mobile_number
    preferences.texts_confirmed_at = timezone.now()
    preferences.updated_at = preferences.texts_confirmed_at
    preferences.save()
    record_audit_event(
        acting_user=acting_user,
        action="alerts.texts_confirmed",
        obj=preferences,
        user=str(user.public_id),
        events=events,
    )
    return preferences


@transaction.atomic
def decline_texts(*, acting_user, user, events):
    """The safeguarded parent said no: texts stay off; the answer is recorded."""
    preferences = _locked_preferences(user)
    record_audit_event(
        acting_user=acting_user,
        action="alerts.texts_declined",
        obj=preferences,
        user=str(user.public_id),
        events=[event for event in EVENTS if event in set(events)],
    )
    return preferences

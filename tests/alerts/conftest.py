"""Fixtures for alerts: the in-memory text outbox and parents in cases."""

import pytest


@pytest.fixture(autouse=True)
def sms_outbox():
    from cms_portal import sms_backends

    sms_backends.outbox.clear()
    yield sms_backends.outbox
    sms_backends.outbox.clear()


@pytest.fixture
def choose(db):
    """Save a user's alert choices through the service, e.g. choose(user, decision_made={"sms"})."""
    from alerts import services
    from cms_portal.party_alerts import EVENTS

    def save(user, mobile="07700 900 982", confirm=False, **choices):
        from alerts.phone import normalise_uk_mobile

        chosen = {event: set(choices.get(event, ())) for event in EVENTS}
        waiting = services.update_alert_preferences(
            acting_user=user, user=user, choices=chosen, mobile_number=normalise_uk_mobile(mobile)
        )
        if confirm and waiting:
            services.confirm_texts(acting_user=user, user=user, events=waiting)
        return waiting

    return save

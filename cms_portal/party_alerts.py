"""Alerts to a parent about their case: four events, each sent by email and or text
message as the parent chose.

The events happen in lower layers (cases, payments) and the choices live in the alerts
app above them, so the alerts app registers its sender here from its AppConfig.ready. A
caller that used to send its own email for an event asks `send_party_alert` first and
sends its email only when no sender is registered, so a parent never gets both."""

PAYMENT_RECEIVED = "payment_received"
PAYMENT_MISSED = "payment_missed"
DECISION_MADE = "decision_made"
MESSAGE_ANSWERED = "message_answered"
EVENTS = (PAYMENT_RECEIVED, PAYMENT_MISSED, DECISION_MADE, MESSAGE_ANSWERED)

_sender = None


def register_alert_sender(sender):
    """`sender(event, party)` queues the alerts one party chose for one event."""
    global _sender
    _sender = sender


def alert_sender_registered():
    return _sender is not None


def send_party_alert(event, party):
    """Alert `party` (a cases Party) about `event`, as they chose. False when no sender is
    registered: the caller then tells them its own way."""
    if event not in EVENTS:
        raise ValueError(f"Unknown alert event {event!r}")
    if _sender is None:
        return False
    _sender(event, party)
    return True

"""Writing audit events. Call inside the service's transaction so the event and the
change commit or roll back together."""

from contextlib import contextmanager
from contextvars import ContextVar

from .logging import current_request_id
from .models import AuditEvent

# Events held back by `audit_events_together`, or None outside it.
_held: ContextVar[list | None] = ContextVar("held_audit_events", default=None)


def audit_event(*, acting_user, action, obj=None, object_type="", object_ref="", **details):
    """The event, not yet saved (for `record_audit_events`)."""
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_ref = object_ref or str(getattr(obj, "reference", None) or obj.pk)
    actor = acting_user if getattr(acting_user, "is_authenticated", False) else None
    return AuditEvent(
        actor=actor,
        action=action,
        object_type=object_type,
        object_ref=str(object_ref),
        request_id=current_request_id() or "",
        details=details,
    )


def record_audit_event(**event):
    """Record one event; takes what `audit_event` takes."""
    made = audit_event(**event)
    made.save(force_insert=True)
    return made


def record_audit_events(events):
    """Record events made by `audit_event` in one statement (a batch job's); inside
    `audit_events_together`, at the end of that block."""
    held = _held.get()
    if held is not None:
        held.extend(events)
        return events
    return AuditEvent.objects.bulk_create(events)


@contextmanager
def audit_events_together():
    """Within the block (inside the caller's transaction), `record_audit_events` holds
    its events and they are all written in one statement when the block ends."""
    if _held.get() is not None:  # already inside one: the outer block writes them
        yield
        return
    held: list = []
    token = _held.set(held)
    try:
        yield
    finally:
        _held.reset(token)
    AuditEvent.objects.bulk_create(held)

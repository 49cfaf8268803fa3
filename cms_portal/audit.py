"""Writing audit events. Call inside the service's transaction so the event and the
change commit or roll back together."""

from .logging import current_request_id
from .models import AuditEvent


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
    """Record events made by `audit_event` in one statement (a batch job's)."""
    return AuditEvent.objects.bulk_create(events)

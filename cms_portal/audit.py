"""Writing audit events. Call inside the service's transaction so the event and the
change commit or roll back together."""

from .logging import current_request_id
from .models import AuditEvent


def record_audit_event(*, acting_user, action, obj=None, object_type="", object_ref="", **details):
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_ref = object_ref or str(getattr(obj, "reference", None) or obj.pk)
    actor = acting_user if getattr(acting_user, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=object_type,
        object_ref=str(object_ref),
        request_id=current_request_id() or "",
        details=details,
    )

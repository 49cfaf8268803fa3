"""One structured log line per security event (sign-in, lockout, sign-out, password
reset or change, two-step verification changes).

Each line carries the UTC time, the user's id (or a keyed hash of the email typed when
there is no user), the client IP, the request id and the outcome. Only values built
here are logged, so a password, code, token or session key can never reach the log.
"""

import hashlib
import hmac
import logging
from datetime import UTC, datetime

from axes.helpers import get_client_ip_address
from django.conf import settings

from cms_portal.logging import current_request_id

logger = logging.getLogger("cms_portal.security")

# Free text never goes into a line: only these words may appear as values.
EVENTS = {
    "sign_in",
    "sign_out",
    "lockout",
    "password_reset_requested",
    "password_reset",
    "password_change",
    "mfa_added",
    "mfa_removed",
    "mfa_recovery_codes_reset",
    "mfa_verified",
    "mfa_failed",
}
OUTCOMES = {"success", "failure", "locked", "requested", "signed_out", "timeout", "expired"}


def hash_email(email):
    """A keyed hash, so the same address can be followed across lines without being
    readable (or guessable from a list of addresses) by someone holding the log."""
    normalised = (email or "").strip().lower().encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), normalised, hashlib.sha256).hexdigest()
    return digest[:20]


def _client_ip(request):
    if request is None:
        return "-"
    try:
        return get_client_ip_address(request) or "-"
    except Exception:  # an unparsable address must not stop the event being logged
        return "-"


def _safe_token(value):
    text = str(value)
    return text if text and all(c.isalnum() or c in "-_.:" for c in text) else "-"


def log_security_event(event, *, outcome, request=None, user=None, email=None, **details):
    """Write the line. `details` values must be simple words (a method name, a type)."""
    if event not in EVENTS or outcome not in OUTCOMES:
        raise ValueError(f"unknown security event {event}/{outcome}")
    user_id = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
    fields = {
        "event": event,
        "outcome": outcome,
        "time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "user_id": str(user_id) if user_id is not None else "-",
        "email_hash": hash_email(email) if email and user_id is None else "-",
        "ip": _client_ip(request),
        "request_id": getattr(request, "request_id", None) or current_request_id() or "-",
    }
    fields.update({key: _safe_token(value) for key, value in details.items()})
    logger.info(
        " ".join(f"{key}={value}" for key, value in fields.items()),
        extra={"security_event": fields},
    )
    return fields

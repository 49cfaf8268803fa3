"""One-time codes, whoever they link a sign-in to (a parent, a representative, an
employer): readable codes stored only as keyed hashes, compared in constant time, a lock
after too many wrong tries on a code, and a pause for a user who fails too often across
everything. The callers keep their own records, messages and audit actions."""

import hmac
from datetime import timedelta

from django.utils import timezone
from django.utils.crypto import salted_hmac

from cms_portal.models import AuditEvent

from .tokens import readable_token

CODE_LENGTH = 12


class CodeProblem:
    NO_MATCH = "no_match"
    EXPIRED = "expired"
    LOCKED = "locked"
    TOO_MANY_TRIES = "too_many_tries"


def normalise_code(code):
    return "".join(ch for ch in str(code or "").upper() if ch.isalnum())


def format_code(code):
    code = normalise_code(code)
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def new_code(length=CODE_LENGTH):
    return readable_token(length)


def hash_code(purpose, code):
    """The keyed hash stored for `code`; `purpose` keeps each kind of code apart."""
    return salted_hmac(purpose, normalise_code(code), algorithm="sha256").hexdigest()


def hash_matches(stored_hash, wanted_hash):
    return hmac.compare_digest(stored_hash, wanted_hash)


def unusable_reason(record, now):
    """Why a matching code cannot be used now ("" when it can)."""
    if record.locked_at:
        return CodeProblem.LOCKED
    if record.expires_at <= now:
        return CodeProblem.EXPIRED
    return ""


def too_many_recent_failures(user, *, failed_action, per_hour):
    """Whether `user` has failed `per_hour` times in the last hour (failures are audit
    events with `failed_action`)."""
    since = timezone.now() - timedelta(hours=1)
    return (
        AuditEvent.objects.filter(actor=user, action=failed_action, occurred_at__gte=since).count()
        >= per_hour
    )


def count_wrong_try(records, *, max_attempts, now=None, on_lock=None):
    """Count a wrong try against each usable code in `records`, locking a code at
    `max_attempts`; `on_lock(record)` runs for each code locked now."""
    now = now or timezone.now()
    for record in records:
        if not record.is_usable(now):
            continue
        record.failed_attempts += 1
        if record.failed_attempts >= max_attempts:
            record.locked_at = now
            if on_lock is not None:
                on_lock(record)
        record.save(update_fields=["failed_attempts", "locked_at"])


def mark_used(record, user, now):
    record.used_at = now
    record.used_by = user
    record.save(update_fields=["used_at", "used_by"])

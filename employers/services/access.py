"""Linking an employer's first person with the Employer Reference Number and a one-time
code, and the codes caseworkers issue for it."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cms_portal.audit import record_audit_event
from cms_portal.core import codes as one_time_codes

from ..codes import format_code, hash_activation_code, new_activation_code, normalise_code
from ..models import (
    MAX_FAILED_ATTEMPTS,
    Employer,
    EmployerActivationCode,
    EmployerMembership,
    MembershipRole,
    is_employer_reference,
)
from .errors import user_or_none

# Failed tries by one signed-in user, across every employer, before they must wait.
USER_FAILURES_PER_HOUR = 10


class ActivationError(one_time_codes.CodeProblem):
    pass


@dataclass(frozen=True)
class ActivationResult:
    membership: EmployerMembership | None = None
    error: str = ""

    @property
    def ok(self):
        return not self.error


def issue_employer_activation_code(*, acting_user, employer, code=None):
    """A new code for the employer; earlier unused ones stop working. Returns
    (record, code): the plain code is shown once to the caseworker and never stored."""
    with transaction.atomic():
        employer = Employer.objects.select_for_update().get(pk=employer.pk)
        now = timezone.now()
        EmployerActivationCode.objects.filter(
            employer=employer, used_at__isnull=True, withdrawn_at__isnull=True
        ).update(withdrawn_at=now)
        plain = normalise_code(code) if code else new_activation_code()
        record = EmployerActivationCode.objects.create(
            employer=employer,
            code_hash=hash_activation_code(plain),
            issued_by=user_or_none(acting_user),
        )
        record_audit_event(
            acting_user=acting_user,
            action="employer.activation_code_issued",
            obj=employer,
            activation_code=str(record.public_id),
        )
        return record, format_code(plain)


def _too_many_recent_failures(user):
    return one_time_codes.too_many_recent_failures(
        user, failed_action="employer.activation_failed", per_hour=USER_FAILURES_PER_HOUR
    )


def _fail(*, acting_user, employer, reference, error, codes=()):
    one_time_codes.count_wrong_try(codes, max_attempts=MAX_FAILED_ATTEMPTS)
    record_audit_event(
        acting_user=acting_user,
        action="employer.activation_failed",
        object_type="employers.Employer",
        object_ref=employer.reference if employer else str(reference)[:10],
        error=error,
    )
    return ActivationResult(error=error)


def activate_employer_access(*, acting_user, employer_reference, code):
    """Make `acting_user` an admin of the employer whose reference and live code match.
    Wrong tries are counted on the employer's codes (5 lock them) and on the user."""
    with transaction.atomic():
        if _too_many_recent_failures(acting_user):
            return ActivationResult(error=ActivationError.TOO_MANY_TRIES)
        reference = str(employer_reference or "").replace(" ", "")
        employer = (
            Employer.objects.select_for_update().filter(reference=reference).first()
            if is_employer_reference(reference)
            else None
        )
        if employer is None:
            return _fail(
                acting_user=acting_user,
                employer=None,
                reference=reference,
                error=ActivationError.NO_MATCH,
            )
        codes = list(
            EmployerActivationCode.objects.select_for_update().filter(
                employer=employer, used_at__isnull=True, withdrawn_at__isnull=True
            )
        )
        wanted = hash_activation_code(code)
        now = timezone.now()
        record = next((c for c in codes if one_time_codes.hash_matches(c.code_hash, wanted)), None)
        if record is None:
            return _fail(
                acting_user=acting_user,
                employer=employer,
                reference=reference,
                error=ActivationError.NO_MATCH,
                codes=codes,
            )
        unusable = one_time_codes.unusable_reason(record, now)
        if unusable:
            return _fail(
                acting_user=acting_user, employer=employer, reference=reference, error=unusable
            )
        one_time_codes.mark_used(record, acting_user, now)
        membership, created = EmployerMembership.objects.get_or_create(
            employer=employer,
            user=acting_user,
            defaults={"role": MembershipRole.ADMIN, "added_by": acting_user},
        )
        if not created and membership.role != MembershipRole.ADMIN:
            membership.role = MembershipRole.ADMIN
            membership.save(update_fields=["role"])
        record_audit_event(
            acting_user=acting_user,
            action="employer.activated",
            obj=employer,
            membership=str(membership.public_id),
        )
        return ActivationResult(membership=membership)

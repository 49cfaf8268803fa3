"""Linking a sign-in to a party (or a representative) with a one-time activation code.

A failed try is recorded even though the user sees an error, so failures are counted
in their own committed transaction; a successful try links in one transaction."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cms_portal.audit import record_audit_event
from cms_portal.core import codes
from cms_portal.core.codes import CODE_LENGTH, format_code, normalise_code

from ..models import (
    CODE_LIFETIME,
    MAX_FAILED_ATTEMPTS,
    ActivationCode,
    Case,
    Party,
    Representative,
    RepresentativeStatus,
    is_case_reference,
)

# Failed tries by one signed-in user, across every case, before they must wait.
USER_FAILURES_PER_HOUR = 10


class ActivationError(codes.CodeProblem):
    ALREADY_LINKED = "already_linked"
    WRONG_ACCOUNT = "wrong_account"


@dataclass(frozen=True)
class ActivationResult:
    party: Party | None = None
    representative: Representative | None = None
    error: str = ""

    @property
    def ok(self):
        return not self.error


def hash_code(code):
    return codes.hash_code("cases.activation-code", code)


def _new_code(*, acting_user, case, party=None, representative=None, code=None):
    """Withdraws the person's earlier unused codes and stores the new one hashed."""
    now = timezone.now()
    earlier = ActivationCode.objects.filter(
        case=case, used_at__isnull=True, withdrawn_at__isnull=True
    )
    earlier = (
        earlier.filter(party=party) if party else earlier.filter(representative=representative)
    )
    earlier.update(withdrawn_at=now)
    plain = normalise_code(code) if code else codes.new_code(CODE_LENGTH)
    record = ActivationCode.objects.create(
        case=case,
        party=party,
        representative=representative,
        code_hash=hash_code(plain),
        issued_at=now,
        expires_at=now + CODE_LIFETIME,
        issued_by=_user_or_none(acting_user),
    )
    return record, format_code(plain)


def _user_or_none(user):
    return user if getattr(user, "is_authenticated", False) else None


def issue_activation_code(*, acting_user, party, code=None):
    """A new code for a party (sent by letter in real life). Returns (record, code); the
    plain code is shown once and never stored."""
    with transaction.atomic():
        party = Party.objects.select_for_update().select_related("case").get(pk=party.pk)
        record, plain = _new_code(acting_user=acting_user, case=party.case, party=party, code=code)
        record_audit_event(
            acting_user=acting_user,
            action="activation_code.issued",
            obj=party.case,
            party=str(party.public_id),
            activation_code=str(record.public_id),
        )
        return record, plain


def issue_representative_code(*, acting_user, representative, code=None):
    with transaction.atomic():
        representative = Representative.objects.select_for_update().get(pk=representative.pk)
        record, plain = _new_code(
            acting_user=acting_user,
            case=representative.case,
            representative=representative,
            code=code,
        )
        record_audit_event(
            acting_user=acting_user,
            action="activation_code.issued",
            obj=representative.case,
            representative=str(representative.public_id),
            activation_code=str(record.public_id),
        )
        return record, plain


def _too_many_recent_failures(user):
    return codes.too_many_recent_failures(
        user, failed_action="activation.failed", per_hour=USER_FAILURES_PER_HOUR
    )


def _record_failure(*, acting_user, reference, case, candidate_codes, error):
    """Counts the wrong try against the live codes the user claimed (the party whose date
    of birth they gave, the representative invited at their email, or the code they
    typed), locking at the limit. Codes of other people in the case are untouched, so
    knowing a case reference is not enough to lock the other parent out."""

    def audit_lock(record):
        record_audit_event(
            acting_user=acting_user,
            action="activation_code.locked",
            obj=record.case,
            activation_code=str(record.public_id),
        )

    codes.count_wrong_try(candidate_codes, max_attempts=MAX_FAILED_ATTEMPTS, on_lock=audit_lock)
    record_audit_event(
        acting_user=acting_user,
        action="activation.failed",
        object_type="cases.Case",
        object_ref=case.reference if case else reference[:12],
        error=error,
    )


def _attempt(*, acting_user, reference, code, matches, link, kind, claimed=None):
    """Shared shape of both activations: find the case, lock its live codes, try them."""
    with transaction.atomic():
        if _too_many_recent_failures(acting_user):
            return ActivationResult(error=ActivationError.TOO_MANY_TRIES)
        case = (
            Case.objects.filter(reference=reference).first()
            if is_case_reference(reference)
            else None
        )
        live_codes = []
        if case is not None:
            live_codes = list(
                ActivationCode.objects.select_for_update(of=("self",))
                .filter(
                    case=case,
                    used_at__isnull=True,
                    withdrawn_at__isnull=True,
                    **{f"{kind}__isnull": False},
                )
                .select_related("party", "representative")
            )
        wanted = hash_code(code)
        now = timezone.now()
        for record in live_codes:
            if not codes.hash_matches(record.code_hash, wanted) or not matches(record):
                continue
            error = codes.unusable_reason(record, now)
            if not error:
                return link(record, now)
            record_audit_event(
                acting_user=acting_user, action="activation.failed", obj=case, error=error
            )
            return ActivationResult(error=error)
        claimed = claimed or matches
        _record_failure(
            acting_user=acting_user,
            reference=str(reference),
            case=case,
            candidate_codes=[
                record
                for record in live_codes
                if claimed(record) or codes.hash_matches(record.code_hash, wanted)
            ],
            error=ActivationError.NO_MATCH,
        )
        return ActivationResult(error=ActivationError.NO_MATCH)


_use = codes.mark_used


def activate_party(*, acting_user, reference, date_of_birth, code):
    """Link `acting_user` to the party whose case reference, date of birth and live code
    all match. Returns an ActivationResult; wrong tries are counted and audited."""

    def link(record, now):
        party = record.party
        case = record.case
        if party.user_id or Party.objects.filter(case=case, user=acting_user).exists():
            record_audit_event(
                acting_user=acting_user,
                action="activation.failed",
                obj=case,
                error=ActivationError.ALREADY_LINKED,
            )
            return ActivationResult(error=ActivationError.ALREADY_LINKED)
        _use(record, acting_user, now)
        Party.objects.filter(pk=party.pk).update(user=acting_user)
        party.user = acting_user
        record_audit_event(
            acting_user=acting_user,
            action="activation.succeeded",
            obj=case,
            party=str(party.public_id),
        )
        return ActivationResult(party=party)

    return _attempt(
        acting_user=acting_user,
        reference=reference,
        code=code,
        kind="party",
        matches=lambda record: record.party.date_of_birth == date_of_birth,
        link=link,
    )


def activate_representative(*, acting_user, reference, code):
    """Link `acting_user` to a representative a parent named, if the code matches and
    they signed in with the email address the parent gave."""

    def link(record, now):
        representative = record.representative
        case = record.case
        error = ""
        if representative.email.strip().lower() != acting_user.email.strip().lower():
            error = ActivationError.WRONG_ACCOUNT
        elif (
            representative.status != RepresentativeStatus.INVITED
            or Party.objects.filter(case=case, user=acting_user).exists()
        ):
            error = ActivationError.ALREADY_LINKED
        if error:
            record_audit_event(
                acting_user=acting_user, action="activation.failed", obj=case, error=error
            )
            return ActivationResult(error=error)
        _use(record, acting_user, now)
        Representative.objects.filter(pk=representative.pk).update(
            user=acting_user, status=RepresentativeStatus.ACTIVE, activated_at=now
        )
        representative.refresh_from_db()
        record_audit_event(
            acting_user=acting_user,
            action="representative.activated",
            obj=case,
            representative=str(representative.public_id),
        )
        return ActivationResult(party=representative.party, representative=representative)

    def invited_here(record):
        return record.representative.email.strip().lower() == acting_user.email.strip().lower()

    return _attempt(
        acting_user=acting_user,
        reference=reference,
        code=code,
        kind="representative",
        matches=lambda record: True,
        link=link,
        claimed=invited_here,
    )

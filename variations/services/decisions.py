"""A caseworker's decision on a request (made in the admin): not considered on
preliminary consideration (reg 57), refused, or agreed. An agreed variation makes a new
decision with the reason "variation" from the date the rules give; later decisions count
it too (selectors.agreed_variations_for_engine) until it ends."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cases.models import DecisionReason
from cases.services.decisions import DecisionNotPossible, make_decision
from casework.services import close_work_items_for
from cms_portal.audit import record_audit_event
from cms_portal.notify import send_email

from ..models import RejectionReason, VariationRequest, VariationStatus
from ..rules import variation_effective_date
from .applications import other_side

CASEWORKER_FIELDS = ("rejection_reason", "caseworker_note", "agreed_weekly_amount", "in_force_to")


class VariationNotAllowed(ValueError):
    """The request is not in a state (or lacks what) this decision needs."""


def _locked_open(request):
    locked = (
        VariationRequest.objects.select_for_update()
        .select_related("case", "applicant")
        .get(pk=request.pk)
    )
    if not locked.is_open:
        raise VariationNotAllowed("This request has already been decided.")
    return locked


def set_caseworker_fields(*, acting_user, request, changes):
    """Save what the caseworker has filled in before deciding (the admin form)."""
    unknown = set(changes) - set(CASEWORKER_FIELDS)
    if unknown:
        raise VariationNotAllowed(f"These fields cannot be changed: {sorted(unknown)}")
    with transaction.atomic():
        locked = _locked_open(request)
        for name, value in changes.items():
            text_field = name in ("rejection_reason", "caseworker_note")
            setattr(locked, name, "" if value is None and text_field else value)
        locked.save(update_fields=list(changes))
        record_audit_event(
            acting_user=acting_user,
            action="variation.updated",
            obj=locked.case,
            variation=locked.reference,
            fields=sorted(changes),
        )
        return locked


def _finish(locked, acting_user, status, action, decision=None):
    locked.status = status
    locked.decided_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    locked.decided_at = timezone.now()
    locked.decision = decision
    locked.save()
    close_work_items_for(
        acting_user=acting_user, case=locked.case, source_reference=locked.reference
    )
    record_audit_event(
        acting_user=acting_user,
        action=action,
        obj=locked.case,
        variation=locked.reference,
        status=status,
        decision=str(decision.public_id) if decision else "",
    )
    context = {
        "case_reference": locked.case.reference,
        "variation_reference": locked.reference,
        "status": status,
        "challenge_by": decision.challenge_by if decision else None,
    }
    for party in [locked.applicant, *other_side(locked)]:
        send_email(
            to=party.notification_email,
            template="variations_decided",
            context=context,
            language=party.notification_language,
        )
    return locked


def reject_variation(*, acting_user, request, reason=None, note=None):
    """Reg 57: not considered on preliminary consideration, with a reason."""
    with transaction.atomic():
        locked = _locked_open(request)
        if reason is not None:
            locked.rejection_reason = RejectionReason(reason)
        if note is not None:
            locked.caseworker_note = note
        if not locked.rejection_reason:
            raise VariationNotAllowed("Choose the reason it is not considered first.")
        return _finish(locked, acting_user, VariationStatus.REJECTED, "variation.rejected")


def refuse_variation(*, acting_user, request, note=None):
    with transaction.atomic():
        locked = _locked_open(request)
        if note is not None:
            locked.caseworker_note = note
        if not locked.caseworker_note.strip():
            raise VariationNotAllowed("Write a note for both parents saying why first.")
        return _finish(locked, acting_user, VariationStatus.REFUSED, "variation.refused")


def agree_variation(*, acting_user, request, weekly_amount=None, in_force_to=None, note=None):
    """Agree the variation (by default at the weekly amount asked for) and make the new
    decision from the first day of the maintenance period in which it was asked for."""
    with transaction.atomic():
        locked = _locked_open(request)
        today = timezone.localdate()
        if locked.status == VariationStatus.AWAITING_RESPONSE and today <= locked.respond_by:
            raise VariationNotAllowed(
                "The other parent can still respond: wait until the date to respond by."
            )
        amount = weekly_amount if weekly_amount is not None else locked.agreed_weekly_amount
        amount = amount if amount is not None else locked.weekly_amount
        if not isinstance(amount, Decimal) or amount <= 0:
            raise VariationNotAllowed("The weekly amount agreed must be more than £0.")
        first = locked.case.decisions.order_by("effective_date", "id").first()
        applied_on = timezone.localdate(locked.submitted_at)
        locked.agreed_weekly_amount = amount
        locked.in_force_from = variation_effective_date(
            applied_on, first.effective_date if first else applied_on
        )
        if in_force_to is not None:
            locked.in_force_to = in_force_to
        if locked.in_force_to is not None and locked.in_force_to < locked.in_force_from:
            raise VariationNotAllowed("The last day in force cannot be before it takes effect.")
        if note is not None:
            locked.caseworker_note = note
        # Saved first so the decision's calculation counts it.
        locked.status = VariationStatus.AGREED
        locked.save()
        try:
            decision = make_decision(
                acting_user=acting_user,
                case=locked.case,
                reason=DecisionReason.VARIATION,
                effective_date=locked.in_force_from,
                notify=False,
            )
        except DecisionNotPossible as error:
            raise VariationNotAllowed(str(error)) from error
        return _finish(locked, acting_user, VariationStatus.AGREED, "variation.agreed", decision)

"""Mandatory reconsideration: a parent asks us to look again at a decision they choose."""

from django.db import transaction
from django.utils import timezone

from casework.models import WorkItemKind
from casework.services import add_to_caseworker_queue, close_work_items_for
from cms_portal.audit import record_audit_event
from cms_portal.notify import send_email

from ..models import Decision, Reconsideration, ReconsiderationStatus
from .messaging import link_pending_attachments


class ReconsiderationError(ValueError):
    pass


def is_late(decision, on_date=None):
    return (on_date or timezone.localdate()) > decision.challenge_by


def request_reconsideration(
    *, acting_user, access, decision, reasons, late_reason="", attachment_ids=()
):
    with transaction.atomic():
        decision = Decision.objects.select_related("case").get(pk=decision.pk)
        if decision.case_id != access.case.pk:
            raise ReconsiderationError("That decision is not on this case.")
        late = is_late(decision)
        if late and not late_reason.strip():
            raise ReconsiderationError("Say why the request is late.")
        request = Reconsideration.objects.create(
            case=access.case,
            decision=decision,
            party=access.party,
            requested_by=acting_user,
            reasons=reasons,
            is_late=late,
            late_reason=late_reason if late else "",
        )
        link_pending_attachments(
            access=access, attachment_ids=list(attachment_ids), reconsideration=request
        )
        record_audit_event(
            acting_user=acting_user,
            action="reconsideration.requested",
            obj=access.case,
            reconsideration=request.reference,
            decision=str(decision.public_id),
            late=late,
        )
        add_to_caseworker_queue(
            acting_user=acting_user,
            case=access.case,
            kind=WorkItemKind.RECONSIDERATION,
            summary=f"Mandatory reconsideration {request.reference}" + (" (late)" if late else ""),
            source_reference=request.reference,
        )
        send_email(
            to=acting_user.email,
            template="cases_reconsideration_requested",
            context={
                "case_reference": access.case.reference,
                "request_reference": request.reference,
            },
            language=access.party.notification_language,
        )
        return request


def update_reconsideration(
    *, acting_user, reconsideration, status, outcome_notes="", resulting_decision=None
):
    """A caseworker moves a request on. An outcome is told to the parent who asked."""
    with transaction.atomic():
        request = (
            Reconsideration.objects.select_for_update()
            .select_related("party", "case")
            .get(pk=reconsideration.pk)
        )
        request.status = ReconsiderationStatus(status)
        if outcome_notes:
            request.outcome_notes = outcome_notes
        if resulting_decision is not None:
            request.resulting_decision = resulting_decision
        finished = not request.is_open
        request.resolved_at = timezone.now() if finished else None
        request.save()
        record_audit_event(
            acting_user=acting_user,
            action="reconsideration.updated",
            obj=request.case,
            reconsideration=request.reference,
            status=request.status,
        )
        if finished:
            close_work_items_for(
                acting_user=acting_user, case=request.case, source_reference=request.reference
            )
            party = request.party
            send_email(
                to=party.notification_email,
                template="cases_reconsideration_outcome",
                context={
                    "case_reference": request.case.reference,
                    "request_reference": request.reference,
                },
                language=party.notification_language,
            )
        return request


def revise_decision_on_reconsideration(*, acting_user, reconsideration):
    """Finishes a review by making a new decision from the case as it is now: the new
    decision and the finished review are one transaction, so neither stands alone."""
    from ..models import DecisionReason
    from .decisions import make_decision

    with transaction.atomic():
        decision = make_decision(
            acting_user=acting_user,
            case=reconsideration.case,
            reason=DecisionReason.RECONSIDERATION,
        )
        update_reconsideration(
            acting_user=acting_user,
            reconsideration=reconsideration,
            status="decision_changed",
            resulting_decision=decision,
        )
    return decision

"""Closing a case. A parent asks online (ask_to_close_case), or another part of the
service puts the case in front of a caseworker (request_closure_review); either way a
caseworker confirms the closure with the date it takes effect, or refuses it.

On confirmation the case is closed from that date: `case_changed` (status) and then
`case_closed` (with the date) are sent inside the transaction, so the payments area ends
the schedule and cancels what fell due from that date with reversals, and employers end
their orders, all committing with the closure. Arrears stay owed and the parties keep
read access to the case (see parents.pages)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.services import (
    add_many_to_caseworker_queue,
    add_to_caseworker_queue,
    close_work_items_for,
)
from cms_portal.audit import audit_event, record_audit_event, record_audit_events
from cms_portal.formatting import govuk_date
from cms_portal.notify import send_email

from ..models import (
    PARENT_REASONS,
    Case,
    CaseStatus,
    ClosureReason,
    ClosureRequest,
    ClosureStatus,
    PartyRole,
)
from ..rules import closing_date_window
from ..selectors import current_decision
from ..signals import case_closed
from .setup import update_case

# The caseworker queue's kind for a closure (the queue takes any short kind).
CLOSURE_WORK_KIND = "case_closure"


class ClosureError(ValueError):
    """A closure the rules do not allow; the message says why (shown to caseworkers, in
    their language)."""


def _locked_case(case):
    return Case.objects.select_for_update().get(pk=case.pk)


def _waiting(case):
    return ClosureRequest.objects.filter(case=case, status=ClosureStatus.REQUESTED).first()


def _queue(acting_user, closure, summary):
    add_to_caseworker_queue(
        acting_user=acting_user,
        case=closure.case,
        kind=CLOSURE_WORK_KIND,
        summary=f"{closure.reference}: {summary}",
        source_reference=closure.reference,
    )


@transaction.atomic
def request_closure_review(*, acting_user, case, reason):
    """Put `case` on the caseworker queue to decide whether it should close (the annual
    review, a child who stops qualifying, ...). `reason` is a short text for the
    caseworker. Returns the request; one already waiting is returned as it is."""
    case = _locked_case(case)
    return request_closure_reviews(acting_user=acting_user, reasons={case: reason})[case.pk]


def request_closure_reviews(*, acting_user, reasons):
    """request_closure_review for many cases ({case: reason}, a batch job's, the cases
    locked by the caller) in a few statements. Returns {case id: request}."""
    for case in reasons:
        if case.status != CaseStatus.OPEN:
            raise ClosureError(_("The case is already closed."))
    requests = {
        closure.case_id: closure
        for closure in ClosureRequest.objects.filter(
            case__in=[case.pk for case in reasons], status=ClosureStatus.REQUESTED
        )
    }
    new = ClosureRequest.objects.bulk_create(
        [
            ClosureRequest(
                case=case,
                requested_by=acting_user
                if getattr(acting_user, "is_authenticated", False)
                else None,
                reason=ClosureReason.REVIEW,
                details=str(reason)[:2000],
            )
            for case, reason in reasons.items()
            if case.pk not in requests
        ]
    )
    add_many_to_caseworker_queue(
        acting_user=acting_user,
        items=[
            {
                "case": closure.case,
                "kind": CLOSURE_WORK_KIND,
                "summary": f"{closure.reference}: check whether the case should close: "
                f"{reasons[closure.case]}",
                "source_reference": closure.reference,
            }
            for closure in new
        ],
    )
    record_audit_events(
        [
            audit_event(
                acting_user=acting_user,
                action="case.closure_review_requested",
                obj=closure.case,
                closure=closure.reference,
                reason=str(reasons[closure.case])[:200],
            )
            for closure in new
        ]
    )
    return {**requests, **{closure.case_id: closure for closure in new}}


def told_of_request(closure):
    """The parties told a parent asked: the receiving parents when the paying parent
    asks, the paying parent when a receiving parent does (receiving parents are not told
    about each other). Never the one who asked."""
    wanted = PartyRole.RECEIVING if closure.party.is_paying else PartyRole.PAYING
    return [
        party
        for party in closure.case.parties.all()
        if party.role == wanted and party.pk != closure.party_id
    ]


@transaction.atomic
def ask_to_close_case(*, acting_user, access, reason, wanted_from, details=""):
    """A parent asks us to close their case from `wanted_from`. Emails go to them and,
    without a word about who asked, to the other side of the case."""
    if access.is_representative:
        raise ClosureError(_("Only the parent can ask for their case to be closed."))
    if reason not in PARENT_REASONS:
        raise ClosureError(_("Choose a reason."))
    first, last = closing_date_window(timezone.localdate())
    if not first <= wanted_from <= last:
        raise ClosureError(_("The closing date is outside the dates allowed."))
    case = _locked_case(access.case)
    if case.status != CaseStatus.OPEN:
        raise ClosureError(_("The case is already closed."))
    if _waiting(case) is not None:
        raise ClosureError(_("We are already looking at a request to close this case."))
    closure = ClosureRequest.objects.create(
        case=case,
        party=access.party,
        requested_by=acting_user,
        reason=reason,
        details=details,
        wanted_from=wanted_from,
    )
    _queue(acting_user, closure, f"a parent asks to close the case from {wanted_from}")
    record_audit_event(
        acting_user=acting_user,
        action="case.closure_requested",
        obj=case,
        closure=closure.reference,
        reason=reason,
        wanted_from=wanted_from.isoformat(),
    )
    context = {
        "case_reference": case.reference,
        "closure_reference": closure.reference,
        "wanted_from": wanted_from,
    }
    send_email(
        to=access.party.notification_email,
        template="cases_closure_requested",
        context=context,
        language=access.party.notification_language,
    )
    for party in told_of_request(closure):
        send_email(
            to=party.notification_email,
            template="cases_closure_requested_other",
            context=context,
            language=party.notification_language,
        )
    return closure


def _locked_open(closure):
    locked = (
        # Only the request's row: its party is missing when a job asked (an outer join,
        # which PostgreSQL cannot lock).
        ClosureRequest.objects.select_for_update(of=("self",))
        .select_related("case", "party")
        .get(pk=closure.pk)
    )
    if not locked.is_open:
        raise ClosureError(_("This request has already been decided."))
    return locked


def earliest_closing_date(closure):
    """A closure takes effect no earlier than the decision in force (its schedule would
    otherwise end before it starts) nor, for a parent's request, the day they asked."""
    candidates = []
    decision = current_decision(closure.case)
    if decision is not None:
        candidates.append(decision.effective_date)
    if closure.party_id is not None:
        candidates.append(closing_date_window(timezone.localdate(closure.requested_at))[0])
    return max(candidates) if candidates else None


def _check_date(closure, effective_date):
    earliest = earliest_closing_date(closure)
    if earliest is not None and effective_date < earliest:
        raise ClosureError(
            _("The closing date cannot be before %(date)s.") % {"date": govuk_date(earliest)}
        )
    latest = closing_date_window(timezone.localdate())[1]
    if effective_date > latest:
        raise ClosureError(
            _("The closing date cannot be after %(date)s.") % {"date": govuk_date(latest)}
        )


def _finish(closure, acting_user, status):
    closure.status = status
    closure.decided_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    closure.decided_at = timezone.now()
    closure.save()
    close_work_items_for(
        acting_user=acting_user, case=closure.case, source_reference=closure.reference
    )


def _tell(closure, template, parties):
    # The caseworker's words stay on the asker's page: an email carries no free text.
    context = {
        "case_reference": closure.case.reference,
        "closure_reference": closure.reference,
        "effective_date": closure.effective_date,
        # A case can be confirmed closed from a later date: the subject says when.
        "closes_later": bool(
            closure.effective_date and closure.effective_date > timezone.localdate()
        ),
    }
    for party in parties:
        send_email(
            to=party.notification_email,
            template=template,
            context=context,
            language=party.notification_language,
        )


@transaction.atomic
def confirm_closure(*, acting_user, closure_request, effective_date):
    """A caseworker closes the case from `effective_date`: ongoing maintenance stops
    from that day; arrears stay owed. Every party is told."""
    locked = _locked_case(closure_request.case)
    closure = _locked_open(closure_request)
    if closure.case.status != CaseStatus.OPEN:
        raise ClosureError(_("The case is already closed."))
    _check_date(closure, effective_date)
    closure.effective_date = effective_date
    _finish(closure, acting_user, ClosureStatus.CONFIRMED)
    # Saved before the status changes, so what follows the case (deduction orders)
    # sees the date it closes from.
    locked.closed_from = effective_date
    locked.save(update_fields=["closed_from"])
    case = update_case(acting_user=acting_user, case=locked, status=CaseStatus.CLOSED)
    closure.case = case
    case_closed.send(sender=Case, case=case, effective_date=effective_date, acting_user=acting_user)
    record_audit_event(
        acting_user=acting_user,
        action="case.closure_confirmed",
        obj=case,
        closure=closure.reference,
        effective_date=effective_date.isoformat(),
    )
    _tell(closure, "cases_closure_confirmed", case.parties.all())
    return closure


@transaction.atomic
def refuse_closure(*, acting_user, closure_request, reason):
    """A caseworker keeps the case open; `reason` is shown to the parents."""
    reason = (reason or "").strip()
    if not reason:
        raise ClosureError(_("Give a reason for not closing the case."))
    closure = _locked_open(closure_request)
    closure.refusal_reason = reason
    _finish(closure, acting_user, ClosureStatus.REFUSED)
    record_audit_event(
        acting_user=acting_user,
        action="case.closure_refused",
        obj=closure.case,
        closure=closure.reference,
    )
    if closure.party_id is not None:
        _tell(closure, "cases_closure_refused", [closure.party, *told_of_request(closure)])
    return closure

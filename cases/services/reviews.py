"""The annual review (the 2012 Regulations regs 19 to 21) and children who stop
qualifying (the Act s55, the 2012 Regulations reg 76), one case at a time. The nightly
jobs (payments/jobs/reviews.py) call these for the cases of a chunk; each is idempotent:
what it did moves the case on (its next review date, the child's status) in the same
transaction, so running it again does nothing."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Q

from casework.services import add_to_caseworker_queue
from cms_portal.audit import record_audit_event
from cms_portal.notify import send_email

from ..models import (
    Benefit,
    Case,
    CaseStatus,
    Child,
    ChildStatus,
    Decision,
    DecisionReason,
    IncomeRecord,
)
from ..rules import CHILD_AGE, birthday, next_review_date, review_notice_days
from .closures import request_closure_review
from .decisions import DecisionNotPossible, make_decision

ANNUAL_REVIEW_QUEUE = "annual_review"


@dataclass(frozen=True)
class ReviewOutcome:
    decision: Decision | None = None
    queued_reason: str = ""


def latest_tax_year_income(case):
    """Reg 20: the figure for the latest available tax year. Of the records given for a
    tax year, the one for the latest year ("2025-26" sorts after "2024-25"), the last
    recorded when a year has several."""
    return (
        IncomeRecord.objects.filter(case=case)
        .exclude(tax_year="")
        .order_by("-tax_year", "-recorded_at", "-id")
        .first()
    )


def due_for_review_on(business_date: date) -> date:
    """Reviews whose date is on or before this are made on `business_date`."""
    return business_date + timedelta(days=review_notice_days(business_date))


def cases_due_for_review(business_date, low, high):
    """Ids of open cases in [low, high) whose review is due and not already queued."""
    return list(
        Case.objects.filter(
            id__gte=low,
            id__lt=high,
            status=CaseStatus.OPEN,
            review_date__isnull=False,
            review_date__lte=due_for_review_on(business_date),
        )
        .exclude(review_queued_for=F("review_date"))
        .order_by("id")
        .values_list("id", flat=True)
    )


def _review_problem(case, review_date, income):
    if income is None or (income.gross_weekly_income is None and income.benefit == Benefit.NONE):
        return "no income recorded for the latest tax year"
    unknown = [
        child
        for child in case.children.filter(status=ChildStatus.QUALIFYING, education_ends_on=None)
        if birthday(child.date_of_birth, CHILD_AGE) <= review_date
    ]
    if unknown:
        return "education or training not recorded for a child aged 16 or over on the review date"
    return ""


def _queue_review(acting_user, case, review_date, reason):
    add_to_caseworker_queue(
        acting_user=acting_user,
        case=case,
        kind=ANNUAL_REVIEW_QUEUE,
        summary=f"Annual review on {review_date.isoformat()} could not be made: {reason}",
        source_reference=f"review:{review_date.isoformat()}",
    )
    case.review_queued_for = review_date
    case.save(update_fields=["review_queued_for", "updated_at"])
    return ReviewOutcome(queued_reason=reason)


def review_case(*, acting_user, case, business_date):
    """Make the annual review decision for a case whose review date is near: effective on
    the review date, from the latest tax year's income and the case's facts on that date.
    Both parents are told the new amount and when it starts; the schedule is replaced
    from that date (payments listens to the decision). A review that cannot be made goes
    to the caseworker queue with the reason. Returns None when nothing was due."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        review_date = case.review_date
        if (
            case.status != CaseStatus.OPEN
            or review_date is None
            or review_date > due_for_review_on(business_date)
            or case.review_queued_for == review_date
        ):
            return None
        income = latest_tax_year_income(case)
        problem = _review_problem(case, review_date, income)
        if problem:
            return _queue_review(acting_user, case, review_date, problem)
        try:
            decision = make_decision(
                acting_user=acting_user,
                case=case,
                reason=DecisionReason.ANNUAL_REVIEW,
                effective_date=review_date,
                income_record=income,
                notify=False,
            )
        except DecisionNotPossible as error:
            return _queue_review(acting_user, case, review_date, str(error))
        case.review_date = next_review_date(case.initial_effective_date or review_date, review_date)
        case.review_queued_for = None
        case.save(update_fields=["review_date", "review_queued_for", "updated_at"])
        record_audit_event(
            acting_user=acting_user,
            action="case.annual_review",
            obj=case,
            review_date=review_date.isoformat(),
            decision=str(decision.public_id),
            next_review_date=case.review_date.isoformat(),
        )
        notify_new_amount(case, decision, reason="annual_review")
        return ReviewOutcome(decision=decision)


def notify_new_amount(case, decision, *, reason, children_by_party=None):
    """Tell each party the amount from `decision` and when it starts, in their language.
    A receiving parent is told only their own share (what their decision letter shows);
    no email carries the paying parent's income. `children_by_party` names the children
    who stopped qualifying to the paying parent and to each child's own receiving parent."""
    children_by_party = children_by_party or {}
    for party in case.parties.all():
        names = children_by_party.get(party.pk, [])
        if party.is_paying:
            names = [name for names_ in children_by_party.values() for name in names_]
        send_email(
            to=party.notification_email,
            template="cases_new_amount",
            context={
                "party_name": party.full_name,
                "case_reference": case.reference,
                "reason": reason,
                "paying": party.is_paying,
                "weekly_amount": decision.weekly_amount_for(party),
                "starts_on": decision.effective_date,
                "challenge_by": decision.challenge_by,
                "children": names,
            },
            language=party.notification_language,
        )


def children_stopping(business_date, low, high):
    """Ids of cases in [low, high) with a child whose stop date has come."""
    return list(
        Child.objects.filter(
            case_id__gte=low,
            case_id__lt=high,
            status=ChildStatus.QUALIFYING,
            stops_qualifying_on__lte=business_date,
        )
        .order_by("case_id")
        .values_list("case_id", flat=True)
        .distinct()
    )


def _decision_in_force(case, on_date):
    return (
        Decision.objects.filter(case=case, effective_date__lte=on_date)
        .order_by("-decided_at", "-id")
        .first()
    )


def _counted_children(decision):
    return {
        child["public_id"]
        for party in decision.calculation_input.get("receiving_parties", [])
        for child in party["children"]
    }


def _pending_review(case, after):
    """An annual review decision already made for a date after `after`."""
    return (
        Decision.objects.filter(
            case=case, effective_date__gt=after, reason=DecisionReason.ANNUAL_REVIEW
        )
        .order_by("-decided_at", "-id")
        .first()
    )


def end_qualifying_children(*, acting_user, case, business_date):
    """Record the children of a case whose stop date has come as no longer qualifying and
    make a new decision from each stop date (reason "a child no longer qualifies"),
    telling both parents. No new decision when the one in force from that date already
    leaves the child out (a child turning 20 on the review date). A review already made
    for a later date is made again after it, so it counts the change. When no child
    remains the case goes to the queue to be closed. Returns the decisions made."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        stopping = list(
            case.children.select_for_update()
            .filter(status=ChildStatus.QUALIFYING, stops_qualifying_on__lte=business_date)
            .order_by("stops_qualifying_on", "id")
        )
        if not stopping:
            return []
        for child in stopping:
            child.status = ChildStatus.LEFT
            child.left_on = child.stops_qualifying_on
            child.save(update_fields=["status", "left_on"])
            record_audit_event(
                acting_user=acting_user,
                action="child.stopped_qualifying",
                obj=case,
                child=str(child.public_id),
                left_on=child.left_on.isoformat(),
            )
        names: dict[int, list[str]] = {}
        for child in stopping:
            names.setdefault(child.receiving_party_id, []).append(child.full_name)
        last_stop = stopping[-1].stops_qualifying_on
        if not case.children.filter(
            Q(status=ChildStatus.QUALIFYING), Q(stops_qualifying_on__gt=last_stop)
        ).exists():
            request_closure_review(
                acting_user=acting_user,
                case=case,
                reason=f"no qualifying child from {last_stop.isoformat()}",
            )
            _notify_no_children(case, last_stop, names)
            return []
        decisions = []
        for stop_date in sorted({child.stops_qualifying_on for child in stopping}):
            ids = {str(c.public_id) for c in stopping if c.stops_qualifying_on == stop_date}
            in_force = _decision_in_force(case, stop_date)
            if in_force is not None and not ids & _counted_children(in_force):
                continue
            pending = _pending_review(case, stop_date)
            decision = make_decision(
                acting_user=acting_user,
                case=case,
                reason=DecisionReason.CHILD_STOPPED_QUALIFYING,
                effective_date=stop_date,
                income_record=in_force.income_record if in_force else None,
                notify=False,
            )
            decisions.append(decision)
            if pending is not None:
                decisions.append(
                    make_decision(
                        acting_user=acting_user,
                        case=case,
                        reason=DecisionReason.ANNUAL_REVIEW,
                        effective_date=pending.effective_date,
                        income_record=pending.income_record,
                        notify=False,
                    )
                )
        stopped_names = names
        for decision in decisions:
            reason = (
                "annual_review"
                if decision.reason == DecisionReason.ANNUAL_REVIEW
                else "child_stopped"
            )
            notify_new_amount(case, decision, reason=reason, children_by_party=stopped_names)
        if not decisions:
            in_force = _decision_in_force(case, last_stop)
            if in_force is not None:
                notify_new_amount(
                    case, in_force, reason="child_stopped", children_by_party=stopped_names
                )
        return decisions


def _notify_no_children(case, stopped_on, names):
    for party in case.parties.all():
        shown = (
            [name for names_ in names.values() for name in names_]
            if party.is_paying
            else names.get(party.pk, [])
        )
        send_email(
            to=party.notification_email,
            template="cases_no_qualifying_children",
            context={
                "party_name": party.full_name,
                "case_reference": case.reference,
                "stopped_on": stopped_on,
                "children": shown,
            },
            language=party.notification_language,
        )

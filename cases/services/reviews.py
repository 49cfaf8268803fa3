"""The annual review (the 2012 Regulations regs 19 to 21) and children who stop
qualifying (the Act s55, the 2012 Regulations reg 76). The nightly jobs
(payments/jobs/reviews.py) hand a chunk's cases to `review_cases` and
`end_qualifying_children_for`, which read the cases' facts in a few statements, make the
usual decisions with the engine case by case and write them in a few more; a case out of
the usual (a review for the caseworker, several children stopping on different dates, a
review already made for a later date, the last child stopping, agreed variations) goes
through the one-case functions (`review_case`, `end_qualifying_children`), which
caseworkers' tools use too. Each is idempotent: what it did moves the case on (its next
review date, the child's status) in the same transaction, so running it again does
nothing."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from casework.services import add_to_caseworker_queue
from cms_portal.audit import audit_event, audit_events_together, record_audit_events
from cms_portal.notify import send_email, send_emails

from ..models import (
    Benefit,
    Case,
    CaseStatus,
    Child,
    ChildStatus,
    Decision,
    DecisionReason,
    IncomeRecord,
    Party,
    PartyRole,
    RelevantOtherChild,
)
from ..rules import CHILD_AGE, birthday, next_review_date, review_notice_days
from .closures import request_closure_review, request_closure_reviews
from .decisions import (
    DecisionNotPossible,
    cases_with_variations,
    counted_children_on,
    make_decision,
    new_decision,
    save_decisions,
)

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


def _review_problem(case, review_date, income, qualifying=None):
    """Why the review cannot be made, or "". `qualifying` is the case's qualifying
    children when a batch has read them."""
    if income is None or (income.gross_weekly_income is None and income.benefit == Benefit.NONE):
        return "no income recorded for the latest tax year"
    if qualifying is None:
        qualifying = case.children.filter(status=ChildStatus.QUALIFYING)
    unknown = [
        child
        for child in qualifying
        if child.education_ends_on is None
        and birthday(child.date_of_birth, CHILD_AGE) <= review_date
    ]
    if unknown:
        return "education or training not recorded for a child aged 16 or over on the review date"
    return ""


def _review_due(case, business_date):
    return (
        case.status == CaseStatus.OPEN
        and case.review_date is not None
        and case.review_date <= due_for_review_on(business_date)
        and case.review_queued_for != case.review_date
    )


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
        if not _review_due(case, business_date):
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
        event = _move_review_on(acting_user, case, decision)
        case.save(update_fields=["review_date", "review_queued_for", "updated_at"])
        event.save(force_insert=True)
        notify_new_amount(case, decision, reason="annual_review")
        return ReviewOutcome(decision=decision)


def _move_review_on(acting_user, case, decision):
    """Set the case's next review date after the review `decision`; returns the audit
    event to record (the caller saves both)."""
    review_date = decision.effective_date
    case.review_date = next_review_date(case.initial_effective_date or review_date, review_date)
    case.review_queued_for = None
    return audit_event(
        acting_user=acting_user,
        action="case.annual_review",
        obj=case,
        review_date=review_date.isoformat(),
        decision=str(decision.public_id),
        next_review_date=case.review_date.isoformat(),
    )


@dataclass
class _ChunkFacts:
    """What the batch functions read about a chunk's cases, each in one statement."""

    parties: dict = field(default_factory=dict)  # case id -> [party]
    qualifying: dict = field(default_factory=dict)  # case id -> [qualifying child]
    decisions: dict = field(default_factory=dict)  # case id -> [decision], latest first
    other_children: dict = field(default_factory=dict)  # case id -> [relevant other child]
    varied: set = field(default_factory=set)  # case ids with agreed variations

    @classmethod
    def read(cls, case_ids):
        facts = cls()
        for party in Party.objects.filter(case_id__in=case_ids).select_related("user"):
            facts.parties.setdefault(party.case_id, []).append(party)
        for child in Child.objects.filter(case_id__in=case_ids, status=ChildStatus.QUALIFYING):
            facts.qualifying.setdefault(child.case_id, []).append(child)
        for decision in (
            Decision.objects.filter(case_id__in=case_ids)
            .select_related("income_record")
            .order_by("-decided_at", "-id")
        ):
            facts.decisions.setdefault(decision.case_id, []).append(decision)
        for other in RelevantOtherChild.objects.filter(case_id__in=case_ids):
            facts.other_children.setdefault(other.case_id, []).append(other)
        facts.varied = cases_with_variations(case_ids)
        return facts

    def usual(self, case):
        """Whether a batch may decide for the case: no agreed variation, and its first
        decision made (which fixes the review dates)."""
        return case.pk not in self.varied and case.initial_effective_date is not None

    def receiving_on(self, case, on_date):
        parties = [p for p in self.parties.get(case.pk, []) if p.role == PartyRole.RECEIVING]
        return counted_children_on(parties, self.qualifying.get(case.pk, []), on_date)

    def other_children_on(self, case, on_date):
        return sum(
            1
            for other in self.other_children.get(case.pk, [])
            if other.from_date <= on_date and not (other.to_date and other.to_date <= on_date)
        )

    def in_force(self, case, on_date):
        return next(
            (d for d in self.decisions.get(case.pk, []) if d.effective_date <= on_date), None
        )

    def new_decision(self, acting_user, case, reason, effective_date, income_record):
        return new_decision(
            acting_user=acting_user,
            case=case,
            reason=reason,
            effective_date=effective_date,
            income_record=income_record,
            previous=next(iter(self.decisions.get(case.pk, [])), None),
            receiving=self.receiving_on(case, effective_date),
            other_children=self.other_children_on(case, effective_date),
            variations=(),
        )

    def attach_parties(self, case):
        """So notify_new_amount reads the parties read here."""
        case._prefetched_objects_cache = {"parties": self.parties.get(case.pk, [])}


def _latest_tax_year_incomes(case_ids):
    """latest_tax_year_income for each case, in one statement."""
    latest: dict[int, IncomeRecord] = {}
    for income in (
        IncomeRecord.objects.filter(case_id__in=case_ids)
        .exclude(tax_year="")
        .order_by("-tax_year", "-recorded_at", "-id")
    ):
        latest.setdefault(income.case_id, income)
    return latest


def review_cases(*, acting_user, case_ids, business_date):
    """review_case for each of `case_ids` (a nightly chunk's), with the usual reviews
    read, made and written together. Returns {case id: ReviewOutcome} for the cases
    whose review was due."""
    with transaction.atomic(), audit_events_together():
        cases = list(Case.objects.select_for_update().filter(pk__in=case_ids).order_by("id"))
        due = [case for case in cases if _review_due(case, business_date)]
        if not due:
            return {}
        ids = [case.pk for case in due]
        facts = _ChunkFacts.read(ids)
        incomes = _latest_tax_year_incomes(ids)
        outcomes, made, alone = {}, [], []
        for case in due:
            income = incomes.get(case.pk)
            if not facts.usual(case) or _review_problem(
                case, case.review_date, income, facts.qualifying.get(case.pk, [])
            ):
                alone.append(case)
                continue
            try:
                decision = facts.new_decision(
                    acting_user, case, DecisionReason.ANNUAL_REVIEW, case.review_date, income
                )
            except DecisionNotPossible:
                alone.append(case)
                continue
            made.append(decision)
            outcomes[case.pk] = ReviewOutcome(decision=decision)
        for case in alone:
            outcomes[case.pk] = review_case(
                acting_user=acting_user, case=case, business_date=business_date
            )
        save_decisions(acting_user=acting_user, decisions=made)
        events = [_move_review_on(acting_user, decision.case, decision) for decision in made]
        # The cases reviewed on one date mostly share their next review date: one
        # statement for each next date.
        by_next_date: dict[date, list[int]] = {}
        for decision in made:
            by_next_date.setdefault(decision.case.review_date, []).append(decision.case_id)
        for next_date, ids in by_next_date.items():
            Case.objects.filter(pk__in=ids).update(
                review_date=next_date, review_queued_for=None, updated_at=timezone.now()
            )
        record_audit_events(events)
        emails = []
        for decision in made:
            facts.attach_parties(decision.case)
            emails += new_amount_emails(decision.case, decision, reason="annual_review")
        send_emails(emails)
        return outcomes


def notify_new_amount(case, decision, *, reason, children_by_party=None):
    """Tell each party the amount from `decision` and when it starts, in their language.
    A receiving parent is told only their own share (what their decision letter shows);
    no email carries the paying parent's income. `children_by_party` names the children
    who stopped qualifying to the paying parent and to each child's own receiving parent."""
    for email in new_amount_emails(
        case, decision, reason=reason, children_by_party=children_by_party
    ):
        send_email(**email)


def new_amount_emails(case, decision, *, reason, children_by_party=None):
    """The emails notify_new_amount sends, as send_email's arguments."""
    children_by_party = children_by_party or {}
    emails = []
    for party in case.parties.all():
        names = children_by_party.get(party.pk, [])
        if party.is_paying:
            names = [name for names_ in children_by_party.values() for name in names_]
        emails.append(
            {
                "to": party.notification_email,
                "template": "cases_new_amount",
                "context": {
                    "party_name": party.full_name,
                    "case_reference": case.reference,
                    "reason": reason,
                    "paying": party.is_paying,
                    "weekly_amount": decision.weekly_amount_for(party),
                    "starts_on": decision.effective_date,
                    "challenge_by": decision.challenge_by,
                    "children": names,
                },
                "language": party.notification_language,
            }
        )
    return emails


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
            _stopped_event(acting_user, case, child).save(force_insert=True)
        names = _names_by_party(stopping)
        last_stop = stopping[-1].stops_qualifying_on
        if not case.children.filter(
            Q(status=ChildStatus.QUALIFYING), Q(stops_qualifying_on__gt=last_stop)
        ).exists():
            request_closure_review(
                acting_user=acting_user, case=case, reason=_closure_reason(last_stop)
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
    for email in _no_children_emails(case, stopped_on, names):
        send_email(**email)


def _no_children_emails(case, stopped_on, names):
    emails = []
    for party in case.parties.all():
        shown = (
            [name for names_ in names.values() for name in names_]
            if party.is_paying
            else names.get(party.pk, [])
        )
        emails.append(
            {
                "to": party.notification_email,
                "template": "cases_no_qualifying_children",
                "context": {
                    "party_name": party.full_name,
                    "case_reference": case.reference,
                    "stopped_on": stopped_on,
                    "children": shown,
                },
                "language": party.notification_language,
            }
        )
    return emails


def _closure_reason(last_stop):
    return f"no qualifying child from {last_stop.isoformat()}"


def end_qualifying_children_for(*, acting_user, case_ids, business_date):
    """end_qualifying_children for each of `case_ids` (a nightly chunk's), with the
    usual cases read, decided and written together: the last child stopping (the case
    goes to be closed), or children stopping on one date, counted by the decision in
    force, with a child left to count and no review made for a later date. Returns
    {case id: [decisions made]} for the cases with a child stopping."""
    with transaction.atomic(), audit_events_together():
        cases = {
            case.pk: case
            for case in Case.objects.select_for_update().filter(pk__in=case_ids).order_by("id")
        }
        stopping_by_case: dict[int, list] = {}
        for child in (
            Child.objects.select_for_update()
            .filter(
                case_id__in=list(cases),
                status=ChildStatus.QUALIFYING,
                stops_qualifying_on__lte=business_date,
            )
            .order_by("stops_qualifying_on", "id")
        ):
            stopping_by_case.setdefault(child.case_id, []).append(child)
        if not stopping_by_case:
            return {}
        facts = _ChunkFacts.read(list(stopping_by_case))
        made: list = []
        alone: list = []
        stopped: list = []
        outcomes: dict[int, list] = {}
        closing: dict = {}
        for case_id, stopping in stopping_by_case.items():
            case = cases[case_id]
            stop_date = stopping[0].stops_qualifying_on
            last_stop = stopping[-1].stops_qualifying_on
            stopping_ids = {child.pk for child in stopping}
            remaining = [
                child
                for child in facts.qualifying.get(case_id, [])
                if child.pk not in stopping_ids
                and child.stops_qualifying_on is not None
                and child.stops_qualifying_on > last_stop
            ]
            if not remaining:
                closing[case] = stopping
                stopped += stopping
                outcomes[case_id] = []
                continue
            in_force = facts.in_force(case, stop_date)
            usual = (
                facts.usual(case)
                and last_stop == stop_date
                and in_force is not None
                and {str(child.public_id) for child in stopping} & _counted_children(in_force)
                and not any(
                    decision.effective_date > stop_date
                    and decision.reason == DecisionReason.ANNUAL_REVIEW
                    for decision in facts.decisions.get(case_id, [])
                )
            )
            if not usual:
                alone.append(case)
                continue
            # The stopped children are left out of the calculation by their stop date.
            decision = facts.new_decision(
                acting_user,
                case,
                DecisionReason.CHILD_STOPPED_QUALIFYING,
                stop_date,
                in_force.income_record,
            )
            made.append((decision, stopping))
            stopped += stopping
            outcomes[case_id] = [decision]
        for case in alone:
            outcomes[case.pk] = end_qualifying_children(
                acting_user=acting_user, case=case, business_date=business_date
            )
        for child in stopped:
            child.status = ChildStatus.LEFT
            child.left_on = child.stops_qualifying_on
        Child.objects.filter(pk__in=[child.pk for child in stopped]).update(
            status=ChildStatus.LEFT, left_on=F("stops_qualifying_on")
        )
        record_audit_events([_stopped_event(acting_user, cases[c.case_id], c) for c in stopped])
        request_closure_reviews(
            acting_user=acting_user,
            reasons={
                case: _closure_reason(stopping[-1].stops_qualifying_on)
                for case, stopping in closing.items()
            },
        )
        save_decisions(acting_user=acting_user, decisions=[decision for decision, _ in made])
        emails = []
        for case, stopping in closing.items():
            facts.attach_parties(case)
            emails += _no_children_emails(
                case, stopping[-1].stops_qualifying_on, _names_by_party(stopping)
            )
        for decision, stopping in made:
            facts.attach_parties(decision.case)
            emails += new_amount_emails(
                decision.case,
                decision,
                reason="child_stopped",
                children_by_party=_names_by_party(stopping),
            )
        send_emails(emails)
        return outcomes


def _stopped_event(acting_user, case, child):
    return audit_event(
        acting_user=acting_user,
        action="child.stopped_qualifying",
        obj=case,
        child=str(child.public_id),
        left_on=child.left_on.isoformat(),
    )


def _names_by_party(stopping):
    names: dict[int, list[str]] = {}
    for child in stopping:
        names.setdefault(child.receiving_party_id, []).append(child.full_name)
    return names

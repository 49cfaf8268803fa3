"""Making a decision: build the engine's input from the case as it stands, calculate,
and keep an immutable snapshot. Payments listen to `decision_made`."""

from django.db import transaction
from django.utils import timezone

from calculation.engine import (
    CalculationInput,
    ChildInput,
    InvalidInputError,
    ReceivingParentInput,
    calculate,
)
from cms_portal.audit import audit_event, record_audit_event, record_audit_events
from cms_portal.notify import send_email
from cms_portal.party_alerts import alert_sender_registered

from ..models import (
    Benefit,
    Case,
    Child,
    ChildStatus,
    Decision,
    DecisionReason,
    IncomeRecord,
    Party,
    PartyRole,
)
from ..rules import challenge_deadline, first_review_date
from ..signals import decision_made, decisions_made
from .setup import CaseRuleError, relevant_other_children_on

# Functions case -> tuple of calculation.inputs.Variation, added by areas above this one
# (variations) so a decision counts what they agreed without this area importing them.
VARIATION_SOURCES: list = []


# For each source above, a function [case id] -> set of those it would give anything for,
# so a batch can tell in one statement which cases to decide one at a time.
VARIATION_CASE_SOURCES: list = []


def _variations_for(case):
    return tuple(variation for source in VARIATION_SOURCES for variation in source(case))


def cases_with_variations(case_ids):
    if len(VARIATION_CASE_SOURCES) != len(VARIATION_SOURCES):
        return set(case_ids)  # a source with no batch form: every case one at a time
    return set().union(*(source(case_ids) for source in VARIATION_CASE_SOURCES))


class DecisionNotPossible(CaseRuleError):
    """The case lacks something a calculation needs (income, children, a paying parent)."""


def income_record_on(case, on_date):
    return (
        IncomeRecord.objects.filter(case=case, effective_from__lte=on_date)
        .order_by("-effective_from", "-recorded_at", "-id")
        .first()
    )


def _receiving_parties_with_children(case, on_date):
    """Each receiving party with the children who still count on `on_date` (a child whose
    stop date has come is left out even before the nightly job records it)."""
    parties = case.parties.filter(role=PartyRole.RECEIVING)
    children = Child.objects.filter(case=case, status=ChildStatus.QUALIFYING)
    return counted_children_on(parties, children, on_date)


def counted_children_on(parties, children, on_date):
    """[(receiving party, [children who count on `on_date`])] from a case's receiving
    parties and qualifying children, as read (one case's, or a batch's for one case)."""
    by_party: dict[int, list] = {}
    for child in children:
        if child.stops_qualifying_on is None or child.stops_qualifying_on > on_date:
            by_party.setdefault(child.receiving_party_id, []).append(child)
    counted = []
    for party in sorted(parties, key=lambda party: (party.created_at, party.pk)):
        kept = sorted(by_party.get(party.pk, []), key=lambda child: (child.date_of_birth, child.pk))
        if kept:
            counted.append((party, kept))
    return counted


def build_calculation_input(
    case, on_date, income_record, *, receiving=None, other_children=None, variations=None
):
    """The engine's input. A batch passes the counted children (`counted_children_on`),
    the relevant other children on the date and the variations it read for the case."""
    if receiving is None:
        receiving = _receiving_parties_with_children(case, on_date)
    if not receiving:
        raise DecisionNotPossible("There are no qualifying children to calculate for.")
    if income_record is None:
        raise DecisionNotPossible("Record the paying parent's income first.")
    if other_children is None:
        other_children = relevant_other_children_on(case, on_date)
    try:
        calculation_input = CalculationInput(
            effective_date=on_date,
            gross_weekly_income=income_record.gross_weekly_income,
            benefit=income_record.benefit or Benefit.NONE,
            relevant_other_children=other_children,
            service_type=case.service_type,
            receiving_parents=tuple(
                ReceivingParentInput(
                    children=tuple(
                        ChildInput(shared_care_nights=child.shared_care_nights)
                        for child in children
                    )
                )
                for _party, children in receiving
            ),
            variations=_variations_for(case) if variations is None else variations,
        )
    except InvalidInputError as error:
        raise DecisionNotPossible(str(error)) from error
    return calculation_input, receiving


def _snapshot_input(calculation_input, receiving, income_record):
    data = calculation_input.to_dict()
    data["income_record"] = {
        "public_id": str(income_record.public_id),
        "source": income_record.source,
        "tax_year": income_record.tax_year,
        "effective_from": income_record.effective_from.isoformat(),
    }
    data["receiving_parties"] = [
        {
            "public_id": str(party.public_id),
            "children": [
                {
                    "public_id": str(child.public_id),
                    "full_name": child.full_name,
                    "date_of_birth": child.date_of_birth.isoformat(),
                    "shared_care_nights": child.shared_care_nights,
                }
                for child in children
            ],
        }
        for party, children in receiving
    ]
    return data


def new_decision(*, acting_user, case, reason, effective_date, income_record, previous, **facts):
    """The decision (not yet saved) from the case's facts on `effective_date`: the
    calculation, its snapshot and the decision it supersedes. `facts` are what a batch
    read for build_calculation_input."""
    calculation_input, receiving = build_calculation_input(
        case, effective_date, income_record, **facts
    )
    try:
        result = calculate(calculation_input)
    except InvalidInputError as error:
        raise DecisionNotPossible(str(error)) from error
    snapshot = result.to_dict()
    snapshot["by_receiving_party"] = {
        str(party.public_id): share.to_dict()
        for (party, _children), share in zip(receiving, result.receiving_parents, strict=True)
    }
    decided_at = timezone.now()
    return Decision(
        case=case,
        effective_date=effective_date,
        weekly_amount=result.weekly_amount,
        calculation_input=_snapshot_input(calculation_input, receiving, income_record),
        calculation_result=snapshot,
        reason=reason,
        income_record=income_record,
        supersedes=previous,
        decided_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        decided_at=decided_at,
        # Parties are told the same day (notify_parties below, or the caseworker's
        # letter), so the revision period runs from the day of the decision.
        challenge_by=challenge_deadline(timezone.localdate(decided_at)),
    )


def _decision_made_event(acting_user, case, decision, reason):
    return audit_event(
        acting_user=acting_user,
        action="decision.made",
        obj=case,
        decision=str(decision.public_id),
        reason=reason,
        weekly_amount=str(decision.weekly_amount),
    )


def make_decision(
    *,
    acting_user,
    case,
    reason=DecisionReason.CHANGE,
    effective_date=None,
    notify=True,
    income_record=None,
):
    """Calculate from the case's current facts and record the result as a new decision
    that supersedes the last. Sends `decision_made` inside the transaction. The income is
    the record in force on the effective date unless `income_record` is given (an annual
    review takes the latest tax year's). The first decision fixes the review dates."""
    effective_date = effective_date or timezone.localdate()
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.is_closed:
            # A decision would start a new schedule: a closed case owes nothing more.
            raise DecisionNotPossible("The case is closed.")
        if income_record is None:
            income_record = income_record_on(case, effective_date)
        decision = new_decision(
            acting_user=acting_user,
            case=case,
            reason=reason,
            effective_date=effective_date,
            income_record=income_record,
            previous=case.decisions.order_by("-decided_at", "-id").first(),
        )
        decision.save(force_insert=True)
        if case.initial_effective_date is None:
            case.initial_effective_date = effective_date
            case.review_date = first_review_date(effective_date)
            case.save(update_fields=["initial_effective_date", "review_date", "updated_at"])
        _decision_made_event(acting_user, case, decision, reason).save(force_insert=True)
        decision_made.send(
            sender=Decision, decision=decision, acting_user=acting_user, notify=notify
        )
        # With the alerts app installed, it tells the parties (by their chosen way) from
        # the signal; this email is for a portal without it.
        if notify and not alert_sender_registered():
            notify_parties(case, "cases_decision_made", {"case_reference": case.reference})
        return decision


def save_decisions(*, acting_user, decisions):
    """Save decisions made by `new_decision` for a batch of locked cases that already
    have a decision (so their review dates are fixed), one for each case, with their
    audit events, and send `decisions_made` (the parties are told by the caller)."""
    if not decisions:
        return []
    Decision.objects.bulk_create(decisions)
    record_audit_events(
        [
            _decision_made_event(acting_user, decision.case, decision, decision.reason)
            for decision in decisions
        ]
    )
    decisions_made.send(sender=Decision, decisions=decisions, acting_user=acting_user)
    return decisions


def notify_parties(case, template, context, *, only=None):
    """Email each party (or `only` those given) in their own language, after commit."""
    parties = only if only is not None else case.parties.all()
    for party in parties:
        send_email(
            to=party.notification_email,
            template=template,
            context={**context, "party_name": party.full_name},
            language=party.notification_language,
        )


def mark_decision_seen(*, acting_user, access, decision):
    """The party's side has opened the decision in force (clears the dashboard to-do)."""
    seen_at = access.party.decision_seen_at
    if seen_at and seen_at >= decision.decided_at:
        return access.party  # seen before: nothing to write, so no lock either
    with transaction.atomic():
        party = Party.objects.select_for_update().get(pk=access.party.pk)
        if party.decision_seen_at and party.decision_seen_at >= decision.decided_at:
            return party
        party.decision_seen_at = timezone.now()
        party.save(update_fields=["decision_seen_at"])
        record_audit_event(
            acting_user=acting_user,
            action="decision.viewed",
            obj=access.case,
            decision=str(decision.public_id),
        )
        return party

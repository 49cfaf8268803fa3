"""The current income check (SI 2012/2677 reg 22) on HMRC's RTI pay periods, with the
25% tolerance of reg 23 (cases.rules.income_change_needs_new_decision).

When the current income (hmrc_income.current_income) is 25% or more away from the income
in the decision in force, a new decision is made at once with reason "current income",
unless something needs a person's judgement (see `_why_a_caseworker`): then the case goes
to the caseworker queue. Both parents are told, in their own language; no email gives an
amount, so the receiving parent learns nothing of the paying parent's income beyond what
the decision letter shows."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.models import (
    OPEN_RECONSIDERATION_STATUSES,
    CaseStatus,
    DecisionReason,
    IncomeSource,
    PartyRole,
)
from cases.rules import (
    income_change_fraction,
    income_change_needs_new_decision,
    percent_for_display,
)
from cases.selectors import current_decision
from cases.services import DecisionNotPossible, make_decision, record_income
from cases.services.decisions import notify_parties
from casework.models import WorkItem, WorkItemKind, WorkItemStatus
from casework.services import add_to_caseworker_queue
from cms_portal.audit import record_audit_event

from ..current_income import current_income
from ..feed import tax_year_of
from ..models import CheckOutcome, CurrentIncomeCheck
from ..selectors import pay_periods_for

QUEUE_REFERENCE = "hmrc-current-income:{through}"


def _why_a_caseworker(case, decision, position):
    """A reason the change is not made automatically, or "" when the rules allow it."""
    if decision.income_used is None:
        return "a benefit decided the rate in force; HMRC now shows pay"
    if not position.regular:
        return "pay periods overlap or leave gaps (more than one employer?)"
    if position.weekly == 0:
        return "no pay in the latest periods: a benefit may now decide the rate"
    if decision.reason == DecisionReason.VARIATION:
        return "a variation is part of the decision in force"
    if case.reconsiderations.filter(status__in=OPEN_RECONSIDERATION_STATUSES).exists():
        return "a mandatory reconsideration is open"
    if (
        WorkItem.objects.filter(case=case, kind=WorkItemKind.CURRENT_INCOME)
        .exclude(status=WorkItemStatus.DONE)
        .exists()
    ):
        return "an earlier current income check is still with a caseworker"
    return ""


def check_current_income(*, acting_user, party, on_date=None):
    """Check one paying parent's current income against the decision in force. Returns
    the check made, or None when there is nothing to check (no decision in force, not
    enough pay periods yet, or these periods were checked before)."""
    on_date = on_date or timezone.localdate()
    case = party.case
    if party.role != PartyRole.PAYING or case.status != CaseStatus.OPEN:
        return None
    decision = current_decision(case)
    position = current_income(pay_periods_for(party))
    if decision is None or position is None:
        return None
    if CurrentIncomeCheck.objects.filter(party=party, through=position.through).exists():
        return None
    try:
        with transaction.atomic():
            return _check(acting_user, case, party, decision, position, on_date)
    except IntegrityError:
        return None  # checked at the same moment by another worker


def _check(acting_user, case, party, decision, position, on_date):
    old = decision.income_used
    check = CurrentIncomeCheck(
        case=case,
        party=party,
        through=position.through,
        periods=position.periods,
        current_weekly_income=position.weekly,
        decision_weekly_income=old,
    )
    if old is not None and not income_change_needs_new_decision(old, position.weekly, on_date):
        check.outcome = CheckOutcome.BELOW_THRESHOLD
        check.save()
        _audit(acting_user, check)
        return check
    reason = _why_a_caseworker(case, decision, position)
    if not reason:
        try:
            check.decision = _new_decision(acting_user, case, position, on_date)
        except DecisionNotPossible as error:
            reason = f"a new decision could not be made automatically: {error}"
    if reason:
        check.outcome = CheckOutcome.TO_CASEWORKER
        check.reason = reason[:200]
        percent = percent_for_display(income_change_fraction(old, position.weekly)) if old else None
        add_to_caseworker_queue(
            acting_user=acting_user,
            case=case,
            kind=WorkItemKind.CURRENT_INCOME,
            summary=(
                f"HMRC current income {position.weekly} a week over {position.periods} pay "
                f"periods to {position.through:%d/%m/%Y} against "
                f"{old if old is not None else 'a benefit'}"
                f"{f' ({percent}% different)' if percent is not None else ''}: {reason}"
            ),
            source_reference=QUEUE_REFERENCE.format(through=position.through.isoformat()),
        )
        _tell_parents(case, "hmrc_income_under_review")
    else:
        check.outcome = CheckOutcome.NEW_DECISION
        _tell_parents(case, "hmrc_income_new_decision")
    check.save()
    _audit(acting_user, check)
    return check


def _new_decision(acting_user, case, position, on_date):
    record_income(
        acting_user=acting_user,
        case=case,
        gross_weekly_income=position.weekly,
        source=IncomeSource.HMRC_CURRENT,
        tax_year=tax_year_of(position.through),
        effective_from=on_date,
    )
    return make_decision(
        acting_user=acting_user,
        case=case,
        reason=DecisionReason.CURRENT_INCOME,
        effective_date=on_date,
        notify=False,
    )


def _tell_parents(case, template):
    """Each parent gets the email written for their side; neither shows an amount."""
    for party in case.parties.all():
        side = "paying" if party.role == PartyRole.PAYING else "receiving"
        notify_parties(case, f"{template}_{side}", {"case_reference": case.reference}, only=[party])


def _audit(acting_user, check):
    record_audit_event(
        acting_user=acting_user,
        action="hmrc_income.current_income_checked",
        obj=check.case,
        outcome=check.outcome,
        through=check.through.isoformat(),
        periods=check.periods,
        decision=str(check.decision.public_id) if check.decision_id else "",
    )

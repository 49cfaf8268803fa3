"""Enforcement actions and their charges, and arrears payment plans."""

from datetime import date

from django.db import transaction

from calculation.fees import EnforcementChargeKind, enforcement_charge
from cms_portal.audit import record_audit_event

from ..dates import business_date
from ..models import (
    ArrearsPaymentPlan,
    EnforcementAction,
    EnforcementKind,
    EntryKind,
    PaymentSchedule,
    PlanStatus,
)
from ..plans import plan_end_date
from ..selectors import arrears
from .accounts import IdempotencyConflict, PaymentsError, Postings, lock_one_case
from .allocating import allocate_cases
from .instalments import create_obligations
from .validation import COLLECT_AND_PAY, valid_amount

# The charge tables in calculation.fees name the kinds in full.
CHARGE_KINDS = {
    EnforcementKind.DEO: EnforcementChargeKind.DEDUCTION_FROM_EARNINGS_ORDER,
    EnforcementKind.DER: EnforcementChargeKind.DEDUCTION_FROM_EARNINGS_REQUEST,
    EnforcementKind.RDO: EnforcementChargeKind.REGULAR_DEDUCTION_ORDER,
    EnforcementKind.LSDO: EnforcementChargeKind.LUMP_SUM_DEDUCTION_ORDER,
    EnforcementKind.LIABILITY_ORDER: EnforcementChargeKind.LIABILITY_ORDER,
}


def post_enforcement_charge(
    *, acting_user, case, kind, on_date, idempotency_key, notes="", deduction_order=""
):
    """Record an enforcement action taken on `on_date` and charge the paying parent for it
    (the amount in force that day, from calculation.fees). The charge is paid only after
    maintenance and arrears. Same key again: returns the first action.

    Enforcement is for maintenance that is owed: every action but a DEO is refused on a
    case with no arrears (up to date or in credit). A DEO's charge comes only with issuing
    the order (`deduction_order` is its reference), whose own rules decide when it may be
    made; a DEO charged by itself would be a second charge for the same order."""
    if kind not in CHARGE_KINDS:
        raise PaymentsError(f"Unknown enforcement action: {kind!r}")
    if kind == EnforcementKind.DEO and not deduction_order:
        raise PaymentsError(
            "A DEO is charged when the order is issued, never as an action by itself."
        )
    if not isinstance(on_date, date) or on_date > business_date():
        raise PaymentsError("The date of the action must be today or in the past.")
    if not idempotency_key:
        raise PaymentsError("Every enforcement action needs an idempotency key.")
    with transaction.atomic():
        accounts = lock_one_case(case)
        existing = EnforcementAction.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            if (existing.case_id, existing.kind) != (case.pk, kind):
                raise IdempotencyConflict("This idempotency key was used for another action.")
            return existing
        if case.service_type != COLLECT_AND_PAY:
            raise PaymentsError("Enforcement is only for Collect and Pay cases.")
        if kind != EnforcementKind.DEO and arrears(case) <= 0:
            raise PaymentsError(
                "There are no arrears on this case, so no enforcement action can be charged."
            )
        charge = enforcement_charge(CHARGE_KINDS[EnforcementKind(kind)], on_date)
        action = EnforcementAction.objects.create(
            case=case,
            kind=kind,
            taken_on=on_date,
            charge=charge,
            idempotency_key=idempotency_key,
            notes=notes,
            created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        )
        postings = Postings(acting_user=acting_user)
        entry = postings.add(
            accounts.paying,
            EntryKind.ENFORCEMENT_CHARGE,
            charge,
            on_date,
            f"charge:{idempotency_key}",
            enforcement_action_id=action.pk,
        )
        postings.save()
        if entry is not None:
            create_obligations([(entry, "enforcement_charge", None)])
            allocate_cases({case.pk: accounts}, business_date(), postings)
        record_audit_event(
            acting_user=acting_user,
            action="payments.enforcement_started",
            obj=case,
            kind=kind,
            charge=str(charge),
            enforcement_action=str(action.public_id),
            **({"deduction_order": deduction_order} if deduction_order else {}),
        )
        return action


def agree_payment_plan(*, acting_user, case, amount_per_instalment, starts_on, note=""):
    """Agree an amount to pay towards arrears with each instalment, replacing any plan.
    The plan pays off today's arrears; its expected end is when the payment that clears
    them falls due on the case's open schedule."""
    amount = valid_amount(amount_per_instalment)
    with transaction.atomic():
        lock_one_case(case)
        today = business_date()
        owed = arrears(case, today)
        schedule = PaymentSchedule.objects.filter(case=case, ends_on__isnull=True).first()
        expected_end = None
        if schedule is not None:
            expected_end = plan_end_date(
                owed, amount, schedule.first_due_date, schedule.frequency, starts_on
            )
        ended = _end_active_plan(case, starts_on)
        plan = ArrearsPaymentPlan.objects.create(
            case=case,
            amount_per_instalment=amount,
            starts_on=starts_on,
            arrears_at_start=owed,
            arrears_before=today,
            expected_end_on=expected_end,
            note=note,
            agreed_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        )
        record_audit_event(
            acting_user=acting_user,
            action="payments.plan_agreed",
            obj=case,
            plan=str(plan.public_id),
            amount=str(amount),
            starts_on=starts_on.isoformat(),
            arrears=str(owed),
            expected_end_on=expected_end.isoformat() if expected_end else "",
            replaced=ended,
        )
        return plan


def end_payment_plan(*, acting_user, case, on_date=None):
    with transaction.atomic():
        lock_one_case(case)
        ended = _end_active_plan(case, on_date or business_date())
        if ended:
            record_audit_event(
                acting_user=acting_user, action="payments.plan_ended", obj=case, plan=ended
            )
        return bool(ended)


def _end_active_plan(case, on_date):
    plan = (
        ArrearsPaymentPlan.objects.select_for_update()
        .filter(case=case, status=PlanStatus.ACTIVE)
        .first()
    )
    if plan is None:
        return ""
    plan.status = PlanStatus.ENDED
    plan.ended_on = on_date
    plan.save(update_fields=["status", "ended_on"])
    return str(plan.public_id)

"""Correcting a filed return. Before it is paid the return is changed; once paid, a
correcting return supersedes it and the difference from what was paid goes to the
case's caseworker. Either way every later pay day of the order is worked out again,
because its shortfall brought forward came from the corrected one. Employers (online)
and caseworkers (admin) both correct through these functions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calculation.money import ZERO
from cms_portal.audit import record_audit_event
from cms_portal.formatting import money

from ..models import CorrectionKind, DeductionOrder, DeductionReturn, ReturnCorrection
from ..rules import DeductionInputError, DeductionOutcome, work_out_deduction
from .errors import EmployerRuleError, user_or_none
from .filing import ADMIN_FEE_MESSAGES

QUEUE_KIND = "deo_return_corrected"
FIGURES = (
    "net_earnings",
    "normal_rate",
    "shortfall_brought_forward",
    "protected_earnings",
    "amount_deducted",
    "shortfall_carried_forward",
    "admin_fee",
)


@dataclass(frozen=True, slots=True)
class CorrectedPayDay:
    deduction_return: DeductionReturn
    outcome: DeductionOutcome
    # The corrected pay day itself, or a later one worked out again.
    knock_on: bool

    @property
    def paid(self):
        return self.deduction_return.remittance_id is not None

    @property
    def paid_difference(self):
        """More (or, below zero, less) deducted than was paid for this pay day."""
        if not self.paid:
            return ZERO
        return self.outcome.amount_deducted - self.deduction_return.amount_deducted

    @property
    def changed(self):
        return any(
            getattr(self.outcome, name) != getattr(self.deduction_return, name) for name in FIGURES
        )


@dataclass(frozen=True, slots=True)
class CorrectionPlan:
    pay_days: list[CorrectedPayDay]

    @property
    def corrected(self):
        return self.pay_days[0]

    @property
    def knock_on(self):
        return [day for day in self.pay_days[1:] if day.changed]

    @property
    def unpaid_change(self):
        """How the money still to pay changes."""
        return sum(
            (
                day.outcome.amount_deducted - day.deduction_return.amount_deducted
                for day in self.pay_days
                if day.changed and not day.paid
            ),
            ZERO,
        )

    @property
    def paid_difference(self):
        return sum((day.paid_difference for day in self.pay_days if day.changed), ZERO)


def _returns_from(deduction_return):
    """The order's returns in force from the corrected pay day on, and the shortfall
    the one before it carried forward."""
    returns = list(
        DeductionReturn.objects.filter(
            order_id=deduction_return.order_id, pay_date__gte=deduction_return.pay_date
        )
        .select_related("order__employee")
        .order_by("pay_date")
    )
    before = (
        DeductionReturn.objects.filter(
            order_id=deduction_return.order_id, pay_date__lt=deduction_return.pay_date
        )
        .order_by("-pay_date")
        .values_list("shortfall_carried_forward", flat=True)
        .first()
    )
    return returns, before if before is not None else ZERO


def plan_correction(
    deduction_return, *, net_earnings: Decimal, admin_fee: Decimal
) -> CorrectionPlan:
    """What correcting `deduction_return` to these figures would do. Nothing is written.
    Raises EmployerRuleError for figures the rule does not allow, or no change."""
    returns, shortfall = _returns_from(deduction_return)
    if not returns or returns[0].pk != deduction_return.pk:
        raise EmployerRuleError(
            _("This return has already been corrected. Correct the latest version instead")
        )
    first = returns[0]
    try:
        outcome = work_out_deduction(
            net_earnings=net_earnings,
            normal_rate=first.normal_rate,
            shortfall_brought_forward=shortfall,
            admin_fee=admin_fee,
            pay_date=first.pay_date,
        )
    except DeductionInputError as error:
        message = ADMIN_FEE_MESSAGES.get(error.code, _("Enter an amount in pounds and pence"))
        raise EmployerRuleError(
            message, field="admin_fee" if error.code in ADMIN_FEE_MESSAGES else "net_earnings"
        ) from error
    pay_days = [CorrectedPayDay(first, outcome, knock_on=False)]
    if not pay_days[0].changed:
        raise EmployerRuleError(
            _("These are the figures already sent. Change the net earnings or the admin fee"),
            field="net_earnings",
        )
    shortfall = outcome.shortfall_carried_forward
    for later in returns[1:]:
        arguments = {
            "net_earnings": later.net_earnings,
            "normal_rate": later.normal_rate,
            "shortfall_brought_forward": shortfall,
            "pay_date": later.pay_date,
        }
        without_fee = work_out_deduction(**arguments)
        # The fee the employer kept stands unless the new deduction no longer allows it.
        fee = min(later.admin_fee, without_fee.maximum_admin_fee)
        day = CorrectedPayDay(later, work_out_deduction(admin_fee=fee, **arguments), knock_on=True)
        pay_days.append(day)
        if not day.changed:
            # Nothing carries on from here: the rest of the chain is as it was.
            break
        shortfall = day.outcome.shortfall_carried_forward
    return CorrectionPlan(pay_days)


def _queue_for_caseworker(acting_user, order, day, correction):
    from casework.services import add_to_caseworker_queue

    difference = day.paid_difference
    if difference > 0:
        text = (
            f"{order.employer.name} corrected the paid return for {order.employee.full_name} "
            f"(order {order.reference}) on {day.deduction_return.pay_date:%d/%m/%Y}: "
            f"{money(difference)} more was deducted than paid. Collect it from the employer."
        )
    else:
        text = (
            f"{order.employer.name} corrected the paid return for {order.employee.full_name} "
            f"(order {order.reference}) on {day.deduction_return.pay_date:%d/%m/%Y}: "
            f"{money(-difference)} was paid but not deducted. Settle it with the employer."
        )
    add_to_caseworker_queue(
        acting_user=acting_user,
        case=order.case,
        kind=QUEUE_KIND,
        summary=text,
        source_reference=f"return-correction:{correction.public_id}",
    )


def _apply(day, *, acting_user, reason, now):
    old = day.deduction_return
    values = {name: getattr(day.outcome, name) for name in FIGURES}
    previous = {
        f"previous_{name}": getattr(old, name)
        for name in ("net_earnings", "admin_fee", "amount_deducted", "shortfall_carried_forward")
    }
    if day.paid:
        # A paid return keeps its figures; the correcting return takes its place.
        DeductionReturn.all_versions.filter(pk=old.pk).update(superseded_at=now)
        current = DeductionReturn.objects.create(
            order_id=old.order_id,
            employer_id=old.employer_id,
            pay_date=old.pay_date,
            source=old.source,
            upload_id=old.upload_id,
            remittance_id=old.remittance_id,
            filed_by=user_or_none(acting_user),
            filed_at=now,
            replaces=old,
            **values,
        )
        kind, superseded = CorrectionKind.CORRECTING_RETURN, old
    else:
        DeductionReturn.objects.filter(pk=old.pk).update(**values)
        current, superseded = DeductionReturn.objects.get(pk=old.pk), None
        kind = CorrectionKind.EDIT
    return ReturnCorrection.objects.create(
        deduction_return=current,
        superseded_return=superseded,
        kind=CorrectionKind.KNOCK_ON if day.knock_on else kind,
        reason=reason,
        paid_difference=day.paid_difference,
        corrected_by=user_or_none(acting_user),
        corrected_at=now,
        **previous,
    )


def correct_return(*, acting_user, deduction_return, net_earnings, admin_fee, reason=""):
    """Correct a filed return to the net earnings and admin fee given, and every later
    pay day of its order. Returns the ReturnCorrection of the corrected pay day."""
    with transaction.atomic():
        order = (
            DeductionOrder.objects.select_for_update(of=("self",))
            .select_related("employer", "employee", "case")
            .get(pk=deduction_return.order_id)
        )
        current = DeductionReturn.objects.filter(pk=deduction_return.pk).first()
        if current is None:
            raise EmployerRuleError(
                _("This return has already been corrected. Correct the latest version instead")
            )
        plan = plan_correction(current, net_earnings=net_earnings, admin_fee=admin_fee)
        now = timezone.now()
        corrections = []
        for day in plan.pay_days:
            if not day.changed:
                continue
            correction = _apply(day, acting_user=acting_user, reason=reason.strip(), now=now)
            corrections.append(correction)
            if day.paid_difference:
                _queue_for_caseworker(acting_user, order, day, correction)
        first = corrections[0]
        record_audit_event(
            acting_user=acting_user,
            action="deduction_return.corrected",
            obj=order,
            correction=str(first.public_id),
            kind=first.kind,
            pay_date=current.pay_date.isoformat(),
            reason=reason.strip()[:200],
            net_earnings={"from": str(current.net_earnings), "to": str(net_earnings)},
            admin_fee={"from": str(current.admin_fee), "to": str(admin_fee)},
            amount_deducted={
                "from": str(current.amount_deducted),
                "to": str(plan.corrected.outcome.amount_deducted),
            },
            later_pay_dates=[day.deduction_return.pay_date.isoformat() for day in plan.knock_on],
            paid_difference=str(plan.paid_difference),
        )
        return first

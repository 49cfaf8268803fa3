"""Filing returns from the web pages: one order's pay day, or a schedule of pay days
for many orders. Both plan with the shared rule checks, then file in one transaction."""

from django.db import transaction
from django.utils import timezone

from cms_portal.audit import record_audit_event

from ..models import DeductionReturn, ReturnSource
from .filing import (
    FilingPlan,
    ReturnEntry,
    ReturnProblems,
    build_returns,
    filed_returns,
    lockable_orders,
    plan_returns,
)


def _entries(orders_by_reference, pay_date, lines):
    return [
        ReturnEntry(
            key=reference,
            order=orders_by_reference[reference],
            pay_date=pay_date,
            net_earnings=net_earnings,
            admin_fee=admin_fee,
        )
        for reference, net_earnings, admin_fee in lines
    ]


def _orders(employer, references, *, lock):
    queryset = lockable_orders(employer).filter(reference__in=set(references))
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    return {order.reference: order for order in queryset}


def preview_returns(*, employer, pay_date, lines, today=None) -> FilingPlan:
    """What filing `lines` [(order reference, net earnings, admin fee)] for `pay_date`
    would do, without saving. Unknown references are left out (selectors check them)."""
    orders = _orders(employer, [line[0] for line in lines], lock=False)
    entries = _entries(orders, pay_date, [line for line in lines if line[0] in orders])
    return plan_returns(
        entries, filed=filed_returns(employer, entries), today=today or timezone.localdate()
    )


def file_returns(*, acting_user, employer, pay_date, lines, source=ReturnSource.FORM, today=None):
    """File returns for one pay date. Raises ReturnProblems (nothing saved) if any line
    breaks a rule. Lines already filed with the same figures are returned as they are."""
    with transaction.atomic():
        orders = _orders(employer, [line[0] for line in lines], lock=True)
        entries = _entries(orders, pay_date, [line for line in lines if line[0] in orders])
        plan = plan_returns(
            entries, filed=filed_returns(employer, entries), today=today or timezone.localdate()
        )
        if plan.problems:
            raise ReturnProblems(plan.problems)
        created = DeductionReturn.objects.bulk_create(
            build_returns(plan, employer=employer, source=source, acting_user=acting_user)
        )
        if created:
            record_audit_event(
                acting_user=acting_user,
                action="deduction_returns.filed",
                obj=employer,
                source=str(source),
                pay_date=pay_date.isoformat(),
                count=len(created),
                total_deducted=str(plan.total_deducted),
                orders=[item.entry.order.reference for item in plan.new_returns][:50],
            )
        already = [item.entry.order.pk for item in plan.already_filed]
        existing = list(DeductionReturn.objects.filter(order_id__in=already, pay_date=pay_date))
        return created + existing

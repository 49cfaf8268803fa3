"""Reads scoped to the signed-in employer user. Everything is looked up through the
user's membership of one employer; anything else raises Http404, never 403."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, Sum
from django.http import Http404
from django.utils import timezone

from calculation.money import ZERO

from .deadlines import deduction_month, payment_due_date, previous_month
from .models import (
    DeductionOrder,
    DeductionReturn,
    DeductionUpload,
    EmployerInvitation,
    EmployerMembership,
    LatePayment,
    LeaverReport,
    OrderStatus,
    Remittance,
    ReturnCorrection,
    StoppedTradingReport,
    is_order_reference,
)
from .queries import month_outstanding, orders_with_latest_return, unpaid_returns
from .queries import orders_without_return as liable_orders_without_return
from .rules import deduction_rules

ORDER_SORTS = {
    "name": ("employee__full_name", "reference"),
    "-name": ("-employee__full_name", "-reference"),
    "payroll": ("payroll_number", "reference"),
    "-payroll": ("-payroll_number", "-reference"),
    "reference": ("reference",),
    "-reference": ("-reference",),
    "start": ("served_on", "reference"),
    "-start": ("-served_on", "-reference"),
}
DEFAULT_ORDER_SORT = "name"


def memberships_for_user(user):
    if user is None or not user.is_authenticated:
        return EmployerMembership.objects.none()
    return (
        EmployerMembership.objects.filter(user=user)
        .select_related("employer")
        .order_by("employer__name", "pk")
    )


def membership_for_user(user, employer_public_id=None):
    """The user's membership of the chosen employer (or their only one)."""
    memberships = memberships_for_user(user)
    if employer_public_id:
        membership = memberships.filter(employer__public_id=_uuid(employer_public_id)).first()
    else:
        membership = memberships.first()
    if membership is None:
        raise Http404
    return membership


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise Http404 from None


def orders_for(membership, *, search="", sort=DEFAULT_ORDER_SORT, status=""):
    """The employer's orders matching `search` (name, payroll number or order reference)."""
    orders = DeductionOrder.objects.filter(employer_id=membership.employer_id).select_related(
        "employee"
    )
    search = " ".join(str(search or "").split())[:100]
    if search:
        compact = search.replace(" ", "")
        orders = orders.filter(
            Q(employee__full_name__icontains=search)
            | Q(payroll_number__iexact=search)
            | Q(reference=compact)
        )
    if status in OrderStatus.values:
        orders = orders.filter(status=status)
    return orders.order_by(*ORDER_SORTS.get(sort, ORDER_SORTS[DEFAULT_ORDER_SORT]))


# What a row of an order table shows, read as values: a page of 25 rows needs no order
# or employee instances.
ORDER_ROW_FIELDS = (
    "reference",
    "payroll_number",
    "served_on",
    "normal_deduction_rate",
    "pay_frequency",
    "status",
    "ended_on",
    "employee__full_name",
)


def order_rows(orders):
    """`orders` (a queryset of orders, a page of them) as the values an order table
    shows. Count the orders before this: the count of these rows would join every
    order's employee."""
    return orders.values(*ORDER_ROW_FIELDS)


def order_for(membership, reference):
    if not is_order_reference(reference):
        raise Http404
    order = (
        orders_with_latest_return(DeductionOrder.objects.filter(employer_id=membership.employer_id))
        .select_related("employee")
        .filter(reference=reference)
        .first()
    )
    if order is None:
        raise Http404
    return order


def returns_for_order(order):
    return order.returns.order_by("-pay_date", "-pk")


def _get(queryset, public_id):
    found = queryset.filter(public_id=_uuid(public_id)).first()
    if found is None:
        raise Http404
    return found


def return_for(membership, public_id):
    return _get(
        DeductionReturn.objects.filter(employer_id=membership.employer_id).select_related(
            "order__employee"
        ),
        public_id,
    )


def correction_for(membership, public_id):
    return _get(
        ReturnCorrection.objects.filter(
            deduction_return__employer_id=membership.employer_id
        ).select_related("deduction_return__order__employee"),
        public_id,
    )


def returns_filed_together(membership, deduction_return):
    """The returns filed in the same go (same person, pay date and moment)."""
    return (
        DeductionReturn.objects.filter(
            employer_id=membership.employer_id,
            pay_date=deduction_return.pay_date,
            filed_at=deduction_return.filed_at,
            source=deduction_return.source,
        )
        .select_related("order__employee")
        .order_by("order__employee__full_name", "pk")
    )


def upload_for(membership, public_id):
    return _get(DeductionUpload.objects.filter(employer_id=membership.employer_id), public_id)


def remittances_for(membership):
    return Remittance.objects.filter(employer_id=membership.employer_id).order_by(
        "-month", "-recorded_at"
    )


def remittances_in_bank(membership):
    """The payments, each with the bank money matched to it so far and the date the last
    of it reached CMS's bank."""
    from django.db.models import Max

    return remittances_for(membership).annotate(
        in_bank=Sum("bank_matches__amount"),
        reached_bank_on=Max("bank_matches__bank_receipt__booked_on"),
    )


def recent_remittances_in_bank(membership, limit=6):
    return remittances_in_bank(membership)[:limit]


def remittance_for(membership, public_id):
    return _get(remittances_for(membership), public_id)


def allocations_for(remittance):
    return remittance.allocations.select_related("order__employee").order_by(
        "order__employee__full_name", "pk"
    )


def team_for(membership):
    return membership.employer.memberships.select_related("user").order_by("-role", "user__email")


def team_member_for(membership, public_id):
    return _get(
        EmployerMembership.objects.filter(employer_id=membership.employer_id).select_related(
            "user"
        ),
        public_id,
    )


def open_invitations_for(membership):
    return EmployerInvitation.objects.filter(
        employer_id=membership.employer_id,
        accepted_at__isnull=True,
        withdrawn_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).order_by("email")


def invitation_for(membership, public_id):
    return _get(open_invitations_for(membership), public_id)


def messages_for(membership):
    return membership.employer.messages.order_by("-sent_at", "-pk")


def message_for(membership, public_id):
    return _get(membership.employer.messages.select_related("in_reply_to"), public_id)


def orders_due_for(membership, *, pay_frequency, pay_date):
    """Active orders with this pay frequency, served by `pay_date`, with no return for it."""
    filed = DeductionReturn.objects.filter(employer_id=membership.employer_id, pay_date=pay_date)
    # Deductions start 7 days after an order is served.
    served_by = pay_date - timedelta(days=deduction_rules(pay_date).liable_after_days)
    return (
        orders_with_latest_return(
            DeductionOrder.objects.filter(
                Q(ended_on__isnull=True) | Q(ended_on__gte=pay_date),
                employer_id=membership.employer_id,
                status=OrderStatus.ACTIVE,
                pay_frequency=pay_frequency,
                served_on__lte=served_by,
            )
        )
        .exclude(pk__in=filed.values("order_id"))
        .select_related("employee")
        .order_by("employee__full_name", "reference")
    )


@dataclass(frozen=True)
class ScheduleLine:
    order: DeductionOrder
    returns: int
    amount: Decimal


def payment_schedule(membership, month):
    """What is due for `month`: each order's unpaid deductions and the total."""
    totals = month_outstanding(membership.employer, month)
    orders = (
        DeductionOrder.objects.filter(pk__in=totals)
        .select_related("employee")
        .order_by("employee__full_name", "reference")
    )
    lines = [ScheduleLine(order, totals[order.pk][0], totals[order.pk][1]) for order in orders]
    return lines, sum((line.amount for line in lines), ZERO)


def paid_so_far(membership, month):
    """What the employer has paid towards `month` (part payments included)."""
    return (
        Remittance.objects.filter(employer_id=membership.employer_id, month=month).aggregate(
            total=Sum("amount")
        )["total"]
        or ZERO
    )


def months_with_unpaid_returns(membership):
    pay_dates = (
        DeductionReturn.objects.filter(
            employer_id=membership.employer_id, remittance__isnull=True, amount_deducted__gt=0
        )
        .values_list("pay_date", flat=True)
        .distinct()
    )
    return sorted({deduction_month(pay_date) for pay_date in pay_dates})


@dataclass(frozen=True)
class DashboardSummary:
    active_orders: int
    month_due: date | None
    amount_due: object
    due_on: date | None
    months_unpaid: list
    orders_without_return: int
    reporting_month: date
    late_payments: list
    messages: list


def dashboard_summary(membership, today):
    """What the employer needs to act on now."""
    employer_id = membership.employer_id
    active = DeductionOrder.objects.filter(employer_id=employer_id, status=OrderStatus.ACTIVE)
    unpaid_months = months_with_unpaid_returns(membership)
    month_due = unpaid_months[0] if unpaid_months else None
    amount_due = ZERO
    if month_due is not None:
        amount_due = (
            unpaid_returns(membership.employer, month_due).aggregate(total=Sum("amount_deducted"))[
                "total"
            ]
            or ZERO
        )
    # Last month: the one whose deductions are being reported and paid now.
    reporting_month = previous_month(deduction_month(today))
    without_return = orders_without_return(membership, reporting_month).count()
    return DashboardSummary(
        active_orders=active.count(),
        month_due=month_due,
        amount_due=amount_due,
        due_on=payment_due_date(month_due) if month_due else None,
        months_unpaid=unpaid_months,
        orders_without_return=without_return,
        reporting_month=reporting_month,
        late_payments=list(
            LatePayment.objects.filter(employer_id=employer_id, resolved_at__isnull=True).order_by(
                "month"
            )
        ),
        messages=list(messages_for(membership).filter(from_employer=False)[:5]),
    )


def orders_without_return(membership, month):
    """Active orders the employer was liable for in `month` with nothing reported."""
    return (
        liable_orders_without_return(month, [membership.employer_id])
        .select_related("employee")
        .order_by("employee__full_name", "reference")
    )


def deduction_orders_for_case(case, party):
    """For the paying parent's case page only: their orders (the receiving parent must
    never learn the paying parent's employer)."""
    if party is None or not getattr(party, "is_paying", False) or party.case_id != case.pk:
        return DeductionOrder.objects.none()
    return (
        DeductionOrder.objects.filter(case=case, employee=party)
        .select_related("employer")
        .prefetch_related("leaver_report")
        .order_by("-served_on", "-pk")
    )


def unpaid_total_for_month(membership, month):
    return sum(
        (amount for _count, amount in month_outstanding(membership.employer, month).values()), ZERO
    )


def live_orders_for(membership):
    """Orders not ended: the ones a business that stopped trading still holds."""
    return DeductionOrder.objects.filter(
        employer_id=membership.employer_id, status__in=[OrderStatus.ACTIVE, OrderStatus.SUSPENDED]
    )


def stopped_trading_report_for(membership, public_id):
    return _get(StoppedTradingReport.objects.filter(employer_id=membership.employer_id), public_id)


def leaver_report_for(membership, public_id):
    return _get(
        LeaverReport.objects.filter(order__employer_id=membership.employer_id).select_related(
            "order__employee"
        ),
        public_id,
    )

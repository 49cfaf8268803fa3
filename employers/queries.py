"""Querysets that both services (writes) and selectors (reads) build on."""

from calendar import monthrange
from datetime import timedelta

from django.db.models import DecimalField, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .deadlines import following_month
from .models import DeductionOrder, DeductionReturn, OrderStatus
from .rules import deduction_rules


def orders_with_latest_return(queryset):
    """Orders annotated with their latest return's pay date and carried shortfall."""
    latest = DeductionReturn.objects.filter(order=OuterRef("pk")).order_by("-pay_date")
    return queryset.annotate(
        latest_pay_date=Subquery(latest.values("pay_date")[:1]),
        latest_shortfall=Subquery(latest.values("shortfall_carried_forward")[:1]),
    )


def not_in_bank(*, by_due_date=False):
    """Returns with money deducted that has not reached CMS's bank: no payment recorded,
    or a recorded payment that matched bank money does not yet cover (with `by_due_date`,
    bank money booked by the payment's due date). A payment the employer has recorded is
    only expected until then."""
    from payments.models import BankMatch

    matches = BankMatch.objects.filter(remittance=OuterRef("remittance"))
    if by_due_date:
        matches = matches.filter(bank_receipt__booked_on__lte=OuterRef("remittance__due_on"))
    in_bank = Coalesce(
        Subquery(matches.values("remittance").annotate(total=Sum("amount")).values("total")[:1]),
        Value(0),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )
    return (
        DeductionReturn.objects.filter(amount_deducted__gt=0)
        .alias(in_bank=in_bank)
        .filter(Q(remittance__isnull=True) | Q(in_bank__lt=F("remittance__amount")))
    )


def unpaid_returns(employer, month):
    """Returns in `month` with money deducted that no payment has covered yet."""
    return DeductionReturn.objects.filter(
        employer=employer,
        pay_date__gte=month,
        pay_date__lt=following_month(month),
        remittance__isnull=True,
        amount_deducted__gt=0,
    )


def _month_end(month):
    return month.replace(day=monthrange(month.year, month.month)[1])


def orders_without_return(month, employer_ids=None):
    """Active orders the employer was liable for in `month` (served at least 7 days
    before its end) with nothing reported in it."""
    liable_cut_off = _month_end(month) - timedelta(days=deduction_rules(month).liable_after_days)
    in_month = DeductionReturn.objects.filter(
        order=OuterRef("pk"), pay_date__gte=month, pay_date__lt=following_month(month)
    )
    queryset = DeductionOrder.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=month),
        status=OrderStatus.ACTIVE,
        served_on__lte=liable_cut_off,
    )
    if employer_ids is not None:
        queryset = queryset.filter(employer_id__in=employer_ids)
    return queryset.filter(~Exists(in_month))


def month_outstanding(employer, month):
    """What is still to pay for `month`, per order: {order_id: (unpaid pay days, amount)}.
    A part payment covers whole pay days (oldest first) and leaves a credit towards the
    next; the credit is what was paid for the order in the month less the pay days it
    covered."""
    from django.db.models import Count, Sum

    from .models import RemittanceAllocation

    unpaid = {
        row["order_id"]: (row["count"], row["total"])
        for row in unpaid_returns(employer, month)
        .values("order_id")
        .annotate(total=Sum("amount_deducted"), count=Count("pk"))
        .order_by()
    }
    if not unpaid:
        return {}
    paid = dict(
        RemittanceAllocation.objects.filter(
            remittance__employer=employer, remittance__month=month, order_id__in=list(unpaid)
        )
        .values("order_id")
        .annotate(total=Sum("amount"))
        .values_list("order_id", "total")
    )
    covered = dict(
        DeductionReturn.objects.filter(
            employer=employer,
            pay_date__gte=month,
            pay_date__lt=following_month(month),
            remittance__isnull=False,
            order_id__in=list(unpaid),
        )
        .values("order_id")
        .annotate(total=Sum("amount_deducted"))
        .values_list("order_id", "total")
    )
    return {
        order_id: (count, total - (paid.get(order_id, 0) - covered.get(order_id, 0)))
        for order_id, (count, total) in unpaid.items()
    }

"""The nightly check for money that has not reached CMS by the 19th of the month after
the deductions. Each late month is flagged once per employer (a unique key), the
employer's admins are emailed once, and the flags are the caseworkers' list in the
admin. A flag is resolved when the month has been reported and its money is in the bank."""

from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from cms_portal.audit import record_audit_event
from cms_portal.notify import send_email

from ..deadlines import following_month, latest_month_due, payment_due_date
from ..models import Employer, LatePayment
from ..queries import not_in_bank, orders_without_return
from .messages import employer_contacts


def _late_months(on_date):
    """{(employer id, month): [amount unpaid, orders with nothing reported]}"""
    due_month = latest_month_due(on_date)
    late = {}
    # Late unless the money was in CMS's bank by the deadline: a payment the employer
    # recorded but the bank has not shown us is not paid.
    unpaid = (
        not_in_bank(by_due_date=True)
        .filter(pay_date__lt=following_month(due_month))
        .annotate(month=TruncMonth("pay_date"))
        .values("employer_id", "month")
        .annotate(total=Sum("amount_deducted"))
        .order_by()
    )
    for row in unpaid:
        month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        late[(row["employer_id"], month)] = [row["total"], 0]
    missing = (
        orders_without_return(due_month)
        .values("employer_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in missing:
        late.setdefault((row["employer_id"], due_month), [0, 0])[1] = row["count"]
    return late


def _flag(*, acting_user, employer, month, amount, missing, on_date):
    try:
        with transaction.atomic():
            flag = LatePayment.objects.create(
                employer=employer,
                month=month,
                due_on=payment_due_date(month),
                amount_outstanding=amount,
                orders_without_return=missing,
                flagged_on=on_date,
            )
            record_audit_event(
                acting_user=acting_user,
                action="employer.payment_late",
                obj=employer,
                month=month.isoformat(),
                amount=str(amount),
                orders_without_return=missing,
            )
            for email in employer_contacts(employer):
                send_email(
                    to=email,
                    template="employers_late_payment",
                    language=employer.preferred_language,
                    context={
                        "employer_name": employer.name,
                        "month": month,
                        "due_on": flag.due_on,
                        "amount": amount,
                        "orders_without_return": missing,
                    },
                )
            return flag
    except IntegrityError:
        # Flagged already (by an earlier run, or one running at the same time).
        return None


def _resolve_paid_flags(acting_user):
    now = timezone.now()
    for flag in LatePayment.objects.filter(resolved_at__isnull=True).select_related("employer"):
        still_unpaid = (
            not_in_bank()
            .filter(
                employer=flag.employer,
                pay_date__gte=flag.month,
                pay_date__lt=following_month(flag.month),
            )
            .exists()
        )
        still_missing = orders_without_return(flag.month, [flag.employer_id]).exists()
        if not still_unpaid and not still_missing:
            with transaction.atomic():
                updated = LatePayment.objects.filter(pk=flag.pk, resolved_at__isnull=True).update(
                    resolved_at=now
                )
                if updated:
                    record_audit_event(
                        acting_user=acting_user,
                        action="employer.late_payment_resolved",
                        obj=flag.employer,
                        month=flag.month.isoformat(),
                    )


def flag_late_payments(*, acting_user=None, on_date):
    """Flag every employer month not paid by its deadline. Returns the new flags;
    running it again on the same date flags and emails nothing more."""
    _resolve_paid_flags(acting_user)
    late = _late_months(on_date)
    already = set(
        LatePayment.objects.filter(month__in={month for _id, month in late}).values_list(
            "employer_id", "month"
        )
    )
    employers = Employer.objects.in_bulk({employer_id for employer_id, _month in late})
    new_flags = []
    for (employer_id, month), (amount, missing) in sorted(late.items(), key=lambda item: item[0]):
        if (employer_id, month) in already:
            continue
        flag = _flag(
            acting_user=acting_user,
            employer=employers[employer_id],
            month=month,
            amount=amount,
            missing=missing,
            on_date=on_date,
        )
        if flag is not None:
            new_flags.append(flag)
    return new_flags

"""Recording an employer's payment for a month's deductions and sharing it between the
orders. The payment is expected until bank money covering it is matched to it
(payments.services.bank); then each share becomes a receipt on the case's ledger, posted
after commit (in chunks, by a task) so a payment for thousands of orders is one quick
transaction."""

from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calculation.money import ZERO
from cms_portal.audit import record_audit_event
from cms_portal.formatting import money

from ..deadlines import deduction_month, payment_due_date
from ..models import (
    DeductionReturn,
    Employer,
    PaymentMethod,
    Remittance,
    RemittanceAllocation,
)
from ..queries import month_outstanding, unpaid_returns
from .errors import EmployerRuleError, user_or_none

RECEIPT_METHOD = "employer_deduction"
_CHUNK = 2000


def record_remittance(
    *,
    acting_user,
    employer,
    month,
    method,
    paid_on,
    payment_reference="",
    expected_total=None,
    amount=None,
    today=None,
):
    """Record that the employer paid for `month`: all that is still due, or `amount` of it
    (a part payment). `expected_total` is what the employer was shown: if more has been
    filed since, they are asked to check again."""
    month = deduction_month(month)
    today = today or timezone.localdate()
    if paid_on > today:
        raise EmployerRuleError(
            _("The date you paid must be today or in the past"), field="paid_on"
        )
    if paid_on < month:
        raise EmployerRuleError(
            _("The date you paid must be after the deductions were made"), field="paid_on"
        )
    with transaction.atomic():
        # Every payment for an employer locks the employer first, so two cannot cover
        # the same returns.
        employer = Employer.objects.select_for_update().get(pk=employer.pk)
        outstanding = month_outstanding(employer, month)
        total = sum((left for _count, left in outstanding.values()), ZERO)
        if total <= 0:
            raise EmployerRuleError(_("There is nothing to pay for this month"))
        if expected_total is not None and total != expected_total:
            raise EmployerRuleError(
                _("The amount due has changed since you opened this page. Check the schedule again")
            )
        paying = total if amount is None else amount
        if paying <= 0:
            raise EmployerRuleError(_("Enter the amount you paid"), field="amount")
        if paying > total:
            raise EmployerRuleError(
                _("The amount you paid must be %(total)s or less, the amount still due")
                % {"total": money(total)},
                field="amount",
            )
        rows = list(
            unpaid_returns(employer, month)
            .order_by("pay_date", "order__reference", "pk")
            .values_list("pk", "order_id", "amount_deducted", "pay_date", "order__reference")
        )
        shares, covered = _share_part_payment(rows, outstanding, paying)
        remittance = Remittance.objects.create(
            employer=employer,
            month=month,
            amount=paying,
            method=PaymentMethod(method),
            paid_on=paid_on,
            payment_reference=payment_reference.strip()[:35],
            due_on=payment_due_date(month),
            recorded_by=user_or_none(acting_user),
        )
        RemittanceAllocation.objects.bulk_create(
            [
                RemittanceAllocation(remittance=remittance, order_id=order_id, amount=share)
                for order_id, share in shares.items()
            ],
            batch_size=_CHUNK,
        )
        for start in range(0, len(covered), _CHUNK):
            DeductionReturn.objects.filter(pk__in=covered[start : start + _CHUNK]).update(
                remittance=remittance
            )
        record_audit_event(
            acting_user=acting_user,
            action="employer.payment_recorded",
            obj=employer,
            remittance=str(remittance.public_id),
            month=month.isoformat(),
            amount=str(paying),
            still_due=str(total - paying),
            orders=len(shares),
            paid_late=remittance.paid_late,
        )
        # Expected until money in the bank is matched to it (by the Employer Reference
        # Number in the bank reference); money that arrived first is matched now.
        from payments.models import BankReceipt, MatchStatus
        from payments.services import auto_match

        for bank in (
            BankReceipt.objects.exclude(status=MatchStatus.MATCHED)
            .filter(reference__contains=employer.reference)
            .order_by("booked_on", "id")
        ):
            auto_match(bank, acting_user=acting_user)
        return remittance


def _share_part_payment(rows, outstanding, paying):
    """Share `paying` between the orders, the earliest pay day first (then by order
    reference), so whole pay days are paid before later ones. Returns each order's share
    and the returns now paid in full (with what was paid for them before)."""
    first_seen: dict[Any, Any] = {}
    by_order = defaultdict(list)
    for pk, order_id, deducted, pay_date, reference in rows:
        first_seen.setdefault(order_id, (pay_date, reference))
        by_order[order_id].append((pk, deducted))
    shares, covered, left = {}, [], paying
    for order_id in sorted(by_order, key=first_seen.__getitem__):
        share = min(outstanding[order_id][1], left)
        if share <= 0:
            continue
        shares[order_id] = share
        left -= share
        # Paid before towards these returns: their total less what was still due.
        credit = (
            sum((deducted for _pk, deducted in by_order[order_id]), ZERO)
            - outstanding[order_id][1]
            + share
        )
        for pk, deducted in by_order[order_id]:
            if deducted > credit:
                break
            covered.append(pk)
            credit -= deducted
    return shares, covered


def post_remittance_receipts(*, acting_user, remittance_id, limit=None):
    """Post a receipt on each order's case for its share of the payment. Safe to run
    again: allocations already posted are skipped and receipts are keyed. A share the
    ledger refuses (say the case has left Collect and Pay) stays unposted and goes to the
    case's caseworker, and the other shares are still posted. Nothing is posted until all
    of the payment is matched to money in the bank."""
    from django.db.models import Max, Sum

    from payments.services import PaymentsError, record_receipt

    remittance = Remittance.objects.select_related("employer").get(pk=remittance_id)
    in_the_bank = remittance.bank_matches.aggregate(
        matched=Sum("amount"), last=Max("bank_receipt__booked_on")
    )
    if (in_the_bank["matched"] or ZERO) < remittance.amount:
        return 0
    # Received when the last of the money reached the bank, not when the employer sent it.
    received_on = in_the_bank["last"]
    pending = (
        RemittanceAllocation.objects.filter(remittance=remittance, posted_at__isnull=True)
        .select_related("order__case")
        .order_by("pk")
    )
    if limit:
        pending = pending[:limit]
    posted = 0
    for allocation in pending:
        try:
            with transaction.atomic():
                locked = RemittanceAllocation.objects.select_for_update().get(pk=allocation.pk)
                if locked.posted_at:
                    continue
                receipt = record_receipt(
                    acting_user=acting_user,
                    case=allocation.order.case,
                    amount=allocation.amount,
                    received_on=received_on,
                    method=RECEIPT_METHOD,
                    external_reference=f"DEO {allocation.order.reference}",
                    idempotency_key=allocation.idempotency_key,
                )
                locked.receipt_public_id = getattr(receipt, "public_id", None)
                locked.posted_at = timezone.now()
                locked.save(update_fields=["receipt_public_id", "posted_at"])
                posted += 1
        except PaymentsError as refusal:
            _ask_a_caseworker(acting_user, remittance, allocation, refusal)
    return posted


def _ask_a_caseworker(acting_user, remittance, allocation, refusal):
    """Queue (once) an employer's payment share the ledger would not take."""
    from casework.models import WorkItemKind
    from casework.services import add_to_caseworker_queue

    add_to_caseworker_queue(
        acting_user=acting_user,
        case=allocation.order.case,
        kind=WorkItemKind.EMPLOYER_PAYMENT_NOT_POSTED,
        summary=_(
            "%(amount)s from %(employer)s for order %(order)s, paid on %(date)s, could "
            "not be added to the case: %(reason)s"
        )
        % {
            "amount": money(allocation.amount),
            "employer": remittance.employer.name,
            "order": allocation.order.reference,
            "date": remittance.paid_on.isoformat(),
            "reason": refusal,
        },
        source_reference=f"remittance-share:{allocation.pk}",
    )

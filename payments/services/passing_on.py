"""Passing collected maintenance on to receiving parents, less their collection fee.

Each night everything a receiving account holds is paid out as one payment: the fee is
the receiving parent's rate (4% today) of that amount, rounded half up, at the rates in
force on the business date. If a payment out comes back from the bank, reversing it puts
the whole amount back on the account and the next night pays it again (fee and all)."""

from django.db import transaction

from calculation.fees import instalment_fees

from ..models import Disbursement, EntryKind
from .bulk import bulk_insert
from .rows import RowMaker

DISBURSEMENT_ROWS = RowMaker(Disbursement)


def pass_on(receiving_accounts, on_date, postings):
    """Pay out every positive balance once per business date. Returns the payments."""
    accounts = [account for account in receiving_accounts if account.balance > 0]
    if not accounts:
        return []
    already = set(
        Disbursement.objects.filter(
            account_id__in=[account.pk for account in accounts], business_date=on_date
        ).values_list("account_id", flat=True)
    )
    payments = []
    for account in accounts:
        if account.pk in already:
            continue
        fees = instalment_fees(account.balance, on_date)
        payments.append(
            (
                DISBURSEMENT_ROWS.new(
                    case_id=account.case_id,
                    account_id=account.pk,
                    business_date=on_date,
                    gross=fees.maintenance,
                    fee=fees.receiving_fee,
                    net=fees.receiving_net,
                ),
                account,
            )
        )
    bulk_insert(Disbursement, [payment for payment, _account in payments])
    for payment, account in payments:
        key = f"{account.pk}:{on_date.isoformat()}"
        postings.add(
            account,
            EntryKind.RECEIVING_PARENT_FEE,
            -payment.fee,
            on_date,
            f"pass-on-fee:{key}",
            disbursement_id=payment.pk,
        )
        postings.add(
            account,
            EntryKind.PASSED_ON,
            -payment.net,
            on_date,
            f"pass-on:{key}",
            disbursement_id=payment.pk,
        )
    postings.save(account_fields=("balance",))
    return [payment for payment, _account in payments]


def announce_passed_on(disbursement_ids):
    """Send `money_passed_on` for these payments (the alerts app tells each receiving
    parent). One transaction, so what receivers queue goes out after it commits."""
    from ..signals import money_passed_on

    with transaction.atomic():
        paid = list(
            Disbursement.objects.filter(pk__in=list(disbursement_ids))
            .select_related("account__party__user")
            .order_by("pk")
        )
        if paid:
            money_passed_on.send(sender=Disbursement, disbursements=paid)
    return len(paid)

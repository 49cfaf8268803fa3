"""Making or replacing a case's payment schedule when a decision is made.

Decisions documented here:
- Maintenance is due from the decision's effective date: the first schedule's first
  payment falls due on that date and then every period in the case's payment frequency.
- A new decision ends the old schedule the day before its effective date. A decision made
  ahead for a later date (the annual review, 30 days before) leaves the schedule in force
  running until then; a decision for an earlier date ends both. If the
  frequency is unchanged the payment day stays the same; otherwise the new cycle starts
  on the effective date (or the day after the last instalment already posted).
- Instalments already posted that fall due on or after the effective date (a backdated
  decision) are charged again at the new amounts: each old charge is reversed and the new
  one posted, and money that paid the old charges is used again in the statutory order.
  An instalment is charged in full at the rate in force on its due date.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from calculation.engine import instalment_amount
from cms_portal.audit import record_audit_event

from ..dates import business_date, due_date_on_or_after
from ..models import (
    Account,
    AccountRole,
    EntryKind,
    Instalment,
    LedgerEntry,
    PaymentSchedule,
    ScheduleShare,
)
from .accounts import PaymentsError, Postings, lock_one_case
from .allocating import allocate_cases
from .bulk import bulk_set
from .instalments import charge_instalment, complies, create_obligations, share_charges
from .reversals import not_reversed, reverse_entries

REPRICE_REASON = "Charged again at the amount of a new decision"


def _weekly_shares(decision, parties):
    """[(receiving party, weekly amount)] from the decision's snapshot."""
    by_party = decision.calculation_result.get("by_receiving_party") or {}
    receiving = [party for party in parties if party.role == AccountRole.RECEIVING]
    shares = [
        (party, Decimal(by_party[str(party.public_id)]["weekly_amount"]))
        for party in receiving
        if str(party.public_id) in by_party
    ]
    if not shares and len(receiving) == 1:
        shares = [(receiving[0], Decimal(decision.weekly_amount))]
    if not shares:
        raise PaymentsError("The decision does not say what each receiving parent gets.")
    return shares


def _open_accounts(case, parties):
    for party in parties:
        Account.objects.get_or_create(case=case, party=party, defaults={"role": party.role})


def make_schedule_from_decision(*, acting_user, decision):
    """Make the schedule for a decision, replacing the case's current one."""
    case = decision.case
    with transaction.atomic():
        parties = list(case.parties.all())
        paying_party = next((party for party in parties if party.is_paying), None)
        if paying_party is None:
            raise PaymentsError("The case has no paying parent.")
        weekly_shares = _weekly_shares(decision, parties)
        _open_accounts(case, [paying_party, *(party for party, _weekly in weekly_shares)])
        accounts = lock_one_case(case)
        frequency = case.payment_frequency
        effective = decision.effective_date
        anchor = _end_previous(case, effective, frequency)
        last_posted = Instalment.objects.filter(case=case).aggregate(last=Max("due_date"))["last"]
        start_from = (
            effective if last_posted is None else max(effective, last_posted + timedelta(days=1))
        )
        schedule = PaymentSchedule.objects.create(
            case=case,
            decision=decision,
            frequency=frequency,
            first_due_date=anchor or effective,
            starts_on=effective,
            weekly_amount=decision.weekly_amount,
            instalment_amount=0,
            next_due_date=due_date_on_or_after(anchor or effective, frequency, start_from),
            created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        )
        shares = ScheduleShare.objects.bulk_create(
            [
                ScheduleShare(
                    schedule=schedule,
                    receiving_party=party,
                    receiving_account_id=accounts.receiving[party.pk].pk,
                    weekly_amount=weekly,
                    instalment_amount=instalment_amount(weekly, frequency),
                )
                for party, weekly in weekly_shares
            ]
        )
        schedule.instalment_amount = sum(share.instalment_amount for share in shares)
        schedule.save(update_fields=["instalment_amount"])
        repriced = _charge_again(case, schedule, shares, accounts, effective, acting_user)
        record_audit_event(
            acting_user=acting_user,
            action="payments.schedule_made",
            obj=case,
            schedule=str(schedule.public_id),
            decision=str(decision.public_id),
            frequency=frequency,
            instalment_amount=str(schedule.instalment_amount),
            first_due_date=schedule.next_due_date.isoformat(),
            instalments_charged_again=repriced,
        )
        return schedule


def _end_previous(case, effective, frequency):
    """End the open schedule the day before `effective`; return its payment-day anchor
    when the frequency is unchanged (so the payment day stays the same)."""
    previous = (
        PaymentSchedule.objects.select_for_update().filter(case=case, ends_on__isnull=True).first()
    )
    if previous is None:
        return None
    previous.ends_on = effective - timedelta(days=1)
    if previous.next_due_date and previous.next_due_date > previous.ends_on:
        previous.next_due_date = None
    previous.save(update_fields=["ends_on", "next_due_date"])
    # The open schedule may start later than `effective` (made ahead of time for an annual
    # review): the one running on `effective` then still runs on, and ends here too.
    for running in (
        PaymentSchedule.objects.select_for_update()
        .filter(case=case, ends_on__gte=effective)
        .exclude(pk=previous.pk)
    ):
        running.ends_on = effective - timedelta(days=1)
        if running.next_due_date and running.next_due_date > running.ends_on:
            running.next_due_date = None
        running.save(update_fields=["ends_on", "next_due_date"])
    return previous.first_due_date if previous.frequency == frequency else None


def _charge_again(case, schedule, shares, accounts, effective, acting_user):
    instalments = list(
        Instalment.objects.select_for_update()
        .filter(case=case, due_date__gte=effective)
        .order_by("due_date")
    )
    if not instalments:
        return 0
    postings = Postings(acting_user=acting_user)
    today = business_date()
    collected = [instalment for instalment in instalments if instalment.collect_and_pay]
    if collected:
        old_charges = not_reversed(
            LedgerEntry.objects.filter(
                account_id=accounts.paying.pk,
                instalment__in=collected,
                kind__in=[EntryKind.MAINTENANCE_DUE, EntryKind.PAYING_PARENT_FEE],
            ).order_by("id")
        )
        reverse_entries(old_charges, accounts, today, postings, REPRICE_REASON)
    pending = []
    compliant = complies(accounts.paying)
    for instalment in instalments:
        instalment.schedule = schedule
        instalment.amount = schedule.instalment_amount
        instalment.fee_amount = 0
        if instalment.collect_and_pay:
            pending += charge_instalment(
                instalment,
                share_charges(shares, instalment.due_date, compliant=compliant),
                accounts.paying,
                postings,
                schedule.pk,
            )
    postings.save(account_fields=("balance", "unallocated", "current_due_date"))
    create_obligations(pending)
    bulk_set(Instalment, instalments, ["schedule", "amount", "fee_amount"])
    allocate_cases({case.pk: accounts}, today, postings)
    return len(instalments)

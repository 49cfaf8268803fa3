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
from django.db.models import Max, Q

from calculation.engine import instalment_amount
from cases.models import Party
from cms_portal.audit import audit_event, record_audit_events

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
from .accounts import PaymentsError, Postings, lock_case_accounts, lock_one_case
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
        effective = decision.effective_date
        anchor, ended = _end_previous(
            _schedules_to_end(PaymentSchedule.objects.filter(case=case), effective),
            effective,
            case.payment_frequency,
        )
        for previous in ended:
            previous.save(update_fields=["ends_on", "next_due_date"])
        last_posted = Instalment.objects.filter(case=case).aggregate(last=Max("due_date"))["last"]
        schedule, shares = _new_schedule(
            acting_user, decision, weekly_shares, accounts, anchor, last_posted
        )
        schedule.save(force_insert=True)
        for share in shares:
            share.schedule = schedule
        ScheduleShare.objects.bulk_create(shares)
        repriced = _charge_again(case, schedule, shares, accounts, effective, acting_user)
        _schedule_made_event(acting_user, decision, schedule, repriced).save(force_insert=True)
        return schedule


def make_schedules_from_decisions(*, acting_user, decisions):
    """The schedules for a batch's decisions (one for each case), as
    make_schedule_from_decision makes each, in a few statements. A case whose decision
    reaches back over instalments already posted (they are charged again) or that has an
    account still to open goes through make_schedule_from_decision on its own."""
    case_ids = [decision.case_id for decision in decisions]
    parties_by_case: dict[int, list] = {}
    for party in Party.objects.filter(case_id__in=case_ids).order_by("id"):
        parties_by_case.setdefault(party.case_id, []).append(party)
    last_posted = dict(
        Instalment.objects.filter(case_id__in=case_ids)
        .values("case_id")
        .annotate(last=Max("due_date"))
        .values_list("case_id", "last")
    )
    accounts_by_case = lock_case_accounts(case_ids)
    together, alone = [], []
    for decision in decisions:
        parties = parties_by_case.get(decision.case_id, [])
        accounts = accounts_by_case.get(decision.case_id)
        posted = last_posted.get(decision.case_id)
        if (
            accounts is None
            or accounts.paying is None
            or (posted is not None and posted >= decision.effective_date)
        ):
            alone.append(decision)
            continue
        weekly_shares = _weekly_shares(decision, parties)
        if any(party.pk not in accounts.receiving for party, _weekly in weekly_shares):
            alone.append(decision)
            continue
        together.append((decision, weekly_shares, accounts, posted))
    for decision in alone:
        make_schedule_from_decision(acting_user=acting_user, decision=decision)
    if not together:
        return
    to_end: dict[int, list] = {}
    for schedule in _schedules_to_end(
        PaymentSchedule.objects.filter(case_id__in=[d.case_id for d, *_ in together]),
        min(d.effective_date for d, *_ in together),
    ):
        to_end.setdefault(schedule.case_id, []).append(schedule)
    ended, made = [], []
    for decision, weekly_shares, accounts, posted in together:
        anchor, changed = _end_previous(
            # Read from the earliest effective date of the batch: keep this case's own.
            [
                schedule
                for schedule in to_end.get(decision.case_id, [])
                if schedule.ends_on is None or schedule.ends_on >= decision.effective_date
            ],
            decision.effective_date,
            decision.case.payment_frequency,
        )
        ended += changed
        made.append(_new_schedule(acting_user, decision, weekly_shares, accounts, anchor, posted))
    if ended:
        bulk_set(PaymentSchedule, ended, ["ends_on", "next_due_date"])
    schedules = PaymentSchedule.objects.bulk_create([schedule for schedule, _shares in made])
    shares = []
    for schedule, (_unsaved, schedule_shares) in zip(schedules, made, strict=True):
        for share in schedule_shares:
            share.schedule = schedule
            shares.append(share)
    ScheduleShare.objects.bulk_create(shares)
    record_audit_events(
        [
            _schedule_made_event(acting_user, schedule.decision, schedule, 0)
            for schedule in schedules
        ]
    )


def _new_schedule(acting_user, decision, weekly_shares, accounts, anchor, last_posted):
    """The new schedule and its shares, not yet saved."""
    case = decision.case
    frequency = case.payment_frequency
    effective = decision.effective_date
    start_from = effective
    if last_posted is not None:
        start_from = max(effective, last_posted + timedelta(days=1))
    shares = [
        ScheduleShare(
            receiving_party=party,
            receiving_account_id=accounts.receiving[party.pk].pk,
            weekly_amount=weekly,
            instalment_amount=instalment_amount(weekly, frequency),
        )
        for party, weekly in weekly_shares
    ]
    schedule = PaymentSchedule(
        case=case,
        decision=decision,
        frequency=frequency,
        first_due_date=anchor or effective,
        starts_on=effective,
        weekly_amount=decision.weekly_amount,
        instalment_amount=sum(share.instalment_amount for share in shares),
        next_due_date=due_date_on_or_after(anchor or effective, frequency, start_from),
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    return schedule, shares


def _schedule_made_event(acting_user, decision, schedule, repriced):
    return audit_event(
        acting_user=acting_user,
        action="payments.schedule_made",
        obj=decision.case,
        schedule=str(schedule.public_id),
        decision=str(decision.public_id),
        frequency=schedule.frequency,
        instalment_amount=str(schedule.instalment_amount),
        first_due_date=schedule.next_due_date.isoformat(),
        instalments_charged_again=repriced,
    )


def _schedules_to_end(schedules, effective):
    """A case's (or a batch's) schedules a decision from `effective` may end, locked."""
    return list(
        schedules.select_for_update()
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=effective))
        .order_by("id")
    )


def _end_previous(schedules, effective, frequency):
    """End the open schedule (the first of `schedules`, a case's from _schedules_to_end)
    the day before `effective`. Returns its payment-day anchor when the frequency is
    unchanged (so the payment day stays the same), and the schedules changed."""
    previous = next((schedule for schedule in schedules if schedule.ends_on is None), None)
    if previous is None:
        return None, []
    # The open schedule may start later than `effective` (made ahead of time for an annual
    # review): the one running on `effective` then still runs on, and ends here too.
    running = [
        schedule
        for schedule in schedules
        if schedule.ends_on is not None and schedule.ends_on >= effective
    ]
    for schedule in [previous, *running]:
        schedule.ends_on = effective - timedelta(days=1)
        if schedule.next_due_date and schedule.next_due_date > schedule.ends_on:
            schedule.next_due_date = None
    anchor = previous.first_due_date if previous.frequency == frequency else None
    return anchor, [previous, *running]


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

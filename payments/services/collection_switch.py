"""What a case moved from Direct Pay to Collect and Pay needs before money can flow: an
account for every party, and the instalments that fall due from the move on charged in
the ledger. Set-based: callers pass many cases at once and hold their accounts' locks
(`lock_case_accounts`) before `collect_posted_instalments`.

Decision documented here: an instalment already posted as Direct Pay that falls due on or
after the day collection starts (a move made on the night of that day, or a start date
set in the past) is charged again as Collect and Pay, at the fees in force on its due
date; one due before that day stays Direct Pay, paid between the parents."""

from cases.models import Party

from ..models import Account, Instalment, ScheduleShare
from .bulk import bulk_set
from .instalments import charge_instalment, complies, create_obligations, share_charges


def open_missing_accounts(case_ids):
    """An account for each party of these cases that has none yet. Returns how many."""
    parties = Party.objects.filter(case_id__in=list(case_ids)).exclude(
        payment_accounts__isnull=False
    )
    created = Account.objects.bulk_create(
        [
            Account(case_id=case_id, party_id=party_id, role=role)
            for party_id, case_id, role in parties.values_list("id", "case_id", "role")
        ],
        ignore_conflicts=True,
    )
    return len(created)


def collect_posted_instalments(accounts_by_case, from_date, postings):
    """Charge, as Collect and Pay, the Direct Pay instalments of these cases due on or
    after `from_date`. Returns how many were charged, by case id."""
    instalments = list(
        Instalment.objects.filter(
            case_id__in=list(accounts_by_case), collect_and_pay=False, due_date__gte=from_date
        ).order_by("case_id", "due_date")
    )
    if not instalments:
        return {}
    shares: dict[int, list] = {}
    for share in ScheduleShare.objects.filter(
        schedule_id__in={instalment.schedule_id for instalment in instalments}
    ).order_by("id"):
        shares.setdefault(share.schedule_id, []).append(share)
    pending = []
    charged: dict[int, int] = {}
    for instalment in instalments:
        paying = accounts_by_case[instalment.case_id].paying
        charges = share_charges(
            shares.get(instalment.schedule_id, []),
            instalment.due_date,
            compliant=complies(paying),
        )
        instalment.collect_and_pay = True
        charged[instalment.case_id] = charged.get(instalment.case_id, 0) + 1
        pending += charge_instalment(instalment, charges, paying, postings, instalment.schedule_id)
    postings.save(account_fields=("balance", "unallocated", "current_due_date"))
    create_obligations(pending)
    bulk_set(Instalment, instalments, ["collect_and_pay", "fee_amount"])
    return charged

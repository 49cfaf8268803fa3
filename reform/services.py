"""Moving Direct Pay cases to the single collection service once the reform commences.

For each open Direct Pay case in a range of case ids, in one transaction: the service type
changes through the cases service that always changes it (audited, employers told); each
party gets a payment account if they have none; instalments already posted as Direct Pay
that fall due on or after the commencement date are charged as collected, at the fees in
force on their due dates (payments.services.collection_switch); both parents are emailed
in their own language; and a CaseMove row records it. A case already moved is no longer
Direct Pay, so running again changes nothing."""

from dataclasses import dataclass

from django.db import transaction

from calculation.fees import collection_fee_schedules_from
from cases.models import Case, CaseStatus
from cases.services import update_case
from cms_portal.audit import record_audit_event
from cms_portal.core.choices import ServiceType
from cms_portal.formatting import percent
from cms_portal.notify import send_email
from payments.services.accounts import Postings, lock_case_accounts
from payments.services.collection_switch import collect_posted_instalments, open_missing_accounts

from .models import CaseMove

NOTICE_TEMPLATES = {"paying": "reform_moved_paying", "receiving": "reform_moved_receiving"}


class ReformNotCommenced(ValueError):
    """The move asked for a day before the reform's commencement date."""


@dataclass(frozen=True)
class MoveResult:
    moved: int = 0
    instalments_collected: int = 0
    notices: int = 0


def direct_pay_cases(low=None, high=None):
    """The open Direct Pay cases (with ids in [low, high) when given): those the reform
    moves. The dry run counts the same set."""
    cases = Case.objects.filter(status=CaseStatus.OPEN, service_type=ServiceType.DIRECT_PAY)
    if low is not None:
        cases = cases.filter(id__gte=low, id__lt=high)
    return cases


def fee_figures(commencement):
    """The reform's fees as the notices state them ("2%")."""
    schedule = collection_fee_schedules_from(commencement).on(commencement)
    late = schedule.non_compliant_paying_parent_rate or schedule.paying_parent_rate
    return {
        "paying_fee": percent(schedule.paying_parent_rate),
        "late_fee": percent(late),
        "receiving_fee": percent(schedule.receiving_parent_rate),
    }


def move_direct_pay_cases(*, acting_user, commencement, business_date, low=None, high=None):
    """Move every open Direct Pay case (in [low, high) when given) to collection. Safe to
    run again: moved cases are not Direct Pay any more."""
    if business_date < commencement:
        raise ReformNotCommenced(
            f"The reform starts on {commencement.isoformat()}, after {business_date.isoformat()}"
        )
    figures = fee_figures(commencement)
    with transaction.atomic():
        cases = list(
            direct_pay_cases(low, high)
            .select_for_update(of=("self",))
            .order_by("id")
            .prefetch_related("parties__user")
        )
        if not cases:
            return MoveResult()
        for case in cases:
            update_case(
                acting_user=acting_user, case=case, service_type=ServiceType.COLLECT_AND_PAY
            )
        case_ids = [case.pk for case in cases]
        open_missing_accounts(case_ids)
        accounts = lock_case_accounts(case_ids)
        collected = collect_posted_instalments(
            accounts, commencement, Postings(acting_user=acting_user)
        )
        moves = []
        for case in cases:
            notices = _tell_parents(case, commencement, figures)
            moves.append(
                CaseMove(
                    case=case,
                    commencement=commencement,
                    business_date=business_date,
                    instalments_collected=collected.get(case.pk, 0),
                    notices_sent=notices,
                )
            )
            record_audit_event(
                acting_user=acting_user,
                action="reform.moved_to_collection",
                obj=case,
                commencement=commencement.isoformat(),
                business_date=business_date.isoformat(),
                instalments_collected=collected.get(case.pk, 0),
                notices=notices,
            )
        CaseMove.objects.bulk_create(moves)
        return MoveResult(
            moved=len(moves),
            instalments_collected=sum(collected.values()),
            notices=sum(move.notices_sent for move in moves),
        )


def _tell_parents(case, commencement, figures):
    """Each parent, in their language, about their own side only. Returns emails queued."""
    sent = 0
    for party in case.parties.all():
        email = send_email(
            to=party.notification_email,
            template=NOTICE_TEMPLATES[party.role],
            context={
                "party_name": party.full_name,
                "case_reference": case.reference,
                "commencement": commencement,
                **figures,
            },
            language=party.notification_language,
        )
        sent += email is not None
    return sent

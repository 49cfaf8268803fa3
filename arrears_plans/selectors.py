"""Reads for the arrears plan pages. Views resolve the case and party through
`cases.selectors` first (404 for a case not the user's); these then refuse (404) anyone
but the paying parent of a Collect and Pay case, and read only that case."""

from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404

from employers.models import DeductionOrder, OrderStatus
from payments import selectors as money
from payments.dates import business_date
from payments.models import ArrearsPaymentPlan, PaymentSchedule

from .assessment import PlanTerms, plan_terms
from .models import ArrearsPlanRequest, RequestStatus
from .rules import arrears_plan_rules


def paying_on_collect_and_pay(access):
    """Only the paying parent of a Collect and Pay case has plans to see or agree."""
    if not access.party.is_paying or not money.is_collect_and_pay(access.case):
        raise Http404
    if money.account_for(access.case, access.party) is None:
        raise Http404


@dataclass(frozen=True)
class PlanFacts:
    arrears: Decimal
    plan: ArrearsPaymentPlan | None
    waiting: ArrearsPlanRequest | None
    deducted_from_pay: bool
    terms: PlanTerms | None

    @property
    def can_propose(self):
        return (
            self.arrears > 0
            and self.plan is None
            and self.waiting is None
            and self.terms is not None
        )


def has_deduction_order(case, party):
    return DeductionOrder.objects.filter(
        case=case, employee=party, status=OrderStatus.ACTIVE
    ).exists()


def waiting_request(case):
    return ArrearsPlanRequest.objects.filter(
        case=case, status=RequestStatus.WITH_CASEWORKER
    ).first()


def latest_request(case):
    return ArrearsPlanRequest.objects.filter(case=case).first()


def request_for(access, public_id):
    found = ArrearsPlanRequest.objects.filter(
        case=access.case, party=access.party, public_id=public_id
    ).first()
    if found is None:
        raise Http404
    return found


def plan_facts(case, party, today=None):
    """What the journey needs to know, read once."""
    today = today or business_date()
    owed = money.arrears(case, today)
    schedule = PaymentSchedule.objects.filter(case=case, ends_on__isnull=True).first()
    terms = None
    if schedule is not None and owed > 0:
        terms = plan_terms(
            arrears=owed,
            anchor=schedule.first_due_date,
            frequency=schedule.frequency,
            today=today,
            rules=arrears_plan_rules(today),
        )
    return PlanFacts(
        arrears=owed,
        plan=money.active_plan(case),
        waiting=waiting_request(case),
        deducted_from_pay=has_deduction_order(case, party),
        terms=terms,
    )

"""Finding plan payments that were not made, and telling both parents once.

Decisions documented here:
- A plan is measured by what is left of the arrears it pays off (maintenance due before
  the day it was agreed, still unpaid). By each instalment that carried a plan amount,
  they should be down to the arrears at the start less every plan amount carried so far.
  When, `GRACE_DAYS` after that instalment (and for a case paid through an employer, once
  the employer's payment deadline has passed), more than that is left, the plan payment
  was missed. Money paid early or in a lump sum counts, so a parent ahead of the plan
  is never told they missed a payment.
- Each instalment is checked once it is old enough and at most once noticed (unique
  instalment), so running the job again tells nobody twice. The same look back as for
  missed instalments catches up a month of nights without a run.
- The receiving parent is told that a payment towards arrears was missed and when it was
  due: nothing about the paying parent's money, income or employer. Each parent is
  written to in their own language. A caseworker is asked to contact the paying parent.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calculation.money import PENNY
from cms_portal.notify import send_email

from ..models import (
    ArrearsPaymentPlan,
    Instalment,
    MissedPlanPayment,
    Obligation,
    ObligationKind,
    PlanStatus,
)
from .bulk import bulk_insert, bulk_set
from .missed import _overdue_window, overdue_cutoff
from .rows import RowMaker

NOTICE_ROWS = RowMaker(MissedPlanPayment)
WORK_ITEM_KIND = "arrears_plan_missed"


def _left_of_plan_arrears(plans):
    """{plan id: what is still unpaid of the arrears it pays off}."""
    by_case = {plan.case_id: plan for plan in plans}
    left = {plan.pk: Decimal("0.00") for plan in plans}
    rows = (
        Obligation.objects.filter(
            case_id__in=list(by_case), kind=ObligationKind.MAINTENANCE, outstanding__gt=0
        )
        .values("case_id", "due_date")
        .annotate(total=Sum("outstanding"))
        .values_list("case_id", "due_date", "total")
    )
    for case_id, due_date, total in rows:
        plan = by_case[case_id]
        if plan.arrears_before is not None and due_date < plan.arrears_before:
            left[plan.pk] += Decimal(total).quantize(PENNY)
    return left


def detect_missed_plan_payments(case_range, on_date):
    """Notices for plan payments newly missed on cases with ids in [lo, hi)."""
    lo, hi = case_range
    in_range = {"case_id__gte": lo, "case_id__lt": hi}
    candidates = list(
        Instalment.objects.filter(
            _overdue_window(overdue_cutoff(on_date)),
            **in_range,
            plan_amount__gt=0,
            missed_plan_payment__isnull=True,
        )
        .order_by("due_date", "id")
        .values_list("id", "case_id", "due_date")
    )
    if not candidates:
        return []
    plans = list(
        ArrearsPaymentPlan.objects.filter(
            case_id__in={case_id for _i, case_id, _d in candidates}, status=PlanStatus.ACTIVE
        )
    )
    if not plans:
        return []
    by_case = {plan.case_id: plan for plan in plans}
    carried: dict[int, list] = {}
    for case_id, due_date, amount in (
        Instalment.objects.filter(case_id__in=list(by_case), plan_amount__gt=0)
        .order_by("due_date")
        .values_list("case_id", "due_date", "plan_amount")
    ):
        if due_date >= by_case[case_id].starts_on:
            carried.setdefault(case_id, []).append((due_date, amount))
    left = _left_of_plan_arrears(plans)
    notices = []
    for instalment_id, case_id, due_date in candidates:
        plan = by_case.get(case_id)
        if plan is None or due_date < plan.starts_on:
            continue
        expected_paid = sum(
            (amount for due, amount in carried.get(case_id, []) if due <= due_date),
            start=Decimal("0.00"),
        )
        should_be_left = max(plan.arrears_at_start - expected_paid, Decimal("0.00"))
        if left[plan.pk] > should_be_left:
            notices.append(
                NOTICE_ROWS.new(
                    instalment_id=instalment_id,
                    plan_id=plan.pk,
                    case_id=case_id,
                    shortfall=left[plan.pk] - should_be_left,
                    business_date=on_date,
                )
            )
    bulk_insert(MissedPlanPayment, notices)
    return notices


def notify_missed_plan_payments(notice_ids):
    """Email both parents about each notice not yet sent and queue it for a caseworker.
    Safe to run twice: a notice is marked sent in the same transaction as the emails are
    queued (they go after commit)."""
    from casework.services import add_to_caseworker_queue

    with transaction.atomic():
        notices = list(
            MissedPlanPayment.objects.select_for_update(skip_locked=True)
            .filter(pk__in=list(notice_ids), notified_at__isnull=True)
            .select_related("instalment", "case")
            .prefetch_related("case__parties__user")
            .order_by("pk")
        )
        for notice in notices:
            _email_parents(notice)
            add_to_caseworker_queue(
                acting_user=None,
                case=notice.case,
                kind=WORK_ITEM_KIND,
                summary=_("Arrears plan payment due on %(date)s not made")
                % {"date": notice.instalment.due_date.isoformat()},
                source_reference=f"plan-payment:{notice.instalment_id}",
            )
            notice.notified_at = timezone.now()
        bulk_set(MissedPlanPayment, notices, ["notified_at"])
    return len(notices)


def _email_parents(notice):
    for party in notice.case.parties.all():
        context = {
            "case_reference": notice.case.reference,
            "due_date": notice.instalment.due_date,
            "party_name": party.full_name,
        }
        if party.is_paying:
            context["shortfall"] = notice.shortfall
        send_email(
            to=party.notification_email,
            template="payments_plan_payment_missed_paying"
            if party.is_paying
            else "payments_plan_payment_missed_receiving",
            context=context,
            language=party.notification_language,
        )

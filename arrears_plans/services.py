"""Asking for an arrears plan and deciding on one. Each runs in one transaction, writes
an audit event and agrees the plan itself through payments.services.agree_payment_plan.

Decisions documented here:
- The plan is judged again when it is sent, from the arrears and payment dates of that
  moment (never from what the pages showed earlier).
- A plan inside the rules is agreed at once; any other goes to the caseworker queue and
  the parent is told the outcome by email when it is decided.
- A plan agreed by a caseworker starts with the next payment after the day it is agreed,
  and its end date is worked out again from the arrears then.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.services import add_to_caseworker_queue, close_work_items_for
from cms_portal.audit import record_audit_event
from cms_portal.formatting import money
from cms_portal.notify import send_email
from payments.dates import business_date
from payments.services import agree_payment_plan

from .assessment import assess
from .models import ArrearsPlanRequest, RequestStatus
from .selectors import plan_facts

WORK_ITEM_KIND = "arrears_plan"


class PlanRequestError(ValueError):
    """The plan cannot be asked for or decided now (the message says why, for staff)."""


def _user_or_none(user):
    return user if getattr(user, "is_authenticated", False) else None


def request_arrears_plan(*, acting_user, access, amount, net_income=None):
    """Send the paying parent's plan: agreed at once when inside the rules, otherwise
    queued for a caseworker."""
    case, party = access.case, access.party
    with transaction.atomic():
        # Locked so two requests for one case are decided one after the other.
        type(case)._default_manager.select_for_update().get(pk=case.pk)
        facts = plan_facts(case, party)
        if not facts.can_propose:
            raise PlanRequestError("There are no arrears to agree a plan for, or one exists.")
        if facts.deducted_from_pay and net_income is None:
            raise PlanRequestError("Net income is needed when an employer deducts from pay.")
        assessment = assess(facts.terms, amount, net_income if facts.deducted_from_pay else None)
        request = ArrearsPlanRequest.objects.create(
            case=case,
            party=party,
            amount_per_instalment=amount,
            net_income=net_income if facts.deducted_from_pay else None,
            arrears=facts.arrears,
            starts_on=facts.terms.starts_on,
            expected_end_on=assessment.end_date,
            clear_by=facts.terms.clear_by,
            clears_in_time=assessment.clears_in_time,
            within_income_cap=assessment.within_cap,
            status=RequestStatus.WITH_CASEWORKER,
            submitted_by=_user_or_none(acting_user),
        )
        if assessment.automatic:
            plan = agree_payment_plan(
                acting_user=acting_user,
                case=case,
                amount_per_instalment=amount,
                starts_on=facts.terms.starts_on,
                note="Agreed online: inside the rules.",
            )
            request.plan = plan
            request.status = RequestStatus.AGREED
            request.decided_automatically = True
            request.decided_at = timezone.now()
            request.save(update_fields=["plan", "status", "decided_automatically", "decided_at"])
        else:
            add_to_caseworker_queue(
                acting_user=acting_user,
                case=case,
                kind=WORK_ITEM_KIND,
                summary=_queue_summary(request),
                source_reference=request.work_item_reference,
            )
        record_audit_event(
            acting_user=acting_user,
            action="arrears_plans.requested",
            obj=case,
            request=str(request.public_id),
            amount=str(amount),
            arrears=str(facts.arrears),
            clears_in_time=assessment.clears_in_time,
            within_income_cap=assessment.within_cap,
            outcome=request.status,
        )
        _tell_paying_parent(request)
        return request


def _queue_summary(request):
    reasons = []
    if not request.clears_in_time:
        reasons.append(_("does not clear the arrears in time"))
    if request.within_income_cap is False:
        reasons.append(_("takes more of net income than the rules allow"))
    return _("Arrears plan to decide: %(amount)s with each payment, %(reasons)s") % {
        "amount": money(request.amount_per_instalment),
        "reasons": ", ".join(str(reason) for reason in reasons),
    }


def decide_arrears_plan(*, acting_user, plan_request, agree):
    """A caseworker agrees or refuses a plan waiting for them; the parent is told."""
    with transaction.atomic():
        request = (
            ArrearsPlanRequest.objects.select_for_update()
            .select_related("case", "party")
            .get(pk=plan_request.pk)
        )
        if request.status != RequestStatus.WITH_CASEWORKER:
            raise PlanRequestError("This plan has already been decided.")
        case = request.case
        if agree:
            facts = plan_facts(case, request.party, business_date())
            if facts.terms is None:
                raise PlanRequestError("There are no arrears left to agree a plan for.")
            plan = agree_payment_plan(
                acting_user=acting_user,
                case=case,
                amount_per_instalment=request.amount_per_instalment,
                starts_on=facts.terms.starts_on,
                note="Agreed by a caseworker after an online request.",
            )
            request.plan = plan
            request.starts_on = plan.starts_on
            request.expected_end_on = plan.expected_end_on
            request.status = RequestStatus.AGREED
        else:
            request.status = RequestStatus.REFUSED
        request.decided_by = _user_or_none(acting_user)
        request.decided_at = timezone.now()
        request.save()
        close_work_items_for(
            acting_user=acting_user, case=case, source_reference=request.work_item_reference
        )
        record_audit_event(
            acting_user=acting_user,
            action="arrears_plans.decided",
            obj=case,
            request=str(request.public_id),
            outcome=request.status,
        )
        _tell_paying_parent(request)
        return request


def _tell_paying_parent(request):
    party = request.party
    send_email(
        to=party.notification_email,
        template="arrears_plans_outcome",
        context={
            "party_name": party.full_name,
            "case_reference": request.case.reference,
            "status": request.status,
            "amount": request.amount_per_instalment,
            "starts_on": request.starts_on,
            "expected_end_on": request.expected_end_on,
        },
        language=party.notification_language,
    )

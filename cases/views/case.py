"""The case page and a past decision's page."""

from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from .. import services
from ..journeys import journeys_for
from ..models import Scope
from ..presenters import case as presenter
from ..presenters import money as money_presenter
from ..selectors import (
    change_reports_for,
    current_decision,
    decision_for_case,
    decisions_for_case,
    reconsiderations_for,
)
from .common import parent_page


@parent_page(methods=("GET",))
def detail(request, access):
    today = timezone.localdate()
    # The parties are read once for the names, the safeguarding check and the roles.
    prefetch_related_objects([access.case], "parties")
    decisions = decisions_for_case(access.case)
    decision = decisions[0] if decisions else None  # newest first: the one in force
    context = {
        "access": access,
        "case": access.case,
        "party": access.party,
        "reference": presenter.group_reference(access.case.reference),
        "role": presenter.role_label(access),
        "service_type": presenter.service_type_label(access.case),
        "summary_rows": presenter.case_summary_rows(access),
        "children_rows": presenter.children_rows(access, today),
        "current": presenter.decision_summary(access, decision, get_language(), today),
        "decision_rows": presenter.decision_rows(access, decisions),
        "reconsiderations": presenter.reconsideration_rows(reconsiderations_for(access)),
        "changes": presenter.change_rows(change_reports_for(access)[:10]),
        "can_report": access.allows(Scope.REPORT_CHANGES) and bool(journeys_for(access)),
        "can_message": access.allows(Scope.MESSAGE),
        "can_manage_representatives": not access.is_representative,
        "money": money_presenter.money_summary(access),
    }
    if decision is not None:
        services.mark_decision_seen(acting_user=request.user, access=access, decision=decision)
    return render(request, "cases/detail.html", context)


@parent_page(methods=("GET",))
def decision(request, access, decision_id):
    chosen = decision_for_case(access.case, decision_id)
    today = timezone.localdate()
    return render(
        request,
        "cases/decision.html",
        {
            "access": access,
            "current": presenter.decision_summary(access, chosen, get_language(), today),
            "is_current": chosen == current_decision(access.case),
            "can_report": access.allows(Scope.REPORT_CHANGES),
        },
    )

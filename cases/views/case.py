"""A past decision's page (the case page itself is composed in the parents app)."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from ..models import Scope
from ..presenters import case as presenter
from ..selectors import (
    current_decision,
    decision_for_case,
)
from .common import parent_page


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

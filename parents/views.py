"""The parent-facing pages that show money and deductions alongside the case: the
dashboard and the case page. They sit above cases, payments and employers and call each
one's presenters."""

from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from applications.presenters import applications_for
from cases import services
from cases.journeys import journeys_for
from cases.models import Scope
from cases.presenters import case as presenter
from cases.selectors import (
    accesses_for_user,
    change_reports_for,
    dashboard_facts,
    decisions_for_case,
    reconsiderations_for,
)
from cases.views.common import parent_page, signed_in_page
from cms_portal.roles import request_roles
from letters.presenters import case_letters
from payments.dates import business_date
from variations.presenters import case_section as variations_section

from .presenters import case_card, money_summary

# Set once a Welsh speaker has been taken to the Welsh dashboard this session, so the
# language toggle is never overruled afterwards. English is the unprefixed default, so
# only a move to Welsh is ever made.
LANGUAGE_APPLIED = "cases:dashboard-language-applied"


def preferred_language(user, accesses):
    if getattr(user, "preferred_language", "en") == "cy":
        return "cy"
    own = [access.party.preferred_language for access in accesses if not access.is_representative]
    return "cy" if "cy" in own else "en"


@require_GET
@signed_in_page
def dashboard(request):
    # The roles are read for every page already; they say whether to look for cases
    # the user holds as a representative.
    accesses = accesses_for_user(
        request.user, representations=request_roles(request).representative
    )
    if not request.session.get(LANGUAGE_APPLIED):
        request.session[LANGUAGE_APPLIED] = True
        language = preferred_language(request.user, accesses)
        if language == "cy" and translation.get_language() != "cy":
            with translation.override(language):
                return redirect("cases:dashboard")
    facts = dashboard_facts(accesses)
    cards = [case_card(access, facts) for access in accesses]
    # Before a case exists, the dashboard says where the user's applications are.
    applications = None if cards else applications_for(request.user)
    return render(request, "cases/dashboard.html", {"cards": cards, "applications": applications})


@parent_page(methods=("GET",))
def case_detail(request, access):
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
        "money": money_summary(access),
        "variations": variations_section(access, today),
        "letters": case_letters(access, decision, business_date()),
    }
    if decision is not None:
        services.mark_decision_seen(acting_user=request.user, access=access, decision=decision)
    return render(request, "cases/detail.html", context)

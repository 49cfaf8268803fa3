"""The parent-facing pages that show money and deductions alongside the case: the
dashboard, the case page and the previews of another party's pages. They sit above
cases, payments and employers and call each one's presenters."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from applications.presenters import applications_for
from cases import services
from cases.pages import DECISION_TEMPLATE, decision_page
from cases.selectors import (
    accesses_for_user,
    dashboard_facts,
    decision_for_case,
    preview_access,
    preview_names_others,
)
from cases.views.common import parent_page, signed_in_page
from cms_portal.roles import request_roles

from .pages import CASE_TEMPLATE, case_page
from .presenters import case_card, preview_banner
from .services import record_preview

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
    context, decision = case_page(access, today=timezone.localdate(), language=get_language())
    if decision is not None:
        services.mark_decision_seen(acting_user=request.user, access=access, decision=decision)
    return render(request, CASE_TEMPLATE, context)


def _preview(request, access, shown_as, page, template, context, back_href):
    """`template` drawn with the context built for `shown_as`, under a banner saying
    whose view it is; its links and buttons are switched off by the layout."""
    record_preview(acting_user=request.user, access=access, shown_as=shown_as, page=page)
    context["preview"] = preview_banner(shown_as, back_href=back_href, page=page)
    return render(request, template, context)


def _shown_as_or_unavailable(request, access, party_id, back_href):
    """The other party's access for a preview, or the page saying it cannot be shown."""
    shown_as = preview_access(access, party_id)
    if preview_names_others(access, shown_as.party):
        return None, render(
            request,
            "parents/preview_unavailable.html",
            {"back_href": back_href},
        )
    return shown_as, None


@parent_page(methods=("GET",))
def case_preview(request, access, party_id):
    back_href = reverse("cases:detail", kwargs={"reference": access.case.reference})
    shown_as, unavailable = _shown_as_or_unavailable(request, access, party_id, back_href)
    if unavailable:
        return unavailable
    context, _decision = case_page(
        shown_as, today=timezone.localdate(), language=get_language(), own=False
    )
    return _preview(request, access, shown_as, "case", CASE_TEMPLATE, context, back_href)


@parent_page(methods=("GET",))
def decision_preview(request, access, decision_id, party_id):
    chosen = decision_for_case(access.case, decision_id)
    back_href = reverse(
        "cases:decision",
        kwargs={"reference": access.case.reference, "decision_id": chosen.public_id},
    )
    shown_as, unavailable = _shown_as_or_unavailable(request, access, party_id, back_href)
    if unavailable:
        return unavailable
    context = decision_page(shown_as, chosen, today=timezone.localdate(), language=get_language())
    return _preview(request, access, shown_as, "decision", DECISION_TEMPLATE, context, back_href)

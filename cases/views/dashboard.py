from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET

from cms_portal.roles import request_roles

from ..presenters.dashboard import case_card
from ..selectors import accesses_for_user, dashboard_facts
from .common import signed_in_page

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
    return render(request, "cases/dashboard.html", {"cards": cards})

"""The pages parents use, read from the URL configuration, for the crawls that check
every one of them (privacy, phone widths): a page added later is crawled, or must be
listed here with why it cannot be."""

import re
from datetime import date
from decimal import Decimal

from django.urls import URLResolver, get_resolver, resolve
from django.utils import translation

from tests.cases.conftest import side_objects

# Every area a signed-in parent or representative reaches. Not the sign-out or Exit this
# page links, which would end the session mid-crawl.
LINK = re.compile(
    r'href="(/(?:cy/)?(?:account|your-account|complaints|apply/status|respond)/[^"#?]*)'
)
# Areas no parent page lives in: public pages, staff, employers, and the apply and
# respond journeys, which are for someone without a case yet (their own privacy tests
# are in tests/applications).
NOT_PARENT_AREAS = {None, "admin", "employers", "calculation", "applications", "respond"}
# Pages a parent reaches only by sending a form (a journey's later steps and its "sent"
# page show the reader's own answers), or that need a state no crawl sets up: these are
# checked by their own apps' tests.
REACHED_ONLY_BY_A_FORM = frozenset(
    {
        "cases:what_if_answer",
        "cases:what_if_result",
        "cases:activated",
        "cases:change_check",
        "cases:contact_email_confirm",
        "cases:contact_email_confirmed",
        "cases:evidence_sent",
        "cases:challenge_reasons",
        "cases:challenge_evidence",
        "cases:challenge_check",
        "cases:close_date",
        "cases:close_check",
        "cases:message_sent",
        "cases:representative_check",
        "cases:representative_added",
        "cases:representative_removed",
        "payments:report_missed_done",
        "variations:amount",
        "variations:period",
        "variations:details",
        "variations:evidence",
        "variations:check",
        "variations:responded",
        "arrears_plans:start",
        "arrears_plans:amount",
        "arrears_plans:income",
        "arrears_plans:check",
        "arrears_plans:sent",
        "alerts:change",
        "alerts:confirm_texts",
        "alerts:saved",
        "complaints:about",
        "complaints:details",
        "complaints:evidence",
        "complaints:check",
        "complaints:sent",
        "complaints:evidence_download",
        # A yearly statement letter exists once a year of the case has ended; a complaint can
        # be taken further once it is answered.
        "letters:statement",
        "complaints:review",
        "cms_portal:start",
        "cms_portal:cookies",
        "cms_portal:cookie_consent",
        "cms_portal:accessibility",
        "cms_portal:privacy",
        "cms_portal:contact",
        "cms_portal:help",
        "cms_portal:exit_this_page",
        "cms_portal:signed_out",
        "cms_portal:keep_alive",
        "cms_portal:after_sign_in",
        "cms_portal:link_account",
        "cms_portal:sign_in_parent",
        "cms_portal:sign_in_employer",
    }
)


# Files rather than pages: a browser downloads them instead of showing them.
DOWNLOADS = {
    "payments:statement_csv",
    "cases:attachment",
    "data_requests:download",
    "letters:decision",
    "letters:statement",
    "complaints:evidence_download",
}


def parent_page_names():
    """Every named page in the areas parents use, read from the URL configuration so a
    page added later is crawled (or must say here why it cannot be)."""
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name and namespace not in NOT_PARENT_AREAS:
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, None)
    return names


def page_name(url):
    with translation.override("en"):
        match = resolve(url.removeprefix("/cy"))
    return f"{match.namespace}:{match.url_name}"


def one_of_everything(case, paying, receiving, *, close=True):
    """Through the services, one of each thing either parent of `case` can open: a
    variation, an arrears plan, a complaint each, a request to close, and the case's
    own objects (a thread with a file, a change, a challenge, a named representative)."""
    from arrears_plans.selectors import plan_facts
    from arrears_plans.services import request_arrears_plan
    from cases import services
    from cases.models import ClosureReason
    from cases.selectors import CaseAccess
    from complaints.services import submit_complaint
    from variations.models import Ground
    from variations.services import apply_for_variation

    paying_access = CaseAccess(case=case, party=paying)
    receiving_access = CaseAccess(case=case, party=receiving)
    side_objects(case, paying, paying.user)
    side_objects(case, receiving, receiving.user)
    apply_for_variation(
        acting_user=paying.user,
        access=paying_access,
        ground=Ground.CONTACT_COSTS,
        amount=Decimal("20"),
        period="week",
        details="Train fares",
    )
    if plan_facts(case, paying).can_propose:
        request_arrears_plan(acting_user=paying.user, access=paying_access, amount=Decimal("50"))
    for party in (paying, receiving):
        submit_complaint(
            acting_user=party.user,
            topic="treatment",
            what_happened="Nobody called back.",
            wanted_outcome="A call.",
            case=case,
        )
    if close:
        services.ask_to_close_case(
            acting_user=receiving.user,
            access=receiving_access,
            reason=ClosureReason.FAMILY_ARRANGEMENT,
            wanted_from=date.today(),
        )

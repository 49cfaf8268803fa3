"""The case page as one party sees it. The party's own page and the preview another
party opens both build it here, from the same reads and presenters."""

from django.db.models import prefetch_related_objects
from django.urls import reverse

from cases.journeys import journeys_for
from cases.models import Scope
from cases.pages import previewable
from cases.presenters import case as presenter
from cases.presenters import closing as closing_presenter
from cases.presenters.income import income_source_label
from cases.selectors import (
    decisions_for_case,
    own_requests,
    parent_closure_requests,
)
from complaints.presenters import start_url_for_case
from letters.presenters import case_letters
from payments.dates import business_date
from payments.presenters.enforcement import enforcement_timeline
from payments.services.validation import COLLECT_AND_PAY
from variations.presenters import case_section as variations_section

from .presenters import money_summary, what_happens_next

CASE_TEMPLATE = "cases/detail.html"


def _first_entry_on(money):
    return money["position"].first_entry_on if money is not None else None


def case_page(access, *, today, language, own=True):
    """The context of the case page as `access.party` sees it, and the decision in force.
    Reads only. With `own=False` (someone else is shown the page) the party's own affairs
    are left out, unread: their payments (with any employer), the requests and changes
    they sent us and their variations; the page says they are there."""
    # The parties are read once for the names, the safeguarding check and the roles.
    prefetch_related_objects([access.case], "parties")
    decisions = decisions_for_case(access.case)
    decision = decisions[0] if decisions else None  # newest first: the one in force
    is_open = not access.case.is_closed
    closures = parent_closure_requests(access.case)
    closure = closing_presenter.closure_state(access, closures, today)
    review = closing_presenter.review_date(access.case, decisions[-1] if decisions else None, today)
    income_source = (
        income_source_label(decision.calculation_input.get("income_record")) if decision else ""
    )
    context = {
        "access": access,
        "case": access.case,
        "party": access.party,
        "reference": presenter.group_reference(access.case.reference),
        "role": presenter.role_label(access),
        "service_type": presenter.service_type_label(access.case),
        "summary_rows": presenter.case_summary_rows(access)
        + closing_presenter.case_rows(access.case, review, income_source),
        "children_rows": presenter.children_rows(access, today),
        "current": presenter.decision_summary(access, decision, language, today),
        "decision_rows": presenter.decision_rows(access, decisions),
        # A closed case stays readable; nothing more is reported or asked on it.
        "can_report": is_open
        and access.allows(Scope.REPORT_CHANGES)
        and bool(journeys_for(access)),
        "can_ask_to_close": is_open and not access.is_representative and closure["kind"] is None,
        "closure": closure,
        "can_message": access.allows(Scope.MESSAGE),
        "can_manage_representatives": not access.is_representative,
        "preview_links": presenter.preview_links(access, previewable(access), "cases:preview"),
        "withheld": not own,
        "complaint_url": start_url_for_case(access.case),
    }
    money = money_summary(access) if own else None
    # The party's own page has the account's first entry from the money read (none
    # without an account); a preview reads it for the party shown.
    context["letters"] = (
        case_letters(access, decision, business_date(), since=_first_entry_on(money))
        if own
        else case_letters(access, decision, business_date())
    )
    # Enforcement is about the case, not one party's own affairs: a preview shows it too,
    # worded for the party the page is built for, without the paying parent's arrears.
    # Only Collect and Pay cases are enforced, so no other case reads it; nor does one
    # whose money read found it was never opened.
    never_opened = money is not None and not money["position"].enforcement_opened
    context["enforcement"] = (
        access.case.service_type == COLLECT_AND_PAY and not never_opened
    ) and enforcement_timeline(
        access.case,
        party=access.party,
        on_date=today,
        own=own,
        arrears_amount=money["position"].arrears if money and access.is_paying else None,
        stop_href=reverse("cases:messages", kwargs={"reference": access.case.reference})
        if own and access.allows(Scope.MESSAGE)
        else None,
    )
    if not own:
        return context | {
            "reconsiderations": [],
            "changes": [],
            "money": None,
            "variations": None,
            "closure_requests": [],
            "what_next": what_happens_next(review, None, closure),
        }, decision
    reconsiderations, changes = own_requests(access, decisions)
    return context | {
        "reconsiderations": presenter.reconsideration_rows(reconsiderations),
        "changes": presenter.change_rows(changes),
        "money": money,
        "variations": variations_section(access, today),
        "closure_requests": closing_presenter.own_requests(access, closures),
        "what_next": what_happens_next(review, money, closure),
    }, decision

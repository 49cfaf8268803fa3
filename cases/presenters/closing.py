"""Closing a case as parents see it: the check page, a request's status, and the lines the
case page and the dashboard show about a closure and the next review. Nothing here names
or describes the parent who asked to anyone else."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_date

from ..models import CaseStatus, ClosureReason, ClosureStatus, PartyRole
from ..rules import review_on_or_after

_TAGS = {
    ClosureStatus.REQUESTED: "govuk-tag--blue",
    ClosureStatus.CONFIRMED: "govuk-tag--grey",
    ClosureStatus.REFUSED: "govuk-tag--red",
}


def status_tag(closure):
    return {"text": str(ClosureStatus(closure.status).label), "classes": _TAGS[closure.status]}


def _change(href, what):
    return {"items": [{"text": _("Change"), "href": href, "visuallyHiddenText": what}]}


def check_rows(*, reason, details, wanted_from, reason_href, date_href):
    rows = [
        {
            "key": {"text": _("Why you want to close the case")},
            "value": {"text": str(ClosureReason(reason).label)},
            "actions": _change(reason_href, _("why you want to close the case")),
        }
    ]
    if details:
        rows.append(
            {
                "key": {"text": _("More about why")},
                "value": {"text": details},
                "actions": _change(reason_href, _("more about why")),
            }
        )
    rows.append(
        {
            "key": {"text": _("Close the case from")},
            "value": {"text": govuk_date(wanted_from)},
            "actions": _change(date_href, _("the date to close the case from")),
        }
    )
    return rows


def _row(key, value):
    return {"key": {"text": key}, "value": {"text": value}}


def request_rows(closure):
    rows = [
        _row(_("Reference"), closure.reference),
        _row(_("Asked on"), govuk_date(closure.requested_at)),
        _row(_("Why"), str(ClosureReason(closure.reason).label)),
        _row(_("Close the case from"), govuk_date(closure.wanted_from)),
    ]
    if closure.effective_date:
        rows.append(_row(_("Closed from"), govuk_date(closure.effective_date)))
    return rows


def was_told_of(closure, party):
    """Whether `party` was told about this parent's request (services.closures)."""
    if closure.party is None or closure.party_id == party.pk:
        return False
    asked_by_paying = closure.party.role == PartyRole.PAYING
    return party.is_paying != asked_by_paying


def closure_state(access, closures, today):
    """What this party is shown about closing: a dict with `kind` ("closed", "closing",
    "asked", "told" or None), `text` and, for their own request, `href`. `closures` are
    the case's parents' requests, newest first (selectors.parent_closure_requests)."""
    case = access.case
    if case.is_closed:
        if case.closed_from and case.closed_from > today:
            text = _("This case will close on %(date)s.") % {"date": govuk_date(case.closed_from)}
            return {"kind": "closing", "text": text}
        text = _("This case closed on %(date)s.") % {
            "date": govuk_date(case.closed_from or case.closed_at)
        }
        return {"kind": "closed", "text": text}
    waiting = next((closure for closure in closures if closure.is_open), None)
    if waiting is None:
        return {"kind": None}
    if waiting.party_id == access.party.pk:
        return {
            "kind": "asked",
            "text": _("You asked us to close this case on %(asked)s, from %(date)s.")
            % {"asked": govuk_date(waiting.requested_at), "date": govuk_date(waiting.wanted_from)},
            "href": reverse(
                "cases:closure",
                kwargs={"reference": case.reference, "closure_id": waiting.public_id},
            ),
        }
    if was_told_of(waiting, access.party):
        return {
            "kind": "told",
            "text": _("We have been asked to close this case from %(date)s.")
            % {"date": govuk_date(waiting.wanted_from)},
        }
    return {"kind": None}


def own_requests(access, closures):
    """This party's requests to close the case, as links with a status."""
    return [
        {
            "text": _("Request %(reference)s to close the case") % {"reference": closure.reference},
            "href": reverse(
                "cases:closure",
                kwargs={"reference": access.case.reference, "closure_id": closure.public_id},
            ),
            "tag": status_tag(closure),
        }
        for closure in closures
        if closure.party_id == access.party.pk
    ]


def review_date(case, first_decision, today):
    """The next annual review, or None for a closed case or one with no decision yet.
    Counted from the first decision's effective date (a stored date may replace this)."""
    if case.is_closed or first_decision is None:
        return None
    return review_on_or_after(first_decision.effective_date, today)


def review_text(review):
    return _("Your case will be reviewed on %(date)s") % {"date": govuk_date(review)}


def case_rows(case, review, income_source):
    """Rows for the case's summary list: closed or not, the next review and where the
    income in the decision came from."""
    rows = []
    if case.is_closed:
        rows.append(_row(_("Status"), str(CaseStatus(case.status).label)))
    if review is not None:
        rows.append(_row(_("Next review"), govuk_date(review)))
    if income_source:
        rows.append(_row(_("Where the income came from"), income_source))
    return rows

"""Ask us to close this case: what happens, why, from when, check and send. Only the
parent themselves may ask (someone acting for them is sent a 404, as for any page that is
not theirs to use); a closed case, or one with a request already waiting, is not asked
about again."""

from datetime import date

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from .. import services
from ..forms.closing import ClosureDateForm, ClosureReasonForm
from ..models import ClosureStatus, ServiceType
from ..presenters.closing import check_rows, request_rows, status_tag
from ..selectors import closure_request_for, parent_closure_requests
from .common import forget_answers, keep_answers, kept_answers, parent_page, posted, render_form

JOURNEY = "close"
JUST_SENT = "cases:closure-sent"


def _url(access, name, **kwargs):
    return reverse(f"cases:{name}", kwargs={"reference": access.case.reference, **kwargs})


def _state(request, access):
    return kept_answers(request, access, JOURNEY) or {}


def _parent_only(access):
    if access.is_representative:
        raise Http404


def _waiting(access):
    """This case's request waiting for a caseworker, if any."""
    return next((c for c in parent_closure_requests(access.case) if c.is_open), None)


def _already_asked(request, access):
    """The page to show instead of the journey when a request is already waiting."""
    waiting = _waiting(access)
    if waiting is None:
        return None
    if waiting.party_id == access.party.pk:
        return redirect(_url(access, "closure", closure_id=waiting.public_id))
    return render(request, "cases/closing/already_asked.html", {"access": access})


def _journey_page(view):
    """A step of the journey: the parent's own open case, nothing already waiting."""

    @parent_page(open_case=True)
    def wrapper(request, access):
        _parent_only(access)
        return _already_asked(request, access) or view(request, access)

    wrapper.__name__ = view.__name__
    return wrapper


@_journey_page
def start(request, access):
    collect = access.case.service_type == ServiceType.COLLECT_AND_PAY
    return render(
        request,
        "cases/closing/start.html",
        {
            "access": access,
            "collect_and_pay": collect,
            "paying": access.is_paying,
            "next_href": _url(access, "close_reason"),
        },
    )


@_journey_page
def reason(request, access):
    state = _state(request, access)
    form = ClosureReasonForm(
        posted(request)[0],
        initial={"reason": state.get("reason"), "details": state.get("details", "")},
    )
    if request.method == "POST" and form.is_valid():
        keep_answers(request, access, JOURNEY, {**state, **form.cleaned_data})
        return redirect(_url(access, "close_check" if state.get("wanted_from") else "close_date"))
    return render_form(
        request,
        "cases/closing/reason.html",
        form,
        {"access": access, "back_href": _url(access, "close")},
    )


def _initial_date(state):
    if not state.get("wanted_from"):
        return None
    return date.fromisoformat(state["wanted_from"])


@_journey_page
def when(request, access):
    state = _state(request, access)
    if not state.get("reason"):
        return redirect(_url(access, "close_reason"))
    form = ClosureDateForm(posted(request)[0], initial={"wanted_from": _initial_date(state)})
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["wanted_from"].isoformat()
        keep_answers(request, access, JOURNEY, {**state, "wanted_from": wanted})
        return redirect(_url(access, "close_check"))
    return render_form(
        request,
        "cases/closing/date.html",
        form,
        {"access": access, "back_href": _url(access, "close_reason")},
    )


@_journey_page
def check(request, access):
    state = _state(request, access)
    if not state.get("reason"):
        return redirect(_url(access, "close_reason"))
    if not state.get("wanted_from"):
        return redirect(_url(access, "close_date"))
    wanted_from = date.fromisoformat(state["wanted_from"])
    if request.method == "POST":
        try:
            closure = services.ask_to_close_case(
                acting_user=request.user,
                access=access,
                reason=state["reason"],
                details=state.get("details", ""),
                wanted_from=wanted_from,
            )
        except services.ClosureError:
            # The date has slipped out of the window since it was typed (or the like).
            return redirect(_url(access, "close_date"))
        forget_answers(request, access, JOURNEY)
        request.session[JUST_SENT] = str(closure.public_id)
        return redirect(_url(access, "closure", closure_id=closure.public_id))
    rows = check_rows(
        reason=state["reason"],
        details=state.get("details", ""),
        wanted_from=wanted_from,
        reason_href=_url(access, "close_reason"),
        date_href=_url(access, "close_date"),
    )
    return render(
        request,
        "cases/closing/check.html",
        {"access": access, "rows": rows, "back_href": _url(access, "close_date")},
    )


@parent_page(methods=("GET",))
def detail(request, access, closure_id):
    _parent_only(access)
    closure = closure_request_for(access, closure_id)
    just_sent = request.session.pop(JUST_SENT, None) == str(closure.public_id)
    return render(
        request,
        "cases/closing/detail.html",
        {
            "access": access,
            "closure": closure,
            "just_sent": just_sent,
            "tag": status_tag(closure),
            "rows": request_rows(closure),
            "refused": closure.status == ClosureStatus.REFUSED,
        },
    )

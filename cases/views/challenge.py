"""Ask us to look at a decision again (mandatory reconsideration): choose the decision,
say why (and why late, after the month), add evidence, check and send."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from cms_portal.formatting import govuk_date

from .. import services
from ..forms.challenge import ChooseDecisionForm, ReasonsForm
from ..forms.uploads import OptionalEvidenceForm
from ..models import Attachment, Scope
from ..presenters.challenge import check_rows, decision_choices
from ..presenters.tags import status_tag
from ..rules import revision_days
from ..selectors import decision_for_case, decisions_for_case, reconsideration_for
from ..services.reconsiderations import is_late
from ..uploads import UploadRejected
from .common import forget_answers, keep_answers, kept_answers, parent_page, posted, render_form

JOURNEY = "challenge"
JUST_SENT = "cases:challenge-sent"


def _state(request, access):
    return kept_answers(request, access, JOURNEY) or {}


def _url(access, name, **kwargs):
    return reverse(f"cases:{name}", kwargs={"reference": access.case.reference, **kwargs})


def _chosen_decision(access, state):
    if not state.get("decision"):
        return None
    return decision_for_case(access.case, state["decision"])


@parent_page(scope=Scope.REPORT_CHANGES, open_case=True)
def choose(request, access):
    decisions = decisions_for_case(access.case)
    state = _state(request, access)
    form = ChooseDecisionForm(
        posted(request)[0],
        decision_choices=decision_choices(access, decisions),
        initial={"decision": state.get("decision")},
    )
    if request.method == "POST" and form.is_valid():
        keep_answers(request, access, JOURNEY, {"decision": form.cleaned_data["decision"]})
        return redirect(_url(access, "challenge_reasons"))
    return render_form(
        request,
        "cases/challenge/choose.html",
        form,
        {
            "access": access,
            "has_decisions": bool(decisions),
            "revision_days": revision_days(timezone.localdate()),
        },
    )


@parent_page(scope=Scope.REPORT_CHANGES, open_case=True)
def reasons(request, access):
    state = _state(request, access)
    decision = _chosen_decision(access, state)
    if decision is None:
        return redirect(_url(access, "challenge"))
    late = is_late(decision)
    form = ReasonsForm(
        posted(request)[0],
        is_late=late,
        initial={"reasons": state.get("reasons", ""), "late_reason": state.get("late_reason", "")},
    )
    if request.method == "POST" and form.is_valid():
        keep_answers(request, access, JOURNEY, {**state, **form.cleaned_data})
        return redirect(_url(access, "challenge_evidence"))
    return render_form(
        request,
        "cases/challenge/reasons.html",
        form,
        {"access": access, "late": late, "challenge_by": govuk_date(decision.challenge_by)},
    )


@parent_page(scope=Scope.REPORT_CHANGES, open_case=True)
def evidence(request, access):
    state = _state(request, access)
    if not state.get("reasons"):
        return redirect(_url(access, "challenge_reasons"))
    form = OptionalEvidenceForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("evidence")
        if upload is None:
            return redirect(_url(access, "challenge_check"))
        try:
            attachment = services.store_pending_attachment(
                acting_user=request.user, access=access, upload=upload
            )
        except UploadRejected as error:
            form.add_error("evidence", error.message)
        else:
            state["attachments"] = [*state.get("attachments", []), str(attachment.public_id)]
            keep_answers(request, access, JOURNEY, state)
            return redirect(_url(access, "challenge_evidence"))
    files = Attachment.objects.filter(
        case=access.case, party=access.party, public_id__in=state.get("attachments", [])
    )
    return render_form(
        request,
        "cases/challenge/evidence.html",
        form,
        {
            "access": access,
            "files": [file.original_name for file in files],
            "check_url": _url(access, "challenge_check"),
        },
    )


@parent_page(scope=Scope.REPORT_CHANGES, open_case=True)
def check(request, access):
    state = _state(request, access)
    decision = _chosen_decision(access, state)
    if decision is None or not state.get("reasons"):
        return redirect(_url(access, "challenge"))
    if request.method == "POST":
        try:
            request_ = services.request_reconsideration(
                acting_user=request.user,
                access=access,
                decision=decision,
                reasons=state["reasons"],
                late_reason=state.get("late_reason", ""),
                attachment_ids=state.get("attachments", []),
            )
        except services.ReconsiderationError:
            return redirect(_url(access, "challenge_reasons"))
        forget_answers(request, access, JOURNEY)
        request.session[JUST_SENT] = str(request_.public_id)
        return redirect(_url(access, "challenge_detail", request_id=request_.public_id))
    files = Attachment.objects.filter(
        case=access.case, party=access.party, public_id__in=state.get("attachments", [])
    )
    rows = check_rows(
        decision_text=dict(decision_choices(access, [decision]))[str(decision.public_id)],
        reasons=state["reasons"],
        late_reason=state.get("late_reason"),
        attachments=files,
        decision_href=_url(access, "challenge"),
        reasons_href=_url(access, "challenge_reasons"),
    )
    return render(request, "cases/challenge/check.html", {"access": access, "rows": rows})


@parent_page(scope=Scope.REPORT_CHANGES, methods=("GET",))
def detail(request, access, request_id):
    found = reconsideration_for(access, request_id)
    just_sent = request.session.pop(JUST_SENT, None) == str(found.public_id)
    return render(
        request,
        "cases/challenge/detail.html",
        {
            "access": access,
            "request_": found,
            "just_sent": just_sent,
            "tag": status_tag(found.status),
            "decision_date": govuk_date(found.decision.decided_at),
            "requested": govuk_date(found.requested_at),
        },
    )

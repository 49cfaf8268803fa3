"""Report a change: choose what changed, answer, check, confirm; then follow it up."""

from allauth.account.decorators import reauthentication_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from .. import services
from ..forms.uploads import EvidenceForm
from ..journeys import journey_for, journeys_for
from ..models import ChangeStatus, Scope
from ..presenters.case import change_rows
from ..presenters.changes import answer_rows, outcome, rule_figures
from ..selectors import change_report_for, change_reports_for
from ..uploads import UploadRejected
from .common import (
    forget_answers,
    keep_answers,
    kept_answers,
    parent_page,
    posted,
    render_form,
)

JUST_REPORTED = "cases:just-reported"


def _journey_or_404(access, kind):
    journey = journey_for(access, kind)
    if journey is None:
        raise Http404
    return journey


def _journey_url(access, journey):
    if journey.url_name:
        return reverse(journey.url_name, kwargs={"reference": access.case.reference})
    return reverse(
        "cases:change_form", kwargs={"reference": access.case.reference, "kind": journey.kind}
    )


def _with_reauthentication(request, journey, view):
    """Contact and bank details need the password again (allauth's recent sign-in check)."""
    if journey.needs_reauthentication:
        return reauthentication_required(view)(request)
    return view(request)


@parent_page(scope=Scope.REPORT_CHANGES, methods=("GET",), open_case=True)
def start(request, access):
    links = [
        {"href": _journey_url(access, journey), "text": str(journey.link_text)}
        for journey in journeys_for(access)
    ]
    return render(request, "cases/changes/start.html", {"access": access, "links": links})


@parent_page(scope=Scope.REPORT_CHANGES, open_case=True)
def change_form(request, access, kind):
    journey = _journey_or_404(access, kind)
    if journey.url_name:
        return redirect(_journey_url(access, journey))
    check_url = reverse(
        "cases:change_check", kwargs={"reference": access.case.reference, "kind": journey.kind}
    )

    def view(request):
        if request.method == "POST":
            form = journey.form_class(request.POST, access=access)
            if form.is_valid():
                keep_answers(request, access, f"change:{journey.kind}", form.raw_data())
                return redirect(check_url)
        else:
            kept = kept_answers(request, access, f"change:{journey.kind}")
            # Coming back to change an answer shows what was given before.
            if kept:
                form = journey.form_class.from_raw(kept, access=access)
            else:
                suggested = journey.form_class.suggested_answers(request.GET, access=access)
                form = journey.form_class(access=access, initial=suggested)
        return render_form(
            request,
            "cases/changes/form.html",
            form,
            {
                "access": access,
                "journey": journey,
                "figures": rule_figures(timezone.localdate()),
            },
        )

    return _with_reauthentication(request, journey, view)


@parent_page(scope=Scope.REPORT_CHANGES, open_case=True)
def change_check(request, access, kind):
    journey = _journey_or_404(access, kind)
    if journey.url_name:
        return redirect(_journey_url(access, journey))
    form_url = reverse(
        "cases:change_form", kwargs={"reference": access.case.reference, "kind": journey.kind}
    )

    def view(request):
        kept = kept_answers(request, access, f"change:{journey.kind}")
        form = journey.form_class.from_raw(kept, access=access) if kept else None
        if form is None or not form.is_valid():
            return redirect(form_url)
        if request.method == "POST":
            report = services.report_change(
                acting_user=request.user,
                access=access,
                kind=journey.kind,
                answers=form.answers(),
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
            forget_answers(request, access, f"change:{journey.kind}")
            request.session[JUST_REPORTED] = str(report.public_id)
            return redirect(
                "cases:change", reference=access.case.reference, change_id=report.public_id
            )
        return render(
            request,
            "cases/changes/check.html",
            {
                "access": access,
                "journey": journey,
                "rows": answer_rows(form, form_url),
                "form_url": form_url,
                "figures": rule_figures(timezone.localdate()),
            },
        )

    return _with_reauthentication(request, journey, view)


@parent_page(scope=Scope.REPORT_CHANGES)
def change(request, access, change_id):
    report = change_report_for(access, change_id)
    just_reported = request.session.pop(JUST_REPORTED, None) == str(report.public_id)
    form = None
    if report.status == ChangeStatus.EVIDENCE_NEEDED:
        form = EvidenceForm(*posted(request))
        if request.method == "POST" and form.is_valid():
            try:
                services.add_change_evidence(
                    acting_user=request.user,
                    access=access,
                    change_report=report,
                    upload=form.cleaned_data["evidence"],
                )
            except UploadRejected as error:
                form.add_error("evidence", error.message)
            else:
                return redirect(
                    "cases:evidence_sent",
                    reference=access.case.reference,
                    change_id=report.public_id,
                )
    elif request.method == "POST":
        raise Http404
    context = {
        "access": access,
        "report": report,
        "outcome": outcome(report),
        "just_reported": just_reported,
    }
    if form is not None:
        return render_form(request, "cases/changes/detail.html", form, context)
    return render(request, "cases/changes/detail.html", context)


@parent_page(scope=Scope.REPORT_CHANGES)
def contact_email_confirm(request, access, token):
    """The link sent to a new contact email. Opening it only shows a button, so a mail
    scanner fetching the link confirms nothing."""
    try:
        if request.method == "POST":
            services.confirm_contact_email(acting_user=request.user, access=access, token=token)
            return redirect("cases:contact_email_confirmed", reference=access.case.reference)
        email = services.check_contact_email_link(access=access, token=token)
    except services.ContactEmailLinkError as error:
        return render(
            request,
            "cases/changes/email_link_problem.html",
            {"access": access, "reason": error.reason},
            status=400,
        )
    return render(request, "cases/changes/email_confirm.html", {"access": access, "email": email})


@parent_page(scope=Scope.REPORT_CHANGES, methods=("GET",))
def contact_email_confirmed(request, access):
    return render(request, "cases/changes/email_confirmed.html", {"access": access})


@parent_page(scope=Scope.REPORT_CHANGES, methods=("GET",))
def evidence_sent(request, access, change_id):
    report = change_report_for(access, change_id)
    return render(request, "cases/changes/evidence_sent.html", {"access": access, "report": report})


@parent_page(scope=Scope.REPORT_CHANGES, methods=("GET",))
def history(request, access):
    return render(
        request,
        "cases/changes/history.html",
        {"access": access, "changes": change_rows(change_reports_for(access))},
    )

"""Make a complaint (what it is about, what happened, files, check and send), follow it
in "Your complaints", and ask for a stage 2 review of our answer."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cases.uploads import UploadRejected
from cases.views.common import posted, render_form
from payments.dates import business_date

from . import presenters, selectors, services
from .forms import AboutForm, DetailsForm, EvidenceForm, ReviewForm
from .models import ComplaintEvidence

ANSWERS = "complaints:answers"
JUST_SENT = "complaints:just-sent"
REVIEW_SENT = "complaints:review-sent"
STEPS = ("about", "details")


def signed_in(view):
    return login_required(never_cache(require_http_methods(["GET", "POST"])(view)))


def _answers(request):
    return request.session.get(ANSWERS) or {}


def _keep(request, step, form):
    answers = _answers(request)
    answers[step] = form.raw_data()
    request.session[ANSWERS] = answers


def _form(step, request, data=None):
    if step == "about":
        kwargs = {"cases": selectors.cases_for(request.user)}
        form_class = AboutForm
    else:
        kwargs, form_class = {}, DetailsForm
    if data is not None:
        return form_class(data, **kwargs)
    kept = _answers(request).get(step)
    if kept is not None:
        return form_class.from_raw(kept, **kwargs)
    return form_class(**kwargs)


def _first_unanswered(request, upto=None):
    for step in STEPS:
        if step == upto:
            return None
        form = _form(step, request)
        if not form.is_bound or not form.is_valid():
            return step
    return None


def _next(request, default):
    if request.GET.get("change") == "1":
        return reverse("complaints:check")
    return reverse(default)


@never_cache
@require_GET
def start(request):
    """Open to everyone (the footer links here): how complaints work, then sign in."""
    return render(
        request,
        "complaints/start.html",
        {"standards": presenters.standards(business_date())} | _outside_bodies(),
    )


def _outside_bodies():
    return {"ice_url": presenters.ICE_URL, "phso_url": presenters.PHSO_URL}


@signed_in
def about(request):
    if request.method == "POST":
        form = _form("about", request, data=request.POST)
        if form.is_valid():
            _keep(request, "about", form)
            return redirect(_next(request, "complaints:details"))
    else:
        form = _form("about", request)
        wanted = request.GET.get("case")
        if wanted and wanted in form.cases and not form.is_bound:
            form = AboutForm(initial={"case": wanted}, cases=form.cases.values())
    return render_form(
        request,
        "complaints/about.html",
        form,
        {"back_url": reverse("complaints:start")},
    )


@signed_in
def details(request):
    missing = _first_unanswered(request, upto="details")
    if missing is not None:
        return redirect(f"complaints:{missing}")
    if request.method == "POST":
        form = _form("details", request, data=request.POST)
        if form.is_valid():
            _keep(request, "details", form)
            return redirect(_next(request, "complaints:evidence"))
    else:
        form = _form("details", request)
    return render_form(
        request, "complaints/details.html", form, {"back_url": reverse("complaints:about")}
    )


@signed_in
def evidence(request):
    missing = _first_unanswered(request)
    if missing is not None:
        return redirect(f"complaints:{missing}")
    form = EvidenceForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("evidence")
        if upload is None:
            return redirect("complaints:check")
        try:
            services.store_evidence(acting_user=request.user, upload=upload)
        except UploadRejected as error:
            form.add_error("evidence", error.message)
        else:
            return redirect("complaints:evidence")
    return render_form(
        request,
        "complaints/evidence.html",
        form,
        {
            "back_url": reverse("complaints:details"),
            "files": selectors.pending_evidence_for(request.user),
        },
    )


def _cleaned(request):
    about_form, details_form = _form("about", request), _form("details", request)
    about_form.is_valid()
    details_form.is_valid()
    return {
        "topic": about_form.cleaned_data["topic"],
        "case": about_form.chosen_case(),
        "has_cases": bool(about_form.cases),
        **details_form.cleaned_data,
    }


@signed_in
def check(request):
    missing = _first_unanswered(request)
    if missing is not None:
        return redirect(f"complaints:{missing}")
    answers = _cleaned(request)
    if request.method == "POST":
        complaint = services.submit_complaint(
            acting_user=request.user,
            topic=answers["topic"],
            case=answers["case"],
            what_happened=answers["what_happened"],
            wanted_outcome=answers["wanted_outcome"],
        )
        request.session.pop(ANSWERS, None)
        request.session[JUST_SENT] = str(complaint.public_id)
        return redirect("complaints:sent", complaint_id=complaint.public_id)
    change_urls = {
        "about": reverse("complaints:about") + "?change=1",
        "details": reverse("complaints:details") + "?change=1",
        "evidence": reverse("complaints:evidence"),
    }
    return render(
        request,
        "complaints/check.html",
        {
            "rows": presenters.check_rows(
                answers, change_urls, selectors.pending_evidence_for(request.user)
            ),
            "back_url": reverse("complaints:evidence"),
        },
    )


@login_required
@never_cache
@require_GET
def sent(request, complaint_id):
    complaint = selectors.complaint_for(request.user, complaint_id)
    review = selectors.current_review(complaint)
    return render(
        request,
        "complaints/sent.html",
        {
            "complaint": complaint,
            "deadlines": presenters.deadline_rows(review),
            "acknowledge_by": review.acknowledge_by,
            "answer_by": review.answer_by,
        },
    )


@login_required
@never_cache
@require_GET
def your_complaints(request):
    return render(
        request,
        "complaints/list.html",
        {"table": presenters.list_table(selectors.complaints_for(request.user))},
    )


@login_required
@never_cache
@require_GET
def detail(request, complaint_id):
    complaint = selectors.complaint_for(request.user, complaint_id)
    return render(
        request,
        "complaints/detail.html",
        {
            "complaint": complaint,
            "view": presenters.complaint_view(complaint),
            "review_sent": request.session.pop(REVIEW_SENT, None) == str(complaint.public_id),
        }
        | _outside_bodies(),
    )


@signed_in
def ask_for_review(request, complaint_id):
    complaint = selectors.complaint_for(request.user, complaint_id)
    if not selectors.can_ask_for_review(complaint):
        raise Http404
    form = ReviewForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        services.ask_for_review(
            acting_user=request.user, complaint=complaint, reason=form.cleaned_data["reason"]
        )
        request.session[REVIEW_SENT] = str(complaint.public_id)
        return redirect("complaints:detail", complaint_id=complaint.public_id)
    return render_form(
        request,
        "complaints/review.html",
        form,
        {"complaint": complaint, "back_url": presenters.complaint_href(complaint)},
    )


@login_required
@never_cache
@require_GET
def evidence_download(request, complaint_id, evidence_id):
    """A file sent with the user's own complaint, as a download, never shown inline."""
    complaint = selectors.complaint_for(request.user, complaint_id)
    found: ComplaintEvidence = selectors.evidence_for(request.user, complaint, evidence_id)
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    services.record_evidence_download(acting_user=request.user, evidence=found)
    response = FileResponse(
        handle, as_attachment=True, filename=found.original_name, content_type=found.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

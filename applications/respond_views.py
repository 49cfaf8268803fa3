"""The respond pages. The respondent sees the application reference and the children's
first names, never anything about where or how to reach the applicant."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases.uploads import UploadRejected

from . import respond, respond_forms
from .models import Response, ResponseStatus
from .presenters import _display, in_form_order, lines


def respondent_page(view):
    return login_required(never_cache(require_http_methods(["GET", "POST"])(view)))


def _next_url(response):
    slug = respond.where_next(response)
    if slug is None:
        return reverse("respond:check")
    return reverse("respond:question", args=[slug])


@respondent_page
def start(request):
    draft = respond.own_response(request.user)
    if draft is not None and request.method == "GET":
        return render(
            request,
            "applications/respond_start.html",
            {"draft": draft, "form": None, "continue_url": _next_url(draft)},
        )
    form = respond_forms.StartResponseForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            response = respond.start_response(
                acting_user=request.user,
                reference=form.cleaned_data["reference"],
                code=form.cleaned_data["code"],
            )
        except respond.ResponseError:
            form.add_error(
                "code",
                _("The reference and code do not match. Check your letter and try again"),
            )
        else:
            return redirect(_next_url(response))
    return render(
        request,
        "applications/respond_start.html",
        {"form": form, "draft": None},
        status=400 if form.is_bound else 200,
    )


@respondent_page
def question(request, slug):
    response = respond.own_response(request.user)
    if response is None:
        return redirect("respond:start")
    step = respond.find_step(response, slug)
    if step is None or not respond.reachable(response, slug):
        return redirect(_next_url(response))
    if request.method == "POST":
        form = step.form(request.POST, request.FILES, **step.form_kwargs)
        if form.is_valid():
            try:
                response = respond.save_response_answer(
                    acting_user=request.user,
                    response=response,
                    slug=slug,
                    answers=form.answers(),
                    payslip=form.cleaned_data.get("payslip"),
                )
            except UploadRejected as error:
                form.add_error("payslip", error.message)
            else:
                return redirect(_next_url(response))
        status = 400
    else:
        form = step.form(
            initial=step.form.initial_from(response.answers.get(slug)), **step.form_kwargs
        )
        status = 200
    slugs = [each.slug for each in respond.steps(response)]
    position = slugs.index(slug)
    if request.GET.get("change"):
        back_url = reverse("respond:check")
    elif position:
        back_url = reverse("respond:question", args=[slugs[position - 1]])
    else:
        back_url = reverse("respond:start")
    return render(
        request,
        "applications/respond_question.html",
        {
            "form": form,
            "page_title": form.title,
            "caption": _("Application %(reference)s")
            % {"reference": response.application.reference},
            "back_url": back_url,
            "own_heading": not any(spec.get("heading") for spec in form.layout.values()),
        },
        status=status,
    )


def _rows(response):
    rows = []
    for step in respond.steps(response):
        form = step.form(**step.form_kwargs)
        saved = response.answers.get(step.slug) or {}
        parts = [_display(type(form), name, raw) for name, raw in in_form_order(type(form), saved)]
        rows.append(
            {
                "key": {"text": str(form.title)},
                "value": lines(parts) if any(parts) else {"text": _("Not given")},
                "actions": {
                    "items": [
                        {
                            "href": reverse("respond:question", args=[step.slug]) + "?change=1",
                            "text": _("Change"),
                            "visuallyHiddenText": str(form.title),
                        }
                    ]
                },
            }
        )
        if step.slug == "income":
            rows.append(_payslips_row(response))
    return rows


def _payslips_row(response):
    names = [payslip.original_name for payslip in response.payslips.all()]
    return {
        "key": {"text": _("Payslips")},
        "value": {"text": "\n".join(names) or _("None uploaded")},
        "actions": {
            "items": [
                {
                    "href": reverse("respond:question", args=["income"]) + "?change=1",
                    "text": _("Change"),
                    "visuallyHiddenText": _("payslips"),
                }
            ]
        },
    }


@respondent_page
def check(request):
    response = respond.own_response(request.user)
    if response is None:
        return redirect("respond:start")
    if respond.where_next(response) is not None:
        return redirect(_next_url(response))
    form = respond_forms.ConfirmResponseForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        respond.submit_response(acting_user=request.user, response=response)
        return redirect("respond:sent")
    return render(
        request,
        "applications/respond_check.html",
        {"form": form, "rows": _rows(response)},
        status=400 if form.is_bound else 200,
    )


@login_required
@never_cache
def sent(request):
    response = (
        Response.objects.filter(user=request.user, status=ResponseStatus.SUBMITTED)
        .select_related("application")
        .order_by("-submitted_at")
        .first()
    )
    if response is None:
        return redirect("respond:start")
    return render(request, "applications/respond_sent.html", {"response": response})

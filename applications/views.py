"""The apply pages. Thin: the journey says which page comes next, services save."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import forms, journey, presenters, selectors, services
from .models import ApplicationStatus

STOP_PAGES = {
    "northern-ireland": "where-you-live",
    "cannot-apply": None,
    "get-help-first": "get-help-reference",
    "child-not-included": None,
}


def applicant_page(view):
    return login_required(never_cache(require_http_methods(["GET", "POST"])(view)))


def _next_url(application):
    upcoming = journey.where_next(application.answers)
    if upcoming is None:
        return reverse("applications:check")
    kind, slug = upcoming
    return reverse(
        "applications:question" if kind == "question" else "applications:stop", args=[slug]
    )


@never_cache
@require_http_methods(["GET", "POST"])
def start(request):
    draft = selectors.current_draft(request.user) if request.user.is_authenticated else None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        application = services.start_application(acting_user=request.user)
        return redirect(_next_url(application))
    return render(
        request,
        "applications/start.html",
        {
            "draft": draft,
            "fees": presenters.fee_facts(),
            "sign_in_url": f"{reverse('account_login')}?next={request.path}",
        },
    )


def _form_kwargs(step):
    kwargs = dict(step.form_kwargs)
    if step.form is forms.PaymentMethodForm:
        fees = presenters.fee_facts()
        kwargs["direct_pay_hint"] = _(
            "You and the other parent arrange the payments between yourselves. It is free."
        )
        kwargs["collect_hint"] = (
            _(
                "We collect the payments from the other parent and pass them on to you. "
                "We take %(receiving)s from each payment you get and the other parent pays "
                "%(paying)s on top."
            )
            % {"receiving": fees["receiving_rate"], "paying": fees["paying_rate"]}
            if fees["receiving_rate"]
            else ""
        )
    return kwargs


@applicant_page
def question(request, slug):
    draft = selectors.current_draft(request.user)
    if draft is None:
        return redirect("applications:start")
    step = journey.find_step(draft.answers, slug)
    if step is None or not journey.reachable(draft.answers, slug):
        return redirect(_next_url(draft))
    kwargs = _form_kwargs(step)
    saved = draft.answers.get(slug)
    if request.method == "POST":
        form = step.form(request.POST, **kwargs)
        if form.is_valid():
            draft = services.save_answer(
                acting_user=request.user, application=draft, slug=slug, answers=form.answers()
            )
            return redirect(_next_url(draft))
        status = 400
    else:
        form = step.form(initial=step.form.initial_from(saved), **kwargs)
        status = 200
    steps = list(journey.steps(draft.answers))
    position = next(index for index, each in enumerate(steps) if each.slug == slug)
    if request.GET.get("change"):
        back_url = reverse("applications:check")
    elif position:
        back_url = reverse("applications:question", args=[steps[position - 1].slug])
    else:
        back_url = reverse("applications:start")
    number = step.form_kwargs.get("number") or presenters._child_number(slug)
    caption = (
        _("Child %(number)s of %(total)s")
        % {"number": number, "total": journey.number_of_children(draft.answers)}
        if number
        else str(presenters.SECTION_TITLES[step.section])
    )
    return render(
        request,
        "applications/question.html",
        {
            "form": form,
            "page_title": form.title,
            # A page of several fields (an address, bank details) has its own heading.
            "own_heading": not any(spec.get("heading") for spec in form.layout.values()),
            "caption": caption,
            "back_url": back_url,
            "fees": presenters.fee_facts() if slug == "collect-because-of-abuse" else None,
            "expires_on": timezone.localdate(draft.expires_at),
        },
        status=status,
    )


@applicant_page
def stop(request, reason):
    if reason not in STOP_PAGES:
        raise Http404
    step_slug = STOP_PAGES[reason]
    change_url = reverse("applications:question", args=[step_slug]) if step_slug else None
    return render(
        request,
        f"applications/stop_{reason.replace('-', '_')}.html",
        {"change_url": change_url, "back_url": change_url or reverse("applications:start")},
    )


@applicant_page
def check(request):
    draft = selectors.current_draft(request.user)
    if draft is None:
        return redirect("applications:start")
    if journey.where_next(draft.answers) is not None:
        return redirect(_next_url(draft))
    return render(
        request,
        "applications/check.html",
        {"sections": presenters.check_answer_sections(draft)},
    )


@applicant_page
def declaration(request):
    draft = selectors.current_draft(request.user)
    if draft is None:
        return redirect("applications:start")
    if journey.where_next(draft.answers) is not None:
        return redirect(_next_url(draft))
    form = forms.DeclarationForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        application = services.submit_application(acting_user=request.user, application=draft)
        return redirect("applications:sent", reference=application.reference)
    return render(
        request,
        "applications/declaration.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@never_cache
@require_http_methods(["GET"])
def sent(request, reference):
    application = selectors.own_application(request.user, reference)
    if application.status == ApplicationStatus.DRAFT:
        raise Http404
    return render(request, "applications/sent.html", {"application": application})


@login_required
@never_cache
@require_http_methods(["GET"])
def status(request, reference):
    application = selectors.own_application(request.user, reference)
    if application.status == ApplicationStatus.DRAFT:
        raise Http404
    return render(
        request,
        "applications/status.html",
        {"application": application, "steps": presenters.status_steps(application)},
    )

"""Ask for a variation (one question a page, then check and send), follow a request, and
respond to the other parent's."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from cases.models import Scope
from cases.rules import false_information_fine
from cases.uploads import UploadRejected
from cases.views.common import (
    forget_answers,
    keep_answers,
    kept_answers,
    parent_page,
    posted,
    render_form,
)
from cms_portal.formatting import money_as_stated

from . import presenters, services
from .forms import AmountForm, DetailsForm, EvidenceForm, GroundForm, PeriodForm, ResponseForm
from .selectors import (
    can_respond,
    has_responded,
    pending_evidence_for,
    variation_request_for,
)

JOURNEY = "variation"
JUST_SENT = "variations:just-sent"
# The questions, in order.
STEPS = {"ground": GroundForm, "amount": AmountForm, "period": PeriodForm, "details": DetailsForm}
# Questions worded for the ground chosen.
NEEDS_GROUND = ("amount", "details")
STEP_NAMES = tuple(STEPS)


def _step_url(access, step):
    return reverse(f"variations:{step}", kwargs={"reference": access.case.reference})


def _answers(request, access):
    return kept_answers(request, access, JOURNEY) or {}


def _form_for(step, access, answers, data=None):
    form_class = STEPS[step]
    kwargs = {"access": access}
    if step in NEEDS_GROUND:
        kwargs["ground"] = _valid_ground(access, answers)
    if data is not None:
        return form_class(data, **kwargs)
    if step in answers:
        return form_class.from_raw(answers[step], **kwargs)
    return form_class(**kwargs)


def _valid_ground(access, answers):
    if "ground" not in answers:
        return None
    form = GroundForm.from_raw(answers["ground"], access=access)
    return form.cleaned_data["ground"] if form.is_valid() else None


def _first_unanswered(access, answers, upto=None):
    """The first question before `upto` without a valid answer, or None."""
    for step in STEP_NAMES:
        if step == upto:
            return None
        if step not in answers or not _form_for(step, access, answers).is_valid():
            return step
    return None


def _next_url(request, access, step):
    if request.GET.get("change") == "1":
        return reverse("variations:check", kwargs={"reference": access.case.reference})
    index = STEP_NAMES.index(step)
    following = STEP_NAMES[index + 1] if index + 1 < len(STEP_NAMES) else "evidence"
    return _step_url(access, following)


def _back_url(access, step):
    index = STEP_NAMES.index(step) if step in STEP_NAMES else len(STEP_NAMES)
    if index == 0:
        return reverse("cases:detail", kwargs={"reference": access.case.reference})
    return _step_url(access, STEP_NAMES[index - 1])


def _question(step):
    @parent_page(scope=Scope.REPORT_CHANGES, open_case=True)
    def view(request, access):
        answers = _answers(request, access)
        missing = _first_unanswered(access, answers, upto=step)
        if missing is not None:
            return redirect(_step_url(access, missing))
        if request.method == "POST":
            form = _form_for(step, access, answers, data=request.POST)
            if form.is_valid():
                answers[step] = form.raw_data()
                keep_answers(request, access, JOURNEY, answers)
                return redirect(_next_url(request, access, step))
        else:
            form = _form_for(step, access, answers)
        return render_form(
            request,
            "variations/question.html",
            form,
            {
                "access": access,
                "step": step,
                "back_url": _back_url(access, step),
                "intro": presenters.question_intro(access, step),
                "title": presenters.question_title(step, form),
            },
        )

    view.__name__ = f"{step}_question"
    return view


ground = _question("ground")
amount = _question("amount")
period = _question("period")
details = _question("details")


@parent_page(scope=Scope.REPORT_CHANGES, open_case=True)
def evidence(request, access):
    answers = _answers(request, access)
    missing = _first_unanswered(access, answers)
    if missing is not None:
        return redirect(_step_url(access, missing))
    form = EvidenceForm(*posted(request), access=access)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("evidence")
        if upload is None:
            return redirect("variations:check", reference=access.case.reference)
        try:
            services.store_evidence(acting_user=request.user, access=access, upload=upload)
        except UploadRejected as error:
            form.add_error("evidence", error.message)
        else:
            return redirect("variations:evidence", reference=access.case.reference)
    return render_form(
        request,
        "variations/evidence.html",
        form,
        {
            "access": access,
            "back_url": _back_url(access, "evidence"),
            "files": pending_evidence_for(access),
            "ground": _valid_ground(access, answers),
        },
    )


@parent_page(scope=Scope.REPORT_CHANGES, open_case=True)
def check(request, access):
    answers = _answers(request, access)
    missing = _first_unanswered(access, answers)
    if missing is not None:
        return redirect(_step_url(access, missing))
    forms = {step: _form_for(step, access, answers) for step in STEP_NAMES}
    for form in forms.values():
        form.is_valid()
    cleaned = {name: value for form in forms.values() for name, value in form.cleaned_data.items()}
    if request.method == "POST":
        variation = services.apply_for_variation(
            acting_user=request.user,
            access=access,
            ground=cleaned["ground"],
            amount=cleaned["amount"],
            period=cleaned["period"],
            details=cleaned["details"],
        )
        forget_answers(request, access, JOURNEY)
        request.session[JUST_SENT] = str(variation.public_id)
        return redirect(
            "variations:detail", reference=access.case.reference, variation_id=variation.public_id
        )
    change_urls = {step: f"{_step_url(access, step)}?change=1" for step in STEP_NAMES}
    change_urls["evidence"] = _step_url(access, "evidence")
    return render(
        request,
        "variations/check.html",
        {
            "access": access,
            "rows": presenters.check_rows(cleaned, change_urls, pending_evidence_for(access)),
            "back_url": _step_url(access, "evidence"),
            "false_information_fine": money_as_stated(false_information_fine(timezone.localdate())),
        },
    )


@parent_page(methods=("GET",))
def detail(request, access, variation_id):
    found = variation_request_for(access, variation_id)
    just_sent = request.session.pop(JUST_SENT, None) == str(found.public_id)
    today = timezone.localdate()
    return render(
        request,
        "variations/detail.html",
        {
            "access": access,
            "variation": found,
            "view": presenters.request_view(access, found, today),
            "just_sent": just_sent,
            "can_respond": access.allows(Scope.REPORT_CHANGES)
            and can_respond(access, found, today)
            and not has_responded(access, found),
        },
    )


@parent_page(scope=Scope.REPORT_CHANGES, open_case=True)
def respond(request, access, variation_id):
    found = variation_request_for(access, variation_id)
    today = timezone.localdate()
    if not can_respond(access, found, today) or has_responded(access, found):
        raise Http404
    form = ResponseForm(*posted(request), access=access)
    if request.method == "POST" and form.is_valid():
        try:
            services.respond_to_variation(
                acting_user=request.user,
                access=access,
                request=found,
                text=form.cleaned_data["response"],
                upload=form.cleaned_data.get("evidence"),
            )
        except UploadRejected as error:
            form.add_error("evidence", error.message)
        else:
            return redirect(
                "variations:responded",
                reference=access.case.reference,
                variation_id=found.public_id,
            )
    return render_form(
        request,
        "variations/respond.html",
        form,
        {
            "access": access,
            "variation": found,
            "view": presenters.request_view(access, found, today),
        },
    )


@parent_page(methods=("GET",))
def responded(request, access, variation_id):
    found = variation_request_for(access, variation_id)
    if not has_responded(access, found):
        raise Http404
    return render(request, "variations/responded.html", {"access": access, "variation": found})

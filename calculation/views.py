"""The public calculator: no sign-in, one question a page, answers kept in the session."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods, require_POST

from . import journey
from .engine import ServiceType, calculate
from .forms import FORMS
from .presenters import check_rows, heading, question_layout, result_view, step_url

QUESTION_TEMPLATE = "calculation/question.html"


def _answers(request) -> dict:
    return dict(request.session.get(journey.SESSION_KEY) or {})


def _where_to_resume(answers) -> str:
    step = journey.first_unanswered(answers)
    return step_url(step) if step else reverse("calculation:check")


@require_http_methods(["GET"])
def start(request):
    first = journey.steps_for({})[0]
    return render(request, "calculation/start.html", {"first_question_url": step_url(first)})


@require_http_methods(["GET", "POST"])
def question(request, name, parent=None, child=None):
    if name not in FORMS:
        raise Http404
    step = journey.Step(name, parent, child)
    answers = _answers(request)
    if not journey.is_available(answers, step):
        return redirect(_where_to_resume(answers))
    changing = request.GET.get("change") == "1"
    form_class = FORMS[name]
    if request.method == "POST":
        form = form_class(request.POST, step=step, answers=answers)
        if form.is_valid():
            answers = journey.answer(answers, step, form.answer())
            request.session[journey.SESSION_KEY] = answers
            return redirect(_after(answers, step, changing))
        status = 400
    else:
        stored = _stored_answer(answers, step)
        form = form_class(
            initial=form_class.initial_for(stored) if stored is not None else None,
            step=step,
            answers=answers,
        )
        status = 200
    form.layout = question_layout(step, answers)
    return render(
        request,
        QUESTION_TEMPLATE,
        {
            "form": form,
            "page_title": heading(step, answers),
            "back_url": _back_url(answers, step, changing),
        },
        status=status,
    )


def _stored_answer(answers, step):
    if step.name == "children":
        return (answers.get("children") or {}).get(str(step.parent))
    if step.name == "nights":
        return (answers.get("nights") or {}).get(f"{step.parent}-{step.child}")
    return answers.get(step.name)


def _after(answers, step, changing) -> str:
    if changing:
        # Back to the check page, unless the change needs more answers (say, children of a
        # receiving parent just added), which are asked first.
        return _where_to_resume(answers)
    following = journey.next_step(answers, step)
    return step_url(following) if following else reverse("calculation:check")


def _back_url(answers, step, changing) -> str:
    if changing:
        return reverse("calculation:check")
    previous = journey.previous_step(answers, step)
    return step_url(previous) if previous else reverse("calculation:start")


@require_http_methods(["GET"])
def check(request):
    answers = _answers(request)
    if journey.first_unanswered(answers) is not None:
        return redirect(_where_to_resume(answers))
    last = journey.steps_for(answers)[-1]
    return render(
        request,
        "calculation/check.html",
        {
            "rows": check_rows(answers),
            "back_url": step_url(last),
        },
    )


@require_http_methods(["GET"])
def result(request):
    answers = _answers(request)
    if journey.first_unanswered(answers) is not None:
        return redirect(_where_to_resume(answers))
    today = timezone.localdate()
    direct_pay = calculate(
        journey.calculation_input(answers, service_type=ServiceType.DIRECT_PAY, on_date=today)
    )
    collect_and_pay = calculate(
        journey.calculation_input(answers, service_type=ServiceType.COLLECT_AND_PAY, on_date=today)
    )
    language = "cy" if translation.get_language() == "cy" else "en"
    return render(
        request,
        "calculation/result.html",
        {
            "result": result_view(direct_pay, collect_and_pay, language),
        },
    )


@require_POST
def start_again(request):
    request.session.pop(journey.SESSION_KEY, None)
    return redirect("calculation:start")

"""See how a change would affect the amount: choose an answer, give its new value, see the
amount worked out again beside today's. Nothing is saved: the result page's address
carries the answer, checked again each time it is opened."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from calculation.engine import InvalidInputError
from cases.selectors import current_decision
from cases.views.common import parent_page, posted, render_form

from . import what_if
from . import what_if_presenters as presenter
from .what_if_forms import ChooseAnswerForm, form_for

ANSWER_TEMPLATE = "parents/what_if/answer.html"


def _decision(access):
    return current_decision(access.case)


def _answer_or_404(access, decision, key):
    answer = what_if.answer_for(access, decision, key)
    if answer is None:
        raise Http404
    return answer


def _answer_form(access, decision, answer, data=None, initial=None):
    return form_for(answer)(data, access=access, decision=decision, answer=answer, initial=initial)


def _answer_context(access, answer):
    return {
        "access": access,
        "form_action": reverse(
            "cases:what_if_answer",
            kwargs={"reference": access.case.reference, "answer": answer.key},
        ),
        "title": presenter.answer_title(access, answer),
        "choose_url": reverse("cases:what_if", kwargs={"reference": access.case.reference}),
    }


@parent_page()
def choose(request, access):
    decision = _decision(access)
    if decision is None:  # nothing worked out yet: the case page says so
        return redirect("cases:detail", reference=access.case.reference)
    data, _files = posted(request)
    form = ChooseAnswerForm(data, choices=presenter.answer_choices(access, decision))
    if request.method == "POST" and form.is_valid():
        return redirect(
            "cases:what_if_answer",
            reference=access.case.reference,
            answer=form.cleaned_data["answer"],
        )
    return render_form(request, "parents/what_if/choose.html", form, {"access": access})


@parent_page()
def answer(request, access, answer):
    decision = _decision(access)
    if decision is None:
        raise Http404
    chosen = _answer_or_404(access, decision, answer)
    if request.method == "POST":
        form = _answer_form(access, decision, chosen, data=request.POST)
        if form.is_valid():
            result_url = reverse(
                "cases:what_if_result",
                kwargs={"reference": access.case.reference, "answer": chosen.key},
            )
            return redirect(f"{result_url}?{urlencode(form.query())}")
    else:
        # Back from the result page to change the answer again: what was given is shown.
        given = {
            name: request.GET[name] for name in form_for(chosen).base_fields if name in request.GET
        }
        initial = given or form_for(chosen).starting_from(decision, chosen)
        form = _answer_form(access, decision, chosen, initial=initial)
    return render_form(request, ANSWER_TEMPLATE, form, _answer_context(access, chosen))


@parent_page(methods=("GET",))
def result(request, access, answer):
    decision = _decision(access)
    if decision is None:
        raise Http404
    chosen = _answer_or_404(access, decision, answer)
    form = _answer_form(access, decision, chosen, data=request.GET)
    if form.is_valid():
        value = form.value()
        try:
            calculated = what_if.what_if(decision, chosen, value)
        except InvalidInputError:
            form.add_error(None, _("We cannot work out an amount from these answers"))
        else:
            rule = what_if.income_rule(decision, chosen, value, timezone.localdate())
            context = {
                "access": access,
                "answer_url": reverse(
                    "cases:what_if_answer",
                    kwargs={"reference": access.case.reference, "answer": chosen.key},
                )
                + "?"
                + urlencode(form.query()),
                **presenter.result_page(access, decision, chosen, form, value, calculated, rule),
            }
            return render(request, "parents/what_if/result.html", context)
    # An address changed by hand: the answer page with what is wrong, nothing worked out.
    return render_form(request, ANSWER_TEMPLATE, form, _answer_context(access, chosen), status=400)

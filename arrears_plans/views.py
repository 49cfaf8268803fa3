"""The paying parent's arrears plan: the start page with the rules, what they can pay
(and their take-home pay when an employer deducts), check answers showing at once
whether it can be agreed, the confirmation, and the plan's page with its progress.
Every page resolves the case through the cases area (404 if not theirs) and then
refuses anyone but the paying parent of a Collect and Pay case."""

from django.shortcuts import redirect, render
from django.urls import reverse

from cases.models import Scope
from cases.views.common import forget_answers, keep_answers, kept_answers, parent_page, render_form
from payments import selectors as money_selectors
from payments.selectors import plan_progress

from . import presenters
from .assessment import assess
from .forms import NetIncomeForm, PlanAmountForm
from .selectors import latest_request, paying_on_collect_and_pay, plan_facts, request_for
from .services import PlanRequestError, request_arrears_plan

JOURNEY = "arrears_plan"


def _url(name, access, **kwargs):
    return reverse(f"arrears_plans:{name}", kwargs={"reference": access.case.reference, **kwargs})


def _context(access, **extra):
    return {"access": access, "case": access.case, **extra}


def _journey(request, access):
    """The facts, or a redirect when there is nothing to propose (a plan in force or one
    with a caseworker: the plan page says so)."""
    paying_on_collect_and_pay(access)
    facts = plan_facts(access.case, access.party)
    if facts.plan is not None or facts.waiting is not None:
        return facts, redirect(_url("plan", access))
    if not facts.can_propose:
        return facts, redirect(_url("start", access))
    return facts, None


def _answers(request, access):
    return kept_answers(request, access, JOURNEY) or {}


def _amount_form(facts, data=None):
    return PlanAmountForm(data, arrears=facts.arrears, frequency=facts.terms.frequency)


def _income_form(facts, data=None):
    return NetIncomeForm(data, frequency=facts.terms.frequency)


def _valid(form_class_factory, raw):
    """The cleaned answer kept in the session, or None when missing or no longer valid."""
    if raw is None:
        return None
    form = form_class_factory(raw)
    return form.cleaned_data if form.is_valid() else None


def _kept(facts, answers):
    amount = _valid(
        lambda raw: PlanAmountForm.from_raw(
            raw, arrears=facts.arrears, frequency=facts.terms.frequency
        ),
        answers.get("amount"),
    )
    income = None
    if facts.deducted_from_pay:
        income = _valid(
            lambda raw: NetIncomeForm.from_raw(raw, frequency=facts.terms.frequency),
            answers.get("income"),
        )
    return amount, income


@parent_page(methods=("GET",), scope=Scope.REPORT_CHANGES)
def start(request, access):
    paying_on_collect_and_pay(access)
    facts = plan_facts(access.case, access.party)
    if facts.plan is not None or facts.waiting is not None:
        return redirect(_url("plan", access))
    return render(
        request,
        "arrears_plans/start.html",
        _context(
            access,
            facts=facts,
            rules=presenters.rule_lines(facts) if facts.can_propose else [],
            start_url=_url("amount", access),
        ),
    )


def _next_after_amount(request, access, facts):
    if facts.deducted_from_pay and request.GET.get("change") != "1":
        return _url("income", access)
    return _url("check", access)


@parent_page(scope=Scope.REPORT_CHANGES)
def amount(request, access):
    facts, elsewhere = _journey(request, access)
    if elsewhere:
        return elsewhere
    answers = _answers(request, access)
    if request.method == "POST":
        form = _amount_form(facts, request.POST)
        if form.is_valid():
            answers["amount"] = form.raw_data()
            keep_answers(request, access, JOURNEY, answers)
            return redirect(_next_after_amount(request, access, facts))
    elif "amount" in answers:
        form = PlanAmountForm.from_raw(
            answers["amount"], arrears=facts.arrears, frequency=facts.terms.frequency
        )
        form.is_valid()
    else:
        form = _amount_form(facts)
    return render_form(
        request,
        "arrears_plans/question.html",
        form,
        _context(access, title=form.layout["amount"]["label"], back_url=_url("start", access)),
        status=400 if request.method == "POST" else 200,
    )


@parent_page(scope=Scope.REPORT_CHANGES)
def income(request, access):
    facts, elsewhere = _journey(request, access)
    if elsewhere:
        return elsewhere
    if not facts.deducted_from_pay:
        return redirect(_url("check", access))
    answers = _answers(request, access)
    if _kept(facts, answers)[0] is None:
        return redirect(_url("amount", access))
    if request.method == "POST":
        form = _income_form(facts, request.POST)
        if form.is_valid():
            answers["income"] = form.raw_data()
            keep_answers(request, access, JOURNEY, answers)
            return redirect(_url("check", access))
    elif "income" in answers:
        form = NetIncomeForm.from_raw(answers["income"], frequency=facts.terms.frequency)
        form.is_valid()
    else:
        form = _income_form(facts)
    return render_form(
        request,
        "arrears_plans/question.html",
        form,
        _context(access, title=form.layout["net_income"]["label"], back_url=_url("amount", access)),
        status=400 if request.method == "POST" else 200,
    )


@parent_page(scope=Scope.REPORT_CHANGES)
def check(request, access):
    facts, elsewhere = _journey(request, access)
    if elsewhere:
        return elsewhere
    answers = _answers(request, access)
    amount_answer, income_answer = _kept(facts, answers)
    if amount_answer is None:
        return redirect(_url("amount", access))
    if facts.deducted_from_pay and income_answer is None:
        return redirect(_url("income", access))
    chosen = amount_answer["amount"]
    net_income = income_answer["net_income"] if income_answer else None
    if request.method == "POST":
        try:
            sent = request_arrears_plan(
                acting_user=request.user, access=access, amount=chosen, net_income=net_income
            )
        except PlanRequestError:
            return redirect(_url("start", access))
        forget_answers(request, access, JOURNEY)
        return redirect(_url("sent", access, request_id=sent.public_id))
    assessment = assess(facts.terms, chosen, net_income)
    change_urls = {
        "amount": _url("amount", access) + "?change=1",
        "income": _url("income", access),
    }
    return render(
        request,
        "arrears_plans/check.html",
        _context(
            access,
            rows=presenters.check_rows(assessment, net_income, change_urls),
            outcome=presenters.outcome(assessment),
            back_url=_url("income" if facts.deducted_from_pay else "amount", access),
        ),
    )


@parent_page(methods=("GET",), scope=Scope.REPORT_CHANGES)
def sent(request, access, request_id):
    paying_on_collect_and_pay(access)
    found = request_for(access, request_id)
    return render(
        request,
        "arrears_plans/sent.html",
        _context(access, plan_request=found, agreed=found.status == "agreed"),
    )


@parent_page(methods=("GET",))
def plan(request, access):
    paying_on_collect_and_pay(access)
    active = money_selectors.active_plan(access.case)
    if active is not None:
        return render(
            request,
            "arrears_plans/plan.html",
            _context(access, rows=presenters.plan_rows(active, plan_progress(active)), lines=[]),
        )
    latest = latest_request(access.case)
    if latest is None or latest.status == "agreed":
        return redirect(_url("start", access))
    return render(
        request,
        "arrears_plans/plan.html",
        _context(
            access,
            rows=[],
            lines=presenters.request_lines(latest),
            start_url=_url("start", access) if latest.status == "refused" else None,
        ),
    )

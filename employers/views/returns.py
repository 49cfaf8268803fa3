"""Reporting deductions: for one order, or as a schedule for every active order paid on
one day. Each is a form, a page to check the working out, and a confirmation with what
to pay. Nothing is saved until the employer confirms."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.models import PaymentFrequency

from .. import services
from ..deadlines import deduction_month, payment_due_date
from ..forms import ReturnForm, ScheduleChoiceForm, ScheduleForm
from ..models import ReturnSource
from ..presenters.deductions import (
    filed_table_head,
    filed_table_rows,
    planned_table_head,
    planned_table_rows,
    working_out_rows,
)
from ..presenters.payments import month_name, month_slug
from ..presenters.rules import deduction_figures
from ..selectors import (
    order_for,
    orders_due_for,
    return_for,
    returns_filed_together,
    unpaid_total_for_month,
)
from .access import employer_page, posted, render_employer_page

PENDING_RETURN = "employers_pending_return"
PENDING_SCHEDULE = "employers_pending_schedule"
# A schedule page shows this many orders at a time; a larger payroll uploads a file.
SCHEDULE_SIZE = 100


def _problems_onto_form(form, problems, field_for):
    for problem in problems:
        form.add_error(field_for(problem), problem.message)


def _single_field(problem):
    return problem.field if problem.field in ("admin_fee", "net_earnings") else "pay_date"


def _plan_single(membership, order, form):
    data = form.cleaned_data
    return services.preview_returns(
        employer=membership.employer,
        pay_date=data["pay_date"],
        lines=[(order.reference, data["net_earnings"], data["admin_fee"])],
    )


@employer_page
@require_http_methods(["GET", "POST"])
def report_return(request, reference):
    order = order_for(request.membership, reference)
    form = ReturnForm(posted(request))
    if request.method == "POST" and form.is_valid():
        plan = _plan_single(request.membership, order, form)
        if not plan.problems:
            request.session[PENDING_RETURN] = {"order": order.reference, "data": form.raw_data()}
            return redirect("employers:check_return", reference=order.reference)
        _problems_onto_form(form, plan.problems, _single_field)
    return render_employer_page(
        request,
        "employers/report_return.html",
        {
            "order": order,
            "form": form,
            "figures": deduction_figures(timezone.localdate(), order),
        },
        status=400 if request.method == "POST" else 200,
    )


@employer_page
@require_http_methods(["GET", "POST"])
def check_return(request, reference):
    order = order_for(request.membership, reference)
    pending = request.session.get(PENDING_RETURN)
    if not pending or pending.get("order") != order.reference:
        return redirect("employers:report_return", reference=order.reference)
    form = ReturnForm(pending["data"])
    if not form.is_valid():
        return redirect("employers:report_return", reference=order.reference)
    data = form.cleaned_data
    if request.method == "POST":
        try:
            filed = services.file_returns(
                acting_user=request.user,
                employer=request.membership.employer,
                pay_date=data["pay_date"],
                lines=[(order.reference, data["net_earnings"], data["admin_fee"])],
            )
        except services.ReturnProblems as problems:
            _problems_onto_form(form, problems.problems, _single_field)
            return render_employer_page(
                request,
                "employers/report_return.html",
                {
                    "order": order,
                    "form": form,
                    "figures": deduction_figures(timezone.localdate(), order),
                },
                status=400,
            )
        request.session.pop(PENDING_RETURN, None)
        return redirect("employers:return_filed", public_id=filed[0].public_id)
    plan = _plan_single(request.membership, order, form)
    if plan.problems or not plan.planned:
        return redirect("employers:report_return", reference=order.reference)
    outcome = plan.planned[0].outcome
    return render_employer_page(
        request,
        "employers/check_return.html",
        {
            "order": order,
            "outcome": outcome,
            "already_filed": plan.planned[0].already_filed,
            "rows": working_out_rows(
                outcome, proportion=order.protected_earnings_proportion, pay_date=data["pay_date"]
            )
            if outcome
            else [],
        },
    )


@employer_page
def return_filed(request, public_id):
    deduction_return = return_for(request.membership, public_id)
    returns = list(returns_filed_together(request.membership, deduction_return))
    month = deduction_month(deduction_return.pay_date)
    return render_employer_page(
        request,
        "employers/return_filed.html",
        {
            "returns": returns,
            "count": len(returns),
            "total_deducted": sum(item.amount_deducted for item in returns),
            "rows": filed_table_rows(returns),
            "head": filed_table_head(),
            "month": month,
            "month_name": month_name(month),
            "month_slug": month_slug(month),
            "to_pay": unpaid_total_for_month(request.membership, month),
            "due_on": payment_due_date(month),
            "column_width": "full",
        },
    )


@employer_page
@require_http_methods(["GET", "POST"])
def schedule_start(request):
    form = ScheduleChoiceForm(posted(request))
    if request.method == "POST" and form.is_valid():
        return redirect(
            "employers:schedule",
            frequency=form.cleaned_data["pay_frequency"],
            pay_date=form.cleaned_data["pay_date"].isoformat(),
        )
    return render_employer_page(
        request,
        "employers/schedule_start.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def _schedule_date(frequency, pay_date):
    if frequency not in PaymentFrequency.values:
        raise Http404
    try:
        parsed = date.fromisoformat(pay_date)
    except ValueError:
        raise Http404 from None
    if parsed > timezone.localdate():
        raise Http404
    return parsed


def _named(problems, orders):
    """Each problem of a schedule says whose pay it is about, so the error summary can
    be read on its own."""
    names = {
        order.reference: f"{order.employee.full_name} ({order.payroll_number})" for order in orders
    }
    return [
        replace(
            problem,
            message=_("%(employee)s: %(problem)s")
            % {"employee": names.get(problem.key, problem.key), "problem": problem.message},
        )
        for problem in problems
    ]


def _schedule_field(problem):
    prefix = "admin_fee" if problem.field == "admin_fee" else "net_earnings"
    return f"{prefix}-{problem.key}"


@employer_page
@require_http_methods(["GET", "POST"])
def schedule(request, frequency, pay_date):
    on_date = _schedule_date(frequency, pay_date)
    due = orders_due_for(request.membership, pay_frequency=frequency, pay_date=on_date)
    total_due = due.count()
    orders = list(due[:SCHEDULE_SIZE])
    form = ScheduleForm(posted(request), orders=orders)
    if request.method == "POST" and form.is_valid():
        lines = form.lines()
        plan = services.preview_returns(
            employer=request.membership.employer, pay_date=on_date, lines=lines
        )
        if not plan.problems:
            request.session[PENDING_SCHEDULE] = {
                "frequency": frequency,
                "pay_date": on_date.isoformat(),
                "lines": [[reference, str(net), str(fee)] for reference, net, fee in lines],
            }
            return redirect("employers:check_schedule", frequency=frequency, pay_date=pay_date)
        _problems_onto_form(form, _named(plan.problems, orders), _schedule_field)
    return render_employer_page(
        request,
        "employers/schedule.html",
        {
            "form": form,
            "orders": orders,
            "pay_date": on_date,
            "frequency": frequency,
            "frequency_name": PaymentFrequency(frequency).label,
            "total_due": total_due,
            "more": total_due > len(orders),
            "figures": deduction_figures(on_date),
            "column_width": "full",
        },
        status=400 if request.method == "POST" else 200,
    )


def _pending_lines(request, frequency, on_date):
    pending = request.session.get(PENDING_SCHEDULE)
    if (
        not pending
        or pending.get("frequency") != frequency
        or pending.get("pay_date") != on_date.isoformat()
    ):
        return None
    return [(reference, Decimal(net), Decimal(fee)) for reference, net, fee in pending["lines"]]


@employer_page
@require_http_methods(["GET", "POST"])
def check_schedule(request, frequency, pay_date):
    on_date = _schedule_date(frequency, pay_date)
    lines = _pending_lines(request, frequency, on_date)
    if not lines:
        return redirect("employers:schedule", frequency=frequency, pay_date=pay_date)
    employer = request.membership.employer
    if request.method == "POST":
        try:
            filed = services.file_returns(
                acting_user=request.user,
                employer=employer,
                pay_date=on_date,
                lines=lines,
                source=ReturnSource.SCHEDULE,
            )
        except services.ReturnProblems:
            return redirect("employers:schedule", frequency=frequency, pay_date=pay_date)
        request.session.pop(PENDING_SCHEDULE, None)
        return redirect("employers:return_filed", public_id=filed[0].public_id)
    plan = services.preview_returns(employer=employer, pay_date=on_date, lines=lines)
    if plan.problems:
        return redirect("employers:schedule", frequency=frequency, pay_date=pay_date)
    return render_employer_page(
        request,
        "employers/check_schedule.html",
        {
            "plan": plan,
            "rows": planned_table_rows(plan),
            "head": planned_table_head(),
            "pay_date": on_date,
            "frequency": frequency,
            "column_width": "full",
            "already_filed": len(plan.already_filed),
            "figures": deduction_figures(on_date),
        },
    )

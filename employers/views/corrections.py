"""Correcting a filed return: the new figures, a page to check what changes (later pay
days too), and a confirmation. Nothing is saved until the employer confirms."""

from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import CorrectionForm
from ..presenters.deductions import correction_head, correction_rows
from ..presenters.rules import deduction_figures
from ..selectors import correction_for, return_for
from .access import employer_page, posted, render_employer_page, rule_error_onto_form

PENDING_CORRECTION = "employers_pending_correction"


def _plan(deduction_return, form):
    return services.plan_correction(
        deduction_return,
        net_earnings=form.cleaned_data["net_earnings"],
        admin_fee=form.cleaned_data["admin_fee"],
    )


def _form_page(request, deduction_return, form, *, status):
    return render_employer_page(
        request,
        "employers/correct_return.html",
        {
            "deduction_return": deduction_return,
            "order": deduction_return.order,
            "form": form,
            "figures": deduction_figures(deduction_return.pay_date, deduction_return.order),
        },
        status=status,
    )


@employer_page
@require_http_methods(["GET", "POST"])
def correct_return(request, public_id):
    deduction_return = return_for(request.membership, public_id)
    initial = {
        "net_earnings": deduction_return.net_earnings,
        "admin_fee": deduction_return.admin_fee,
    }
    form = CorrectionForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            _plan(deduction_return, form)
        except services.EmployerRuleError as error:
            rule_error_onto_form(form, error)
        else:
            request.session[PENDING_CORRECTION] = {
                "return": str(deduction_return.public_id),
                "data": form.raw_data(),
            }
            return redirect("employers:check_correction", public_id=deduction_return.public_id)
    return _form_page(
        request, deduction_return, form, status=400 if request.method == "POST" else 200
    )


@employer_page
@require_http_methods(["GET", "POST"])
def check_correction(request, public_id):
    deduction_return = return_for(request.membership, public_id)
    pending = request.session.get(PENDING_CORRECTION)
    if not pending or pending.get("return") != str(deduction_return.public_id):
        return redirect("employers:correct_return", public_id=deduction_return.public_id)
    form = CorrectionForm(pending["data"])
    if not form.is_valid():
        return redirect("employers:correct_return", public_id=deduction_return.public_id)
    try:
        if request.method == "POST":
            correction = services.correct_return(
                acting_user=request.user,
                deduction_return=deduction_return,
                net_earnings=form.cleaned_data["net_earnings"],
                admin_fee=form.cleaned_data["admin_fee"],
                reason=form.cleaned_data["reason"],
            )
            request.session.pop(PENDING_CORRECTION, None)
            return redirect("employers:correction_done", public_id=correction.public_id)
        plan = _plan(deduction_return, form)
    except services.EmployerRuleError as error:
        rule_error_onto_form(form, error)
        return _form_page(request, deduction_return, form, status=400)
    return render_employer_page(
        request,
        "employers/check_correction.html",
        {
            "deduction_return": deduction_return,
            "order": deduction_return.order,
            "plan": plan,
            "reason": form.cleaned_data["reason"],
            "head": correction_head(),
            "rows": correction_rows(plan),
            "column_width": "full",
        },
    )


@employer_page
def correction_done(request, public_id):
    correction = correction_for(request.membership, public_id)
    return render_employer_page(
        request,
        "employers/correction_done.html",
        {
            "correction": correction,
            "deduction_return": correction.deduction_return,
            "order": correction.deduction_return.order,
        },
    )

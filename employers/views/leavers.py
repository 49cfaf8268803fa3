"""Reporting that an employee has left, does not work for the employer, or that the
business stopped trading."""

from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from .. import services
from ..deadlines import report_by
from ..forms import LeaverForm, StoppedTradingForm
from ..models import LeaverReport
from ..rules import deduction_rules
from ..selectors import leaver_report_for, live_orders_for, order_for, stopped_trading_report_for
from .access import employer_page, posted, render_employer_page, rule_error_onto_form


@employer_page
@require_http_methods(["GET", "POST"])
def report_leaver(request, reference):
    order = order_for(request.membership, reference)
    form = LeaverForm(posted(request))
    if request.method == "POST" and form.is_valid() and order.status != "ended":
        data = form.cleaned_data
        try:
            report = services.report_leaver(
                acting_user=request.user,
                order=order,
                kind=data["kind"],
                left_on=data.get("left_on"),
                last_pay_date=data.get("last_pay_date"),
                last_deduction=data.get("last_deduction"),
                new_employer_name=data.get("new_employer_name", ""),
                new_employer_address=data.get("new_employer_address", ""),
            )
        except services.EmployerRuleError as error:
            form.add_error(error.field or "kind", error.message)
        else:
            return redirect("employers:leaver_reported", public_id=report.public_id)
    rules = deduction_rules(order.served_on)
    return render_employer_page(
        request,
        "employers/report_leaver.html",
        {
            "order": order,
            "form": form,
            "report_within_days": rules.report_within_days,
            "fine": rules.information_offence_fine,
        },
        status=400 if request.method == "POST" else 200,
    )


@employer_page
def leaver_reported(request, public_id):
    report: LeaverReport = leaver_report_for(request.membership, public_id)
    return render_employer_page(
        request,
        "employers/leaver_reported.html",
        {
            "report": report,
            "order": report.order,
            "report_by": report_by(report.left_on) if report.left_on else None,
        },
    )


@employer_page(admin=True)
@require_http_methods(["GET", "POST"])
def report_stopped_trading(request):
    form = StoppedTradingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_stopped_trading(
                acting_user=request.user,
                employer=request.membership.employer,
                stopped_on=form.cleaned_data["stopped_on"],
                contact_details=form.cleaned_data.get("contact_details", ""),
            )
        except services.EmployerRuleError as error:
            rule_error_onto_form(form, error)
        else:
            return redirect("employers:stopped_trading_reported", public_id=report.public_id)
    rules = deduction_rules(timezone.localdate())
    return render_employer_page(
        request,
        "employers/report_stopped_trading.html",
        {
            "form": form,
            "report_within_days": rules.report_within_days,
            "fine": rules.information_offence_fine,
            "live_orders": live_orders_for(request.membership).count(),
        },
        status=400 if request.method == "POST" else 200,
    )


@employer_page
def stopped_trading_reported(request, public_id):
    report = stopped_trading_report_for(request.membership, public_id)
    return render_employer_page(
        request, "employers/stopped_trading_reported.html", {"report": report}
    )

"""Paying CMS: each month's schedule with its total, recording the payment, and the
history of payments with how each was shared between orders."""

from datetime import date

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from .. import services
from ..deadlines import payment_due_date
from ..forms import RemittanceForm
from ..presenters.advice import advice_csv, advice_pdf
from ..presenters.common import pagination
from ..presenters.orders import order_table_rows, plain_order_table_head
from ..presenters.payments import (
    allocation_table_head,
    allocation_table_rows,
    month_name,
    months_to_pay_rows,
    recent_payment_rows,
    remittance_summary_rows,
    remittance_table_head,
    remittance_table_rows,
    schedule_table_head,
    schedule_table_rows,
)
from ..selectors import (
    allocations_for,
    months_with_unpaid_returns,
    order_rows,
    orders_without_return,
    paid_so_far,
    payment_schedule,
    recent_remittances_in_bank,
    remittance_for,
    remittances_in_bank,
    unpaid_total_for_month,
)
from .access import employer_page, posted, render_employer_page

PAYMENTS_PER_PAGE = 24
BANK_DETAILS = {
    "sort_code": "60 70 80",
    "account_number": "10026584",
    "account_name": "DWPCMGEMPLOYER",
}


def _month(slug):
    try:
        year, month = (int(part) for part in slug.split("-"))
        return date(year, month, 1)
    except ValueError:
        raise Http404 from None


@employer_page
def pay(request):
    months = months_with_unpaid_returns(request.membership)
    totals = {month: unpaid_total_for_month(request.membership, month) for month in months}
    paid = {month: paid_so_far(request.membership, month) for month in months}
    return render_employer_page(
        request,
        "employers/pay.html",
        {
            "rows": months_to_pay_rows(months, totals, paid, timezone.localdate()),
            "recent_rows": recent_payment_rows(recent_remittances_in_bank(request.membership)),
        },
    )


@employer_page
@require_http_methods(["GET", "POST"])
def pay_month(request, month):
    month = _month(month)
    lines, total = payment_schedule(request.membership, month)
    form = RemittanceForm(posted(request), initial={"expected_total": total})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            remittance = services.record_remittance(
                acting_user=request.user,
                employer=request.membership.employer,
                month=month,
                method=data["method"],
                paid_on=data["paid_on"],
                payment_reference=data["payment_reference"],
                expected_total=data["expected_total"],
                amount=data["amount"],
            )
        except services.EmployerRuleError as error:
            form.add_error(error.field or "method", error.message)
        else:
            return redirect("employers:payment_detail", public_id=remittance.public_id)
    return render_employer_page(
        request,
        "employers/pay_month.html",
        {
            "form": form,
            "month_name": month_name(month),
            "due_on": payment_due_date(month),
            "total": total,
            "paid_so_far": paid_so_far(request.membership, month),
            "overdue": payment_due_date(month) < timezone.localdate(),
            "rows": schedule_table_rows(lines),
            "head": schedule_table_head(),
            "bank": BANK_DETAILS,
            "column_width": "full",
        },
        status=400 if request.method == "POST" else 200,
    )


@employer_page
def payments(request):
    page = Paginator(remittances_in_bank(request.membership), PAYMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render_employer_page(
        request,
        "employers/payments.html",
        {
            "rows": remittance_table_rows(page.object_list),
            "head": remittance_table_head(),
            "pagination": pagination(page),
            "column_width": "full",
        },
    )


@employer_page
def payment_detail(request, public_id):
    remittance = remittance_for(request.membership, public_id)
    return render_employer_page(
        request,
        "employers/payment_detail.html",
        {
            "remittance": remittance,
            "summary_rows": remittance_summary_rows(remittance),
            "still_due": unpaid_total_for_month(request.membership, remittance.month),
            "month_slug": f"{remittance.month:%Y-%m}",
            "rows": allocation_table_rows(allocations_for(remittance)),
            "head": allocation_table_head(),
            "month_name": month_name(remittance.month),
            "column_width": "full",
        },
    )


@employer_page
def missing_returns(request, month):
    month = _month(month)
    page = Paginator(orders_without_return(request.membership, month), 25).get_page(
        request.GET.get("page")
    )
    return render_employer_page(
        request,
        "employers/missing_returns.html",
        {
            "month_name": month_name(month),
            "count": page.paginator.count,
            "head": plain_order_table_head(),
            "rows": order_table_rows(order_rows(page.object_list)),
            "pagination": pagination(page),
            "column_width": "full",
        },
    )


def _advice(request, public_id):
    remittance = remittance_for(request.membership, public_id)
    allocations = list(allocations_for(remittance))
    return remittance, allocations, unpaid_total_for_month(request.membership, remittance.month)


def _attachment(response, remittance, extension):
    response["Content-Disposition"] = (
        f'attachment; filename="remittance-advice-{remittance.month:%Y-%m}-'
        f'{str(remittance.public_id)[:8]}.{extension}"'
    )
    return response


@employer_page
def payment_advice_csv(request, public_id):
    remittance, allocations, still_due = _advice(request, public_id)
    return _attachment(
        HttpResponse(
            advice_csv(remittance, allocations, still_due), content_type="text/csv; charset=utf-8"
        ),
        remittance,
        "csv",
    )


@employer_page
def payment_advice_pdf(request, public_id):
    remittance, allocations, still_due = _advice(request, public_id)
    return _attachment(
        HttpResponse(
            advice_pdf(remittance, allocations, still_due), content_type="application/pdf"
        ),
        remittance,
        "pdf",
    )

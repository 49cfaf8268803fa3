"""Orders as the employer sees them: the employee's name, payroll number, masked
National Insurance number, rates and status, and nothing else about the case."""

from urllib.parse import quote

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from cms_portal.core.choices import PaymentFrequency
from cms_portal.formatting import govuk_date, money

from ..deadlines import liable_from
from ..models import OrderStatus
from ..selectors import DEFAULT_ORDER_SORT
from .common import link, numeric, query_string, tag

STATUS_COLOURS = {
    OrderStatus.ACTIVE: "green",
    OrderStatus.SUSPENDED: "yellow",
    OrderStatus.ENDED: "grey",
}


def ends_later(order):
    """Active until a set date (its case closes then)."""
    return _ends_later(order.status, order.ended_on)


def _ends_later(status, ended_on):
    return status == OrderStatus.ACTIVE and ended_on is not None


def status_text(order):
    return _status_text(order.status, order.ended_on, order.get_status_display())


def _status_text(status, ended_on, label):
    if _ends_later(status, ended_on):
        return _("Active until %(date)s") % {"date": govuk_date(ended_on)}
    return label


def status_tag(order):
    return tag(status_text(order), STATUS_COLOURS.get(order.status, ""))


def masked_national_insurance_number(number):
    """Only the last 3 characters, as on payslips: QQ123456C -> XX XX XX 56 C."""
    number = "".join(str(number or "").split()).upper()
    if len(number) < 3:
        return _("Not known")
    return f"XX XX XX {number[-3:-1]} {number[-1]}"


def rate_text(order):
    return _("%(amount)s (%(frequency)s)") % {
        "amount": money(order.normal_deduction_rate),
        "frequency": order.get_pay_frequency_display().lower(),
    }


def order_url(order):
    return reverse("employers:order_detail", kwargs={"reference": order.reference})


def order_table_rows(orders):
    """The rows for `order_rows` values."""
    statuses = _labels(OrderStatus)
    frequencies = _labels(PaymentFrequency)
    # Every order's address differs only by its reference: reversed once for the page.
    url = reverse("employers:order_detail", kwargs={"reference": _REFERENCE_MARK})
    return [
        [
            {
                "html": link(
                    url.replace(_REFERENCE_MARK, quote(order["reference"], safe="")),
                    order["employee__full_name"],
                )
            },
            {"text": order["payroll_number"]},
            {"text": order["reference"]},
            {"text": govuk_date(order["served_on"])},
            numeric({"text": money(order["normal_deduction_rate"])}),
            {"text": frequencies.get(order["pay_frequency"], order["pay_frequency"])},
            {
                "text": _status_text(
                    order["status"],
                    order["ended_on"],
                    statuses.get(order["status"], order["status"]),
                )
            },
        ]
        for order in orders
    ]


_REFERENCE_MARK = "REFERENCE"


def _labels(choices):
    """A choices class's labels in the active language, by value, as get_FOO_display gives."""
    return {value: str(label) for value, label in choices.choices}


SORTABLE_COLUMNS = ("name", "payroll", "reference", "start")


def order_table_head(*, search, status, sort):
    """Column headings; the sortable ones link to sort by them (again to reverse)."""
    labels = {
        "name": _("Employee"),
        "payroll": _("Payroll number"),
        "reference": _("Order reference"),
        "start": _("Served"),
    }
    current = sort.lstrip("-") if sort else DEFAULT_ORDER_SORT
    descending = sort.startswith("-")
    head = []
    for key in SORTABLE_COLUMNS:
        next_sort = f"-{key}" if key == current and not descending else key
        cell = {"html": link(query_string(q=search, status=status, sort=next_sort), labels[key])}
        if key == current:
            cell["attributes"] = {"aria-sort": "descending" if descending else "ascending"}
        head.append(cell)
    head += [
        numeric({"text": _("Normal deduction rate")}),
        {"text": _("Pay frequency")},
        {"text": _("Status")},
    ]
    return head


def plain_order_table_head():
    return [
        {"text": _("Employee")},
        {"text": _("Payroll number")},
        {"text": _("Order reference")},
        {"text": _("Served")},
        numeric({"text": _("Normal deduction rate")}),
        {"text": _("Pay frequency")},
        {"text": _("Status")},
    ]


def order_summary_rows(order):
    rows = [
        (_("Employee"), order.employee.full_name),
        (_("Payroll number"), order.payroll_number),
        (
            _("National Insurance number"),
            masked_national_insurance_number(order.employee.national_insurance_number),
        ),
        (_("Order reference"), order.reference),
        (_("Normal deduction rate"), rate_text(order)),
        (
            _("Protected earnings"),
            _("%(percent)s%% of net earnings")
            % {"percent": f"{order.protected_earnings_proportion * 100:.0f}"},
        ),
        (_("Order served"), govuk_date(order.served_on)),
        (
            _("Deduct from"),
            _("The first pay day on or after %(date)s")
            % {"date": govuk_date(liable_from(order.served_on))},
        ),
        (_("Shortfall to carry to the next pay day"), money(order.latest_shortfall or 0)),
    ]
    if order.ended_on:
        rows.append((_("Ends") if ends_later(order) else _("Ended"), govuk_date(order.ended_on)))
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def return_table_rows(returns):
    return [
        [
            {"text": govuk_date(item.pay_date)},
            numeric({"text": money(item.net_earnings)}),
            numeric({"text": money(item.amount_deducted)}),
            numeric({"text": money(item.shortfall_carried_forward)}),
            numeric({"text": money(item.admin_fee)}),
            {"text": item.get_source_display()},
            {
                "html": link(
                    reverse("employers:correct_return", args=[item.public_id]),
                    _("Correct"),
                    hidden_text=_("the return for %(date)s") % {"date": govuk_date(item.pay_date)},
                )
            },
        ]
        for item in returns
    ]


def return_table_head():
    return [
        {"text": _("Pay date")},
        numeric({"text": _("Net earnings")}),
        numeric({"text": _("Deducted")}),
        numeric({"text": _("Carried forward")}),
        numeric({"text": _("Admin fee")}),
        {"text": _("How")},
        {"html": format_html('<span class="govuk-visually-hidden">{}</span>', _("Action"))},
    ]

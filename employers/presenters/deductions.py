"""How a deduction was worked out, line by line, so the employer can check it against
their payroll and explain it to the employee."""

from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_date, money

from .common import numeric


def working_out_rows(outcome, *, proportion, pay_date=None):
    rows = []
    if pay_date is not None:
        rows.append((_("Pay date"), govuk_date(pay_date)))
    rows += [
        (_("Net earnings"), money(outcome.net_earnings)),
        (_("Normal deduction rate"), money(outcome.normal_rate)),
        (_("Shortfall brought forward"), money(outcome.shortfall_brought_forward)),
        (_("Should be deducted"), money(outcome.deduction_due)),
        (
            _("Protected earnings (%(percent)s%% of net earnings)")
            % {"percent": f"{proportion * 100:.0f}"},
            money(outcome.protected_earnings),
        ),
        (_("Most that can be deducted"), money(outcome.deduction_limit)),
        (_("Deduct for child maintenance"), money(outcome.amount_deducted)),
        (
            _("Shortfall carried forward to the next pay day"),
            money(outcome.shortfall_carried_forward),
        ),
        (_("Admin fee you keep"), money(outcome.admin_fee)),
        (_("Employee’s pay after deductions"), money(outcome.pay_after_deductions)),
    ]
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def planned_table_rows(plan):
    """One row per order in a schedule being checked."""
    return [
        [
            {"text": item.entry.order.employee.full_name},
            {"text": item.entry.order.payroll_number},
            numeric({"text": money(item.outcome.net_earnings)}),
            numeric({"text": money(item.outcome.amount_deducted)}),
            numeric({"text": money(item.outcome.shortfall_carried_forward)}),
            numeric({"text": money(item.outcome.admin_fee)}),
        ]
        for item in plan.new_returns
    ]


def planned_table_head():
    return [
        {"text": _("Employee")},
        {"text": _("Payroll number")},
        numeric({"text": _("Net earnings")}),
        numeric({"text": _("Deduct")}),
        numeric({"text": _("Carried forward")}),
        numeric({"text": _("Admin fee")}),
    ]


def filed_table_rows(returns):
    return [
        [
            {"text": item.order.employee.full_name},
            {"text": item.order.payroll_number},
            numeric({"text": money(item.amount_deducted)}),
            numeric({"text": money(item.shortfall_carried_forward)}),
        ]
        for item in returns
    ]


def filed_table_head():
    return [
        {"text": _("Employee")},
        {"text": _("Payroll number")},
        numeric({"text": _("Deducted")}),
        numeric({"text": _("Carried forward")}),
    ]


def correction_rows(plan):
    """Each pay day a correction changes: what was deducted and carried forward, before
    and after."""
    return [
        [
            {"text": govuk_date(day.deduction_return.pay_date)},
            numeric({"text": money(day.deduction_return.amount_deducted)}),
            numeric({"text": money(day.outcome.amount_deducted)}),
            numeric({"text": money(day.outcome.shortfall_carried_forward)}),
            {"text": _("Paid") if day.paid else _("Not paid yet")},
        ]
        for day in plan.pay_days
        if day.changed
    ]


def correction_head():
    return [
        {"text": _("Pay date")},
        numeric({"text": _("Deducted before")}),
        numeric({"text": _("Deducted now")}),
        numeric({"text": _("Carried forward now")}),
        {"text": _("Payment")},
    ]

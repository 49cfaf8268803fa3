"""Payments due next and how past ones went."""

from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_date, money

from ..models import DirectPayOutcome
from ..services.missed import overdue_cutoff
from .statement import signed_money

TAG_COLOURS = {"paid": "govuk-tag--green", "part_paid": "govuk-tag--yellow",
               "missed": "govuk-tag--red", "due": "govuk-tag--blue",
               "expected": "govuk-tag--grey", "reported": "govuk-tag--orange"}


def upcoming_head(*, paying, collect, with_plan):
    if not collect:
        return [{"text": _("Date")}, {"text": _("Amount"), "format": "numeric"}]
    if paying:
        head = [{"text": _("Date")}, {"text": _("Child maintenance"), "format": "numeric"},
                {"text": _("Collection fee"), "format": "numeric"}]
        if with_plan:
            head.append({"text": _("Towards arrears"), "format": "numeric"})
        return [*head, {"text": _("You pay"), "format": "numeric"}]
    return [{"text": _("Date")}, {"text": _("Collected"), "format": "numeric"},
            {"text": _("Collection fee"), "format": "numeric"},
            {"text": _("You get"), "format": "numeric"}]


def upcoming_rows(payments, *, paying, collect, with_plan):
    rows = []
    for payment in payments:
        date_cell = {"text": govuk_date(payment.due_date)}
        if not collect:
            rows.append([date_cell, {"text": money(payment.maintenance), "format": "numeric"}])
        elif paying:
            row = [date_cell, {"text": money(payment.maintenance), "format": "numeric"},
                   {"text": money(payment.fee), "format": "numeric"}]
            if with_plan:
                row.append({"text": money(payment.plan), "format": "numeric"})
            rows.append([*row, {"text": money(payment.total), "format": "numeric"}])
        else:
            rows.append([date_cell, {"text": money(payment.maintenance), "format": "numeric"},
                         {"text": signed_money(-payment.fee), "format": "numeric"},
                         {"text": money(payment.maintenance - payment.fee), "format": "numeric"}])
    return rows


def _status(instalment, party, collect, today):
    if collect:
        unpaid = instalment.unpaid or 0
        if unpaid == 0:
            return "paid", _("Paid")
        if unpaid < instalment.amount:
            return "part_paid", _("Part paid")
        if instalment.due_date > overdue_cutoff(today):
            return "due", _("Due")
        return "missed", _("Not paid")
    reports = [r for r in instalment.direct_pay_reports.all()
               if party.is_paying or r.party_id == party.pk]
    if not reports:
        return "expected", _("Expected")
    if all(report.outcome == DirectPayOutcome.NOT_PAID for report in reports):
        return "reported", _("Reported not paid")
    return "reported", _("Reported part paid")


def _amount_for(instalment, party):
    if party.is_paying:
        return instalment.amount + instalment.fee_amount
    share = next((s for s in instalment.schedule.shares.all() if s.receiving_party_id == party.pk),
                 None)
    return share.instalment_amount if share else 0


def past_rows(instalments, party, *, collect, today):
    """Cells for each past instalment, and its status as params for govukTag."""
    rows = []
    for instalment in instalments:
        key, label = _status(instalment, party, collect, today)
        rows.append({"cells": [{"text": govuk_date(instalment.due_date)},
                               {"text": money(_amount_for(instalment, party)),
                                "format": "numeric"}],
                     "tag": {"text": label, "classes": TAG_COLOURS[key]}})
    return rows

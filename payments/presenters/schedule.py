"""Payments due next and how past ones went."""

from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_date, money

from ..models import DirectPayOutcome
from ..services.missed import overdue_cutoff

TAG_COLOURS = {"paid": "govuk-tag--green", "part_paid": "govuk-tag--yellow",
               "missed": "govuk-tag--red", "due": "govuk-tag--blue",
               "expected": "govuk-tag--grey", "reported": "govuk-tag--orange"}


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

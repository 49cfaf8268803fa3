"""Payments due next and how past ones went."""

from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_date, money

from .. import selectors
from ..models import DirectPayOutcome
from ..services.missed import overdue_cutoff

TAG_COLOURS = {
    "paid": "govuk-tag--green",
    "part_paid": "govuk-tag--yellow",
    "missed": "govuk-tag--red",
    "due": "govuk-tag--blue",
    "expected": "govuk-tag--grey",
    "reported": "govuk-tag--orange",
    "not_reported": "govuk-tag--grey",
    "cancelled": "govuk-tag--grey",
}


def _status(instalment, party, collect, today):
    if instalment.cancelled_on:
        return "cancelled", _("Not due: the case closed")
    if collect:
        unpaid = instalment.unpaid or 0
        if unpaid == 0:
            return "paid", _("Paid")
        if unpaid < instalment.amount:
            return "part_paid", _("Part paid")
        if instalment.due_date > overdue_cutoff(today):
            return "due", _("Due")
        return "missed", _("Not paid")
    reports = [
        r for r in instalment.direct_pay_reports.all() if party.is_paying or r.party_id == party.pk
    ]
    if not reports:
        # Money sent on the due date can take the clearing days to arrive; after that, a
        # payment nobody told us about is "not reported", not still expected.
        if instalment.due_date > overdue_cutoff(today):
            return "expected", _("Expected")
        return "not_reported", _("Not reported")
    if all(report.outcome == DirectPayOutcome.NOT_PAID for report in reports):
        return "reported", _("Reported not paid")
    return "reported", _("Reported part paid")


def _amount_for(instalment, party):
    if party.is_paying:
        return instalment.amount + instalment.fee_amount
    share = next(
        (s for s in instalment.schedule.shares.all() if s.receiving_party_id == party.pk), None
    )
    return share.instalment_amount if share else 0


def past_rows(instalments, party, *, collect, today):
    """Cells for each past instalment, and its status as params for govukTag."""
    rows = []
    for instalment in instalments:
        key, label = _status(instalment, party, collect, today)
        rows.append(
            {
                "cells": [
                    {"text": govuk_date(instalment.due_date)},
                    {"text": money(_amount_for(instalment, party)), "format": "numeric"},
                ],
                "tag": {"text": label, "classes": TAG_COLOURS[key]},
            }
        )
    return rows


# A report stays on the paying parent's dashboard this long after it was made.
REPORT_TODO_DAYS = 31


def missed_report_todo(case, party, today):
    """Dashboard items for the paying parent on Direct Pay: payments reported missed."""
    since = datetime.combine(
        today - timedelta(days=REPORT_TODO_DAYS), time.min, tzinfo=timezone.get_current_timezone()
    )
    href = reverse("payments:schedule", kwargs={"reference": case.reference})
    return [
        {
            "text": _(
                "A payment due on %(date)s was reported as not received in full: pay it or tell us"
            )
            % {"date": govuk_date(report.instalment.due_date)},
            "href": href,
        }
        for report in selectors.missed_reports_to_act_on(case, party, since)
    ]

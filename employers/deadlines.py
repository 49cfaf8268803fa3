"""Dates that follow from the order rules: when money must reach CMS, when the employer
becomes liable, and when a leaver must be reported."""

from __future__ import annotations

from datetime import date, timedelta

from cms_portal.core.months import (
    following_month,
    previous_month,  # noqa: F401  (read from here by callers)
)

from .rules import deduction_rules


def deduction_month(pay_date: date) -> date:
    """The month a deduction belongs to, as its first day."""
    return pay_date.replace(day=1)


def payment_due_date(month: date) -> date:
    """Money deducted in `month` must reach CMS by the 19th of the month after."""
    rules = deduction_rules(month)
    return following_month(month).replace(day=rules.payment_due_day)


def liable_from(served_on: date) -> date:
    """The employer is liable for deductions from 7 days after the order is served."""
    return served_on + timedelta(days=deduction_rules(served_on).liable_after_days)


def report_by(event_date: date) -> date:
    """A leaver, or someone who does not work there, must be reported within 10 days."""
    return event_date + timedelta(days=deduction_rules(event_date).report_within_days)


def latest_month_due(on_date: date) -> date:
    """The latest deduction month whose payment deadline has passed on `on_date`."""
    month = previous_month(deduction_month(on_date))
    while payment_due_date(month) >= on_date:
        month = previous_month(month)
    return month

"""The dashboard: what is due, what is missing and what CMS has said."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms_portal.formatting import govuk_date, govuk_datetime, money

from .payments import month_name, month_slug


def dashboard_rows(summary):
    rows = [
        {
            "key": {"text": _("Active orders")},
            "value": {"text": str(summary.active_orders)},
            "actions": {
                "items": [
                    {
                        "href": reverse("employers:orders"),
                        "text": _("View"),
                        "visuallyHiddenText": _("active orders"),
                    }
                ]
            },
        }
    ]
    if summary.month_due is not None:
        rows.append(
            {
                "key": {
                    "text": _("To pay for %(month)s") % {"month": month_name(summary.month_due)}
                },
                "value": {
                    "text": _("%(amount)s by %(date)s")
                    % {"amount": money(summary.amount_due), "date": govuk_date(summary.due_on)}
                },
                "actions": {
                    "items": [
                        {
                            "href": reverse(
                                "employers:pay_month",
                                kwargs={"month": month_slug(summary.month_due)},
                            ),
                            "text": _("Pay"),
                            "visuallyHiddenText": month_name(summary.month_due),
                        }
                    ]
                },
            }
        )
    else:
        rows.append({"key": {"text": _("To pay")}, "value": {"text": _("Nothing to pay now")}})
    missing = summary.orders_without_return
    row = {
        "key": {
            "text": _("Not reported for %(month)s") % {"month": month_name(summary.reporting_month)}
        },
        "value": {
            "text": ngettext("%(count)s order", "%(count)s orders", missing) % {"count": missing}
        },
    }
    if missing:
        row["actions"] = {
            "items": [
                {
                    "href": reverse(
                        "employers:missing_returns",
                        kwargs={"month": month_slug(summary.reporting_month)},
                    ),
                    "text": _("View"),
                    "visuallyHiddenText": _("orders not reported"),
                }
            ]
        }
    rows.append(row)
    return rows


def late_payment_lines(late_payments):
    lines = []
    for late in late_payments:
        if late.amount_outstanding:
            lines.append(
                _("We had not received %(amount)s for %(month)s by %(date)s.")
                % {
                    "amount": money(late.amount_outstanding),
                    "month": month_name(late.month),
                    "date": govuk_date(late.due_on),
                }
            )
        if late.orders_without_return:
            lines.append(
                ngettext(
                    "You did not report deductions for %(count)s order in %(month)s.",
                    "You did not report deductions for %(count)s orders in %(month)s.",
                    late.orders_without_return,
                )
                % {"count": late.orders_without_return, "month": month_name(late.month)}
            )
    return lines


def message_items(messages):
    return [
        {
            "subject": message.subject,
            "sent": govuk_datetime(message.sent_at),
            "body": message.body,
            "from_employer": message.from_employer,
            "answered": message.answered_at is not None,
            "href": reverse("employers:message_detail", args=[message.public_id]),
        }
        for message in messages
    ]

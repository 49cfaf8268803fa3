"""Choosing a decision to challenge, and the request's progress."""

from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_date, money


def decision_choices(access, decisions):
    """Radio choices naming each decision by date and amount; none is preselected."""
    return [
        (
            str(decision.public_id),
            _("Decision made on %(date)s: %(amount)s a week")
            % {
                "date": govuk_date(decision.decided_at),
                "amount": money(decision.weekly_amount_for(access.party)),
            },
        )
        for decision in decisions
    ]


def _change(href, what):
    """A Change link that says, to screen reader users, which answer it changes."""
    return {"items": [{"text": _("Change"), "href": href, "visuallyHiddenText": what}]}


def check_rows(*, decision_text, reasons, late_reason, attachments, decision_href, reasons_href):
    """The check-your-answers rows of a request to look at a decision again."""
    rows = [
        {
            "key": {"text": _("Decision")},
            "value": {"text": decision_text},
            "actions": _change(decision_href, _("Decision")),
        },
        {
            "key": {"text": _("Why you think it is wrong")},
            "value": {"text": reasons},
            "actions": _change(reasons_href, _("Why you think it is wrong")),
        },
    ]
    if late_reason:
        rows.append(
            {
                "key": {"text": _("Why you are asking late")},
                "value": {"text": late_reason},
                "actions": _change(reasons_href, _("Why you are asking late")),
            }
        )
    rows.extend(attachment_rows(attachments))
    return rows


def attachment_rows(attachments):
    return [
        {"key": {"text": _("File")}, "value": {"text": attachment.original_name}}
        for attachment in attachments
    ]

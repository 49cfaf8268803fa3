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


def attachment_rows(attachments):
    return [
        {"key": {"text": _("File")}, "value": {"text": attachment.original_name}}
        for attachment in attachments
    ]

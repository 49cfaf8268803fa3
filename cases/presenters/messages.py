"""Message threads and messages as the parent's side sees them."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_date, govuk_datetime

from ..models import HandlingTeam, ThreadStatus
from ..rules import MESSAGE_REPLY_STANDARDS


def dealt_with_by(thread):
    """The caseworker's first name, else the team, else our caseworkers in general: never
    a full name or an email address."""
    worker = thread.assigned_to
    first_name = (worker.full_name or "").split()[0] if worker and worker.full_name else ""
    if first_name:
        return first_name
    if thread.team:
        return str(HandlingTeam(thread.team).label)
    return _("Our caseworkers")


def thread_status(thread):
    """Status tag, the date we aim to reply by (while it is with us) and who deals with it."""
    with_us = thread.status == ThreadStatus.WITH_US
    return {
        "tag": {
            "text": str(ThreadStatus(thread.status).label),
            "classes": "govuk-tag--yellow" if with_us else "govuk-tag--green",
        },
        "reply_by": govuk_date(thread.reply_by) if with_us and thread.reply_by else "",
        "dealt_with_by": dealt_with_by(thread),
    }


def thread_summary_rows(thread):
    status = thread_status(thread)
    rows = [
        {"key": {"text": _("Status")}, "value": {"text": status["tag"]["text"]}},
    ]
    if status["reply_by"]:
        rows.append(
            {"key": {"text": _("We aim to reply by")}, "value": {"text": status["reply_by"]}}
        )
    rows.append({"key": {"text": _("Dealt with by")}, "value": {"text": status["dealt_with_by"]}})
    return rows


def reply_standard_days(on_date):
    return MESSAGE_REPLY_STANDARDS.on(on_date).working_days


def thread_rows(access, threads):
    rows = []
    for thread in threads:
        unread = sum(
            1
            for message in thread.messages.all()
            if message.from_caseworker and message.read_at is None
        )
        rows.append(
            {
                "subject": thread.subject,
                "href": reverse(
                    "cases:thread",
                    kwargs={"reference": access.case.reference, "thread_id": thread.public_id},
                ),
                "last": govuk_datetime(thread.last_message_at),
                "unread": unread,
                **thread_status(thread),
            }
        )
    return rows


def message_items(access, thread):
    items = []
    for message in thread.messages.all():
        if message.from_caseworker:
            sender = _("Child Maintenance Service")
        elif message.sender_id == access.party.user_id:
            sender = _("You")
        else:
            sender = message.sender.full_name if message.sender_id else _("You")
        items.append(
            {
                "sender": sender,
                "sent": govuk_datetime(message.sent_at),
                "body": message.body,
                "from_caseworker": message.from_caseworker,
                "files": [
                    {
                        "name": attachment.original_name,
                        "href": reverse(
                            "cases:attachment",
                            kwargs={
                                "reference": access.case.reference,
                                "attachment_id": attachment.public_id,
                            },
                        ),
                    }
                    for attachment in message.attachments.all()
                ],
            }
        )
    return items

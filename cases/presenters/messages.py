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
    return _dealt_with_by(worker.full_name if worker else "", thread.team)


def _dealt_with_by(full_name, team):
    names = (full_name or "").split()
    if names:
        return names[0]
    if team:
        return str(HandlingTeam(team).label)
    return _("Our caseworkers")


def thread_status(thread):
    """Status tag, the date we aim to reply by (while it is with us) and who deals with it."""
    return _thread_status(thread.status, thread.reply_by, dealt_with_by(thread))


def _thread_status(status, reply_by, dealt_with):
    with_us = status == ThreadStatus.WITH_US
    return {
        "tag": {
            "text": str(ThreadStatus(status).label),
            "classes": "govuk-tag--yellow" if with_us else "govuk-tag--green",
        },
        "reply_by": govuk_date(reply_by) if with_us and reply_by else "",
        "dealt_with_by": dealt_with,
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
    """The list's rows from `thread_list_for` (values, with the unread count)."""
    return [
        {
            "subject": thread["subject"],
            "href": reverse(
                "cases:thread",
                kwargs={"reference": access.case.reference, "thread_id": thread["public_id"]},
            ),
            "last": govuk_datetime(thread["last_message_at"]),
            "unread": thread["unread"],
            **_thread_status(
                thread["status"],
                thread["reply_by"],
                _dealt_with_by(thread["assigned_to__full_name"], thread["team"]),
            ),
        }
        for thread in threads
    ]


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

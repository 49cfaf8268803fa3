"""Message threads and messages as the parent's side sees them."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_datetime


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

"""Secure messages between a parent (or their representative) and caseworkers, and
the attachments sent with messages, change reports and challenges."""

from django.db import transaction
from django.utils import timezone

from casework.models import WorkItemKind
from casework.services import add_to_caseworker_queue, close_work_items_for
from cms_portal.audit import record_audit_event
from cms_portal.notify import send_email
from cms_portal.party_alerts import MESSAGE_ANSWERED, send_party_alert
from cms_portal.staff_roles import is_assignable

from ..models import Attachment, Message, MessageThread, Representative, ThreadStatus
from ..rules import message_reply_by
from ..uploads import check_upload, safe_display_name


def store_attachment(*, acting_user, access, upload, **links):
    """Checks the file by content and keeps it privately. Call inside the caller's
    transaction; `links` is message=, change_report= or reconsideration= (or none, for a
    file waiting to be sent with a form still being filled in)."""
    content_type = check_upload(upload)
    attachment = Attachment(
        case=access.case,
        party=access.party,
        content_type=content_type,
        size=upload.size,
        original_name=safe_display_name(upload.name),
        uploaded_by=acting_user,
        **links,
    )
    attachment.file.save("upload", upload, save=False)
    attachment.save()
    record_audit_event(
        acting_user=acting_user,
        action="attachment.uploaded",
        obj=access.case,
        attachment=str(attachment.public_id),
        content_type=content_type,
        size=upload.size,
    )
    return attachment


def link_pending_attachments(*, access, attachment_ids, **links):
    """Attach files uploaded earlier in a journey (and not yet linked) to what was sent."""
    if not attachment_ids:
        return 0
    return Attachment.objects.filter(
        case=access.case,
        party=access.party,
        public_id__in=attachment_ids,
        message__isnull=True,
        change_report__isnull=True,
        reconsideration__isnull=True,
    ).update(**links)


def _add_message(*, acting_user, thread, body, from_caseworker, party=None):
    """A message on the thread. The parent's side puts the thread with us, to be answered
    by the service standard's date; a caseworker's reply answers it."""
    now = timezone.now()
    message = Message.objects.create(
        thread=thread, sender=acting_user, body=body, from_caseworker=from_caseworker, sent_at=now
    )
    thread.last_message_at = now
    if from_caseworker:
        thread.status, thread.reply_by = ThreadStatus.ANSWERED, None
    else:
        thread.status = ThreadStatus.WITH_US
        thread.reply_by = message_reply_by(timezone.localdate(now), party.postcode)
    thread.save(update_fields=["last_message_at", "status", "reply_by"])
    return message


def start_thread(*, acting_user, access, subject, body, upload=None):
    with transaction.atomic():
        thread = MessageThread.objects.create(case=access.case, party=access.party, subject=subject)
        message = _add_message(
            acting_user=acting_user,
            thread=thread,
            body=body,
            from_caseworker=False,
            party=access.party,
        )
        if upload is not None:
            store_attachment(acting_user=acting_user, access=access, upload=upload, message=message)
        record_audit_event(
            acting_user=acting_user,
            action="message.sent",
            obj=access.case,
            thread=str(thread.public_id),
            message=str(message.public_id),
        )
        add_to_caseworker_queue(
            acting_user=acting_user,
            case=access.case,
            kind=WorkItemKind.MESSAGE,
            summary=subject,
            source_reference=str(thread.public_id),
        )
        return message


def send_message(*, acting_user, access, thread, body, upload=None):
    with transaction.atomic():
        thread = MessageThread.objects.select_for_update().get(pk=thread.pk, party=access.party)
        message = _add_message(
            acting_user=acting_user,
            thread=thread,
            body=body,
            from_caseworker=False,
            party=access.party,
        )
        if upload is not None:
            store_attachment(acting_user=acting_user, access=access, upload=upload, message=message)
        record_audit_event(
            acting_user=acting_user,
            action="message.sent",
            obj=access.case,
            thread=str(thread.public_id),
            message=str(message.public_id),
        )
        add_to_caseworker_queue(
            acting_user=acting_user,
            case=access.case,
            kind=WorkItemKind.MESSAGE,
            summary=thread.subject,
            source_reference=str(thread.public_id),
        )
        return message


def reply_to_thread(*, acting_user, thread, body):
    """A caseworker's reply. The parent is emailed that there is a message, never what
    it says."""
    with transaction.atomic():
        thread = (
            MessageThread.objects.select_for_update()
            .select_related("party", "case")
            .get(pk=thread.pk)
        )
        message = _add_message(
            acting_user=acting_user, thread=thread, body=body, from_caseworker=True
        )
        Message.objects.filter(thread=thread, from_caseworker=False, read_at__isnull=True).update(
            read_at=message.sent_at
        )
        record_audit_event(
            acting_user=acting_user,
            action="message.replied",
            obj=thread.case,
            thread=str(thread.public_id),
            message=str(message.public_id),
        )
        close_work_items_for(
            acting_user=acting_user, case=thread.case, source_reference=str(thread.public_id)
        )
        _notify_new_message(thread)
        return message


def _notify_new_message(thread):
    """The parent as they chose (their alerts), their messaging representatives by email."""
    party = thread.party
    context = {"case_reference": thread.case.reference}
    alerted = send_party_alert(MESSAGE_ANSWERED, party)
    recipients = {party.notification_email: party.notification_language}
    for representative in Representative.objects.filter(party=party, can_message=True):
        if representative.is_current() and representative.user_id:
            recipients.setdefault(representative.user.email, party.notification_language)
    if alerted:
        del recipients[party.notification_email]
    for email, language in recipients.items():
        send_email(to=email, template="cases_new_message", context=context, language=language)


def mark_thread_read(*, acting_user, access, thread):
    """The parent's side has read the caseworkers' messages in this thread."""
    with transaction.atomic():
        updated = Message.objects.filter(
            thread=thread, thread__party=access.party, from_caseworker=True, read_at__isnull=True
        ).update(read_at=timezone.now())
        if updated:
            record_audit_event(
                acting_user=acting_user,
                action="message.read",
                obj=access.case,
                thread=str(thread.public_id),
                messages=updated,
            )
        return updated


def mark_thread_read_by_caseworker(*, acting_user, thread):
    with transaction.atomic():
        updated = Message.objects.filter(
            thread=thread, from_caseworker=False, read_at__isnull=True
        ).update(read_at=timezone.now())
        record_audit_event(
            acting_user=acting_user,
            action="message.thread_viewed",
            obj=thread.case,
            thread=str(thread.public_id),
            messages=updated,
        )
        return updated


def store_pending_attachment(*, acting_user, access, upload):
    """A file uploaded part-way through a journey, linked when the journey is sent."""
    with transaction.atomic():
        return store_attachment(acting_user=acting_user, access=access, upload=upload)


def assign_thread(*, acting_user, thread, assigned_to=None, team=""):
    """Who deals with the thread: a caseworker (the parent sees their first name) and/or
    a team (seen when no caseworker is named)."""
    if not is_assignable(assigned_to):
        raise ValueError("Only a caseworker or team leader can deal with a thread")
    with transaction.atomic():
        thread = MessageThread.objects.select_for_update().select_related("case").get(pk=thread.pk)
        thread.assigned_to, thread.team = assigned_to, team or ""
        thread.save(update_fields=["assigned_to", "team"])
        record_audit_event(
            acting_user=acting_user,
            action="message.thread_assigned",
            obj=thread.case,
            thread=str(thread.public_id),
            assigned_to=assigned_to.pk if assigned_to else None,
            team=thread.team,
        )
        return thread

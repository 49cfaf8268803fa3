"""Existing threads: answered when a caseworker wrote last, otherwise with us, to be
replied to by the service standard's date from the parent's last message."""

from django.db import migrations
from django.utils import timezone


def set_status(apps, schema_editor):
    from cases.rules import message_reply_by

    MessageThread = apps.get_model("cases", "MessageThread")
    Message = apps.get_model("cases", "Message")
    for thread in MessageThread.objects.select_related("party").iterator():
        last = Message.objects.filter(thread=thread).order_by("-sent_at", "-id").first()
        if last is None or last.from_caseworker:
            thread.status, thread.reply_by = "answered", None
        else:
            sent_on = timezone.localdate(last.sent_at)
            thread.status = "with_us"
            thread.reply_by = message_reply_by(sent_on, thread.party.postcode)
        thread.save(update_fields=["status", "reply_by"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_thread_status_reply_by_handler")]

    operations = [migrations.RunPython(set_status, migrations.RunPython.noop)]

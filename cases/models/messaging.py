"""Secure messages between one parent and caseworkers, and private attachments."""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Case, Party


class PrivateStorage(FileSystemStorage):
    """Files under MEDIA_ROOT/private with no public URL: they are served only by an
    access-checked view."""

    # Read MEDIA_ROOT on every use so a changed setting (tests, deployments) is honoured.
    @property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, "private")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("Private files have no URL; use the download view.")


def private_storage():
    return PrivateStorage()


def attachment_path(instance, filename):
    # The stored name is random; the original name is kept only in the database.
    return f"cases/{instance.case.reference}/{uuid.uuid4().hex}"


class ThreadStatus(models.TextChoices):
    # The parent's message is the last one: we owe a reply.
    WITH_US = "with_us", _("With us")
    ANSWERED = "answered", _("Answered")


class HandlingTeam(models.TextChoices):
    """Who deals with a thread when no one caseworker is named: the parent sees the team,
    never a person's full name or email address."""

    CASEWORK = "casework", _("Casework team")
    PAYMENTS = "payments", _("Payments team")
    ENFORCEMENT = "enforcement", _("Enforcement team")


class MessageThread(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="message_threads")
    # The parent the thread is with; the other parent never sees it.
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="message_threads")
    subject = models.CharField(_("subject"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ThreadStatus.choices, default=ThreadStatus.WITH_US
    )
    # While it is with us: the day we aim to reply by (cases.rules.message_reply_by).
    reply_by = models.DateField(_("reply by"), null=True, blank=True, db_index=True)
    # Who deals with it: the parent sees the caseworker's first name, or else the team.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("caseworker dealing with it"),
    )
    team = models.CharField(
        _("team dealing with it"), max_length=20, choices=HandlingTeam.choices, blank=True
    )

    class Meta:
        ordering = ["-last_message_at", "-id"]
        verbose_name = _("message thread")
        verbose_name_plural = _("message threads")

    def __str__(self):
        return self.subject


class Message(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    thread = models.ForeignKey(MessageThread, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_caseworker = models.BooleanField(default=False)
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(default=timezone.now)
    # Read by the parent's side (for a caseworker's message) or by a caseworker.
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.thread.subject} ({self.sent_at:%Y-%m-%d %H:%M})"


class AttachmentKind(models.TextChoices):
    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"


class Attachment(models.Model):
    """A file a parent sent with a message, a change report or a challenge."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    # The side of the case the file belongs to: only that party (and caseworkers) see it.
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    change_report = models.ForeignKey(
        "cases.ChangeReport",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    reconsideration = models.ForeignKey(
        "cases.Reconsideration",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(storage=private_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40, choices=AttachmentKind.choices)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

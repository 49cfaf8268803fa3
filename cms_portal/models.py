"""The portal's own models: the user (email login) and the audit trail."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Roles come from relations (case party, employer
    membership) or from is_staff plus a group for caseworkers."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=settings.LANGUAGES, default="en"
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name or self.email


class AuditEvent(models.Model):
    """One row per state change or sensitive read. Written in the same transaction as
    the change it records; never updated."""

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_ref = models.CharField(max_length=100, blank=True, db_index=True)
    request_id = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_ref}"


class OutboundMessage(models.Model):
    """A message waiting for, or done with, its send task. The task's message carries only
    this row's id; the rendered text waits here and is blanked once sent, so links and
    codes in it do not outlive their delivery."""

    QUEUED, SENT, FAILED = "queued", "sent", "failed"
    STATUS_CHOICES = [(QUEUED, _("Queued")), (SENT, _("Sent")), (FAILED, _("Failed"))]

    template = models.CharField(max_length=100)
    language = models.CharField(max_length=8, default="en")
    body = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    # The earliest the next try may run; a queued row well past it lost its message.
    next_try_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.template} #{self.pk} {self.status}"


class OutboundEmail(OutboundMessage):
    """An email in the outbox."""

    to = models.EmailField()
    subject = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_try_at"], name="outbound_email_status")]
        verbose_name = _("outbound email")
        verbose_name_plural = _("outbound emails")


class Heartbeat(models.Model):
    """When a periodic process last proved it was alive (Celery beat, for readiness)."""

    name = models.CharField(max_length=50, primary_key=True)
    at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} {self.at:%Y-%m-%d %H:%M:%S}"


class OutboundSms(OutboundMessage):
    """A text message in the outbox. The number is kept after sending (to answer "did you
    text me?"); the text is blanked."""

    to = models.CharField(max_length=20)

    class Meta:
        indexes = [models.Index(fields=["status", "next_try_at"], name="outbound_sms_status")]
        verbose_name = _("outbound text message")
        verbose_name_plural = _("outbound text messages")

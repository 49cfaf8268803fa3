"""A parent's request for a copy of their data (UK GDPR right of access) and the file
made for it. The file is kept in private storage for a week, then deleted."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import private_storage

# How long a prepared file can be downloaded before the nightly job deletes it.
FILE_LIFETIME = timedelta(days=7)


def archive_path(instance, filename):
    # Nothing in the stored name says whose file it is.
    return f"data_requests/{uuid.uuid4().hex}.zip"


class DataRequestStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready to download")
    FAILED = "failed", _("Could not be prepared")
    EXPIRED = "expired", _("Deleted")


class DataRequest(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_requests"
    )
    status = models.CharField(
        max_length=10, choices=DataRequestStatus.choices, default=DataRequestStatus.PENDING
    )
    # The language the README and the file's words are in: the user's, when they asked.
    language = models.CharField(max_length=2, choices=settings.LANGUAGES, default="en")
    requested_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(
        storage=private_storage, upload_to=archive_path, max_length=200, blank=True
    )
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        constraints = [
            # One request at a time: a second while one is being prepared is refused.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="data_requests_one_pending_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.public_id} ({self.status})"

    def is_expired(self, now=None):
        if self.status == DataRequestStatus.EXPIRED:
            return True
        now = now or timezone.now()
        return self.expires_at is not None and self.expires_at <= now

    def can_download(self, now=None):
        return self.status == DataRequestStatus.READY and not self.is_expired(now)

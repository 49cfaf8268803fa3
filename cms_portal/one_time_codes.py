"""What every one-time activation code has in common, whoever it links a sign-in to.

A code is stored as a keyed hash only, works once, expires, can be replaced by a newer
one and locks after too many wrong tries."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class OneTimeCode(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code_hash = models.CharField(max_length=64, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)
    # Set when a newer code for the same person replaces this one.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-issued_at", "-id"]

    def is_usable(self, now=None):
        now = now or timezone.now()
        return (
            self.used_at is None
            and self.locked_at is None
            and self.withdrawn_at is None
            and self.expires_at > now
        )

"""One-time activation codes that link a sign-in to a party (or a representative).

Codes are stored as a keyed hash only, are single use, expire after 28 days, and lock
after 5 wrong tries."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Case, Party

CODE_LIFETIME = timedelta(days=28)
MAX_FAILED_ATTEMPTS = 5


def code_expiry():
    return timezone.now() + CODE_LIFETIME


class ActivationCode(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="activation_codes")
    party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="activation_codes")
    representative = models.ForeignKey("cases.Representative", null=True, blank=True,
                                       on_delete=models.CASCADE, related_name="activation_codes")
    code_hash = models.CharField(max_length=64, editable=False)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=code_expiry)
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)
    # Set when a newer code for the same person replaces this one.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("activation code")
        verbose_name_plural = _("activation codes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(party__isnull=False, representative__isnull=True)
                | models.Q(party__isnull=True, representative__isnull=False),
                name="cases_activation_code_for_one_person",
            ),
        ]

    def __str__(self):
        return f"{self.case.reference} ({self.status_label})"

    def is_usable(self, now=None):
        now = now or timezone.now()
        return (self.used_at is None and self.locked_at is None and self.withdrawn_at is None
                and self.expires_at > now)

    @property
    def status_label(self):
        if self.used_at:
            return _("used")
        if self.locked_at:
            return _("locked")
        if self.withdrawn_at:
            return _("replaced")
        if self.expires_at <= timezone.now():
            return _("expired")
        return _("waiting to be used")

"""One-time activation codes that link a sign-in to a party (or a representative).

Codes are stored as a keyed hash only, are single use, expire after 28 days, and lock
after 5 wrong tries."""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_portal.one_time_codes import OneTimeCode

from .case import Case, Party

CODE_LIFETIME = timedelta(days=28)
MAX_FAILED_ATTEMPTS = 5


def code_expiry():
    return timezone.now() + CODE_LIFETIME


class ActivationCode(OneTimeCode):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="activation_codes")
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.CASCADE, related_name="activation_codes"
    )
    representative = models.ForeignKey(
        "cases.Representative",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activation_codes",
    )
    expires_at = models.DateTimeField(default=code_expiry)

    class Meta(OneTimeCode.Meta):
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

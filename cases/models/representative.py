"""Someone a parent names to act for them on one case, within a scope and until a date."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Case, Party


class RepresentativeStatus(models.TextChoices):
    INVITED = "invited", _("Waiting for them to activate")
    ACTIVE = "active", _("Active")
    REVOKED = "revoked", _("Removed")


class Scope(models.TextChoices):
    VIEW = "view", _("See the case")
    REPORT_CHANGES = "report_changes", _("Report changes")
    MESSAGE = "message", _("Send and read messages")


class Representative(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="representatives")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="representatives")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="representations",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email address"))
    can_view = models.BooleanField(_("can see the case"), default=True)
    can_report_changes = models.BooleanField(_("can report changes"), default=False)
    can_message = models.BooleanField(_("can send and read messages"), default=False)
    valid_until = models.DateField(_("until"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RepresentativeStatus.choices,
        default=RepresentativeStatus.INVITED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    activated_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")

    def __str__(self):
        return f"{self.full_name} for {self.party.full_name}"

    def allows(self, scope):
        return {
            Scope.VIEW: self.can_view,
            Scope.REPORT_CHANGES: self.can_report_changes,
            Scope.MESSAGE: self.can_message,
        }[Scope(scope)]

    def is_current(self, on_date=None):
        on_date = on_date or timezone.localdate()
        return self.status == RepresentativeStatus.ACTIVE and self.valid_until >= on_date

    @property
    def scopes(self):
        return [scope for scope in Scope if self.allows(scope)]

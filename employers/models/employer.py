"""Employers, the people who act for them, and how they get access: a one-time code
from a caseworker for the first person, then invitations from an employer admin."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_portal.one_time_codes import OneTimeCode

from .references import new_employer_reference

ACTIVATION_CODE_LIFETIME = timedelta(days=28)
INVITATION_LIFETIME = timedelta(days=7)
MAX_FAILED_ATTEMPTS = 5


class Employer(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("Employer Reference Number"),
        max_length=10,
        unique=True,
        default=new_employer_reference,
        editable=False,
    )
    name = models.CharField(_("name"), max_length=200)
    address_line_1 = models.CharField(_("address line 1"), max_length=200, blank=True)
    address_line_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    town = models.CharField(_("town or city"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    contact_email = models.EmailField(_("payroll contact email"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=settings.LANGUAGES, default="en"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")

    def __str__(self):
        return f"{self.name} ({self.reference})"


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Admin")
    MEMBER = "member", _("Member")


class EmployerMembership(models.Model):
    """Makes a user an employer user. Admins manage the team and need MFA."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_memberships"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["employer", "created_at", "id"]
        verbose_name = _("employer membership")
        verbose_name_plural = _("employer memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "user"], name="employers_one_membership_per_user"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.employer.reference})"

    @property
    def is_admin(self):
        return self.role == MembershipRole.ADMIN


def _activation_expiry():
    return timezone.now() + ACTIVATION_CODE_LIFETIME


def _invitation_expiry():
    return timezone.now() + INVITATION_LIFETIME


class EmployerActivationCode(OneTimeCode):
    """A one-time code a caseworker gives an employer (by letter or phone) so its first
    person can link their sign-in."""

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="activation_codes"
    )
    expires_at = models.DateTimeField(default=_activation_expiry)

    class Meta(OneTimeCode.Meta):
        verbose_name = _("employer activation code")
        verbose_name_plural = _("employer activation codes")

    def __str__(self):
        return f"{self.employer.reference} ({self.issued_at:%Y-%m-%d})"


class EmployerInvitation(models.Model):
    """An employer admin asking a colleague to join, by email. The link carries a token
    stored here only as a hash; it works once, for that email address, for 7 days."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-invited_at", "-id"]
        verbose_name = _("employer invitation")
        verbose_name_plural = _("employer invitations")

    def __str__(self):
        return f"{self.email} ({self.employer.reference})"

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.accepted_at is None and self.withdrawn_at is None and self.expires_at > now


class EmployerMessage(models.Model):
    """A message between CMS and an employer: from CMS (shown on the dashboard), or from
    the employer's people, new or in reply, for a caseworker to answer in the admin."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="messages")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)
    from_employer = models.BooleanField(_("from the employer"), default=False)
    in_reply_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    # When CMS answered a message from the employer; empty while it waits.
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("employer message")
        verbose_name_plural = _("employer messages")

    def __str__(self):
        return self.subject

"""An application for child maintenance: a draft saved answer by answer, then submitted,
then set up as a case by a caseworker."""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import AttachmentKind, private_storage
from cms_portal.one_time_codes import OneTimeCode

# A draft nobody has touched for this long is deleted; a warning goes a week before.
DRAFT_LIFETIME = timedelta(days=28)
DRAFT_WARNING_BEFORE = timedelta(days=7)

# No 0/O or 1/I: references are read out over the phone.
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference():
    body = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"APP-{body[:4]}-{body[4:]}"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Not sent yet")
    SUBMITTED = "submitted", _("Submitted")
    CASE_SET_UP = "case_set_up", _("Case set up")


class Application(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("application reference"), max_length=20, unique=True, default=new_reference
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default="draft"
    )
    # Cleaned answers by question (see applications.journey); dates as ISO strings.
    answers = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=2, choices=settings.LANGUAGES, default="en")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_saved_at = models.DateTimeField(default=timezone.now)
    expiry_warning_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    other_parent_contacted_at = models.DateTimeField(
        _("other parent contacted"), null=True, blank=True
    )
    case = models.OneToOneField(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="application",
    )
    case_set_up_at = models.DateTimeField(_("case set up"), null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "created_at", "id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [models.Index(fields=["status", "submitted_at"], name="applications_queue_idx")]

    def __str__(self):
        return self.reference

    @property
    def expires_at(self):
        return self.last_saved_at + DRAFT_LIFETIME

    @property
    def is_draft(self):
        return self.status == ApplicationStatus.DRAFT

    @property
    def safety_concern(self):
        return (
            self.answers.get("safety_worried") == "yes"
            or self.answers.get("domestic_abuse") == "yes"
        )

    @property
    def hides_address(self):
        return self.answers.get("hide_address") == "yes"


def response_code_expiry():
    from cases.models import CODE_LIFETIME

    return timezone.now() + CODE_LIFETIME


class ResponseCode(OneTimeCode):
    """The one-time code on the other parent's letter, issued by a caseworker; with the
    application reference it lets them respond."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="response_codes"
    )
    expires_at = models.DateTimeField(default=response_code_expiry)

    class Meta(OneTimeCode.Meta):
        verbose_name = _("response code")
        verbose_name_plural = _("response codes")


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Not sent yet")
    SUBMITTED = "submitted", _("Submitted")


class Response(models.Model):
    """The other parent's response to an application: only ever shown to them and to
    caseworkers; it never gives them any of the applicant's contact details."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="response"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="application_responses"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ResponseStatus.choices, default="draft"
    )
    answers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    submitted_at = models.DateTimeField(_("response received"), null=True, blank=True)
    parentage_disputed = models.BooleanField(_("parentage disputed"), default=False)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self):
        return f"{self.application.reference} response"


def payslip_path(instance, filename):
    # The stored name says nothing about the file; the original name is kept apart.
    return f"applications/responses/{instance.response_id}/{uuid.uuid4().hex}"


class ResponsePayslip(models.Model):
    """A payslip the respondent sent with their income. Only they (on their check answers
    page) and caseworkers (through the admin, audited) ever see it; never the applicant."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="payslips")
    file = models.FileField(storage=private_storage, upload_to=payslip_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=40, choices=AttachmentKind.choices)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("payslip")
        verbose_name_plural = _("payslips")

    def __str__(self):
        return self.original_name

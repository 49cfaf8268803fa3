"""A complaint about the service, its reviews (stage 1, then stage 2 if the answer did not
settle it) each with its own deadlines, and the files sent with it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import AttachmentKind, Case, private_storage
from cms_portal.core.tokens import readable_token
from cms_portal.core.working_days import DIVISION_CHOICES


def new_complaint_reference():
    return "CP-" + readable_token(8)


def evidence_path(instance, filename):
    # The stored name says nothing about the file; the original name is kept apart.
    return f"complaints/{instance.user_id}/{uuid.uuid4().hex}"


class Topic(models.TextChoices):
    DECISION = "decision", _("A decision we made")
    PAYMENTS = "payments", _("Payments")
    ENFORCEMENT = "enforcement", _("Enforcement, such as collecting money owed")
    TREATMENT = "treatment", _("How we treated you")
    OTHER = "other", _("Something else")


class Complaint(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_complaint_reference
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="complaints"
    )
    # The case it is about, when the person chose one of theirs.
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="complaints"
    )
    topic = models.CharField(_("what it is about"), max_length=20, choices=Topic.choices)
    what_happened = models.TextField(_("what happened"))
    wanted_outcome = models.TextField(_("what they want us to do"))
    # Whose bank holidays the deadlines skip (cms_portal.core.working_days).
    division = models.CharField(_("part of the UK"), max_length=20, choices=DIVISION_CHOICES)
    submitted_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self):
        return self.reference


class Stage(models.IntegerChoices):
    FIRST = 1, _("Stage 1")
    REVIEW = 2, _("Stage 2 review")


class ComplaintReview(models.Model):
    """One stage of a complaint: what the person asked, our deadlines and our answer."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="reviews")
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices)
    # Stage 2: why the stage 1 answer did not settle it.
    reason = models.TextField(_("why they asked for a review"), blank=True)
    opened_on = models.DateField(_("opened on"))
    acknowledge_by = models.DateField(_("acknowledge by"))
    answer_by = models.DateField(_("answer by"))
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(_("our answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["stage"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "stage"], name="one_review_per_stage")
        ]
        verbose_name = _("complaint review")
        verbose_name_plural = _("complaint reviews")

    def __str__(self):
        return f"{self.complaint.reference} ({self.get_stage_display()})"

    @property
    def is_answered(self):
        return self.answered_at is not None

    @property
    def is_acknowledged(self):
        return self.acknowledged_at is not None


class ComplaintEvidence(models.Model):
    """A file sent with a complaint; `complaint` is empty while the journey is filled in."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(storage=private_storage, upload_to=evidence_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40, choices=AttachmentKind.choices)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("complaint evidence")
        verbose_name_plural = _("complaint evidence")

    def __str__(self):
        return self.original_name

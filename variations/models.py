"""A request for a variation, the other parent's responses, and the files sent with them.

A request that a caseworker agrees keeps the amount agreed and the days it is in force;
it is then an input to every decision on the case (see selectors)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calculation.inputs import VariationGround
from cases.models import MONEY, AttachmentKind, Case, Decision, Party, private_storage
from cms_portal.core.tokens import readable_token


def new_variation_reference():
    return "VA-" + readable_token(8)


def evidence_path(instance, filename):
    # The stored name says nothing about the file; the original name is kept apart.
    return f"variations/{instance.case_id}/{uuid.uuid4().hex}"


class Ground(models.TextChoices):
    CONTACT_COSTS = VariationGround.CONTACT_COSTS.value, _("Costs of keeping in contact")
    RELEVANT_OTHER_CHILD_ILLNESS = (
        VariationGround.RELEVANT_OTHER_CHILD_ILLNESS.value,
        _("Costs of a disability or long-term illness of a child living with you"),
    )
    PRIOR_DEBTS = VariationGround.PRIOR_DEBTS.value, _("Debts from the relationship")
    BOARDING_SCHOOL_FEES = VariationGround.BOARDING_SCHOOL_FEES.value, _("Boarding school fees")
    FORMER_FAMILY_HOME = (
        VariationGround.FORMER_FAMILY_HOME.value,
        _("Mortgage, loan or insurance on the former family home"),
    )
    UNEARNED_INCOME = VariationGround.UNEARNED_INCOME.value, _("Unearned income")
    DIVERSION_OF_INCOME = VariationGround.DIVERSION_OF_INCOME.value, _("Diverted income")
    INCOME_WHILE_ON_BENEFIT = (
        VariationGround.INCOME_WHILE_ON_BENEFIT.value,
        _("Income while paying the flat rate or nil rate"),
    )


class Period(models.TextChoices):
    WEEK = "week", _("A week")
    MONTH = "month", _("A month")
    YEAR = "year", _("A year")


class VariationStatus(models.TextChoices):
    AWAITING_RESPONSE = "awaiting_response", _("Waiting for the other parent")
    WITH_CASEWORKER = "with_caseworker", _("With a caseworker")
    AGREED = "agreed", _("Agreed")
    REFUSED = "refused", _("Refused")
    REJECTED = "rejected", _("Not considered")


OPEN_STATUSES = (VariationStatus.AWAITING_RESPONSE, VariationStatus.WITH_CASEWORKER)


class RejectionReason(models.TextChoices):
    """Reg 57: an application rejected on preliminary consideration."""

    NO_GROUNDS = "no_grounds", _("The application does not show a ground for a variation")
    UNDER_THRESHOLD = "under_threshold", _("The amount is under the limit the rules set")
    DEFAULT_DECISION = "default_decision", _("A default decision is in force")
    FLAT_RATE_BENEFIT = (
        "flat_rate_benefit",
        _("The paying parent pays the flat rate or nil rate because of a benefit"),
    )
    OTHER = "other", _("Another reason the rules give (see the note)")


class VariationRequest(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        max_length=12, unique=True, default=new_variation_reference, editable=False
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="variation_requests")
    applicant = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ground = models.CharField(_("ground"), max_length=40, choices=Ground.choices)
    amount = models.DecimalField(_("amount given"), **MONEY)
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    weekly_amount = models.DecimalField(_("weekly amount asked for"), **MONEY)
    details = models.TextField(_("what the parent told us"))
    submitted_at = models.DateTimeField(default=timezone.now)
    respond_by = models.DateField(_("other parent can respond until"))
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=VariationStatus.choices,
        default=VariationStatus.AWAITING_RESPONSE,
    )
    # The caseworker's decision. The note is shown to both parents.
    rejection_reason = models.CharField(
        _("reason for not considering it"), max_length=30, blank=True, choices=RejectionReason
    )
    caseworker_note = models.TextField(_("note for both parents"), blank=True)
    agreed_weekly_amount = models.DecimalField(
        _("weekly amount agreed"), null=True, blank=True, **MONEY
    )
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    in_force_to = models.DateField(_("in force until (last day)"), null=True, blank=True)
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("variation request")
        verbose_name_plural = _("variation requests")

    def __str__(self):
        return f"{self.reference} {self.get_ground_display()}"

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES


class VariationResponse(models.Model):
    """What the other parent says about a request."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(
        VariationRequest, on_delete=models.CASCADE, related_name="responses"
    )
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("response"))
    responded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["responded_at", "id"]
        verbose_name = _("variation response")
        verbose_name_plural = _("variation responses")

    def __str__(self):
        return f"{self.request.reference} {self.responded_at:%Y-%m-%d}"


class VariationEvidence(models.Model):
    """A file sent with a request or a response. `request` is empty while the journey that
    uploaded it is still being filled in; `party` is the side that sent it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(
        VariationRequest,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    file = models.FileField(storage=private_storage, upload_to=evidence_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40, choices=AttachmentKind.choices)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("variation evidence")
        verbose_name_plural = _("variation evidence")

    def __str__(self):
        return self.original_name

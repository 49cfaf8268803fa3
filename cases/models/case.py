"""A case and the people in it: the paying and receiving parties, the qualifying
children, the paying parent's relevant other children and income records."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_portal.core.choices import Benefit, PaymentFrequency, ServiceType
from cms_portal.core.money import MONEY

from ..dates import age_on
from ..rules import stops_qualifying_on
from .references import new_case_reference


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Case(models.Model):
    reference = models.CharField(
        _("case reference"), max_length=12, unique=True, default=new_case_reference, editable=False
    )
    service_type = models.CharField(
        _("service type"),
        max_length=20,
        choices=ServiceType.choices,
        default=ServiceType.DIRECT_PAY,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    payment_frequency = models.CharField(
        _("payment frequency"),
        max_length=20,
        choices=PaymentFrequency.choices,
        default=PaymentFrequency.MONTHLY,
    )
    # Domestic abuse: moves the case to Collect and Pay at once when asked. Collection fees
    # still apply (SI 2014/612 waives none for it; see calculation.fees). No part of an
    # address is ever shown to the other parent, flagged or not.
    safeguarding = models.BooleanField(_("safeguarding flag (domestic abuse)"), default=False)
    assigned_caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
        verbose_name=_("assigned caseworker"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The day ongoing maintenance stops (set when a caseworker confirms a closure).
    closed_from = models.DateField(_("closed from"), null=True, blank=True)
    # The 2012 Regulations reg 19: review dates are anniversaries of the first decision's
    # effective date. `review_date` is the next one not yet reviewed (the nightly job looks
    # it up by index); `review_queued_for` is set when that review was sent to a caseworker
    # instead, so the job does not queue it again.
    initial_effective_date = models.DateField(_("initial effective date"), null=True, blank=True)
    review_date = models.DateField(_("next annual review"), null=True, blank=True)
    review_queued_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(
                fields=["review_date", "id"],
                condition=models.Q(status="open", review_date__isnull=False),
                name="cases_case_review_due",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_closed(self):
        return self.status == CaseStatus.CLOSED

    @property
    def is_safeguarded(self):
        """True when the case or any party in it carries a safeguarding flag."""
        return self.safeguarding or any(party.safeguarding for party in self.parties.all())

    @property
    def paying_party(self):
        return next((p for p in self.parties.all() if p.role == PartyRole.PAYING), None)

    @property
    def receiving_parties(self):
        return [p for p in self.parties.all() if p.role == PartyRole.RECEIVING]


class PartyRole(models.TextChoices):
    PAYING = "paying", _("Paying parent")
    RECEIVING = "receiving", _("Receiving parent")


class Party(models.Model):
    """A parent (or other person with care) in a case. Contact, employer and bank details
    are never shown to anyone else in the case."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parties",
    )
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    full_name = models.CharField(_("full name"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"))
    email = models.EmailField(_("email address"), blank=True)
    # A new contact email waits here, unused, until its owner follows the link we sent
    # to it; the nonce makes that link single use.
    pending_email = models.EmailField(_("new email address waiting for confirmation"), blank=True)
    pending_email_nonce = models.CharField(max_length=64, blank=True, editable=False)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    address_line_1 = models.CharField(_("address line 1"), max_length=200, blank=True)
    address_line_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    town = models.CharField(_("town or city"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    bank_account_name = models.CharField(_("name on the account"), max_length=200, blank=True)
    bank_sort_code = models.CharField(_("sort code"), max_length=6, blank=True)
    bank_account_number = models.CharField(_("account number"), max_length=8, blank=True)
    # Stored normalised (upper case, no spaces) so HMRC's feed matches it exactly; never
    # shown in full (see cases.nino.masked).
    national_insurance_number = models.CharField(
        _("National Insurance number"), max_length=9, blank=True, db_index=True
    )
    employer_name = models.CharField(_("employer"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=settings.LANGUAGES, default="en"
    )
    safeguarding = models.BooleanField(_("safeguarding flag (domestic abuse)"), default=False)
    # When this party (or their representative) last opened the decision in force.
    decision_seen_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["role", "created_at", "id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"], name="cases_one_party_per_user_per_case"
            ),
        ]
        # An employer's orders are listed by employee name: with this the first page is
        # read in name order, not by sorting every order the employer holds.
        indexes = [models.Index(fields=["full_name"], name="cases_party_name_idx")]

    def __str__(self):
        return f"{self.full_name} ({self.get_role_display()}, {self.case.reference})"

    @property
    def is_paying(self):
        return self.role == PartyRole.PAYING

    @property
    def notification_email(self):
        """The contact email the party gave us, else their sign-in email."""
        return self.email or (self.user.email if self.user_id else "")

    @property
    def notification_language(self):
        return self.preferred_language or "en"


class ChildStatus(models.TextChoices):
    QUALIFYING = "qualifying", _("Included in the calculation")
    LEFT = "left", _("No longer included")


class Child(models.Model):
    """A qualifying child. Nights are a year's overnight stays with the paying parent."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="children")
    receiving_party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="children")
    full_name = models.CharField(_("full name"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"))
    shared_care_nights = models.PositiveSmallIntegerField(
        _("nights a year with the paying parent"), default=0
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ChildStatus.choices, default=ChildStatus.QUALIFYING
    )
    left_on = models.DateField(_("stopped qualifying on"), null=True, blank=True)
    # The last day of full-time non-advanced education or approved training, as recorded
    # (blank: none recorded, so the child counts until their 16th birthday).
    education_ends_on = models.DateField(
        _("in full-time non-advanced education or approved training until"),
        null=True,
        blank=True,
    )
    # The first day the child no longer counts (cases.rules.stops_qualifying_on), kept in
    # step on every save so the nightly job finds the children stopping by index.
    stops_qualifying_on = models.DateField(
        _("stops qualifying on"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["date_of_birth", "id"]
        verbose_name = _("qualifying child")
        verbose_name_plural = _("qualifying children")
        indexes = [
            models.Index(
                fields=["stops_qualifying_on", "case"],
                condition=models.Q(status="qualifying"),
                name="cases_child_stopping",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(shared_care_nights__lte=365),
                name="cases_child_nights_within_year",
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.stops_qualifying_on = stops_qualifying_on(self.date_of_birth, self.education_ends_on)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"date_of_birth", "education_ends_on"} & set(
            update_fields
        ):
            kwargs["update_fields"] = {*update_fields, "stops_qualifying_on"}
        super().save(*args, **kwargs)

    def qualifies_on(self, on_date):
        return self.status == ChildStatus.QUALIFYING and on_date < self.stops_qualifying_on

    def age_on(self, on_date):
        return age_on(self.date_of_birth, on_date)


class RelevantOtherChild(models.Model):
    """A child living with the paying parent who is not in this case (reduces income)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="relevant_other_children")
    paying_party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="relevant_other_children"
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    from_date = models.DateField(
        _("living with the paying parent from"), default=timezone.localdate
    )
    to_date = models.DateField(_("living with the paying parent until"), null=True, blank=True)

    class Meta:
        ordering = ["from_date", "id"]
        verbose_name = _("relevant other child")
        verbose_name_plural = _("relevant other children")

    def __str__(self):
        return str(_("Relevant other child from %(date)s") % {"date": self.from_date})


class IncomeSource(models.TextChoices):
    HMRC_HISTORIC = "hmrc_historic", _("HMRC, latest tax year")
    HMRC_CURRENT = "hmrc_current", _("HMRC, current income")
    SELF_ASSESSMENT = "self_assessment", _("Self Assessment tax return")
    CASEWORKER_ESTIMATE = "caseworker_estimate", _("Caseworker estimate")
    REPORTED = "reported", _("Reported by the paying parent")


class IncomeRecord(models.Model):
    """The paying parent's gross weekly income from one source, from a date."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="income_records")
    paying_party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="income_records")
    gross_weekly_income = models.DecimalField(
        _("gross weekly income"), null=True, blank=True, **MONEY
    )
    benefit = models.CharField(
        _("benefit"), max_length=30, choices=Benefit.choices, default=Benefit.NONE
    )
    source = models.CharField(
        _("source"),
        max_length=30,
        choices=IncomeSource.choices,
        default=IncomeSource.CASEWORKER_ESTIMATE,
    )
    tax_year = models.CharField(
        _("tax year"), max_length=7, blank=True, help_text=_("For example 2024-25")
    )
    effective_from = models.DateField(_("from"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-effective_from", "-recorded_at", "-id"]
        verbose_name = _("income record")
        verbose_name_plural = _("income records")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gross_weekly_income__isnull=True)
                | models.Q(gross_weekly_income__gte=0),
                name="cases_income_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.gross_weekly_income} ({self.get_source_display()}, {self.effective_from})"

"""What HMRC sent us: each file once (by its SHA-256), each row once (one per person,
kind and period), and what the current income check did with it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_portal.core.money import MONEY


class ImportStatus(models.TextChoices):
    IMPORTED = "imported", _("Imported")
    REJECTED = "rejected", _("Rejected")


class IncomeImport(models.Model):
    """One file from HMRC. `problems` holds the first MAX_STORED_PROBLEMS, each
    `{"row": 12, "field": "nino", "message": "..."}`; `problem_count` counts them all."""

    MAX_STORED_PROBLEMS = 1000

    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices)
    rows_in_file = models.PositiveIntegerField(_("rows in the file"), default=0)
    rows_added = models.PositiveIntegerField(_("rows added"), default=0)
    rows_already_held = models.PositiveIntegerField(_("rows we already had"), default=0)
    rows_with_problems = models.PositiveIntegerField(_("rows with problems"), default=0)
    rows_unmatched = models.PositiveIntegerField(_("rows matching nobody"), default=0)
    problem_count = models.PositiveIntegerField(_("problems"), default=0)
    problems = models.JSONField(_("problems found"), default=list, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("HMRC income file")
        verbose_name_plural = _("HMRC income files")

    def __str__(self):
        return self.file_name


class RecordType(models.TextChoices):
    HISTORIC = "historic", _("Historic (a whole tax year)")
    CURRENT = "current", _("Current (one pay period, RTI)")


class FeedRow(models.Model):
    """One person's income for a tax year (historic) or one pay period (current). A
    historic row's period is its tax year, 6 April to 5 April. Rows are never changed
    except to record a caseworker's match; `party` is set only by that match."""

    # No database constraint: a million-row file would queue a million deferred checks.
    # Rows are only written by the import that creates this record, in its transaction,
    # and import records are never deleted (PROTECT). No index either: rows are read by
    # number (the unique index), and every import would pay for a second index of a
    # million entries that no read uses.
    import_file = models.ForeignKey(
        IncomeImport,
        on_delete=models.PROTECT,
        related_name="rows",
        db_constraint=False,
        db_index=False,
    )
    row_number = models.PositiveIntegerField(_("row in the file"))
    record_type = models.CharField(_("record type"), max_length=10, choices=RecordType.choices)
    # Normalised (see cases.nino); never shown in full.
    nino = models.CharField(_("National Insurance number"), max_length=9)
    tax_year = models.CharField(_("tax year"), max_length=7)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    gross_pay = models.DecimalField(_("gross pay"), **MONEY)
    pension_contributions = models.DecimalField(_("pension contributions deducted"), **MONEY)
    # Only the partial indexes below: a full one would take an entry for every row of a
    # million-row file, all of them empty. No database constraint on either match field:
    # PostgreSQL queues its check for every row inserted, empty or not (two million
    # deferred checks run at commit, ~0.7 s of a million-row import). Both are set only
    # by match_by_hand, from a party and user it holds; deleting either goes through the
    # ORM, which still protects a matched party and empties matched_by.
    party = models.ForeignKey(
        "cases.Party",
        null=True,
        blank=True,
        db_index=False,
        db_constraint=False,
        on_delete=models.PROTECT,
        related_name="hmrc_rows_matched_by_hand",
        verbose_name=_("matched by hand to"),
    )
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        db_index=False,
        db_constraint=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    matched_at = models.DateTimeField(_("matched"), null=True, blank=True)

    class Meta:
        ordering = ["-period_end", "id"]
        verbose_name = _("HMRC income row")
        verbose_name_plural = _("HMRC income rows")
        constraints = [
            # Row-level key: a second file with the same person and period adds nothing.
            # Its leading column also serves every lookup by National Insurance number.
            models.UniqueConstraint(
                fields=["nino", "record_type", "period_start"],
                name="hmrc_income_one_row_per_period",
            ),
        ]
        indexes = [
            models.Index(
                fields=["party"],
                name="hmrc_row_hand_matched_idx",
                condition=models.Q(party__isnull=False),
            ),
            models.Index(
                fields=["matched_by"],
                name="hmrc_row_matched_by_idx",
                condition=models.Q(matched_by__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.get_record_type_display()} {self.tax_year} (row {self.row_number})"

    @property
    def income(self):
        return self.gross_pay - self.pension_contributions


class UnmatchedFeedRow(FeedRow):
    """The caseworker list of rows whose National Insurance number matches no party."""

    class Meta:
        proxy = True
        verbose_name = _("unmatched HMRC income row")
        verbose_name_plural = _("unmatched HMRC income rows")


class CheckOutcome(models.TextChoices):
    BELOW_THRESHOLD = "below_threshold", _("Below the threshold: no change")
    NEW_DECISION = "new_decision", _("New decision made")
    TO_CASEWORKER = "to_caseworker", _("Sent to a caseworker")


class CurrentIncomeCheck(models.Model):
    """The current income check (SI 2012/2677 regs 22-23) for one paying parent on the
    pay periods up to `through`: made once for each `through`, so a repeated file or a
    re-run acts once."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    party = models.ForeignKey("cases.Party", on_delete=models.CASCADE, related_name="+")
    through = models.DateField(_("pay periods up to"))
    periods = models.PositiveSmallIntegerField(_("pay periods used"))
    current_weekly_income = models.DecimalField(_("current weekly income"), **MONEY)
    decision_weekly_income = models.DecimalField(
        _("weekly income in the decision"), null=True, blank=True, **MONEY
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=CheckOutcome.choices)
    reason = models.CharField(_("why a caseworker"), max_length=200, blank=True)
    decision = models.ForeignKey(
        "cases.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-checked_at", "-id"]
        verbose_name = _("current income check")
        verbose_name_plural = _("current income checks")
        constraints = [
            models.UniqueConstraint(
                fields=["party", "through"], name="hmrc_income_one_check_per_position"
            )
        ]

    def __str__(self):
        return f"{self.case_id} {self.through} {self.outcome}"

"""The ledger: accounts, their insert-only entries, and the debts entries create.

Every amount is signed from the account holder's point of view: on a paying account a
positive entry adds to what is owed and a payment is negative; on a receiving account
money collected is positive and money taken off (fee, payment out) is negative. So an
account's balance is always the sum of its entries, and the services keep the stored
`balance` equal to that sum in the same transaction as each posting."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import MONEY, AccountRole, ArrearsStatus, EntryKind, ObligationKind
from .insert_only import InsertOnlyModel


class Account(models.Model):
    """One per party in a case with a payment schedule. Services lock a case's accounts
    (in id order) before posting, so postings for one case never interleave."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="payment_accounts"
    )
    party = models.ForeignKey(
        "cases.Party", on_delete=models.PROTECT, related_name="payment_accounts"
    )
    role = models.CharField(max_length=20, choices=AccountRole.choices)
    balance = models.DecimalField(default=0, **MONEY)
    # Paying accounts only: money received and not yet used to pay a debt.
    unallocated = models.DecimalField(default=0, **MONEY)
    # Paying accounts only: the due date of the latest instalment posted ("current").
    current_due_date = models.DateField(null=True, blank=True)
    arrears_status = models.CharField(
        max_length=20, choices=ArrearsStatus.choices, default=ArrearsStatus.UP_TO_DATE
    )
    missed_in_row = models.PositiveIntegerField(default=0)
    escalated_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("payment account")
        verbose_name_plural = _("payment accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "party"], name="payments_one_account_per_party"
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(role=AccountRole.PAYING),
                name="payments_one_paying_account_per_case",
            ),
        ]
        indexes = [
            models.Index(
                fields=["case"], condition=Q(unallocated__gt=0), name="payments_account_unallocated"
            ),
            models.Index(
                fields=["case"],
                condition=Q(role=AccountRole.RECEIVING, balance__gt=0),
                name="payments_account_to_pass_on",
            ),
        ]

    def __str__(self):
        return f"{self.case.reference} {self.get_role_display()}"

    @property
    def is_paying(self):
        return self.role == AccountRole.PAYING


class LedgerEntry(InsertOnlyModel):
    """Indexes are kept to what reads need: every nightly chunk inserts thousands of rows
    into a table of tens of millions, and each index is written on every insert. The
    statement index (account, date) serves reads by account; links to receipts, debts,
    instalments and payments out are followed from those rows (by primary key), not
    searched for, so they have no index of their own."""

    account = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="entries", db_index=False
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="ledger_entries")
    kind = models.CharField(max_length=30, choices=EntryKind.choices)
    amount = models.DecimalField(**MONEY)
    effective_date = models.DateField()
    idempotency_key = models.CharField(max_length=200)
    instalment = models.ForeignKey(
        "payments.Instalment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
        db_index=False,
    )
    receipt = models.ForeignKey(
        "payments.Receipt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
        db_index=False,
    )
    enforcement_action = models.ForeignKey(
        "payments.EnforcementAction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
        db_index=False,
    )
    disbursement = models.ForeignKey(
        "payments.Disbursement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
        db_index=False,
    )
    # An entry is reversed at most once (a partial unique index: almost every row is NULL).
    reverses = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
        db_index=False,
    )
    # Caseworkers' reasons for reversals; shown in admin, never to parents.
    reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    posted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        permissions = [
            ("reverse_ledgerentry", "Can reverse ledger entries"),
            ("write_off_debt", "Can write off maintenance or fees owed"),
            ("waive_charge", "Can waive an enforcement charge"),
        ]
        indexes = [
            models.Index(
                fields=["account", "effective_date", "id"], name="payments_entry_statement"
            )
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="payments_entry_not_zero"),
            models.UniqueConstraint(fields=["idempotency_key"], name="payments_entry_key_unique"),
            models.UniqueConstraint(
                fields=["reverses"],
                condition=Q(reverses__isnull=False),
                name="payments_entry_reversed_once",
            ),
        ]

    def __str__(self):
        return f"{self.effective_date} {self.get_kind_display()} {self.amount}"


class Obligation(models.Model):
    """A debt created by a ledger entry (maintenance, a fee, a charge) and how much of it
    is still unpaid. `outstanding` is kept in step with the allocations to it."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="obligations")
    entry = models.OneToOneField(LedgerEntry, on_delete=models.PROTECT, related_name="obligation")
    kind = models.CharField(max_length=30, choices=ObligationKind.choices)
    due_date = models.DateField()
    instalment = models.ForeignKey(
        "payments.Instalment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations",
    )
    # Maintenance only: the receiving parent's account the money is for.
    receiving_account = models.ForeignKey(
        Account, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    amount = models.DecimalField(**MONEY)
    outstanding = models.DecimalField(**MONEY)
    cancelled = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("debt")
        verbose_name_plural = _("debts")
        indexes = [
            models.Index(
                fields=["case", "due_date"],
                condition=Q(outstanding__gt=0),
                name="payments_obligation_open",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(outstanding__gte=0, outstanding__lte=F("amount")),
                name="payments_obligation_outstanding_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.due_date} {self.outstanding}/{self.amount}"

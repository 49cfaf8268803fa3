"""Money that really arrived: parents' payments and employers' payments wait as expected
until bank money is matched to them, and only a match posts money to the ledger (so the
nightly pass-on can only pay receiving parents money that is in the bank).

Matching reads the bank line's reference for a 12-digit case reference or a 10-digit
Employer Reference Number, then takes an expected payment of exactly the amount left on
the line, or else uses the line on the oldest open payments first (part matches). What
is left unmatched, or part matched, goes to the case's caseworker queue. Bank money naming
no case or employer stays in the bank receipts list (not matched) for finance staff.

An employer's payment is posted to the cases only once bank money covers all of it: the
schedule says whose deductions it is, and part of it cannot say whose part is missing."""

import hashlib
import re
from datetime import date

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from cms_portal.audit import record_audit_event
from cms_portal.formatting import money

from ..bank_statements import Problem, StatementError, read_statement
from ..dates import business_date
from ..employer_money import employer_money
from ..models import (
    BankMatch,
    BankReceipt,
    BankSource,
    BankStatement,
    ExpectedPayment,
    MatchStatus,
    MoneyQueueKind,
    ReceiptMethod,
)
from .accounts import IdempotencyConflict, PaymentsError
from .receipts import MAX_KEY_LENGTH, record_receipt
from .validation import COLLECT_AND_PAY, valid_amount

_DIGIT_GAPS = re.compile(r"(?<=\d)[ \-](?=\d)")
_CASE_REFERENCE = re.compile(r"(?<!\d)(\d{12})(?!\d)")
_EMPLOYER_REFERENCE = re.compile(r"(?<!\d)(\d{10})(?!\d)")


class DuplicatePayment(PaymentsError):
    """What is being recorded looks like a payment already recorded; a reason is needed."""

    field = "duplicate_reason"

    def __init__(self, existing):
        self.existing = existing
        super().__init__(
            _(
                "A payment of %(amount)s on %(date)s with the reference “%(reference)s” is already "
                "recorded. If this is a second payment, give a reason to record it anyway"
            )
            % {
                "amount": money(existing.amount),
                "date": _date_of(existing).strftime("%d/%m/%Y"),
                "reference": existing.reference or _("none"),
            }
        )


def _date_of(row):
    return getattr(row, "paid_on", None) or row.booked_on


def _status(matched, amount):
    if matched <= 0:
        return MatchStatus.UNMATCHED
    return MatchStatus.MATCHED if matched >= amount else MatchStatus.PART_MATCHED


def references_in(text):
    """(case references, employer references) named in a bank reference."""
    text = _DIGIT_GAPS.sub("", text or "")
    return _CASE_REFERENCE.findall(text), _EMPLOYER_REFERENCE.findall(text)


def _refuse_duplicate(existing, reason, acting_user, what, **details):
    if existing is None:
        return ""
    if not (reason or "").strip():
        raise DuplicatePayment(existing)
    record_audit_event(
        acting_user=acting_user,
        action="payments.duplicate_recorded_anyway",
        obj=existing,
        kind=what,
        reason=reason.strip(),
        **details,
    )
    return reason.strip()


def _valid_date(value):
    if not isinstance(value, date):
        raise PaymentsError(_("Enter a real date"))
    if value > business_date():
        raise PaymentsError(_("The date cannot be in the future"))
    return value


# Recording what people say they paid ---------------------------------------------------


def record_expected_payment(
    *,
    acting_user,
    case,
    amount,
    paid_on,
    method,
    reference="",
    idempotency_key,
    duplicate_reason="",
):
    """Record a parent's payment (card, standing order, transfer...) as expected. It is
    posted to the ledger only when bank money is matched to it. A payment with the same
    case, amount, date and reference as one already recorded needs a reason."""
    amount = valid_amount(amount)
    if method not in ReceiptMethod.values:
        raise PaymentsError(f"Unknown payment method: {method!r}")
    paid_on = _valid_date(paid_on)
    reference = (reference or "").strip()[:100]
    if not idempotency_key or len(idempotency_key) > MAX_KEY_LENGTH:
        raise PaymentsError(
            f"Every payment needs an idempotency key of up to {MAX_KEY_LENGTH} characters."
        )
    from cases.models import Case

    with transaction.atomic():
        # The case lock makes the duplicate check and the insert one step.
        case = Case.objects.select_for_update().get(pk=case.pk)
        existing = ExpectedPayment.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            if (existing.case_id, existing.amount, existing.method) != (case.pk, amount, method):
                raise IdempotencyConflict("This idempotency key was used for another payment.")
            return existing
        if case.service_type != COLLECT_AND_PAY:
            raise PaymentsError(_("Payments are only recorded on Collect and Pay cases."))
        same = (
            ExpectedPayment.objects.filter(
                case=case, amount=amount, paid_on=paid_on, reference=reference
            )
            .order_by("id")
            .first()
        )
        reason = _refuse_duplicate(
            same,
            duplicate_reason,
            acting_user,
            "expected_payment",
            case=case.reference,
            amount=str(amount),
        )
        expected = ExpectedPayment.objects.create(
            case=case,
            amount=amount,
            paid_on=paid_on,
            method=method,
            reference=reference,
            idempotency_key=idempotency_key,
            duplicate_reason=reason,
            recorded_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        )
        record_audit_event(
            acting_user=acting_user,
            action="payments.payment_expected",
            obj=case,
            expected_payment=str(expected.public_id),
            amount=str(amount),
            method=method,
            possible_duplicate=bool(reason),
        )
        # The bank money may have arrived before the payment was recorded.
        for bank in (
            BankReceipt.objects.exclude(status=MatchStatus.MATCHED)
            .filter(reference__contains=case.reference)
            .order_by("booked_on", "id")
        ):
            auto_match(bank, acting_user=acting_user)
        expected.refresh_from_db()
        return expected


# Money in the bank ------------------------------------------------------------------------


def record_bank_receipt(
    *,
    acting_user,
    booked_on,
    amount,
    reference="",
    payer_name="",
    transaction_id,
    duplicate_reason="",
):
    """Finance staff record one payment into the bank by hand; it is matched at once.
    The same transaction id twice records it once."""
    amount = valid_amount(amount)
    booked_on = _valid_date(booked_on)
    reference = (reference or "").strip()[:140]
    if not transaction_id or len(transaction_id) > 100:
        raise PaymentsError("Every bank receipt needs a transaction id of up to 100 characters.")
    with transaction.atomic():
        existing = BankReceipt.objects.filter(transaction_id=transaction_id).first()
        if existing is not None:
            return existing
        # Locks every open line on the same day so two people cannot both skip the check.
        same = (
            BankReceipt.objects.select_for_update()
            .filter(booked_on=booked_on, amount=amount, reference=reference)
            .order_by("id")
            .first()
        )
        _refuse_duplicate(same, duplicate_reason, acting_user, "bank_receipt", amount=str(amount))
        bank = BankReceipt.objects.create(
            transaction_id=transaction_id,
            booked_on=booked_on,
            amount=amount,
            reference=reference,
            payer_name=(payer_name or "").strip()[:140],
            source=BankSource.MANUAL,
            recorded_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        )
        record_audit_event(
            acting_user=acting_user,
            action="payments.bank_receipt_recorded",
            obj=bank,
            amount=str(amount),
            booked_on=booked_on.isoformat(),
        )
        auto_match(bank, acting_user=acting_user)
        bank.refresh_from_db()
        return bank


def import_bank_statement(*, acting_user, file_name, content):
    """Import a bank statement file (CSV or camt.053) and match each new line. The same
    file twice, or a line already imported from another file, changes nothing. A file
    with any problem imports nothing: StatementError lists every problem with its row."""
    digest = hashlib.sha256(content).hexdigest()
    known_file = BankStatement.objects.filter(sha256=digest).first()
    if known_file is not None:
        return known_file, False
    source, lines = read_statement(content)
    today = business_date()
    future = [
        Problem(
            line.row,
            _("The date %(date)s is in the future") % {"date": line.booked_on.strftime("%d/%m/%Y")},
        )
        for line in lines
        if line.booked_on > today
    ]
    if future:
        raise StatementError(future)
    with transaction.atomic():
        statement, created = BankStatement.objects.get_or_create(
            sha256=digest,
            defaults={
                "file_name": file_name[:255],
                "source": source,
                "imported_by": acting_user
                if getattr(acting_user, "is_authenticated", False)
                else None,
            },
        )
        if not created:
            return statement, False
        known = set(
            BankReceipt.objects.filter(
                transaction_id__in=[line.transaction_id for line in lines]
            ).values_list("transaction_id", flat=True)
        )
        # A line another import is adding at this moment is left to that import.
        BankReceipt.objects.bulk_create(
            [
                BankReceipt(
                    transaction_id=line.transaction_id,
                    booked_on=line.booked_on,
                    amount=line.amount,
                    reference=line.reference,
                    payer_name=line.payer_name,
                    source=source,
                    statement=statement,
                    recorded_by=statement.imported_by,
                )
                for line in lines
                if line.transaction_id not in known
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        added = BankReceipt.objects.filter(statement=statement).count()
        statement.lines_added, statement.lines_known = added, len(lines) - added
        statement.save(update_fields=["lines_added", "lines_known"])
        record_audit_event(
            acting_user=acting_user,
            action="payments.bank_statement_imported",
            obj=statement,
            file_name=statement.file_name,
            sha256=digest,
            lines_added=statement.lines_added,
            lines_known=statement.lines_known,
        )
        for bank in BankReceipt.objects.filter(statement=statement).order_by("booked_on", "id"):
            auto_match(bank, acting_user=acting_user)
    return statement, True


# Matching -----------------------------------------------------------------------------------


def _remittance_matched(remittance_ids):
    return dict(
        BankMatch.objects.filter(remittance_id__in=remittance_ids)
        .values("remittance_id")
        .annotate(total=Sum("amount"))
        .values_list("remittance_id", "total")
    )


def _open_targets(case_references, employer_references):
    """Expected payments and employers' payments still waiting for money, oldest first,
    locked, each with what is left to match."""
    targets = [
        (payment, payment.remaining)
        for payment in ExpectedPayment.objects.select_for_update()
        .filter(case__reference__in=case_references)
        .exclude(status=MatchStatus.MATCHED)
        .select_related("case")
        .order_by("paid_on", "id")
    ]
    remittances = employer_money().open_remittances(employer_references)
    matched = _remittance_matched([remittance.pk for remittance in remittances])
    targets += [
        (remittance, remittance.amount - matched.get(remittance.pk, 0))
        for remittance in remittances
        if remittance.amount > matched.get(remittance.pk, 0)
    ]
    return targets


def _case_of(target):
    if isinstance(target, ExpectedPayment):
        return target.case
    return employer_money().case_of(target)


def _apply(bank, target, amount, acting_user):
    """Match `amount` of `bank` to `target` and post what the match makes real."""
    with transaction.atomic():
        match = BankMatch.objects.create(
            bank_receipt=bank,
            amount=amount,
            expected_payment=target if isinstance(target, ExpectedPayment) else None,
            remittance=None if isinstance(target, ExpectedPayment) else target,
            matched_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        )
        bank.matched_amount += amount
        bank.status = _status(bank.matched_amount, bank.amount)
        bank.save(update_fields=["matched_amount", "status"])
        if isinstance(target, ExpectedPayment):
            target.matched_amount += amount
            target.status = _status(target.matched_amount, target.amount)
            target.save(update_fields=["matched_amount", "status"])
            record_receipt(
                acting_user=acting_user,
                case=target.case,
                amount=amount,
                received_on=bank.booked_on,
                method=target.method,
                external_reference=target.reference or bank.reference,
                idempotency_key=f"bank-match:{match.pk}",
            )
            left = target.remaining
        else:
            left = target.amount - _remittance_matched([target.pk]).get(target.pk, 0)
            if left <= 0:
                employer_money().fully_matched(target)
        record_audit_event(
            acting_user=acting_user,
            action="payments.bank_matched",
            obj=bank,
            amount=str(amount),
            target=str(target.public_id),
            target_kind=target._meta.label,
            left_to_match=str(left),
        )
    return left


def _queue(acting_user, case, kind, summary, bank):
    from casework.services import add_to_caseworker_queue

    if case is not None:
        add_to_caseworker_queue(
            acting_user=acting_user,
            case=case,
            kind=kind,
            summary=summary,
            source_reference=f"bank:{bank.public_id}",
        )


def _match_targets(bank, targets, acting_user):
    """Exact amount first; otherwise oldest first. Returns [(target, amount, left)]."""
    exact = next(((target, left) for target, left in targets if left == bank.remaining), None)
    plan = [exact] if exact else targets
    done = []
    for target, left in plan:
        if bank.remaining <= 0:
            break
        amount = min(left, bank.remaining)
        try:
            done.append((target, amount, _apply(bank, target, amount, acting_user)))
        except PaymentsError as refusal:
            bank.refresh_from_db()
            _queue(
                acting_user,
                _case_of(target),
                MoneyQueueKind.UNMATCHED_MONEY,
                _(
                    "%(amount)s in the bank on %(date)s (reference “%(reference)s”) could not be "
                    "added to the case: %(reason)s"
                )
                % {
                    "amount": money(amount),
                    "date": bank.booked_on.strftime("%d/%m/%Y"),
                    "reference": bank.reference,
                    "reason": refusal,
                },
                bank,
            )
    return done


def auto_match(bank, *, acting_user=None):
    """Match a bank line by the references it names and its amount; queue what is left."""
    with transaction.atomic():
        bank = BankReceipt.objects.select_for_update().get(pk=bank.pk)
        if bank.remaining <= 0:
            return bank
        case_references, employer_references = references_in(bank.reference)
        done = _match_targets(
            bank, _open_targets(case_references, employer_references), acting_user
        )
        for target, _amount, left in done:
            if left > 0:
                _queue(
                    acting_user,
                    _case_of(target),
                    MoneyQueueKind.PART_MATCHED_MONEY,
                    _(
                        "Only %(matched)s of %(amount)s has arrived for the payment of %(date)s "
                        "(bank reference “%(reference)s”); %(left)s is still expected"
                    )
                    % {
                        "matched": money(target_matched(target)),
                        "amount": money(target.amount),
                        "date": target.paid_on.strftime("%d/%m/%Y"),
                        "reference": bank.reference,
                        "left": money(left),
                    },
                    bank,
                )
        if bank.remaining > 0:
            from cases.models import Case

            named = list(Case.objects.filter(reference__in=case_references))
            if not named and employer_references:
                named = [
                    case
                    for case in (_case_of(r) for r in _employer_remittances(employer_references))
                    if case is not None
                ][:1]
            for case in named:
                _queue(
                    acting_user,
                    case,
                    MoneyQueueKind.UNMATCHED_MONEY,
                    _(
                        "%(amount)s in the bank on %(date)s (reference “%(reference)s”, from "
                        "%(payer)s) matches no payment we expected"
                    )
                    % {
                        "amount": money(bank.remaining),
                        "date": bank.booked_on.strftime("%d/%m/%Y"),
                        "reference": bank.reference,
                        "payer": bank.payer_name or _("unknown"),
                    },
                    bank,
                )
        return bank


def target_matched(target):
    if isinstance(target, ExpectedPayment):
        return target.matched_amount
    return _remittance_matched([target.pk]).get(target.pk, 0)


def _employer_remittances(employer_references):
    return employer_money().latest_remittances(employer_references)


def match_by_hand(
    *, acting_user, bank_receipt, case=None, remittance=None, method=ReceiptMethod.BANK_TRANSFER
):
    """Finance staff match what is left of a bank line to a case (its expected payments,
    oldest first; any money left becomes an expected payment recorded from the bank and is
    matched to it) or to one employer payment."""
    if (case is None) == (remittance is None):
        raise PaymentsError(_("Choose a case or an employer payment to match the money to"))
    with transaction.atomic():
        bank = BankReceipt.objects.select_for_update().get(pk=bank_receipt.pk)
        if bank.remaining <= 0:
            raise PaymentsError(_("All of this money is already matched"))
        if remittance is not None:
            targets = [
                (t, left)
                for t, left in _open_targets([], [remittance.employer.reference])
                if t.pk == remittance.pk
            ]
            if not targets:
                raise PaymentsError(_("Nothing is left to match on this employer payment"))
        else:
            targets = _open_targets([case.reference], [])
        _match_targets(bank, targets, acting_user)
        if case is not None and bank.remaining > 0:
            expected = record_expected_payment(
                acting_user=acting_user,
                case=case,
                amount=bank.remaining,
                paid_on=bank.booked_on,
                method=method,
                reference=bank.reference[:100],
                idempotency_key=f"bank:{bank.public_id}:{bank.matched_amount}",
                duplicate_reason=_("Recorded from money in the bank"),
            )
            bank.refresh_from_db()
            if bank.remaining > 0:
                _match_targets(bank, [(expected, expected.remaining)], acting_user)
        record_audit_event(
            acting_user=acting_user,
            action="payments.bank_matched_by_hand",
            obj=bank,
            case=getattr(case, "reference", ""),
            remittance=str(getattr(remittance, "public_id", "")),
        )
        bank.refresh_from_db()
        return bank

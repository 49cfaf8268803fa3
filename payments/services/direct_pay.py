"""Direct Pay: the parents pay each other, so no money passes through the ledger; a
receiving parent tells us when an expected payment did not arrive in full, and it is
recorded against the instalment in the schedule and put in front of a caseworker."""

from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms_portal.audit import record_audit_event
from cms_portal.formatting import money
from cms_portal.notify import send_email

from ..dates import business_date
from ..models import DirectPayOutcome, DirectPayReport, Instalment, ScheduleShare
from .accounts import PaymentsError

ZERO = Decimal("0.00")


def expected_from_instalment(instalment, party):
    """The part of a Direct Pay instalment that was due to this receiving parent."""
    share = ScheduleShare.objects.filter(
        schedule_id=instalment.schedule_id, receiving_party=party
    ).first()
    return share.instalment_amount if share else ZERO


def report_missed_direct_payment(*, acting_user, case, party, due_date, amount_received):
    """Record that the payment due on `due_date` to `party` arrived short (or not at all).
    Reporting the same payment again returns the first report."""
    from casework.services import add_to_caseworker_queue

    amount_received = Decimal(amount_received or 0)
    with transaction.atomic():
        instalment = (
            Instalment.objects.select_for_update()
            .filter(case=case, due_date=due_date, collect_and_pay=False, cancelled_on=None)
            .first()
        )
        if instalment is None or due_date >= business_date():
            raise PaymentsError("There is no Direct Pay payment due on that date to report.")
        existing = DirectPayReport.objects.filter(instalment=instalment, party=party).first()
        if existing is not None:
            return existing
        expected = expected_from_instalment(instalment, party)
        if not ZERO <= amount_received < expected:
            raise PaymentsError("The amount received must be less than the amount due.")
        report = DirectPayReport.objects.create(
            instalment=instalment,
            party=party,
            expected=expected,
            amount_received=amount_received,
            outcome=DirectPayOutcome.PART_PAID if amount_received else DirectPayOutcome.NOT_PAID,
            reported_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        )
        record_audit_event(
            acting_user=acting_user,
            action="payments.direct_pay_missed_reported",
            obj=case,
            report=str(report.public_id),
            due_date=due_date.isoformat(),
            expected=str(expected),
            amount_received=str(amount_received),
        )
        # Caseworkers read the queue in English whatever language the parent uses.
        with translation.override(settings.LANGUAGE_CODE):
            summary = str(
                _(
                    "Direct Pay payment due %(date)s reported missed: %(received)s of "
                    "%(expected)s received"
                )
                % {
                    "date": due_date.isoformat(),
                    "received": money(amount_received),
                    "expected": money(expected),
                }
            )
        add_to_caseworker_queue(
            acting_user=acting_user,
            case=case,
            kind="missed_payment",
            summary=summary,
            source_reference=f"direct-pay-report:{report.public_id}",
        )
        _tell_paying_parent(case, report, due_date)
        return report


def _tell_paying_parent(case, report, due_date):
    """In the paying parent's language, with nothing about the receiving parent."""
    paying = case.parties.filter(role="paying").first()
    if paying is None:
        return
    send_email(
        to=paying.notification_email,
        template="payments_direct_pay_missed_paying",
        context={
            "party_name": paying.full_name,
            "case_reference": case.reference,
            "due_date": due_date,
            "expected": report.expected,
            "amount_received": report.amount_received,
            "part_paid": report.outcome == DirectPayOutcome.PART_PAID,
        },
        language=paying.notification_language,
    )

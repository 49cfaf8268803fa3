"""An employer reporting that the employee has left, or never worked there: the order
ends, the case's caseworker queue gets what the employer told us, and the paying
parent's case page shows that deductions stopped."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.services import add_to_caseworker_queue
from cms_portal.audit import record_audit_event

from ..deadlines import report_by
from ..models import (
    DeductionOrder,
    Employer,
    EndReason,
    LeaverKind,
    LeaverReport,
    OrderStatus,
    StoppedTradingReport,
)
from .errors import EmployerRuleError

QUEUE_KIND = "deo_leaver"


def _queue_summary(order, report):
    """What the caseworker needs, in English (the queue is worked in English)."""
    if report.kind == LeaverKind.NOT_EMPLOYEE:
        text = (
            f"{order.employer.name} says {order.employee.full_name} does not work there "
            f"(order {order.reference})."
        )
    else:
        text = (
            f"{order.employee.full_name} left {order.employer.name} on {report.left_on:%d/%m/%Y} "
            f"(order {order.reference})."
        )
        if report.last_pay_date:
            last_deduction = report.last_deduction or 0
            text += f" Last deduction £{last_deduction:,.2f} on {report.last_pay_date:%d/%m/%Y}."
        if report.new_employer_name:
            text += f" New employer: {report.new_employer_name}"
            if report.new_employer_address:
                text += f", {' '.join(report.new_employer_address.split())}"
            text += "."
        else:
            text += " New employer not known."
    if not report.reported_in_time:
        text += " Reported more than 10 days late."
    return text


def report_leaver(
    *,
    acting_user,
    order,
    kind,
    left_on=None,
    last_pay_date=None,
    last_deduction=None,
    new_employer_name="",
    new_employer_address="",
    today=None,
):
    today = today or timezone.localdate()
    kind = LeaverKind(kind)
    with transaction.atomic():
        order = (
            DeductionOrder.objects.select_for_update(of=("self",))
            .select_related("employer", "employee", "case")
            .get(pk=order.pk)
        )
        if order.status == OrderStatus.ENDED:
            raise EmployerRuleError(_("This order has already ended"))
        if kind == LeaverKind.LEFT:
            if left_on is None:
                raise EmployerRuleError(_("Enter the date they left"), field="left_on")
            if left_on > today:
                raise EmployerRuleError(
                    _("The date they left must be today or in the past"), field="left_on"
                )
            reported_in_time = today <= report_by(left_on)
        else:
            left_on = last_pay_date = last_deduction = None
            new_employer_name = new_employer_address = ""
            reported_in_time = today <= report_by(order.served_on)
        report = LeaverReport.objects.create(
            order=order,
            kind=kind,
            left_on=left_on,
            last_pay_date=last_pay_date,
            last_deduction=last_deduction,
            new_employer_name=new_employer_name.strip(),
            new_employer_address=new_employer_address.strip(),
            reported_in_time=reported_in_time,
            reported_by=acting_user,
        )
        order.status = OrderStatus.ENDED
        order.ended_on = left_on or today
        order.end_reason = EndReason.LEFT if kind == LeaverKind.LEFT else EndReason.NOT_EMPLOYEE
        order.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
        record_audit_event(
            acting_user=acting_user,
            action="deduction_order.leaver_reported",
            obj=order,
            kind=str(kind),
            reported_in_time=reported_in_time,
            leaver_report=str(report.public_id),
        )
        add_to_caseworker_queue(
            acting_user=acting_user,
            case=order.case,
            kind=QUEUE_KIND,
            summary=_queue_summary(order, report),
            source_reference=order.reference,
        )
        return report


STOPPED_TRADING_QUEUE_KIND = "deo_stopped_trading"


def report_stopped_trading(*, acting_user, employer, stopped_on, contact_details="", today=None):
    """The business stopped trading: every live order ends on that date (pay dates up to
    it can still be reported and paid), and each order's case is queued for a caseworker
    to find where the paying parent works now."""
    today = today or timezone.localdate()
    if stopped_on > today:
        raise EmployerRuleError(
            _("The date the business stopped trading must be today or in the past"),
            field="stopped_on",
        )
    with transaction.atomic():
        employer = Employer.objects.select_for_update().get(pk=employer.pk)
        if StoppedTradingReport.objects.filter(employer=employer).exists():
            raise EmployerRuleError(
                _("You have already told us that this business stopped trading")
            )
        orders = list(
            DeductionOrder.objects.select_for_update(of=("self",))
            .filter(employer=employer, status__in=[OrderStatus.ACTIVE, OrderStatus.SUSPENDED])
            .select_related("employee", "case")
        )
        reported_in_time = today <= report_by(stopped_on)
        report = StoppedTradingReport.objects.create(
            employer=employer,
            stopped_on=stopped_on,
            contact_details=contact_details.strip(),
            orders_ended=len(orders),
            reported_in_time=reported_in_time,
            reported_by=acting_user,
        )
        late = "" if reported_in_time else " Reported more than 10 days late."
        contact = (
            f" Contact: {' '.join(contact_details.split())}." if contact_details.strip() else ""
        )
        for order in orders:
            order.status = OrderStatus.ENDED
            # An order served after the business stopped still ends no earlier than it began.
            order.ended_on = max(stopped_on, order.served_on)
            order.end_reason = EndReason.STOPPED_TRADING
            order.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
            record_audit_event(
                acting_user=acting_user,
                action="deduction_order.ended",
                obj=order,
                end_reason=str(EndReason.STOPPED_TRADING),
                stopped_trading_report=str(report.public_id),
            )
            add_to_caseworker_queue(
                acting_user=acting_user,
                case=order.case,
                kind=STOPPED_TRADING_QUEUE_KIND,
                summary=(
                    f"{employer.name} stopped trading on {stopped_on:%d/%m/%Y}: order "
                    f"{order.reference} for {order.employee.full_name} has ended. Find the "
                    f"paying parent's new employer.{contact}{late}"
                ),
                source_reference=order.reference,
            )
        record_audit_event(
            acting_user=acting_user,
            action="employer.stopped_trading",
            obj=employer,
            stopped_on=stopped_on.isoformat(),
            orders_ended=len(orders),
            reported_in_time=reported_in_time,
            report=str(report.public_id),
        )
        return report

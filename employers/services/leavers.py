"""An employer reporting that the employee has left, or never worked there: the order
ends, the case's caseworker queue gets what the employer told us, and the paying
parent's case page shows that deductions stopped."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.services.queue import add_to_caseworker_queue
from cms_portal.audit import record_audit_event

from ..deadlines import report_by
from ..models import DeductionOrder, EndReason, LeaverKind, LeaverReport, OrderStatus
from .errors import EmployerRuleError

QUEUE_KIND = "deo_leaver"


def _queue_summary(order, report):
    """What the caseworker needs, in English (the queue is worked in English)."""
    if report.kind == LeaverKind.NOT_EMPLOYEE:
        text = (f"{order.employer.name} says {order.employee.full_name} does not work there "
                f"(order {order.reference}).")
    else:
        text = (f"{order.employee.full_name} left {order.employer.name} on {report.left_on:%d/%m/%Y} "
                f"(order {order.reference}).")
        if report.last_pay_date:
            text += f" Last deduction £{report.last_deduction or 0:,.2f} on {report.last_pay_date:%d/%m/%Y}."
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


def report_leaver(*, acting_user, order, kind, left_on=None, last_pay_date=None,
                  last_deduction=None, new_employer_name="", new_employer_address="", today=None):
    today = today or timezone.localdate()
    kind = LeaverKind(kind)
    with transaction.atomic():
        order = (DeductionOrder.objects.select_for_update(of=("self",))
                 .select_related("employer", "employee", "case").get(pk=order.pk))
        if order.status == OrderStatus.ENDED:
            raise EmployerRuleError(_("This order has already ended"))
        if kind == LeaverKind.LEFT:
            if left_on is None:
                raise EmployerRuleError(_("Enter the date they left"), field="left_on")
            if left_on > today:
                raise EmployerRuleError(_("The date they left must be today or in the past"),
                                        field="left_on")
            reported_in_time = today <= report_by(left_on)
        else:
            left_on = last_pay_date = last_deduction = None
            new_employer_name = new_employer_address = ""
            reported_in_time = today <= report_by(order.served_on)
        report = LeaverReport.objects.create(
            order=order, kind=kind, left_on=left_on, last_pay_date=last_pay_date,
            last_deduction=last_deduction, new_employer_name=new_employer_name.strip(),
            new_employer_address=new_employer_address.strip(), reported_in_time=reported_in_time,
            reported_by=acting_user,
        )
        order.status = OrderStatus.ENDED
        order.ended_on = left_on or today
        order.end_reason = EndReason.LEFT if kind == LeaverKind.LEFT else EndReason.NOT_EMPLOYEE
        order.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
        record_audit_event(acting_user=acting_user, action="deduction_order.leaver_reported",
                           obj=order, kind=str(kind), reported_in_time=reported_in_time,
                           leaver_report=str(report.public_id))
        add_to_caseworker_queue(acting_user=acting_user, case=order.case, kind=QUEUE_KIND,
                                summary=_queue_summary(order, report),
                                source_reference=order.reference)
        return report



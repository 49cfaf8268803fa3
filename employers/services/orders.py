"""Caseworkers issue, vary, suspend, resume and end Deduction from Earnings Orders (in
the admin). Issuing posts the enforcement charge to the case unless it is waived."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case, CaseStatus, Party, PartyRole, PaymentFrequency, ServiceType
from cms_portal.audit import record_audit_event

from ..deadlines import liable_from
from ..models import DeductionOrder, EndReason, OrderStatus
from ..rules import deduction_rules, scheduled_deduction_rate
from .errors import EmployerRuleError, user_or_none
from .messages import send_employer_message

ENFORCEMENT_CHARGE_KIND = "deo"


def _charge_key(order):
    return f"deo-charge:{order.public_id}"


def _post_enforcement_charge(*, acting_user, order):
    from payments.services import post_enforcement_charge

    post_enforcement_charge(
        acting_user=acting_user,
        case=order.case,
        kind=ENFORCEMENT_CHARGE_KIND,
        on_date=order.served_on,
        idempotency_key=_charge_key(order),
        deduction_order=order.reference,
    )


def check_case_can_have_order(case):
    """Raises EmployerRuleError unless an order can be issued on `case`; returns the
    paying party whose pay it is about."""
    if case.status != CaseStatus.OPEN:
        raise EmployerRuleError(_("The case is closed"), field="case")
    if case.service_type != ServiceType.COLLECT_AND_PAY:
        raise EmployerRuleError(
            _("An order can only be issued on a Collect and Pay case"), field="case"
        )
    employee = Party.objects.filter(case=case, role=PartyRole.PAYING).first()
    if employee is None:
        raise EmployerRuleError(_("The case has no paying parent"), field="case")
    return employee


# An order that is not ended still binds the employer; a suspended one may restart.
LIVE_STATUSES = (OrderStatus.ACTIVE, OrderStatus.SUSPENDED)


def check_served_on(served_on, today=None):
    if served_on > (today or timezone.localdate()):
        raise EmployerRuleError(
            _("The date the order was served must be today or in the past"), field="served_on"
        )


def check_no_live_order(case, employer, *, excluding=None):
    """One order at a time per case and employer: a second would take the money twice."""
    live = DeductionOrder.objects.filter(case=case, employer=employer, status__in=LIVE_STATUSES)
    if excluding is not None:
        live = live.exclude(pk=excluding.pk)
    existing = live.first()
    if existing is not None:
        raise EmployerRuleError(
            _(
                "This employer already has order %(reference)s for this case. Change or end that "
                "order instead"
            )
            % {"reference": existing.reference},
            field="case",
        )


def rate_from_schedule(case, pay_frequency, on_date):
    """The normal deduction rate the case's payment schedule in force on `on_date` asks
    for each pay period of `pay_frequency`, with the collection fee."""
    from payments.models import PaymentSchedule

    schedule = (
        PaymentSchedule.objects.filter(case=case, starts_on__lte=on_date)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on_date))
        .order_by("-starts_on")
        .prefetch_related("shares")
        .first()
    )
    if schedule is None:
        raise EmployerRuleError(
            _(
                "The case has no payment schedule to work the deduction rate out "
                "from. Make a decision first"
            ),
            field="case",
        )
    shares = [share.weekly_amount for share in schedule.shares.all()] or [schedule.weekly_amount]
    rate = scheduled_deduction_rate(shares, PaymentFrequency(pay_frequency), on_date)
    if rate <= 0:
        raise EmployerRuleError(
            _("The case’s payment schedule asks for nothing, so there is nothing to deduct"),
            field="case",
        )
    return rate


def issue_order(
    *,
    acting_user,
    employer,
    case,
    payroll_number,
    pay_frequency,
    served_on,
    normal_deduction_rate=None,
    charge_waived=False,
):
    """A new order on the case's paying parent. The normal deduction rate is worked out
    from the case's payment schedule unless given (orders moved from older records).
    `charge_waived` is for the orders the fees regulations do not charge for (e.g. a
    replacement after a change of employer)."""
    if normal_deduction_rate is not None and normal_deduction_rate <= 0:
        raise EmployerRuleError(
            _("The normal deduction rate must be more than £0"), field="normal_deduction_rate"
        )
    check_served_on(served_on)
    pay_frequency = PaymentFrequency(pay_frequency)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                case = Case.objects.select_for_update().get(pk=case.pk)
                employee = check_case_can_have_order(case)
                check_no_live_order(case, employer)
                if normal_deduction_rate is None:
                    normal_deduction_rate = rate_from_schedule(
                        case, pay_frequency, timezone.localdate()
                    )
                order = DeductionOrder.objects.create(
                    employer=employer,
                    case=case,
                    employee=employee,
                    payroll_number=payroll_number.strip(),
                    pay_frequency=pay_frequency,
                    normal_deduction_rate=normal_deduction_rate,
                    protected_earnings_proportion=deduction_rules(
                        served_on
                    ).protected_earnings_proportion,
                    served_on=served_on,
                    issued_by=user_or_none(acting_user),
                )
                record_audit_event(
                    acting_user=acting_user,
                    action="deduction_order.issued",
                    obj=order,
                    employer=employer.reference,
                    case=case.reference,
                    normal_deduction_rate=str(normal_deduction_rate),
                    pay_frequency=str(pay_frequency),
                    charge_waived=charge_waived,
                )
                if not charge_waived:
                    _post_enforcement_charge(acting_user=acting_user, order=order)
                send_employer_message(
                    acting_user=acting_user,
                    employer=employer,
                    notify_template="employers_order_issued",
                    subject=_("New Deduction from Earnings Order %(reference)s"),
                    body=_(
                        "We have sent you a Deduction from Earnings Order for %(name)s (payroll "
                        "number %(payroll)s). Deduct from the first pay day on or after "
                        "%(liable_from)s."
                    ),
                    params={
                        "reference": order.reference,
                        "name": employee.full_name,
                        "payroll": order.payroll_number,
                        "liable_from": liable_from(served_on),
                    },
                )
                return order
        except IntegrityError:
            # A random reference collided with an existing one: draw again.
            continue
    raise EmployerRuleError(_("Could not find a free order reference"))


def _locked(order):
    return DeductionOrder.objects.select_for_update().select_related("employer").get(pk=order.pk)


def check_order_can_change(order):
    if order.status == OrderStatus.ENDED:
        raise EmployerRuleError(
            _("Order %(reference)s has ended, so it cannot be changed. Issue a new order instead")
            % {"reference": order.reference}
        )


def vary_order(
    *,
    acting_user,
    order,
    normal_deduction_rate=None,
    pay_frequency=None,
    payroll_number=None,
    rate_from_case_schedule=False,
):
    """Change what the employer deducts or the payroll number. A new pay frequency, or
    `rate_from_case_schedule`, works the rate out again from the case's payment schedule
    unless a rate is given."""
    with transaction.atomic():
        order = _locked(order)
        check_order_can_change(order)
        new_frequency = pay_frequency is not None and pay_frequency != order.pay_frequency
        if normal_deduction_rate is None and (new_frequency or rate_from_case_schedule):
            normal_deduction_rate = rate_from_schedule(
                order.case, pay_frequency or order.pay_frequency, timezone.localdate()
            )
        changes = {}
        if (
            normal_deduction_rate is not None
            and normal_deduction_rate != order.normal_deduction_rate
        ):
            if normal_deduction_rate <= 0:
                raise EmployerRuleError(
                    _("The normal deduction rate must be more than £0"),
                    field="normal_deduction_rate",
                )
            changes["normal_deduction_rate"] = (
                str(order.normal_deduction_rate),
                str(normal_deduction_rate),
            )
            order.normal_deduction_rate = normal_deduction_rate
        if pay_frequency is not None and pay_frequency != order.pay_frequency:
            changes["pay_frequency"] = (order.pay_frequency, str(PaymentFrequency(pay_frequency)))
            order.pay_frequency = PaymentFrequency(pay_frequency)
        if payroll_number is not None and payroll_number.strip() != order.payroll_number:
            changes["payroll_number"] = (order.payroll_number, payroll_number.strip())
            order.payroll_number = payroll_number.strip()
        if not changes:
            return order
        order.save()
        record_audit_event(
            acting_user=acting_user,
            action="deduction_order.varied",
            obj=order,
            **{name: {"from": old, "to": new} for name, (old, new) in changes.items()},
        )
        if "normal_deduction_rate" in changes or "pay_frequency" in changes:
            send_employer_message(
                acting_user=acting_user,
                employer=order.employer,
                notify_template="employers_order_changed",
                subject=_("Order %(reference)s has changed"),
                body=_(
                    "The normal deduction rate for order %(reference)s is now %(rate)s "
                    "(%(frequency)s). Use it from the next pay day."
                ),
                params={
                    "reference": order.reference,
                    "rate": order.normal_deduction_rate,
                    "frequency": order.get_pay_frequency_display(),
                },
            )
        return order


def _set_status(
    *,
    acting_user,
    order,
    status,
    allowed_from,
    action,
    subject,
    body,
    end_reason=EndReason.CASEWORKER,
    ended_on=None,
    check=None,
):
    with transaction.atomic():
        order = _locked(order)
        if order.status not in allowed_from:
            raise EmployerRuleError(_("The order’s status does not allow this"))
        if check is not None:
            check(order)
        order.status = status
        if status == OrderStatus.ENDED:
            # Never before it was served: a backdated end would refuse every pay day.
            order.ended_on = max(ended_on or timezone.localdate(), order.served_on)
            order.end_reason = end_reason
        order.save()
        ending = (
            {"end_reason": str(end_reason), "ended_on": order.ended_on.isoformat()}
            if status == OrderStatus.ENDED
            else {}
        )
        record_audit_event(acting_user=acting_user, action=action, obj=order, **ending)
        send_employer_message(
            acting_user=acting_user,
            employer=order.employer,
            notify_template="employers_order_changed",
            subject=subject,
            body=body,
            params={"reference": order.reference},
        )
        return order


def suspend_order(*, acting_user, order):
    return _set_status(
        acting_user=acting_user,
        order=order,
        status=OrderStatus.SUSPENDED,
        allowed_from={OrderStatus.ACTIVE},
        action="deduction_order.suspended",
        subject=_("Order %(reference)s is suspended"),
        body=_("Stop deductions for order %(reference)s until we tell you to start again."),
    )


def resume_order(*, acting_user, order):
    return _set_status(
        acting_user=acting_user,
        order=order,
        status=OrderStatus.ACTIVE,
        allowed_from={OrderStatus.SUSPENDED},
        action="deduction_order.resumed",
        check=lambda locked: check_case_can_have_order(locked.case),
        subject=_("Order %(reference)s has restarted"),
        body=_("Start deductions for order %(reference)s again from the next pay day."),
    )


def end_order(*, acting_user, order, end_reason=EndReason.CASEWORKER, ended_on=None):
    return _set_status(
        acting_user=acting_user,
        order=order,
        status=OrderStatus.ENDED,
        allowed_from={OrderStatus.ACTIVE, OrderStatus.SUSPENDED},
        action="deduction_order.ended",
        end_reason=end_reason,
        ended_on=ended_on,
        subject=_("Order %(reference)s has ended"),
        body=_("Stop deductions for order %(reference)s. Send us any money already deducted."),
    )


def schedule_order_end(*, acting_user, order, ended_on, end_reason):
    """An active order ends on a later date (its case closes then). It stays active until
    then, so its pay days are still reported, paid and counted as the employer's, and the
    nightly job ends it on the day (end_orders_due)."""
    with transaction.atomic():
        order = _locked(order)
        if order.status != OrderStatus.ACTIVE:
            raise EmployerRuleError(_("The order’s status does not allow this"))
        if order.ended_on == ended_on and order.end_reason == end_reason:
            return order
        order.ended_on = max(ended_on, order.served_on)
        order.end_reason = end_reason
        order.save()
        record_audit_event(
            acting_user=acting_user,
            action="deduction_order.end_scheduled",
            obj=order,
            end_reason=str(end_reason),
            ended_on=order.ended_on.isoformat(),
        )
        send_employer_message(
            acting_user=acting_user,
            employer=order.employer,
            notify_template="employers_order_changed",
            subject=_("Order %(reference)s ends on %(date)s"),
            body=_(
                "Keep making deductions for order %(reference)s on pay days up to and "
                "including %(date)s, then stop. Pay us what you deduct as usual."
            ),
            params={"reference": order.reference, "date": order.ended_on},
        )
        return order


def _cancel_scheduled_end(*, acting_user, order):
    """A closed case opened again: its orders no longer end on the old closing date."""
    with transaction.atomic():
        order = _locked(order)
        if order.status != OrderStatus.ACTIVE or order.end_reason != EndReason.CASE_CLOSED:
            return order
        order.ended_on = None
        order.end_reason = ""
        order.save()
        record_audit_event(
            acting_user=acting_user, action="deduction_order.end_cancelled", obj=order
        )
        send_employer_message(
            acting_user=acting_user,
            employer=order.employer,
            notify_template="employers_order_changed",
            subject=_("Order %(reference)s no longer ends"),
            body=_("Keep making deductions for order %(reference)s as before."),
            params={"reference": order.reference},
        )
        return order


def end_orders_due(*, acting_user, on_date):
    """End the active orders whose end date has come (nightly; safe to run again). The
    employer was told when the date was set."""
    ended = []
    due = DeductionOrder.objects.filter(status=OrderStatus.ACTIVE, ended_on__lte=on_date)
    for order_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            order = DeductionOrder.objects.select_for_update().get(pk=order_id)
            if (
                order.status != OrderStatus.ACTIVE
                or order.ended_on is None
                or order.ended_on > on_date
            ):
                continue
            order.status = OrderStatus.ENDED
            order.save(update_fields=["status", "updated_at"])
            record_audit_event(
                acting_user=acting_user,
                action="deduction_order.ended",
                obj=order,
                end_reason=str(order.end_reason),
                ended_on=order.ended_on.isoformat(),
            )
            ended.append(order)
    return ended


def refresh_order_rate(*, acting_user, order):
    """Work the rate out again from the case's schedule (after a new decision)."""
    return vary_order(acting_user=acting_user, order=order, rate_from_case_schedule=True)


def orders_follow_case(*, acting_user, case):
    """A closed case ends its orders on its closing date (a later date is kept on the
    order, which stays active until then); a case moved to Direct Pay suspends them, because
    CMS no longer collects, but a move back to Collect and Pay can restart them. Each
    goes through the status services, so each is audited and the employer told."""
    live = list(DeductionOrder.objects.filter(case=case, status__in=LIVE_STATUSES))
    today = timezone.localdate()
    if case.status != CaseStatus.OPEN:
        for order in live:
            if case.closed_from and case.closed_from > today and order.is_active:
                # Closing on a later date: the pay days until then are still deducted.
                schedule_order_end(
                    acting_user=acting_user,
                    order=order,
                    ended_on=case.closed_from,
                    end_reason=EndReason.CASE_CLOSED,
                )
            else:
                end_order(
                    acting_user=acting_user,
                    order=order,
                    end_reason=EndReason.CASE_CLOSED,
                    ended_on=min(case.closed_from or today, today),
                )
        return live
    for order in live:
        if order.end_reason == EndReason.CASE_CLOSED:
            _cancel_scheduled_end(acting_user=acting_user, order=order)
    if case.service_type != ServiceType.COLLECT_AND_PAY:
        for order in live:
            if order.status == OrderStatus.ACTIVE:
                suspend_order(acting_user=acting_user, order=order)
    return live

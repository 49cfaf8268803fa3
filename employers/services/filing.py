"""Filing deduction returns: the one place that checks a batch of pay days against the
orders and works out each deduction with the rule, whether the figures came from the
single-order form, a schedule or an uploaded file.

A batch is planned first (nothing written), then filed in one transaction with the
orders locked. A pay day already filed with the same figures is skipped, so sending the
same thing twice changes nothing; with different figures it is a problem to fix."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calculation.money import ZERO
from cms_portal.formatting import govuk_date, money

from ..deadlines import liable_from
from ..models import DeductionOrder, DeductionReturn, OrderStatus
from ..presenters.rules import ADMIN_FEE_TOO_HIGH
from ..queries import orders_with_latest_return
from ..rules import (
    DeductionInputError,
    DeductionOutcome,
    deduction_rules,
    pay_dates_fit_frequency,
    work_out_deduction,
)

ADMIN_FEE_MESSAGES = {
    "admin_fee_too_high": ADMIN_FEE_TOO_HIGH,
    "admin_fee_without_deduction": _("You cannot take an admin fee when nothing is deducted"),
    "admin_fee_more_than_pay": _(
        "The admin fee must not be more than the pay left after the deduction"
    ),
}


# Two pay days in one pay period would take the normal rate twice.
TOO_CLOSE_MESSAGES = {
    "weekly": _(
        "Order %(reference)s is for an employee paid weekly and already has a pay date on "
        "%(date)s. Pay dates must be at least %(days)s days apart"
    ),
    "fortnightly": _(
        "Order %(reference)s is for an employee paid every 2 weeks and already has a pay "
        "date on %(date)s. Pay dates must be at least %(days)s days apart"
    ),
    "four_weekly": _(
        "Order %(reference)s is for an employee paid every 4 weeks and already has a pay "
        "date on %(date)s. Pay dates must be at least %(days)s days apart"
    ),
    "monthly": _(
        "Order %(reference)s is for an employee paid monthly and already has a pay date on "
        "%(date)s. Pay dates must be at least %(days)s days apart. If that pay date was "
        "wrong, correct its return instead"
    ),
}


@dataclass(frozen=True, slots=True)
class ReturnEntry:
    # What a problem is reported against: a row number, or the order's reference.
    key: object
    order: DeductionOrder
    pay_date: date
    net_earnings: Decimal
    admin_fee: Decimal = ZERO
    # Only when the employer told us what their payroll deducted; checked, not trusted.
    amount_deducted: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PlannedReturn:
    entry: ReturnEntry
    outcome: DeductionOutcome | None
    already_filed: bool = False


@dataclass(frozen=True, slots=True)
class FilingProblem:
    key: Any
    field: str
    message: str


@dataclass
class FilingPlan:
    planned: list[PlannedReturn] = field(default_factory=list)
    problems: list[FilingProblem] = field(default_factory=list)

    def problem(self, key, field_name, message):
        self.problems.append(FilingProblem(key, field_name, str(message)))

    @property
    def new_returns(self):
        return [item for item in self.planned if not item.already_filed]

    @property
    def already_filed(self):
        return [item for item in self.planned if item.already_filed]

    @property
    def total_deducted(self):
        return sum((item.outcome.amount_deducted for item in self.new_returns), ZERO)

    @property
    def total_admin_fees(self):
        return sum((item.outcome.admin_fee for item in self.new_returns), ZERO)


class ReturnProblems(Exception):
    """Raised inside the filing transaction so nothing is saved."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problems")


def filed_returns(employer, entries):
    """Returns already filed for the orders and pay dates of `entries`."""
    pay_dates = {entry.pay_date for entry in entries}
    order_ids = {entry.order.pk for entry in entries}
    found = {}
    for filed in DeductionReturn.objects.filter(employer=employer, pay_date__in=pay_dates).only(
        "order_id",
        "pay_date",
        "net_earnings",
        "admin_fee",
        "amount_deducted",
        "shortfall_carried_forward",
    ):
        if filed.order_id in order_ids:
            found[(filed.order_id, filed.pay_date)] = filed
    return found


def _is_same(filed, entry):
    return (
        filed.net_earnings == entry.net_earnings
        and filed.admin_fee == entry.admin_fee
        and entry.amount_deducted in (None, filed.amount_deducted)
    )


def _check_order(plan, entry, today):
    order = entry.order
    if order.status == OrderStatus.ENDED and (
        order.ended_on is None or entry.pay_date > order.ended_on
    ):
        # Pay days up to the end (a leaver's last pay) are still reported and paid.
        plan.problem(
            entry.key,
            "pay_date",
            _("Order %(reference)s ended on %(date)s. Only report pay dates on or before then")
            % {"reference": order.reference, "date": govuk_date(order.ended_on or today)},
        )
    elif order.ended_on is not None and entry.pay_date > order.ended_on:
        # Still active, but only until its end date (the case closes then).
        plan.problem(
            entry.key,
            "pay_date",
            _("Order %(reference)s ends on %(date)s. Only report pay dates on or before then")
            % {"reference": order.reference, "date": govuk_date(order.ended_on)},
        )
    elif order.status == OrderStatus.SUSPENDED:
        plan.problem(
            entry.key,
            "order_reference",
            _(
                "Order %(reference)s is suspended. Do not make deductions until we tell you to "
                "start again"
            )
            % {"reference": order.reference},
        )
    elif entry.pay_date > today:
        plan.problem(entry.key, "pay_date", _("The pay date must be today or in the past"))
    elif entry.pay_date < liable_from(order.served_on):
        plan.problem(
            entry.key,
            "pay_date",
            _(
                "The pay date must be on or after %(date)s, the date order %(reference)s says "
                "to deduct "
                "from"
            )
            % {"date": govuk_date(liable_from(order.served_on)), "reference": order.reference},
        )
    else:
        return True
    return False


def _work_out(plan, entry, shortfall):
    arguments = {
        "net_earnings": entry.net_earnings,
        "normal_rate": entry.order.normal_deduction_rate,
        "shortfall_brought_forward": shortfall,
        "pay_date": entry.pay_date,
    }
    try:
        return work_out_deduction(admin_fee=entry.admin_fee, **arguments)
    except DeductionInputError as error:
        plan.problem(entry.key, "admin_fee", ADMIN_FEE_MESSAGES[error.code])
        # Keep the shortfall chain going so later pay days are still checked.
        return work_out_deduction(**arguments)


def plan_returns(entries, *, filed, today) -> FilingPlan:
    """Check every entry and work out its deduction. Nothing is written."""
    plan = FilingPlan()
    first_key = {}
    by_order = defaultdict(list)
    for entry in entries:
        if not _check_order(plan, entry, today):
            continue
        pair = (entry.order.pk, entry.pay_date)
        if pair in first_key:
            plan.problem(
                entry.key, "pay_date", _("This order and pay date are given more than once")
            )
            continue
        first_key[pair] = entry.key
        by_order[entry.order.pk].append(entry)

    for order_entries in by_order.values():
        order_entries.sort(key=lambda item: item.pay_date)
        order = order_entries[0].order
        shortfall = order.latest_shortfall if order.latest_shortfall is not None else ZERO
        latest = order.latest_pay_date
        for entry in order_entries:
            already = filed.get((order.pk, entry.pay_date))
            if already is not None:
                if _is_same(already, entry):
                    plan.planned.append(PlannedReturn(entry, None, already_filed=True))
                else:
                    plan.problem(
                        entry.key,
                        "pay_date",
                        _(
                            "A return for %(date)s has already been sent for this order with "
                            "different "
                            "figures. To change it, correct that return from the order’s page"
                        )
                        % {"date": govuk_date(entry.pay_date)},
                    )
                continue
            if latest is not None and entry.pay_date < latest:
                plan.problem(
                    entry.key,
                    "pay_date",
                    _(
                        "A return for a later pay date (%(date)s) has already been sent for "
                        "this order. "
                        "Send us a message to correct an earlier one"
                    )
                    % {"date": govuk_date(latest)},
                )
                continue
            if latest is not None and not pay_dates_fit_frequency(
                order.pay_frequency, latest, entry.pay_date
            ):
                plan.problem(
                    entry.key,
                    "pay_date",
                    TOO_CLOSE_MESSAGES[str(order.pay_frequency)]
                    % {
                        "date": govuk_date(latest),
                        "reference": order.reference,
                        "days": deduction_rules(entry.pay_date).shortest_pay_gap_days[
                            str(order.pay_frequency)
                        ],
                    },
                )
                continue
            outcome = _work_out(plan, entry, shortfall)
            if (
                entry.amount_deducted is not None
                and entry.amount_deducted != outcome.amount_deducted
            ):
                plan.problem(
                    entry.key,
                    "amount_deducted",
                    _("The order says to deduct %(expected)s on this pay date, not %(given)s")
                    % {
                        "expected": money(outcome.amount_deducted),
                        "given": money(entry.amount_deducted),
                    },
                )
            plan.planned.append(PlannedReturn(entry, outcome))
            shortfall = outcome.shortfall_carried_forward
            latest = entry.pay_date
    return plan


def return_values(plan, *, employer, source, acting_user, upload=None):
    """The field values of a DeductionReturn for each new entry of a checked plan, all
    stamped with one time so the returns filed together can be shown together."""
    filed_at = timezone.now()
    filed_by_id = (
        getattr(acting_user, "pk", None)
        if getattr(acting_user, "is_authenticated", False)
        else None
    )
    upload_id = upload.pk if upload is not None else None
    return [
        {
            "public_id": uuid.uuid4(),
            "order_id": item.entry.order.pk,
            "employer_id": employer.pk,
            "pay_date": item.entry.pay_date,
            "net_earnings": item.outcome.net_earnings,
            "normal_rate": item.outcome.normal_rate,
            "shortfall_brought_forward": item.outcome.shortfall_brought_forward,
            "protected_earnings": item.outcome.protected_earnings,
            "amount_deducted": item.outcome.amount_deducted,
            "shortfall_carried_forward": item.outcome.shortfall_carried_forward,
            "admin_fee": item.outcome.admin_fee,
            "source": str(source),
            "upload_id": upload_id,
            "remittance_id": None,
            "filed_by_id": filed_by_id,
            "filed_at": filed_at,
        }
        for item in plan.new_returns
    ]


def build_returns(plan, **options):
    """Unsaved DeductionReturn objects for a checked plan (see return_values)."""
    return [DeductionReturn(**values) for values in return_values(plan, **options)]


@dataclass(frozen=True, slots=True)
class OrderState:
    """What planning needs to know about an order, without building a model for each of
    thousands of rows in a file."""

    pk: int
    reference: str
    payroll_number: str
    status: str
    pay_frequency: str
    served_on: date
    ended_on: date | None
    normal_deduction_rate: Decimal
    latest_pay_date: date | None
    latest_shortfall: Decimal | None


ORDER_STATE_FIELDS = (
    "pk",
    "reference",
    "payroll_number",
    "status",
    "pay_frequency",
    "served_on",
    "ended_on",
    "normal_deduction_rate",
    "latest_pay_date",
    "latest_shortfall",
)


def locked_order_states(employer, references):
    """OrderState for each of the employer's orders with these references, locked."""
    queryset = (
        orders_with_latest_return(
            DeductionOrder.objects.filter(employer=employer, reference__in=references)
        )
        .select_for_update(of=("self",))
        .values_list(*ORDER_STATE_FIELDS)
    )
    return {state.reference: state for state in (OrderState(*row) for row in queryset)}


def lockable_orders(employer):
    """The employer's orders, ready to lock (only the order rows) and plan against."""
    return orders_with_latest_return(
        DeductionOrder.objects.filter(employer=employer).select_related("employee")
    )

"""Listening to the cases area: orders follow their case (closed, Direct Pay) and a new
decision's schedule, inside the case's own transaction."""

from django.dispatch import receiver

from cases.signals import case_changed, decision_made, decisions_made

from .models import DeductionOrder, OrderStatus
from .services.errors import EmployerRuleError
from .services.orders import orders_follow_case, refresh_order_rate


@receiver(case_changed, dispatch_uid="employers.orders_follow_case")
def orders_follow_case_change(sender, case, acting_user=None, **kwargs):
    orders_follow_case(acting_user=acting_user, case=case)


@receiver(decision_made, dispatch_uid="employers.rate_from_new_decision")
def rate_from_new_decision(sender, decision, acting_user=None, **kwargs):
    # Connected after the payments receiver (app order), so the new schedule exists.
    _refresh_rates(acting_user, DeductionOrder.objects.filter(case=decision.case))


@receiver(decisions_made, dispatch_uid="employers.rates_from_new_decisions")
def rates_from_new_decisions(sender, decisions, acting_user=None, **kwargs):
    cases = [decision.case_id for decision in decisions]
    _refresh_rates(acting_user, DeductionOrder.objects.filter(case_id__in=cases).order_by("id"))


def _refresh_rates(acting_user, orders):
    for order in orders.filter(status=OrderStatus.ACTIVE):
        try:
            refresh_order_rate(acting_user=acting_user, order=order)
        except EmployerRuleError:
            # A schedule that asks for nothing leaves the order for a caseworker to end;
            # the decision itself must still stand.
            continue

"""Listening to the cases area: every decision makes (or replaces) the payment schedule,
and a closed case ends it, each inside the cases area's own transaction so the two
commit or roll back together."""

from django.dispatch import receiver

from cases.signals import case_closed, decision_made

from .services import end_liability_on_closure, make_schedule_from_decision


@receiver(decision_made, dispatch_uid="payments.schedule_from_decision")
def schedule_from_decision(sender, decision, acting_user=None, **kwargs):
    make_schedule_from_decision(acting_user=acting_user, decision=decision)


@receiver(case_closed, dispatch_uid="payments.end_liability_on_closure")
def liability_ends_with_case(sender, case, effective_date, acting_user=None, **kwargs):
    end_liability_on_closure(acting_user=acting_user, case=case, closing_date=effective_date)

"""Listening to the cases area: every decision makes (or replaces) the payment schedule,
inside the decision's own transaction so the two commit or roll back together."""

from django.dispatch import receiver

from cases.signals import decision_made

from .services import make_schedule_from_decision


@receiver(decision_made, dispatch_uid="payments.schedule_from_decision")
def schedule_from_decision(sender, decision, acting_user=None, **kwargs):
    make_schedule_from_decision(acting_user=acting_user, decision=decision)

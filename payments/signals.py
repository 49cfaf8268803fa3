"""Listening to the cases area: every decision makes (or replaces) the payment schedule,
and a closed case ends it, each inside the cases area's own transaction so the two
commit or roll back together.

Also the signals payments send for the apps above it (the alerts app listens):
- `receipt_recorded`: a paying parent's payment reached the ledger; sent inside the
  receipt's transaction with `receipt=` (a replayed idempotency key sends nothing).
- `money_passed_on`: receiving parents were paid; sent by a task after the nightly
  pass-on commits, with `disbursements=` (a list), so the job's queries stay fixed."""

from django.dispatch import Signal, receiver

from cases.signals import case_closed, decision_made, decisions_made

receipt_recorded = Signal()
money_passed_on = Signal()


@receiver(decision_made, dispatch_uid="payments.schedule_from_decision")
def schedule_from_decision(sender, decision, acting_user=None, **kwargs):
    # Imported here: the services send this module's signals.
    from .services import make_schedule_from_decision

    make_schedule_from_decision(acting_user=acting_user, decision=decision)


@receiver(decisions_made, dispatch_uid="payments.schedules_from_decisions")
def schedules_from_decisions(sender, decisions, acting_user=None, **kwargs):
    from .services.schedules import make_schedules_from_decisions

    make_schedules_from_decisions(acting_user=acting_user, decisions=decisions)


@receiver(case_closed, dispatch_uid="payments.end_liability_on_closure")
def liability_ends_with_case(sender, case, effective_date, acting_user=None, **kwargs):
    from .services import end_liability_on_closure

    end_liability_on_closure(acting_user=acting_user, case=case, closing_date=effective_date)

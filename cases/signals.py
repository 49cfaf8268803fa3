"""Signals other areas listen to.

`decision_made` is sent inside the make-decision transaction with `decision=` and
`acting_user=`, so a receiver's writes (e.g. the payment schedule) commit or roll back
with the decision itself."""

from django.dispatch import Signal

decision_made = Signal()

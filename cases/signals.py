"""Signals other areas listen to.

`decision_made` is sent inside the make-decision transaction with `decision=`,
`acting_user=` and `notify=` (False when the parties are told another way, such as a
caseworker's letter), so a receiver's writes (e.g. the payment schedule) commit or roll
back with the decision itself."""

from django.dispatch import Signal

decision_made = Signal()

# Sent inside a batch job's transaction with `decisions=` (a list, one for each case, all
# saved) and `acting_user=`, for decisions the job tells the parties of itself; receivers
# do for all of them what they do for `decision_made`, in a few statements.
decisions_made = Signal()

# Sent inside the update-case transaction with `case=`, `changed=` (field names) and
# `acting_user=` when a case's status or service type changes.
case_changed = Signal()

# Sent inside the confirm-closure transaction, after the status has changed, with
# `case=`, `effective_date=` (the first day nothing more falls due) and `acting_user=`.
case_closed = Signal()

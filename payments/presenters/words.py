"""What each kind of entry, payment method and enforcement action is called on a page.
Parents never see caseworkers' reasons or notes."""

from decimal import Decimal

from django.utils.translation import gettext as _

from calculation.fees import collection_fee_rates

from ..models import EnforcementKind, EntryKind, ReceiptMethod


def percent(rate):
    """0.20 -> '20%'."""
    return f"{(rate * 100).normalize():f}%"


def paying_fee_rate(on_date):
    schedule = collection_fee_rates(on_date)
    return percent(schedule.paying_parent_rate) if schedule else percent(Decimal(0))


def receiving_fee_rate(on_date):
    schedule = collection_fee_rates(on_date)
    return percent(schedule.receiving_parent_rate) if schedule else percent(Decimal(0))


def method_name(method):
    return str(ReceiptMethod(method).label)


def enforcement_name(kind):
    return str(EnforcementKind(kind).label)


def entry_description(entry, *, paying):
    """One line for a statement. `paying`: the reader is the paying parent (who may see
    how they paid); a receiving parent sees only what happened to their money."""
    kind = entry.kind
    if kind == EntryKind.MAINTENANCE_DUE:
        return _("Child maintenance due")
    if kind == EntryKind.PAYING_PARENT_FEE:
        schedule = collection_fee_rates(entry.effective_date)
        if schedule is not None and schedule.non_compliant_paying_parent_rate is not None:
            # The reform's rate depends on whether the parent paid on time: no rate named.
            return _("Collection fee")
        return _("Collection fee (%(rate)s)") % {"rate": paying_fee_rate(entry.effective_date)}
    if kind == EntryKind.ENFORCEMENT_CHARGE:
        action = entry.enforcement_action
        if action is None:
            return _("Enforcement charge")
        return _("Enforcement charge: %(action)s") % {"action": enforcement_name(action.kind)}
    if kind == EntryKind.PAYMENT_RECEIVED:
        if paying and entry.receipt:
            return _("Payment received: %(method)s") % {"method": method_name(entry.receipt.method)}
        return _("Payment received")
    if kind == EntryKind.MAINTENANCE_COLLECTED:
        return _("Child maintenance collected for you")
    if kind == EntryKind.RECEIVING_PARENT_FEE:
        return _("Collection fee (%(rate)s)") % {"rate": receiving_fee_rate(entry.effective_date)}
    if kind == EntryKind.PASSED_ON:
        return _("Paid into your bank account")
    if kind == EntryKind.REVERSAL and entry.reverses is not None:
        return _("Correction: %(what)s cancelled") % {
            "what": entry_description(entry.reverses, paying=paying)
        }
    return _("Correction")

"""How money, rates and dates are written on pages: £1,234.56, 20% and 5 March 2026
(Welsh month names when Welsh is active)."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy, pgettext

from calculation.fees import collection_fee_rates

PENNY = Decimal("0.01")

# Django's own Welsh catalogue spells July "Gorffenaf". Naming the month here puts it in
# ours, which Django reads first, with the right spelling, "Gorffennaf".
_JULY = gettext_lazy("July")


def money(value, *, pence=True):
    if value is None or value == "":
        return ""
    amount = Decimal(str(value)).quantize(PENNY, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}" if pence else f"{sign}£{abs(amount):,.0f}"


def money_as_stated(value):
    """A rule's amount as a sentence states it: £1 when whole, £2.30 when not."""
    amount = Decimal(str(value))
    return money(amount, pence=amount != amount.to_integral_value())


def percent(fraction):
    """A rule's fraction as a page writes it: 0.20 -> '20%', 0.025 -> '2.5%'."""
    return f"{(Decimal(str(fraction)) * 100).normalize():f}%"


def govuk_date(value):
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    # Django's "j F Y", written directly: tables format a date in every row, and the
    # general formatter costs several times this.
    return f"{value.day} {MONTHS[value.month]} {value.year:04d}"


def govuk_datetime(value):
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    hour = local.strftime("%I").lstrip("0") or "12"
    # Not strftime's %p, which is English whatever the language: Welsh writes yb and yh.
    suffix = pgettext("time of day", "am") if local.hour < 12 else pgettext("time of day", "pm")
    return f"{govuk_date(local)}, {hour}:{local:%M}{suffix}"


def collection_fee_figures(on_date):
    """The Collect and Pay fees in force on `on_date` (calculation/fees.py) as pages state
    them, for `%(paying_fee)s` and `%(receiving_fee)s` in a sentence."""
    schedule = collection_fee_rates(on_date)
    if schedule is None:
        return {"paying_fee": percent(0), "receiving_fee": percent(0)}
    return {
        "paying_fee": percent(schedule.paying_parent_rate),
        "receiving_fee": percent(schedule.receiving_parent_rate),
    }

"""Template helpers: radio and date items for forms."""

from .presenters.common import date_items, radio_items
from .presenters.payments import month_name

GLOBALS = {
    "employers_radio_items": radio_items,
    "employers_date_items": date_items,
    "employers_month_name": month_name,
}

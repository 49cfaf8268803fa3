"""Template helpers: the case page's deductions fragment, and radio items for forms."""

from .presenters.case import case_deductions
from .presenters.common import date_items, radio_items
from .presenters.payments import month_name

GLOBALS = {
    "employers_case_deductions": case_deductions,
    "employers_radio_items": radio_items,
    "employers_date_items": date_items,
    "employers_month_name": month_name,
}

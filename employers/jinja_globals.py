"""Template helpers for employer pages and emails."""

from .presenters.payments import month_name

GLOBALS = {
    "employers_month_name": month_name,
}

"""Ages for the rules (month arithmetic is in cms_portal.core.months)."""

from datetime import date


def age_on(born: date, on_date: date) -> int:
    return on_date.year - born.year - ((on_date.month, on_date.day) < (born.month, born.day))

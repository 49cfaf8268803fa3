"""The portal's one reader of amounts and dates as people type them or payroll software
exports them, the same way in web forms, uploaded files and bank statements: "1234.56",
"1,234.56" and "£1,234.56" are amounts; "2026-03-31" and "31/03/2026" are dates."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

# The largest amount a DecimalField(max_digits=12, decimal_places=2) holds.
MAXIMUM_AMOUNT = Decimal("9999999999.99")

_AMOUNT = re.compile(r"£?(?P<pounds>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<pence>\d{1,2}))?")
_TOO_PRECISE = re.compile(r"£?[\d,]*\.\d{3,}")
_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
_UK_DATE = re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})")


class ValueProblem(ValueError):
    """`code` is one of the codes below; forms and the upload word their own message."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(code)


def parse_amount(text: str) -> Decimal:
    """An amount of money in pounds, or ValueProblem with code "blank", "negative",
    "too_precise", "too_large" or "invalid"."""
    cleaned = (text or "").strip()
    if cleaned.startswith("£"):
        cleaned = "£" + cleaned[1:].lstrip()
    if not cleaned:
        raise ValueProblem("blank")
    if cleaned.startswith(("-", "(", "£-", "-£")):
        raise ValueProblem("negative")
    if _TOO_PRECISE.fullmatch(cleaned):
        raise ValueProblem("too_precise")
    match = _AMOUNT.fullmatch(cleaned)
    if not match:
        raise ValueProblem("invalid")
    amount = Decimal(match["pounds"].replace(",", "") + "." + (match["pence"] or "0").ljust(2, "0"))
    if amount > MAXIMUM_AMOUNT:
        raise ValueProblem("too_large")
    return amount


def parse_date(text: str) -> date:
    """A date as YYYY-MM-DD or DD/MM/YYYY, or ValueProblem with code "blank" or "invalid"."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise ValueProblem("blank")
    match = _ISO_DATE.fullmatch(cleaned) or _UK_DATE.fullmatch(cleaned)
    if not match:
        raise ValueProblem("invalid")
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise ValueProblem("invalid") from None

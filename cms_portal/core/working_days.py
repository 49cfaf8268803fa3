"""Working days in the parts of the UK: Monday to Friday, except that division's bank
holidays (GOV.UK's lists, as shipped in the govuk-bank-holidays package; read offline,
never downloaded while a page is drawn).

Divisions: England and Wales share one list; Scotland and Northern Ireland have their own
(Scotland keeps 2 January and St Andrew's Day, has no Easter Monday and has its summer
bank holiday on the first Monday of August, not the last).

Coverage: the shipped lists run to the end of a known year (`covered_until`). For a day
after that we count weekends only and log a warning, rather than refuse: a deadline
counted without holidays is never later than the true one, so a parent is never promised
a later date than the real rule gives, and no page fails because the package is old.
Upgrading the package (it is pinned) brings the next years in.

The division of a parent comes from their postcode (`division_for_postcode`): parties
hold no country, and a postcode's area says which part of the UK it is in, with the
few border districts noted there. No postcode, or one we cannot place, means England
and Wales, where most cases are."""

import logging
import re
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

SATURDAY = 5


class Division(StrEnum):
    # The values are the package's (and GOV.UK's) names for the lists.
    ENGLAND_AND_WALES = "england-and-wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"


DIVISION_CHOICES = [
    (Division.ENGLAND_AND_WALES.value, _("England and Wales")),
    (Division.SCOTLAND.value, _("Scotland")),
    (Division.NORTHERN_IRELAND.value, _("Northern Ireland")),
]


# Postcode areas in Scotland (Royal Mail). TD and DG straddle the border: the TD15
# district (Berwick-upon-Tweed) is in England; the rest of TD and all of DG are taken as
# Scotland. BT is Northern Ireland.
_SCOTTISH_AREAS = frozenset(
    {"AB", "DD", "DG", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "TD", "ZE"}
)
_ENGLISH_DISTRICTS_IN_SCOTTISH_AREAS = frozenset({"TD15"})
_OUTWARD = re.compile(r"^([A-Z]{1,2})(\d[A-Z\d]?)")


def division_for_postcode(postcode: str | None) -> Division:
    code = "".join(str(postcode or "").upper().split())
    match = _OUTWARD.match(code)
    if not match:
        return Division.ENGLAND_AND_WALES
    area = match.group(1)
    if area == "BT":
        return Division.NORTHERN_IRELAND
    # The outward code (the district) is all but the last three characters.
    district = code[:-3] if len(code) >= 5 else code
    if area in _SCOTTISH_AREAS and district not in _ENGLISH_DISTRICTS_IN_SCOTTISH_AREAS:
        return Division.SCOTLAND
    return Division.ENGLAND_AND_WALES


@cache
def _holidays() -> dict[str, frozenset[date]]:
    from govuk_bank_holidays.bank_holidays import BankHolidays

    calendar = BankHolidays(use_cached_holidays=True)
    return {
        division.value: frozenset(item["date"] for item in calendar.get_holidays(division.value))
        for division in Division
    }


def bank_holidays(division: Division | str) -> frozenset[date]:
    return _holidays()[Division(division).value]


def covered_until(division: Division | str = Division.ENGLAND_AND_WALES) -> date:
    """The last day the shipped list answers for: 31 December of its last year."""
    return date(max(bank_holidays(division)).year, 12, 31)


def is_working_day(day: date, division: Division | str = Division.ENGLAND_AND_WALES) -> bool:
    if day.weekday() >= SATURDAY:
        return False
    if day > covered_until(division):
        logger.warning(
            "No bank holiday data for %s after %s: counting weekends only",
            Division(division).value,
            covered_until(division).isoformat(),
        )
        return True
    return day not in bank_holidays(division)


def add_working_days(
    start: date, days: int, division: Division | str = Division.ENGLAND_AND_WALES
) -> date:
    """The day `days` working days after `start` (the start day itself is not counted:
    something received on a Friday with 2 working days is due on Tuesday)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day, division):
            counted += 1
    return day

"""Current income from RTI pay periods, as a weekly figure (pure Python).

How many periods: the latest ones that together reach back at least WINDOW_DAYS, the
shortest three calendar months (so 13 weekly, 7 fortnightly, 4 four-weekly or 3 monthly
periods). SI 2012/2677
reg 23 acts on a change only when it is 25% or more, and reg 22's periodic check looks at
income as it now stands: a quarter is recent enough to be current, yet long enough that
one bonus, one short month or one week of overtime cannot cross the 25% line alone.

Annualising: the income of those periods (gross pay less the pension contributions
deducted, as with historic income) over the days they cover, times 365, is the year's
income; a week's is that divided by 365 and multiplied by 7 (the same weekly rule as the
HMRC historic figure, regs 35-36)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

WINDOW_DAYS = 89
PENNY = Decimal("0.01")


@dataclass(frozen=True)
class PayPeriod:
    start: date
    end: date
    gross_pay: Decimal
    pension_contributions: Decimal

    @property
    def income(self):
        return self.gross_pay - self.pension_contributions


@dataclass(frozen=True)
class CurrentIncome:
    weekly: Decimal
    annual: Decimal
    through: date
    periods: int
    days: int
    # Periods that overlap (two employers) or leave gaps: a person decides the figure.
    regular: bool


def current_income(periods):
    """The weekly current income from the latest periods, or None when the periods we
    hold do not yet reach back WINDOW_DAYS."""
    ordered = sorted(periods, key=lambda period: (period.end, period.start), reverse=True)
    if not ordered:
        return None
    through = ordered[0].end
    reach = through - timedelta(days=WINDOW_DAYS - 1)
    used = []
    for period in ordered:
        used.append(period)
        if min(p.start for p in used) <= reach:
            break
    else:
        return None
    earliest = min(period.start for period in used)
    days = (through - earliest).days + 1
    total = sum((period.income for period in used), Decimal("0"))
    annual = (total * 365 / days).quantize(PENNY, rounding=ROUND_HALF_UP)
    weekly = (total * 7 / days).quantize(PENNY, rounding=ROUND_HALF_UP)
    return CurrentIncome(
        weekly=weekly,
        annual=annual,
        through=through,
        periods=len(used),
        days=days,
        regular=_contiguous(used),
    )


def _contiguous(used):
    """Each period starts the day after the one before ends: no overlap, no gap."""
    chronological = sorted(used, key=lambda period: period.start)
    return all(
        later.start == earlier.end + timedelta(days=1)
        for earlier, later in zip(chronological, chronological[1:], strict=False)
    )

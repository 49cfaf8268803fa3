"""Rules of running a case (docs/rules.md §4) as plain functions, named where they apply."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from calculation.dated import DatedTable
from calculation.journey import weekly_income
from cms_portal.core.months import add_months
from cms_portal.core.working_days import add_working_days, division_for_postcode

# Gross income for a week from an amount a week, a month or a year: the calculator's
# own, so the two cannot differ (an unknown period is refused).
weekly_from = weekly_income


def income_change_fraction(decision_income: Decimal, new_income: Decimal) -> Decimal | None:
    """How far the new income is from the decision's, as a fraction (None from zero)."""
    if decision_income == 0:
        return None
    return abs(new_income - decision_income) / decision_income


@dataclass(frozen=True)
class IncomeChangeThreshold:
    effective_from: date | None
    fraction: Decimal


# The 2012 Regulations (SI 2012/2677), reg 23: a reported change of current income is acted
# on only when it differs from the income in the decision by this fraction or more
# (docs/rules.md §4). In force with the 2012 scheme (10 December 2012).
INCOME_CHANGE_THRESHOLDS = DatedTable(
    "income change threshold",
    [
        IncomeChangeThreshold(effective_from=date(2012, 12, 10), fraction=Decimal("0.25")),
    ],
)


def income_change_threshold(on_date: date) -> Decimal:
    return INCOME_CHANGE_THRESHOLDS.on(on_date).fraction


def income_change_needs_new_decision(
    decision_income: Decimal, new_income: Decimal, on_date: date
) -> bool:
    """The 25% rule: exactly 25% counts. From a zero income any income at all counts."""
    if decision_income == 0:
        return new_income != 0
    threshold = income_change_threshold(on_date)
    return abs(new_income - decision_income) >= decision_income * threshold


def percent_for_display(fraction: Decimal | None) -> Decimal | None:
    if fraction is None:
        return None
    return (fraction * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class RevisionPeriod:
    effective_from: date | None
    days: int


# Child Support Maintenance Calculation Regulations 2012 (SI 2012/2677), reg 14(1): a
# decision may be revised on any grounds when the application is made "within 30 days of
# the date of notification of the decision". Later applications are late (reg 15) and
# need a reason. In force with the 2012 scheme (10 December 2012).
REVISION_PERIODS = DatedTable(
    "revision period",
    [
        RevisionPeriod(effective_from=date(2012, 12, 10), days=30),
    ],
)


@dataclass(frozen=True)
class FalseInformationFine:
    effective_from: date | None
    maximum: Decimal


# Child Support Act 1991 s14A: knowingly giving false information when asked for it is an
# offence with a fine of up to level 3 on the standard scale (£1,000). Entered with the
# 2012 scheme's tables, as the employer's information offence is (employers/rules.py).
FALSE_INFORMATION_FINES = DatedTable(
    "false information fine",
    [
        FalseInformationFine(effective_from=date(2012, 12, 10), maximum=Decimal("1000.00")),
    ],
)


def false_information_fine(on_date: date) -> Decimal:
    return FALSE_INFORMATION_FINES.on(on_date).maximum


def revision_days(on_date: date) -> int:
    return REVISION_PERIODS.on(on_date).days


def challenge_deadline(notified_on: date) -> date:
    """The last day to ask for a decision notified on `notified_on` to be looked at
    again (mandatory reconsideration) without giving a reason for being late."""
    return notified_on + timedelta(days=revision_days(notified_on))


@dataclass(frozen=True)
class MessageReplyStandard:
    effective_from: date | None
    working_days: int


# Our service standard for answering a parent's secure message: a reply within this many
# working days of their last message (in their part of the UK), shown on the message page.
MESSAGE_REPLY_STANDARDS = DatedTable(
    "message reply standard",
    [MessageReplyStandard(effective_from=date(2012, 12, 10), working_days=10)],
)


def message_reply_by(sent_on: date, postcode: str) -> date:
    """The day we aim to reply by to a message the parent sent on `sent_on`."""
    days = MESSAGE_REPLY_STANDARDS.on(sent_on).working_days
    return add_working_days(sent_on, days, division_for_postcode(postcode))


@dataclass(frozen=True)
class ClosingDateLimits:
    effective_from: date | None
    # How many days before the day a parent asks the closing date may be: none, because
    # maintenance that fell due before we were told stays owed (decided for this service,
    # docs/rules.md §4).
    days_back: int
    # How far ahead a parent may ask for it: about three months, so a closure agreed now
    # does not wait on the case for long (decided for this service).
    days_ahead: int


CLOSING_DATE_LIMITS = DatedTable(
    "closing date limits",
    [
        ClosingDateLimits(effective_from=date(2012, 12, 10), days_back=0, days_ahead=92),
    ],
)


def closing_date_window(asked_on: date) -> tuple[date, date]:
    """The first and last dates a parent asking on `asked_on` may ask to close from."""
    limits = CLOSING_DATE_LIMITS.on(asked_on)
    return asked_on - timedelta(days=limits.days_back), asked_on + timedelta(days=limits.days_ahead)


@dataclass(frozen=True)
class ReviewInterval:
    effective_from: date | None
    months: int


# 2012 Regulations reg 19 (annual review): the first review is 12 months after the
# initial effective date, then the same date every year (docs/rules.md §4).
REVIEW_INTERVALS = DatedTable(
    "annual review interval",
    [
        ReviewInterval(effective_from=date(2012, 12, 10), months=12),
    ],
)


def review_on_or_after(initial_effective_date: date, today: date) -> date:
    """The first review on or after `today` (what a parent's pages show as the next)."""
    return next_review_date(initial_effective_date, today - timedelta(days=1))


# Annual review (the 2012 Regulations, SI 2012/2677, Part 3 Chapter 4). Reg 19(2): the
# first review date "falls 12 months after the initial effective date and subsequent
# review dates fall on each anniversary of that date". Each review date is counted from
# the initial effective date itself, never from the last review, so an effective date of
# 29 February reviews on 28 February in ordinary years and on 29 February again in leap
# years. Reg 20: the latest available tax year's HMRC figure applies from the review date.
def review_date_number(initial_effective_date: date, number: int) -> date:
    """The `number`-th review date (1 is the first: 12 months after the initial date)."""
    if number < 1:
        raise ValueError("Review dates are counted from 1.")
    months = REVIEW_INTERVALS.on(initial_effective_date).months
    return add_months(initial_effective_date, months * number)


def first_review_date(initial_effective_date: date) -> date:
    return review_date_number(initial_effective_date, 1)


def next_review_date(initial_effective_date: date, after: date) -> date:
    """The first review date strictly after `after`."""
    number = max(1, after.year - initial_effective_date.year)
    while review_date_number(initial_effective_date, number) <= after:
        number += 1
    while number > 1 and review_date_number(initial_effective_date, number - 1) > after:
        number -= 1
    return review_date_number(initial_effective_date, number)


@dataclass(frozen=True)
class ReviewNoticePeriod:
    effective_from: date | None
    days: int


# How far ahead of the review date the review decision is made and both parents are told,
# so the new amount is known before it starts (service practice; reg 19 fixes only the
# review date itself).
REVIEW_NOTICE_PERIODS = DatedTable(
    "annual review notice",
    [ReviewNoticePeriod(effective_from=date(2012, 12, 10), days=30)],
)


def review_notice_days(on_date: date) -> int:
    return REVIEW_NOTICE_PERIODS.on(on_date).days


def birthday(born: date, years: int) -> date:
    """The day a person born on `born` attains `years` years (Family Law Reform Act 1969
    s9: at the start of the anniversary). Born on 29 February: 1 March in an ordinary
    year, as `cases.dates.age_on` counts it."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


# Child Support Act 1991 s55(1): a child is a person under 16, or under 20 who meets the
# prescribed conditions; the 2012 Regulations reg 76 prescribes being a "qualifying young
# person" (Social Security Contributions and Benefits Act 1992 s142(2)): in full-time
# non-advanced education or approved training.
CHILD_AGE = 16
QUALIFYING_YOUNG_PERSON_AGE_LIMIT = 20


def stops_qualifying_on(born: date, education_ends_on: date | None) -> date:
    """The first day a child no longer counts. Without recorded education or approved
    training that is the 16th birthday; with it, the day after the recorded end, but never
    before the 16th birthday nor after the 20th birthday (on which nobody is a child)."""
    sixteenth = birthday(born, CHILD_AGE)
    twentieth = birthday(born, QUALIFYING_YOUNG_PERSON_AGE_LIMIT)
    if education_ends_on is None:
        return sixteenth
    return min(max(education_ends_on + timedelta(days=1), sixteenth), twentieth)

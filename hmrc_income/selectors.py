"""Reads of the HMRC income feed (caseworker-facing; parents never see these rows)."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Q

from cases.models import Party

from .current_income import PayPeriod
from .models import FeedRow, RecordType

# Enough periods for the check's window even for weekly pay from two employers.
_LATEST_PERIODS = 60


def rows_for_party(party):
    """Rows matched to the party by its National Insurance number or by a caseworker (a
    match by hand covers later rows with the same number too)."""
    matches = Q(nino__in=FeedRow.objects.filter(party=party).values("nino").distinct())
    if party.national_insurance_number:
        matches |= Q(nino=party.national_insurance_number)
    return FeedRow.objects.filter(matches)


def pay_periods_for(party):
    rows = (
        rows_for_party(party)
        .filter(record_type=RecordType.CURRENT)
        .order_by("-period_end", "-period_start")
        .values_list("period_start", "period_end", "gross_pay", "pension_contributions")
    )
    return [PayPeriod(*values) for values in rows[:_LATEST_PERIODS]]


def latest_historic_income(party, on_date, *, taken_within_days=None):
    """The HMRC historic row of the latest tax year ended before `on_date` (SI 2012/2677
    reg 20), or None. `taken_within_days` keeps only rows received that close to it."""
    rows = rows_for_party(party).filter(record_type=RecordType.HISTORIC, period_end__lt=on_date)
    if taken_within_days is not None:
        rows = rows.filter(
            import_file__received_at__date__gte=on_date - timedelta(days=taken_within_days)
        )
    return rows.order_by("-period_end").first()


def historic_weekly_income(row):
    """A tax year's income (gross less pension contributions deducted) as a week's:
    divided by 365 and multiplied by 7 (SI 2012/2677 regs 35-36)."""
    return (row.income * 7 / Decimal(365)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def unmatched_rows():
    """Rows whose number is on no party and which no caseworker has matched."""
    party_has_number = Party.objects.filter(national_insurance_number=OuterRef("nino"))
    matched_by_hand = FeedRow.objects.filter(nino=OuterRef("nino"), party__isnull=False)
    return FeedRow.objects.filter(party__isnull=True).exclude(
        Exists(party_has_number) | Exists(matched_by_hand)
    )

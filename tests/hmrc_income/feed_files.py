"""Building HMRC income files for tests."""

from datetime import date, timedelta

HEADER = "record_type,nino,tax_year,period_start,period_end,gross_pay,pension_contributions"
# Monday 5 January 2026: 13 whole weeks before it all fall in the 2025-26 tax year.
TODAY = date(2026, 1, 5)


def csv_file(*lines, header=HEADER):
    return ("\n".join([header, *lines]) + "\n").encode()


def weekly_rows(nino, weekly_gross, *, weeks=13, through=None, pension="0", skip=()):
    """`weeks` contiguous weekly pay periods ending on `through` (yesterday by default),
    oldest first, leaving out the weeks numbered in `skip` (1 is the latest)."""
    through = through or date.today() - timedelta(days=1)
    rows = []
    for index in range(weeks, 0, -1):
        if index in skip:
            continue
        end = through - timedelta(days=7 * (index - 1))
        start = end - timedelta(days=6)
        year = end.year if end >= date(end.year, 4, 6) else end.year - 1
        tax_year = f"{year}-{(year + 1) % 100:02d}"
        rows.append(f"current,{nino},{tax_year},{start},{end},{weekly_gross},{pension}")
    return rows

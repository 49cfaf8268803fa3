"""Reading and checking an HMRC income file (docs/hmrc-income-feed.md). Pure Python: it
turns bytes into checked rows and problems; storing them is `loading`'s job.

Every problem names its row (the line in the file, the header being row 1) and field.
A file missing a column, or not UTF-8 CSV, is refused whole (row 1)."""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from cases.nino import normalise_nino
from cases.validation import ni_number

COLUMNS = (
    "record_type",
    "nino",
    "tax_year",
    "period_start",
    "period_end",
    "gross_pay",
    "pension_contributions",
)
HISTORIC = "historic"
CURRENT = "current"
RECORD_TYPES = (HISTORIC, CURRENT)
# RTI pay periods run from a week to a quarter; a longer one is a mistake in the file.
LONGEST_PAY_PERIOD_DAYS = 92
# MONEY is 12 digits with 2 after the point. Digits 0 to 9 only (re.ASCII): Python would
# read other scripts' digits as numbers, which the database's check refuses.
_AMOUNT = re.compile(r"^\d{1,10}(\.\d{1,2})?$", re.ASCII)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_TAX_YEAR = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)
# The 2012 scheme began in 2012-13; earlier HMRC years never decide a calculation.
FIRST_TAX_YEAR = 2012


@dataclass(frozen=True)
class Problem:
    row: int
    field: str
    message: str

    def as_dict(self):
        return {"row": self.row, "field": self.field, "message": self.message}

    def __str__(self):
        where = f"row {self.row}, {self.field}" if self.field else f"row {self.row}"
        return f"{where}: {self.message}"


@dataclass
class CheckedFile:
    """`rows`: one tab-separated line per good row (row_number, record_type, nino,
    tax_year, period_start, period_end, gross_pay, pension_contributions; dates as ISO
    text, amounts as plain text): COPY's text format as it is, and a tenth of the memory
    of a tuple of strings on a million-row file. `refused`: the file could not be read."""

    rows: list
    problems: list
    rows_in_file: int = 0
    refused: bool = False


class FileRefused(Exception):
    pass


def tax_year_dates(tax_year):
    """'2024-25' -> (6 April 2024, 5 April 2025)."""
    first = int(tax_year[:4])
    return date(first, 4, 6), date(first + 1, 4, 5)


def tax_year_of(day):
    first = day.year if day >= date(day.year, 4, 6) else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


class _Checker:
    """Per-file state: caches (dates and tax years repeat on every row) and the keys seen."""

    def __init__(self, today):
        self.today = today
        self.dates = {}
        self.tax_years = {}
        self.ninos = {}
        self.periods = {}
        self.seen = {}

    def nino(self, text):
        # Each person has many rows: check each number once.
        cached = self.ninos.get(text)
        if cached is None:
            cached = self.ninos[text] = _nino_or_message(text)
        return cached

    def period(self, number, start_text, end_text, tax_year, years):
        """(start, end, [(field, message)]) for a current row; the same periods recur
        on every person's rows, so each is checked once."""
        key = (start_text, end_text, tax_year)
        cached = self.periods.get(key)
        if cached is None:
            start = self.date_or_message(start_text)
            end = self.date_or_message(end_text)
            found = []
            if isinstance(start, str):
                found.append(("period_start", start))
            if isinstance(end, str):
                found.append(("period_end", end))
            if isinstance(start, date) and isinstance(end, date):
                found.extend(_period_problems(self, start, end, years))
            cached = self.periods[key] = (start, end, found, str(start), str(end))
        return cached

    def date_or_message(self, text):
        cached = self.dates.get(text)
        if cached is None:
            cached = _parse_date(text)
            self.dates[text] = cached
        return cached

    def tax_year_or_message(self, text):
        cached = self.tax_years.get(text)
        if cached is None:
            cached = _parse_tax_year(text, self.today)
            self.tax_years[text] = cached
        return cached


def _parse_date(text):
    if not text:
        return "Enter a date"
    if not _DATE.match(text):
        return "Must be a date written YYYY-MM-DD, like 2025-04-30"
    try:
        return date.fromisoformat(text)
    except ValueError:
        return "Must be a real date, like 2025-04-30"


def _parse_tax_year(text, today):
    if not text:
        return "Enter the tax year, like 2024-25"
    match = _TAX_YEAR.match(text)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        return "Must be a tax year written like 2024-25 (two years in a row)"
    # The year is checked before any date is made: "0000-01" or "9999-00" make none.
    if int(match[1]) < FIRST_TAX_YEAR:
        return f"Must be {FIRST_TAX_YEAR}-13 or later"
    if date(int(match[1]), 4, 6) > today:
        return "Must not be a tax year that has not started"
    return tax_year_dates(text)


def _amount_or_message(text):
    if not text:
        return "Enter an amount (0 if none)"
    if _AMOUNT.match(text):
        return None
    if text.startswith("-"):
        return "Must not be negative"
    return "Must be an amount in pounds and pence, like 1234.56, with no £ sign or commas"


def _nino_or_message(text):
    number = normalise_nino(text)
    if not number:
        return None, "Enter the National Insurance number"
    try:
        return ni_number(number), None
    except Exception:  # a Django ValidationError: the format or a prefix never issued
        return None, "Must be a National Insurance number, like QQ123456C"


def _check_row(checker, number, values, rows, problems):
    record_type, nino_text, tax_year, start_text, end_text, gross, pension = values
    found = []
    if record_type not in RECORD_TYPES:
        found.append(
            Problem(number, "record_type", "Must be 'historic' or 'current'")
            if record_type
            else Problem(number, "record_type", "Enter the record type")
        )
    nino, message = checker.nino(nino_text)
    if message:
        found.append(Problem(number, "nino", message))
    years = checker.tax_year_or_message(tax_year)
    if isinstance(years, str):
        found.append(Problem(number, "tax_year", years))
        years = None
    for name, text in (("gross_pay", gross), ("pension_contributions", pension)):
        message = _amount_or_message(text)
        if message:
            found.append(Problem(number, name, message))
    if not found and pension != "0" and Decimal(pension) > Decimal(gross):
        found.append(
            Problem(number, "pension_contributions", "Must not be more than the gross pay")
        )
    start = end = None
    if record_type == HISTORIC:
        for name, text in (("period_start", start_text), ("period_end", end_text)):
            if text:
                found.append(Problem(number, name, "Leave blank on a historic row"))
        if years:
            start, end = years
            start_iso, end_iso = str(start), str(end)
            if end >= checker.today:
                found.append(Problem(number, "tax_year", "Must be a tax year that has ended"))
    elif record_type == CURRENT:
        start, end, period_problems, start_iso, end_iso = checker.period(
            number, start_text, end_text, tax_year, years
        )
        for name, message in period_problems:
            found.append(Problem(number, name, message))
    if found:
        problems.extend(found)
        return
    key = (nino, record_type, start)
    earlier = checker.seen.get(key)
    if earlier is not None:
        field = "tax_year" if record_type == HISTORIC else "period_start"
        problems.append(Problem(number, field, f"Repeats row {earlier} (same person and period)"))
        return
    checker.seen[key] = number
    rows.append(
        "\t".join((str(number), record_type, nino, tax_year, start_iso, end_iso, gross, pension))
    )


def _period_problems(checker, start, end, years):
    if end < start:
        return [("period_end", "Must be on or after the period start")]
    found = []
    if (end - start).days + 1 > LONGEST_PAY_PERIOD_DAYS:
        found.append(("period_end", "A pay period must not be longer than 3 months"))
    if end > checker.today:
        found.append(("period_end", "Must not be in the future"))
    if years and not years[0] <= end <= years[1]:
        found.append(("tax_year", "The period must end in this tax year"))
    return found


def check_file(data, *, today):
    """Read `data` (bytes) and check every row. Never raises for bad content."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return CheckedFile([], [Problem(1, "", "The file must be UTF-8 text")], refused=True)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        return CheckedFile(
            [],
            [Problem(1, name, "Column missing from the header") for name in missing],
            refused=True,
        )
    positions = [header.index(name) for name in COLUMNS]
    width = len(header)
    checker = _Checker(today)
    rows, problems = [], []
    count = 0
    try:
        for number, record in enumerate(reader, start=2):
            count += _check_record(checker, number, record, width, positions, rows, problems)
    except csv.Error as error:
        problems.append(Problem(reader.line_num, "", f"Not readable as CSV ({error})"))
        return CheckedFile([], problems, rows_in_file=count, refused=True)
    return CheckedFile(rows, problems, rows_in_file=count)


def _check_record(checker, number, record, width, positions, rows, problems):
    """1 when the record is a row (checked), 0 for a blank line."""
    if not record or record == [""] * len(record):
        return 0  # blank lines (a trailing newline) are not rows
    if len(record) != width:
        problems.append(
            Problem(number, "", f"Has {len(record)} values; the header names {width} columns")
        )
        return 1
    _check_row(checker, number, [record[i].strip() for i in positions], rows, problems)
    return 1


def latest_complete_tax_year(today):
    """The tax year before the one `today` falls in."""
    return tax_year_of(tax_year_dates(tax_year_of(today))[0] - timedelta(days=1))

"""Reading a deductions file into rows, checking every cell on its own (whether the
orders exist is checked later, against the database). Every problem is collected, with
its row and column; nothing stops at the first one."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cms_portal.core.parsing import ValueProblem, parse_amount, parse_date

from . import messages
from .columns import COLUMNS_BY_NAME, REQUIRED_COLUMNS, normalise_header
from .problems import ProblemList

MAXIMUM_PAYROLL_NUMBER_LENGTH = 40
MAXIMUM_NAME_LENGTH = 200
# Spreadsheets run a cell starting with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ORDER_REFERENCE = re.compile(r"\d{12}")
_SPREADSHEET_NUMBER = re.compile(r"\d(?:\.\d+)?E\+?\d+", re.IGNORECASE)
_NUMBER = re.compile(r"-?£?[\d,]*\.?\d*")


@dataclass(frozen=True, slots=True)
class UploadRow:
    row: int
    order_reference: str
    payroll_number: str
    pay_date: date
    net_earnings: Decimal
    admin_fee: Decimal
    # Filled in only when the file gives it; checked against the rule.
    amount_deducted: Decimal | None


@dataclass
class ReadUpload:
    rows: list[UploadRow]
    problems: ProblemList


def _is_formula(cell: str) -> bool:
    # A negative number is not a formula; the amount checks say it must not be negative.
    return cell.startswith(_FORMULA_STARTS) and not (
        cell.startswith("-") and _NUMBER.fullmatch(cell) and any(c.isdigit() for c in cell)
    )


def _read_header(cells, problems):
    """Column name -> position, or None when a required column is missing (the rows
    cannot be read then; an unknown column is reported but the rows are still checked)."""
    positions = {}
    for position, cell in enumerate(cells, start=1):
        name = normalise_header(cell)
        if not name:
            problems.add(1, "", messages.EMPTY_COLUMN_NAME % {"position": position})
        elif name not in COLUMNS_BY_NAME:
            problems.add(
                1, cell.strip()[:40], messages.UNKNOWN_COLUMN % {"column": cell.strip()[:40]}
            )
        elif name in positions:
            problems.add(1, name, messages.DUPLICATE_COLUMN % {"column": name})
        else:
            positions[name] = position - 1
    missing = [name for name in REQUIRED_COLUMNS if name not in positions]
    for name in missing:
        problems.add(1, name, messages.MISSING_COLUMN % {"column": name})
    return None if missing else positions


def _amount(row_number, column, text, problems, *, optional):
    if optional and not text:
        return None
    try:
        return parse_amount(text)
    except ValueProblem as problem:
        problems.add(row_number, column, messages.CELL_MESSAGES[(column, problem.code)])
        return None


def _read_row(row_number, cells, positions, width, problems) -> UploadRow | None:
    before = problems.total
    values = {}
    for name, position in positions.items():
        raw = cells[position] if position < len(cells) else ""
        cell = raw.strip()
        # Checked before stripping: a leading tab or carriage return is how some
        # formulas hide.
        if cell and _is_formula(raw.lstrip(" ")):
            problems.add(row_number, name, messages.FORMULA)
            cell = None
        values[name] = cell
    if len(cells) > width and any(cell.strip() for cell in cells[width:]):
        problems.add(row_number, "", messages.TOO_MANY_CELLS)

    reference = values.get("order_reference")
    if reference is not None:
        reference = reference.replace(" ", "")
        if not reference:
            problems.add(
                row_number, "order_reference", messages.CELL_MESSAGES[("order_reference", "blank")]
            )
        elif _SPREADSHEET_NUMBER.fullmatch(reference):
            problems.add(
                row_number,
                "order_reference",
                messages.CELL_MESSAGES[("order_reference", "spreadsheet_number")],
            )
        elif not _ORDER_REFERENCE.fullmatch(reference):
            problems.add(
                row_number,
                "order_reference",
                messages.CELL_MESSAGES[("order_reference", "invalid")],
            )

    payroll_number = values.get("payroll_number")
    if payroll_number is not None:
        if not payroll_number:
            problems.add(
                row_number, "payroll_number", messages.CELL_MESSAGES[("payroll_number", "blank")]
            )
        elif len(payroll_number) > MAXIMUM_PAYROLL_NUMBER_LENGTH:
            problems.add(
                row_number, "payroll_number", messages.CELL_MESSAGES[("payroll_number", "too_long")]
            )

    pay_date = None
    if values.get("pay_date") is not None:
        try:
            pay_date = parse_date(values["pay_date"])
        except ValueProblem as problem:
            problems.add(row_number, "pay_date", messages.CELL_MESSAGES[("pay_date", problem.code)])

    net_earnings = admin_fee = amount_deducted = None
    if values.get("net_earnings") is not None:
        net_earnings = _amount(
            row_number, "net_earnings", values["net_earnings"], problems, optional=False
        )
    if values.get("admin_fee") is not None:
        admin_fee = _amount(row_number, "admin_fee", values["admin_fee"], problems, optional=True)
    if values.get("amount_deducted") is not None:
        amount_deducted = _amount(
            row_number, "amount_deducted", values["amount_deducted"], problems, optional=True
        )
    name = values.get("employee_name") or ""
    if len(name) > MAXIMUM_NAME_LENGTH:
        problems.add(
            row_number, "employee_name", messages.CELL_MESSAGES[("employee_name", "too_long")]
        )

    if problems.total > before:
        return None
    return UploadRow(
        row=row_number,
        order_reference=reference,
        payroll_number=payroll_number,
        pay_date=pay_date,
        net_earnings=net_earnings,
        admin_fee=admin_fee if admin_fee is not None else Decimal("0.00"),
        amount_deducted=amount_deducted,
    )


def read_upload(text: str) -> ReadUpload:
    """Rows of a decoded CSV file (Excel dialect: commas, double-quote quoting)."""
    problems = ProblemList()
    rows: list[UploadRow] = []
    records = csv.reader(io.StringIO(text, newline=""), dialect="excel", strict=True)
    row_number = 0
    positions = None
    width = 0
    while True:
        row_number += 1
        try:
            cells = next(records)
        except StopIteration:
            break
        except csv.Error:
            problems.add(row_number, "", messages.UNREADABLE_ROW)
            if positions is None or problems.full:
                problems.stopped_at_row = row_number if positions is not None else None
                break
            continue
        if positions is None:
            positions = _read_header(cells, problems)
            if positions is None:
                return ReadUpload(rows=[], problems=problems)
            width = len(cells)
            continue
        if not any(cell.strip() for cell in cells):
            continue
        if problems.full:
            problems.stopped_at_row = row_number
            break
        parsed = _read_row(row_number, cells, positions, width, problems)
        if parsed is not None:
            rows.append(parsed)
    if positions is not None and not rows and not problems:
        problems.add(2, "", messages.NO_ROWS)
    return ReadUpload(rows=rows, problems=problems)

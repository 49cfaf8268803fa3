"""The columns of a deductions file, documented once: the upload page, the downloadable
template and the reader all use this list."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..presenters.rules import ADMIN_FEE_COLUMN


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    description: str
    example: str


COLUMNS = (
    Column(
        "order_reference",
        True,
        _("The 12-digit reference of the Deduction from Earnings Order, as on the order."),
        "129000000001",
    ),
    Column(
        "payroll_number",
        True,
        _("Your payroll number for the employee, exactly as on the order."),
        "P00123",
    ),
    Column(
        "pay_date",
        True,
        _("The date the employee was paid, as YYYY-MM-DD or DD/MM/YYYY."),
        "2026-03-27",
    ),
    Column(
        "net_earnings",
        True,
        _(
            "Earnings for this pay day after income tax, National Insurance and pension "
            "contributions, in pounds and pence."
        ),
        "1450.00",
    ),
    Column(
        "admin_fee",
        False,
        ADMIN_FEE_COLUMN,
        "1.00",
    ),
    Column(
        "amount_deducted",
        False,
        _(
            "What your payroll deducted for child maintenance. If you fill it in, we check it "
            "against what the order says to deduct."
        ),
        "150.00",
    ),
    Column(
        "employee_name",
        False,
        _("The employee’s name, to help you read the file. We do not use it."),
        "Sam Example",
    ),
)
COLUMNS_BY_NAME = {column.name: column for column in COLUMNS}
REQUIRED_COLUMNS = tuple(column.name for column in COLUMNS if column.required)


def normalise_header(text: str) -> str:
    """'Order reference', 'ORDER_REFERENCE' and ' order-reference ' all name one column."""
    return "_".join(text.strip().lower().replace("-", " ").replace("_", " ").split())


def template_csv() -> str:
    """A file with the header row and one example row, for employers to fill in."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in COLUMNS])
    writer.writerow([column.example for column in COLUMNS])
    return buffer.getvalue()

"""Reading bank statement files into lines of money received. Pure: no database.

Two formats (see README, "Bank statements"):

- CSV, UTF-8, a header row naming at least the columns `transaction_id`, `booked_on`
  (YYYY-MM-DD or DD/MM/YYYY), `amount` (pounds and pence, e.g. 1234.56; negative amounts
  are money paid out and are skipped), `reference` and `payer_name`.
- ISO 20022 camt.053 (BankToCustomerStatement, any version): each credit entry in pounds
  becomes a line; an entry carrying several transactions with their own amounts becomes
  one line for each. Parsed with defusedxml, so entity tricks are refused.

Every problem is reported with its row (CSV: the line number counting the header as 1;
camt.053: the entry number) and nothing is read from a file with problems."""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext as _

from cms_portal.core.parsing import ValueProblem, parse_amount

CSV_COLUMNS = ("transaction_id", "booked_on", "amount", "reference", "payer_name")
MAX_LINES = 50_000
MAX_AMOUNT = Decimal("1000000.00")


@dataclass(frozen=True)
class StatementLine:
    row: int
    transaction_id: str
    booked_on: date
    amount: Decimal
    reference: str
    payer_name: str


@dataclass(frozen=True)
class Problem:
    row: int  # 0 for the file as a whole
    message: str


class StatementError(ValueError):
    def __init__(self, problems):
        super().__init__("; ".join(f"{p.row}: {p.message}" for p in problems))
        self.problems = problems


def _amount(text):
    """A signed amount (money returned by the bank is negative), read by the portal's
    one money parser; None when it is not pounds and pence under the limit."""
    cleaned = (text or "").strip()
    negative = cleaned.startswith("-")
    try:
        value = parse_amount(cleaned[1:] if negative else cleaned)
    except ValueProblem:
        return None
    if value >= MAX_AMOUNT:
        return None
    return -value if negative else value


def _date(text):
    text = (text or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _check_line(row, transaction_id, booked_on, amount, seen, problems):
    """Problems with one line's id, date and amount; True if it is usable."""
    before = len(problems)
    if not transaction_id:
        problems.append(Problem(row, _("Enter the bank's transaction id")))
    elif len(transaction_id) > 100:
        problems.append(Problem(row, _("The transaction id must be 100 characters or fewer")))
    elif transaction_id in seen:
        problems.append(
            Problem(row, _("Transaction id %(id)s is in the file twice") % {"id": transaction_id})
        )
    if booked_on is None:
        problems.append(
            Problem(row, _("The date must be a real date, like 2026-11-11 or 11/11/2026"))
        )
    if amount is None:
        problems.append(
            Problem(row, _("The amount must be pounds and pence under £1,000,000, like 125.50"))
        )
    elif amount == 0:
        problems.append(Problem(row, _("The amount must not be zero")))
    seen.add(transaction_id)
    return len(problems) == before


def read_csv(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StatementError([Problem(0, _("The file must be saved as UTF-8 CSV"))]) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in CSV_COLUMNS if name not in header]
    if missing:
        raise StatementError(
            [
                Problem(
                    1,
                    _("The header row must name the columns: %(columns)s")
                    % {"columns": ", ".join(missing)},
                )
            ]
        )
    reader.fieldnames = header
    lines, problems, seen = [], [], set()
    for row_number, row in enumerate(reader, start=2):
        if row_number - 1 > MAX_LINES:
            problems.append(
                Problem(
                    row_number, _("A file can have at most %(count)s lines") % {"count": MAX_LINES}
                )
            )
            break
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        transaction_id = (row.get("transaction_id") or "").strip()
        booked_on, amount = _date(row.get("booked_on")), _amount(row.get("amount"))
        if (
            _check_line(row_number, transaction_id, booked_on, amount, seen, problems)
            and amount > 0
        ):
            lines.append(
                StatementLine(
                    row_number,
                    transaction_id,
                    booked_on,
                    amount,
                    (row.get("reference") or "").strip()[:140],
                    (row.get("payer_name") or "").strip()[:140],
                )
            )
    if problems:
        raise StatementError(problems)
    return lines


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _child(element, *path):
    """The first descendant along `path` of local names, ignoring namespaces."""
    for name in path:
        if element is None:
            return None
        element = next((child for child in element if _local(child.tag) == name), None)
    return element


def _text(element, *path):
    found = _child(element, *path)
    return (found.text or "").strip() if found is not None and found.text else ""


def _children(element, name):
    if element is None:
        return []
    return [child for child in element if _local(child.tag) == name]


def _camt_reference(details):
    unstructured = " ".join(_text(part) for part in _children(_child(details, "RmtInf"), "Ustrd"))
    return (
        unstructured
        or _text(details, "RmtInf", "Strd", "CdtrRefInf", "Ref")
        or _text(details, "Refs", "EndToEndId")
    ).strip()


def _camt_payer(details):
    return _text(details, "RltdPties", "Dbtr", "Nm") or _text(
        details, "RltdPties", "Dbtr", "Pty", "Nm"
    )


def read_camt053(content: bytes):
    try:
        root = ElementTree.fromstring(content)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        raise StatementError(
            [Problem(0, _("The file is not a readable camt.053 XML statement"))]
        ) from None
    statement_root = _child(root, "BkToCstmrStmt")
    if statement_root is None:
        raise StatementError(
            [Problem(0, _("The file is not a camt.053 bank-to-customer statement"))]
        )
    lines, problems, seen = [], [], set()
    number = 0
    for statement in _children(statement_root, "Stmt"):
        for entry in _children(statement, "Ntry"):
            number += 1
            if _text(entry, "CdtDbtInd") != "CRDT" or _text(entry, "RvslInd").lower() == "true":
                continue
            amount_element = _child(entry, "Amt")
            if amount_element is not None and amount_element.get("Ccy", "GBP") != "GBP":
                problems.append(Problem(number, _("Only payments in pounds can be imported")))
                continue
            booked_text = _text(entry, "BookgDt", "Dt") or _text(entry, "BookgDt", "DtTm")[:10]
            booked_on = _date(booked_text)
            entry_id = _text(entry, "AcctSvcrRef") or _text(entry, "NtryRef")
            transactions = _children(_child(entry, "NtryDtls"), "TxDtls")
            split = len(transactions) > 1 and all(
                _child(details, "Amt") is not None
                or _child(details, "AmtDtls", "TxAmt", "Amt") is not None
                for details in transactions
            )
            parts = transactions if split else [transactions[0] if transactions else entry]
            for index, details in enumerate(parts, start=1):
                if split:
                    amount_text = _text(details, "Amt") or _text(details, "AmtDtls", "TxAmt", "Amt")
                    transaction_id = _text(details, "Refs", "AcctSvcrRef") or (
                        f"{entry_id}/{index}" if entry_id else ""
                    )
                else:
                    amount_text = _text(entry, "Amt")
                    transaction_id = entry_id or _text(details, "Refs", "AcctSvcrRef")
                amount = _amount(amount_text)
                if (
                    _check_line(number, transaction_id, booked_on, amount, seen, problems)
                    and amount > 0
                ):
                    lines.append(
                        StatementLine(
                            number,
                            transaction_id,
                            booked_on,
                            amount,
                            _camt_reference(details)[:140],
                            _camt_payer(details)[:140],
                        )
                    )
            if number > MAX_LINES:
                problems.append(
                    Problem(
                        number, _("A file can have at most %(count)s lines") % {"count": MAX_LINES}
                    )
                )
                break
    if problems:
        raise StatementError(problems)
    return lines


def read_statement(content: bytes):
    """(format, lines): camt.053 if the file is XML, otherwise CSV."""
    if content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "camt053", read_camt053(content)
    return "csv", read_csv(content)

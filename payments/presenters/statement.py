"""The payment history: rows of a statement on the page and in the CSV download."""

import csv
from decimal import Decimal

from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_date, money

from .words import entry_description

# A spreadsheet would run text starting with these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def signed_money(amount):
    """'£12.00' or '−£12.00' (a real minus sign, read out as 'minus')."""
    text = money(abs(amount))
    return f"\u2212{text}" if amount < 0 else text


def statement_rows(entries, opening, *, paying):
    """govukTable rows: date, what happened, amount, balance after it."""
    return [
        [
            {"text": govuk_date(entry.effective_date)},
            {"text": entry_description(entry, paying=paying)},
            {"text": signed_money(entry.amount), "format": "numeric"},
            {"text": signed_money(opening + entry.running_balance), "format": "numeric"},
        ]
        for entry in entries
    ]


def _safe_cell(text):
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Line:
    """A file-like object whose write() hands back the line, for streaming CSV."""

    def write(self, value):
        return value


def csv_lines(entries, opening, *, paying, headings):
    """A statement as CSV lines: ISO dates and plain numbers so spreadsheets can sum them.
    Starts with a byte order mark so spreadsheet programs read it as UTF-8 (Welsh)."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow([_safe_cell(str(heading)) for heading in headings])
    for entry in entries:
        yield writer.writerow(
            [
                entry.effective_date.isoformat(),
                _safe_cell(entry_description(entry, paying=paying)),
                f"{entry.amount:.2f}",
                f"{Decimal(opening + entry.running_balance):.2f}",
            ]
        )


def pagination(page, path, filters):
    """govukPagination params for a page of the statement, keeping the date filter."""
    if page.paginator.num_pages <= 1:
        return None

    def href(number):
        query = filters.copy()
        query["page"] = number
        return f"{path}?{query.urlencode()}"

    items = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append({"number": number, "href": href(number), "current": number == page.number})
    params = {"items": items, "landmarkLabel": _("Pages of your payment history")}
    if page.has_previous():
        params["previous"] = {"href": href(page.previous_page_number()), "text": _("Previous")}
    if page.has_next():
        params["next"] = {"href": href(page.next_page_number()), "text": _("Next")}
    return params

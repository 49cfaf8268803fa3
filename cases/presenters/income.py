"""Where an income figure came from, in words a parent reads: "HMRC, tax year 2024 to
2025". Works on an income record, the copy of one a decision keeps (a dict), or nothing:
a record made before sources were recorded (or a feed that leaves one out) reads
"Recorded by a caseworker"."""

import re

from django.utils.translation import gettext as _

from ..models import IncomeSource

# "2024-25", "2024-2025", "2024/25", "2024 to 2025" or the starting year alone.
TAX_YEAR = re.compile(r"^\s*(\d{4})(?:\s*(?:-|/|to)\s*(\d{2}|\d{4}))?\s*$")


def tax_year_start(value):
    """The year a tax year starts in (6 April), or None when `value` does not say."""
    if isinstance(value, int):
        return value
    found = TAX_YEAR.match(str(value or ""))
    if not found:
        return None
    start, end = int(found.group(1)), found.group(2)
    if end is not None and int(end) % 100 != (start + 1) % 100:
        return None  # "2024-27" is not a tax year
    return start


def tax_year_label(value):
    """ "tax year 2024 to 2025", in the language of the page; "" when unknown."""
    start = tax_year_start(value)
    if start is None:
        return ""
    return _("tax year %(start)s to %(end)s") % {"start": start, "end": start + 1}


def _read(record, name):
    if record is None:
        return None
    if isinstance(record, dict):
        return record.get(name)
    return getattr(record, name, None)


def income_source_label(record):
    source = str(_read(record, "source") or "")
    year = tax_year_label(_read(record, "tax_year"))
    if source.startswith("hmrc"):
        return _("HMRC, %(tax_year)s") % {"tax_year": year} if year else _("HMRC")
    if source == IncomeSource.SELF_ASSESSMENT:
        if year:
            return _("Self Assessment tax return, %(tax_year)s") % {"tax_year": year}
        return _("Self Assessment tax return")
    if source == IncomeSource.REPORTED:
        return _("Reported by the paying parent")
    if source == IncomeSource.CASEWORKER_ESTIMATE:
        return _("Estimated by a caseworker")
    return _("Recorded by a caseworker")

"""What each letter says, built from the presenters the decision page and the payment
history use, so a letter never disagrees with the page it stands for. Everything is
worked out for the party of `access` (already resolved through the scoped lookup): the
other parent appears by name and role only, as on their pages."""

from django.urls import reverse
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from cases.models import PartyRole
from cases.presenters.case import decision_summary, group_reference
from cms_portal.formatting import govuk_date
from payments import selectors as payments_selectors
from payments.models import EntryKind
from payments.presenters.statement import signed_money, statement_rows

from .periods import CALENDAR_YEAR, TAX_YEAR, Period, offered_periods
from .selectors import first_entry_date

# The statement's totals, in the order a reader meets them, for each side of the case.
PAYING_KINDS = (
    EntryKind.MAINTENANCE_DUE,
    EntryKind.PAYING_PARENT_FEE,
    EntryKind.ENFORCEMENT_CHARGE,
    EntryKind.PAYMENT_RECEIVED,
)
RECEIVING_KINDS = (
    EntryKind.MAINTENANCE_COLLECTED,
    EntryKind.RECEIVING_PARENT_FEE,
    EntryKind.PASSED_ON,
)


def _total_labels():
    return {
        EntryKind.MAINTENANCE_DUE: _("Child maintenance due"),
        EntryKind.PAYING_PARENT_FEE: _("Collection fees"),
        EntryKind.ENFORCEMENT_CHARGE: _("Enforcement charges"),
        EntryKind.PAYMENT_RECEIVED: _("Payments received"),
        EntryKind.MAINTENANCE_COLLECTED: _("Child maintenance collected for you"),
        EntryKind.RECEIVING_PARENT_FEE: _("Collection fees"),
        EntryKind.PASSED_ON: _("Paid into your bank account"),
    }


def _pairs(summary_rows):
    """Summary list rows as (key, value) pairs for a letter's table."""
    return [(row["key"]["text"], row["value"]["text"]) for row in summary_rows]


def _heading(access):
    return {
        "reference": group_reference(access.case.reference),
        "name": access.party.full_name,
        # The party's own role, also when someone acting for them downloads it.
        "role": str(PartyRole(access.party.role).label),
    }


def decision_letter(access, decision, language, today):
    """The decision letter: the amount, how it was worked out (the steps worded for this
    reader, as on the decision page) and until when it can be challenged."""
    current = decision_summary(access, decision, language, today)
    amounts = current["amounts"]
    decided_on = govuk_date(decision.decided_at)
    return {
        **_heading(access),
        "title": _("Child maintenance decision made on %(date)s") % {"date": decided_on},
        "written_on": govuk_date(today),
        "amount_rows": [
            (_("Weekly amount"), amounts["weekly"]),
            (_("Each payment"), amounts["instalment"]),
            (_("Reason for the decision"), current["reason"]),
            (_("Decision made on"), decided_on),
        ],
        "fee_note": amounts["fee_note"],
        "inputs": _pairs(current["inputs"]),
        "explanation": current["explanation"],
        "challenge_open": current["challenge_open"],
        "challenge_by": current["challenge_by"],
    }


def _total_kind(entry):
    """A correction counts against what it corrects, so each total is net."""
    if entry.kind == EntryKind.REVERSAL and entry.reverses is not None:
        return entry.reverses.kind
    return entry.kind


def statement_totals(entries, opening, *, paying):
    """The period's totals by kind of entry (always the reader's usual kinds, then any
    other that happened), with the balance before and after: the totals add up to the
    change in the balance."""
    sums = {}
    for entry in entries:
        kind = _total_kind(entry)
        sums[kind] = sums.get(kind, 0) + entry.amount
    labels = _total_labels()
    kinds = list(PAYING_KINDS if paying else RECEIVING_KINDS)
    kinds += [kind for kind in sums if kind not in kinds]
    rows = [
        (labels.get(kind, _("Corrections")), signed_money(sums.get(kind, 0)))
        for kind in kinds
        if kind in labels or sums.get(kind)
    ]
    closing = opening + sum(sums.values(), 0)
    return rows, closing


def period_title(period: Period):
    if period.kind == TAX_YEAR:
        return _("Payment statement for the tax year %(start)s to %(end)s") % {
            "start": period.year,
            "end": period.year + 1,
        }
    return _("Payment statement for %(year)s") % {"year": period.year}


def yearly_statement(access, account, period: Period, today):
    """A year of the payment history: the same rows as the payment history page shows
    for those dates, oldest first, with totals, the balances and the arrears."""
    paying = access.party.is_paying
    entries, opening = payments_selectors.statement_entries(
        account, period.first_day, period.last_day
    )
    entries = list(entries)[::-1]
    totals, closing = statement_totals(entries, opening, paying=paying)
    arrears_on = period.day_after_or(today)
    arrears = payments_selectors.arrears(access.case, arrears_on, account=account)
    return {
        **_heading(access),
        "title": period_title(period),
        "written_on": govuk_date(today),
        "paying": paying,
        "first_day": govuk_date(period.first_day),
        "last_day": govuk_date(period.last_day),
        "summary_rows": [
            (
                _("Balance before %(date)s") % {"date": govuk_date(period.first_day)},
                signed_money(opening),
            ),
            *totals,
            (
                _("Balance at the end of %(date)s") % {"date": govuk_date(period.last_day)},
                signed_money(closing),
            ),
        ],
        "arrears": signed_money(arrears),
        "arrears_before": govuk_date(arrears_on),
        "rows": statement_rows(entries, opening, paying=paying),
    }


def _link(text, viewname, **kwargs):
    return {"text": text, "href": reverse(viewname, kwargs=kwargs)}


def decision_letter_links(access, decision):
    """The decision letter in the page's language, and in the other one."""
    kwargs = {"reference": access.case.reference, "decision_id": decision.public_id}
    other = "en" if get_language() == "cy" else "cy"
    with override(other):
        other_href = reverse("letters:decision", kwargs=kwargs)
    return {
        "letter": _link(
            _("Download this decision as a letter (PDF)"), "letters:decision", **kwargs
        ),
        "other_language": {
            "href": other_href,
            "lang": other,
            # Each language names itself, as the language toggle does.
            "text": "Lawrlwytho’r llythyr yn Gymraeg (PDF)"
            if other == "cy"
            else "Download the letter in English (PDF)",
        },
    }


_UNREAD = object()


def statement_links(access, today, since=_UNREAD):
    """A statement for each recent tax year and calendar year with money on the party's
    account, newest first. Collect and Pay only: Direct Pay keeps no payment history.
    `since`, the day of the account's first entry, when the page has read it already."""
    if not payments_selectors.is_collect_and_pay(access.case):
        return []
    if since is _UNREAD:
        since = first_entry_date(access.case, access.party)
    if since is None:
        return []
    reference = access.case.reference
    links = []
    for kind in (TAX_YEAR, CALENDAR_YEAR):
        for period in offered_periods(kind, since, today):
            text = (
                _("Tax year %(start)s to %(end)s (PDF)")
                % {"start": period.year, "end": period.year + 1}
                if kind == TAX_YEAR
                else _("Calendar year %(year)s (PDF)") % {"year": period.year}
            )
            links.append(
                _link(text, "letters:statement", reference=reference, kind=kind, year=period.year)
            )
    return links


def case_letters(access, decision, today, since=_UNREAD):
    """The case page's downloads: the letter for the decision in force and the
    statements."""
    return {
        "decision": decision_letter_links(access, decision) if decision else None,
        "statements": statement_links(access, today, since),
    }

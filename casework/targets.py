"""How long each kind of queue item may wait before it is late, in calendar days. The
queue dashboard shows each item's deadline from these.

Decision (service targets; the law fixes only some): a reconsideration is answered in
the month a parent had to ask for it (docs/rules.md §4); a message or a safeguarding item
in 2 days, as complaints are acknowledged in 2 working days; a change reported in 7 days,
the time parents have to report one; money not posted or missed in 5 days, so it is
settled before the next instalment falls due; anything else in 15 days, the time to answer
a complaint. Dated, so a change of target applies from its date."""

from datetime import date, timedelta

TARGETS = [
    (
        date(2014, 6, 30),
        {
            "reconsideration": 28,
            "message": 2,
            "safeguarding": 2,
            "change_report": 7,
            "missed_payment": 5,
            "employer_payment_not_posted": 5,
            "deo_leaver": 10,
        },
    ),
]
DEFAULT_TARGET_DAYS = 15


def target_days(kind, on_date):
    table = {}
    for effective_from, days in TARGETS:
        if effective_from <= on_date:
            table = days
    return table.get(kind, DEFAULT_TARGET_DAYS)


def deadline(kind, created_on):
    return created_on + timedelta(days=target_days(kind, created_on))

"""The enforcement section of the case page, worded for the parent who reads it. Both
see the stage, when it started, what happens next and by when, and what has been paid
since enforcement began. The paying parent is told the consequences plainly and how to
stop them; the receiving parent is never shown how or where the money is taken (no
employer, bank, order reference or address: only the stage's name)."""

from django.db.models import OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext as _

from calculation.fees import EnforcementChargeKind, enforcement_charge
from cms_portal.formatting import govuk_date, money

from ..enforcement_rules import AFTER_LIABILITY_ORDER
from ..models import EntryKind, LedgerEntry, Receipt
from ..models.enforcement_process import EnforcementStage, EnforcementStep, StepStatus

Stage = EnforcementStage
# Events parents see; reviews are caseworkers' bookkeeping.
SHOWN = {
    StepStatus.STARTED,
    StepStatus.SUCCEEDED,
    StepStatus.UNSUCCESSFUL,
    StepStatus.STOPPED,
    StepStatus.CLOSED,
}
BANK = {Stage.REGULAR_DEDUCTION, Stage.LUMP_SUM_DEDUCTION}
NOTICE = {Stage.ARREARS_NOTICE, Stage.REMINDER}


def _paid_since_opened(case):
    """What the paying parent has paid since the enforcement opened (their own figure)."""
    return (
        Receipt.objects.filter(
            case_id=OuterRef("case_id"),
            reversed=False,
            received_on__gte=OuterRef("enforcement_case__opened_on"),
        )
        .values("case_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )


def _collected_since_opened(party):
    """What was collected for this receiving parent since the enforcement opened: their
    maintenance only, net of reversals. Not the paying parent's receipts, which hold the
    paying parent's collection fee and, in a case with two receiving parents, the other
    parent's maintenance."""
    return (
        LedgerEntry.objects.filter(
            Q(kind=EntryKind.MAINTENANCE_COLLECTED)
            | Q(reverses__kind=EntryKind.MAINTENANCE_COLLECTED),
            account__party_id=party.pk,
            case_id=OuterRef("case_id"),
            effective_date__gte=OuterRef("enforcement_case__opened_on"),
        )
        .values("case_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )


def _steps(case, receiving_party=None):
    """Every step of the case's latest enforcement, oldest first, each with what was
    paid (or, for a receiving parent, collected for them) since it opened, in one read."""
    paid = (
        _collected_since_opened(receiving_party)
        if receiving_party is not None
        else _paid_since_opened(case)
    )
    steps = list(
        EnforcementStep.objects.filter(case=case)
        .select_related("enforcement_case")
        .annotate(paid=Subquery(paid))
        .order_by("-enforcement_case_id", "id")
    )
    if not steps:
        return []
    newest = steps[0].enforcement_case_id
    return [step for step in steps if step.enforcement_case_id == newest]


def _status_text(step):
    if step.status == StepStatus.STARTED:
        return _("Started")
    if step.status == StepStatus.CLOSED:
        return _("Ended: arrears paid")
    return str(StepStatus(step.status).label)


def _charges(on_date):
    return {
        "bank": money(enforcement_charge(EnforcementChargeKind.REGULAR_DEDUCTION_ORDER, on_date)),
        "earnings": money(
            enforcement_charge(EnforcementChargeKind.DEDUCTION_FROM_EARNINGS_ORDER, on_date)
        ),
        "lump_sum": money(
            enforcement_charge(EnforcementChargeKind.LUMP_SUM_DEDUCTION_ORDER, on_date)
        ),
        "liability": money(enforcement_charge(EnforcementChargeKind.LIABILITY_ORDER, on_date)),
    }


def _paying_next(stage, by, on_date):
    charges = _charges(on_date) | {"date": by}
    if stage in NOTICE:
        return (
            _(
                "Pay the arrears by %(date)s. If you do not, we can take the money straight from "
                "your earnings (a %(earnings)s charge) or your bank account (a %(bank)s charge, "
                "or %(lump_sum)s for a lump sum)."
            )
            % charges
        )
    if stage == Stage.DEDUCTION_FROM_EARNINGS:
        return (
            _(
                "We are taking the arrears from your earnings. We will look at your case again "
                "by %(date)s. If the arrears are not cleared, we can take money from your bank "
                "account or ask for a liability order (a %(liability)s charge)."
            )
            % charges
        )
    if stage in BANK:
        return (
            _(
                "We are taking the arrears from your bank account. We will look at your case "
                "again by %(date)s. If the arrears are not cleared, we can ask for a liability "
                "order (a %(liability)s charge)."
            )
            % charges
        )
    if stage == Stage.LIABILITY_ORDER:
        return (
            _(
                "A liability order lets us send enforcement agents, put a charge on property you "
                "own and have it sold, take money owed to you by others, and ask a court to take "
                "away your driving licence or passport or send you to prison. We will look at "
                "your case again by %(date)s."
            )
            % charges
        )
    return (
        _(
            "If the arrears are still not paid, a court can take away your driving licence or "
            "passport, or send you to prison. We will look at your case again by %(date)s."
        )
        % charges
    )


def _receiving_next(stage, by):
    if stage in NOTICE:
        return _(
            "We have told the other parent they must pay the maintenance they owe by "
            "%(date)s. If they do not, we can take further action to collect it."
        ) % {"date": by}
    if stage in AFTER_LIABILITY_ORDER or stage == Stage.LIABILITY_ORDER:
        return _(
            "We are using the powers of the courts to collect the maintenance owed to you. "
            "We will look at the case again by %(date)s."
        ) % {"date": by}
    return _(
        "We are collecting the maintenance owed to you directly. We will look at the case "
        "again by %(date)s."
    ) % {"date": by}


def enforcement_timeline(case, *, party, on_date, own=True, arrears_amount=None, stop_href=None):
    """The section's context for `party`, or None when enforcement has never been opened.
    `own` is False when someone else is shown `party`'s page: what was paid or collected
    is then left out, being that party's own affairs. `arrears_amount` is the paying
    parent's arrears (their own figure); `stop_href` where they can agree a plan (the
    messages page)."""
    paying = party.is_paying
    steps = _steps(case, receiving_party=None if paying else party)
    if not steps:
        return None
    enforcement_case = steps[0].enforcement_case
    latest = steps[-1]
    stage = Stage(latest.stage)
    starts = [s.started_on for s in steps if s.stage == stage and s.status == StepStatus.STARTED]
    stage_started = min(starts) if starts else latest.started_on
    closed = enforcement_case.closed_on is not None
    by = govuk_date(latest.next_review_on) if latest.next_review_on else ""
    if closed:
        next_text = _("Nothing: enforcement ended on %(date)s because the arrears were paid.") % {
            "date": govuk_date(enforcement_case.closed_on)
        }
    elif paying:
        next_text = _paying_next(stage, by, on_date)
    else:
        next_text = _receiving_next(stage, by)
    rows = [
        {"key": {"text": _("Stage")}, "value": {"text": str(stage.label)}},
        {"key": {"text": _("Started")}, "value": {"text": govuk_date(stage_started)}},
        {"key": {"text": _("What happens next")}, "value": {"text": next_text}},
    ]
    if not closed and by:
        rows.append({"key": {"text": _("By")}, "value": {"text": by}})
    if own:
        paid_label = _("Paid since this began") if paying else _("Collected since this began")
        rows.append({"key": {"text": paid_label}, "value": {"text": money(latest.paid or 0)}})
    history = [
        [
            {"text": govuk_date(step.started_on)},
            {"text": str(Stage(step.stage).label)},
            {"text": _status_text(step)},
        ]
        for step in steps
        if step.status in SHOWN
    ]
    return {
        "heading": _("Action to collect your arrears")
        if paying
        else _("Action to collect unpaid maintenance"),
        "rows": rows,
        "history": history,
        "open": not closed,
        "paying": paying,
        "arrears": money(arrears_amount) if paying and arrears_amount else "",
        "stop_href": stop_href if paying and not closed else None,
        "opened_on": govuk_date(enforcement_case.opened_on),
    }

"""The "what if" pages' words and tables, worded for the reader: the paying parent reads
"your income", a receiving parent "the paying parent's income" and only their own share."""

from decimal import ROUND_DOWN, Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from calculation.engine import Benefit
from cases.journeys import journey_for
from cases.models import ChangeKind, Scope, ServiceType
from cases.presenters.money import per_frequency
from cms_portal.formatting import money, percent

from . import what_if

# The report-a-change journey each answer hands on to; a benefit has none of its own.
HANDOFF_KINDS = {
    what_if.INCOME: ChangeKind.INCOME,
    what_if.OTHER_CHILDREN: ChangeKind.OTHER_CHILDREN,
    what_if.NIGHTS: ChangeKind.SHARED_CARE,
}


def answer_label(access, answer):
    """The answer named as a row of a list or table."""
    if answer.kind == what_if.INCOME:
        if access.is_paying:
            return _("Your gross weekly income")
        return _("Paying parent’s gross weekly income")
    if answer.kind == what_if.BENEFIT:
        return _("Whether a benefit or circumstances set the rate")
    if answer.kind == what_if.OTHER_CHILDREN:
        if access.is_paying:
            return _("Other children living with you")
        return _("Other children living with the paying parent")
    return _("Nights a year %(name)s stays with the paying parent") % {
        "name": answer.child["full_name"]
    }


def answer_title(access, answer):
    """The heading of the page that asks for the answer's new value."""
    paying = access.is_paying
    if answer.kind == what_if.INCOME:
        if paying:
            return _("What if your income changed?")
        return _("What if the paying parent’s income changed?")
    if answer.kind == what_if.BENEFIT:
        if paying:
            return _("What if you started or stopped getting a benefit?")
        return _("What if the paying parent started or stopped getting a benefit?")
    if answer.kind == what_if.OTHER_CHILDREN:
        if paying:
            return _("What if the number of other children living with you changed?")
        return _("What if the number of other children living with the paying parent changed?")
    return _("What if %(name)s stayed with the paying parent more or fewer nights?") % {
        "name": answer.child["full_name"]
    }


def _benefit_text(benefit):
    if benefit == Benefit.FLAT_RATE_BENEFIT:
        return _("A benefit sets the flat rate")
    if benefit == Benefit.NIL_RATE:
        return _("Circumstances set the nil rate")
    return _("No benefit sets the rate")


def value_text(answer, value):
    if answer.kind == what_if.INCOME:
        if value is None:
            return _("Not used: a benefit decides the rate")
        return _("%(amount)s a week") % {"amount": money(value)}
    if answer.kind == what_if.BENEFIT:
        return _benefit_text(value.benefit)
    return str(value)


def answer_choices(access, decision):
    """(key, text, hint) for the radios that choose the answer to change, each hint
    giving the figure the decision used."""
    return [
        (
            answer.key,
            answer_label(access, answer),
            _("In the current decision: %(value)s")
            % {"value": value_text(answer, what_if.current_value(decision, answer))},
        )
        for answer in what_if.answers_for(access, decision)
    ]


def comparison(access, decision, answer, value, result):
    """The table of today's figures and those with the change, side by side."""
    frequency = access.case.payment_frequency
    now = what_if.amounts_now(access, decision)
    after = what_if.amounts_after(access, decision, result)
    rows = [
        [
            {"text": answer_label(access, answer)},
            {"text": value_text(answer, what_if.current_value(decision, answer))},
            {"text": value_text(answer, value)},
        ],
        [
            {"text": _("Weekly amount")},
            {"text": money(now.weekly)},
            {"text": money(after.weekly)},
        ],
        [
            {"text": _("Each payment")},
            {"text": per_frequency(now.instalment, frequency)},
            {"text": per_frequency(after.instalment, frequency)},
        ],
    ]
    return (
        {
            "caption": _("The amount now and with this change"),
            "captionClasses": "govuk-table__caption--m",
            "firstCellIsHeader": True,
            "head": [{"text": _("Figure")}, {"text": _("Now")}, {"text": _("With this change")}],
            "rows": rows,
        },
        now,
        after,
    )


def difference(access, now, after):
    """One sentence saying which way the reader's weekly amount would move."""
    change = after.weekly - now.weekly
    if change == 0:
        return _("The weekly amount would not change.")
    values = {"amount": money(abs(change))}
    if access.is_paying:
        if change > 0:
            return _("You would pay %(amount)s more each week.") % values
        return _("You would pay %(amount)s less each week.") % values
    if change > 0:
        return _("You would get %(amount)s more each week.") % values
    return _("You would get %(amount)s less each week.") % values


def _percent_figure(fraction: Decimal) -> str:
    """Rounded down, so a change just under the rule never reads as reaching it."""
    hundredths = (fraction * 100).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return f"{hundredths.normalize():f}%"


def rule_message(access, rule, now):
    """What the 25% rule says about this change, as the reader would put it."""
    threshold = percent(rule.threshold)
    if not rule.applies:
        return _(
            "The %(threshold)s rule is only for changes of income. A change like this can "
            "lead to a new decision whatever its size."
        ) % {"threshold": threshold}
    if not rule.income_used:
        if access.is_paying:
            return _(
                "Your current decision did not use an income, because a benefit or your "
                "circumstances set the rate. If your income changes, tell us and we will "
                "check whether it affects the amount."
            )
        return _(
            "The current decision did not use an income, because a benefit or the paying "
            "parent’s circumstances set the rate."
        )
    if rule.fraction is None:  # from an income of £0 any income at all counts
        return _zero_income_message(access, rule)
    values = {
        "percent": _percent_figure(rule.fraction),
        "income": money(rule.decision_income),
        "threshold": threshold,
        "amount": money(now.weekly),
    }
    if access.is_paying:
        opening = _(
            "This is a change of %(percent)s from the income in your current decision "
            "(%(income)s a week)."
        )
    else:
        opening = _(
            "This is a change of %(percent)s from the paying parent’s income in the current "
            "decision (%(income)s a week)."
        )
    if rule.needs_new_decision:
        closing = _(
            "That is %(threshold)s or more, so telling us about it would lead to a new decision."
        )
    else:
        closing = _(
            "That is less than %(threshold)s, so telling us about it would not lead to a new "
            "decision: the amount would stay at %(amount)s a week."
        )
    return f"{opening % values} {closing % values}"


def _zero_income_message(access, rule):
    values = {"income": money(rule.decision_income)}
    if not rule.needs_new_decision:
        return _("The income would not change, so telling us would not lead to a new decision.")
    if access.is_paying:
        return (
            _(
                "The income in your current decision is %(income)s a week, so any change of "
                "income would lead to a new decision."
            )
            % values
        )
    return (
        _(
            "The paying parent’s income in the current decision is %(income)s a week, so any "
            "change of income would lead to a new decision."
        )
        % values
    )


def report_link(access, answer, form):
    """Where to tell us about the change for real, carrying the answers over (the form
    there checks them again), or None when this reader cannot report it."""
    if not access.allows(Scope.REPORT_CHANGES):
        return None
    reference = access.case.reference
    kind = HANDOFF_KINDS.get(answer.kind)
    journey = journey_for(access, kind) if kind else None
    if journey is not None:
        href = reverse("cases:change_form", kwargs={"reference": reference, "kind": journey.kind})
        return {"href": f"{href}?{urlencode(form.handoff())}", "text": _("Report this change")}
    if access.allows(Scope.MESSAGE):
        return {
            "href": reverse("cases:message_new", kwargs={"reference": reference}),
            "text": _("Send us a message about this change"),
        }
    return None


def result_page(access, decision, answer, form, value, result, rule):
    table, now, after = comparison(access, decision, answer, value, result)
    return {
        "table": table,
        "difference": difference(access, now, after),
        "rule": rule_message(access, rule, now),
        "report": report_link(access, answer, form),
        "collect_and_pay": access.case.service_type == ServiceType.COLLECT_AND_PAY,
    }

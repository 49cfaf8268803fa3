"""What the plan pages show, in plain words, with every rule's figure from the dated
table (rules.py) and every amount from the reads: the rules, the check-answers rows, the
outcome and the plan's progress."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms_portal.formatting import govuk_date, money, percent

from .models import RequestStatus


def period_words(frequency):
    """How often payments fall due, to end a sentence: "each month"."""
    words = {
        "weekly": _("each week"),
        "fortnightly": _("every two weeks"),
        "four_weekly": _("every four weeks"),
        "monthly": _("each month"),
    }
    return words[str(frequency)]


def time_limit_words(months):
    """A rule's number of months as people say it: "2 years", "18 months"."""
    if months % 12 == 0:
        years = months // 12
        return ngettext("%(count)s year", "%(count)s years", years) % {"count": years}
    return ngettext("%(count)s month", "%(count)s months", months) % {"count": months}


def rule_lines(facts):
    """The rules the plan is judged by, and the least it can be to be agreed at once."""
    terms = facts.terms
    rules = terms.rules
    lines = [
        _(
            "We can agree your plan straight away if it pays off your arrears within "
            "%(limit)s, so by %(date)s."
        )
        % {
            "limit": time_limit_words(rules.clear_within_months),
            "date": govuk_date(terms.clear_by),
        }
    ]
    if terms.least_amount is not None:
        lines.append(
            _("To do that, you need to pay at least %(amount)s %(period)s on top of what is due.")
            % {"amount": money(terms.least_amount), "period": period_words(terms.frequency)}
        )
    if facts.deducted_from_pay:
        lines.append(
            _(
                "Your employer takes child maintenance from your pay. What is taken for "
                "arrears can be at most %(share)s of your take-home pay, so we will ask you "
                "what you take home."
            )
            % {"share": percent(rules.most_of_net_income_for_arrears)}
        )
    lines.append(
        _(
            "If your plan is outside these rules, a caseworker will look at it and tell "
            "you if we can agree it."
        )
    )
    return lines


def _row(key, value, href=None, hidden=None):
    row = {"key": {"text": key}, "value": {"text": value}}
    if href:
        row["actions"] = {
            "items": [{"href": href, "text": _("Change"), "visuallyHiddenText": hidden or key}]
        }
    return row


def check_rows(assessment, net_income, change_urls):
    terms = assessment.terms
    rows = [
        _row(_("Your arrears"), money(terms.arrears)),
        _row(
            _("Towards your arrears with each payment"),
            money(assessment.amount),
            change_urls["amount"],
            _("how much you can pay towards your arrears"),
        ),
    ]
    if net_income is not None:
        rows.append(
            _row(
                _("Your take-home pay %(period)s") % {"period": period_words(terms.frequency)},
                money(net_income),
                change_urls["income"],
                _("your take-home pay"),
            )
        )
    rows += [
        _row(_("First payment with the plan"), govuk_date(terms.starts_on)),
        _row(
            _("Number of payments"),
            ngettext("%(count)s payment", "%(count)s payments", assessment.payments)
            % {"count": assessment.payments},
        ),
        _row(_("Arrears paid off by"), govuk_date(assessment.end_date)),
    ]
    return rows


def outcome(assessment):
    """Whether the plan can be agreed now, and if not why, for the check page."""
    rules = assessment.terms.rules
    if assessment.automatic:
        return {
            "automatic": True,
            "heading": _("We can agree this plan straight away"),
            "lines": [_("It pays off your arrears in time and keeps to the rules.")],
        }
    lines = []
    if not assessment.clears_in_time:
        lines.append(
            _("It would take until %(end)s to pay off your arrears, which is more than %(limit)s.")
            % {
                "end": govuk_date(assessment.end_date),
                "limit": time_limit_words(rules.clear_within_months),
            }
        )
    if assessment.within_cap is False:
        lines.append(
            _(
                "It would take more than %(share)s of your take-home pay for arrears. The "
                "most it can be is %(cap)s."
            )
            % {"share": percent(rules.most_of_net_income_for_arrears), "cap": money(assessment.cap)}
        )
    lines.append(_("A caseworker will look at it and we will email you when they have decided."))
    return {
        "automatic": False,
        "heading": _("A caseworker needs to look at this plan"),
        "lines": lines,
    }


def plan_rows(plan, progress):
    rows = [
        _row(_("Towards your arrears with each payment"), money(plan.amount_per_instalment)),
        _row(_("From the payment due on"), govuk_date(plan.starts_on)),
        _row(_("Arrears when the plan was agreed"), money(progress.arrears_at_start)),
        _row(_("Paid towards them so far"), money(progress.paid)),
        _row(_("Left to pay"), money(progress.left)),
    ]
    if plan.expected_end_on:
        rows.append(_row(_("Paid off by"), govuk_date(plan.expected_end_on)))
    return rows


def request_lines(request):
    """The latest request's status, when no plan is in force."""
    if request.status == RequestStatus.WITH_CASEWORKER:
        return [
            _(
                "You asked to pay %(amount)s towards your arrears with each payment. A "
                "caseworker is looking at your plan. We will email you when they have decided."
            )
            % {"amount": money(request.amount_per_instalment)},
            _("Until then, keep paying what is due."),
        ]
    if request.status == RequestStatus.REFUSED:
        return [
            _(
                "We could not agree your plan to pay %(amount)s towards your arrears with "
                "each payment. You can suggest a different plan."
            )
            % {"amount": money(request.amount_per_instalment)}
        ]
    return []


def plan_link(case, summary):
    """The link to the plan pages from the case page and payments overview, for the
    paying parent of a Collect and Pay case with a plan or arrears; None for anyone else.
    Made from the money summary already read, so it costs no query."""
    if not summary or not summary["paying"] or not summary["collect_and_pay"]:
        return None
    position = summary["position"]
    kwargs = {"reference": case.reference}
    if position.plan is not None:
        return {
            "href": reverse("arrears_plans:plan", kwargs=kwargs),
            "text": _("See your plan to pay arrears"),
        }
    if position.in_arrears:
        return {
            "href": reverse("arrears_plans:start", kwargs=kwargs),
            "text": _("Agree how to pay your arrears"),
        }
    return None

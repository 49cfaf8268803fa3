"""What the calculator pages show: how each question's fields are drawn, the check-your-
answers rows and the result figures. Templates only place what is built here."""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from markupsafe import Markup

from cms_portal.formatting import money
from cms_portal.forms import field

from .engine import PaymentFrequency, instalment_amount
from .forms import BENEFITS, CIRCUMSTANCES, NIGHTS, OTHER_CHILDREN, YES_NO
from .journey import (
    NIGHTS_BAND_RANGES,
    NONE_OF_THESE,
    Step,
    children_of,
    receiving_parent_count,
    steps_for,
)

WEEKS_IN_YEAR = 52

NONE_OF_THE_CIRCUMSTANCES = gettext_lazy("No, none of these apply to me")
NONE_OF_THE_BENEFITS = gettext_lazy("No, I do not get any of these")


def step_url(step: Step, *, change: bool = False) -> str:
    url = reverse(f"calculation:{step.name}", kwargs=step.url_kwargs)
    return f"{url}?change=1" if change else url


def _several_parents(answers) -> bool:
    return receiving_parent_count(answers) > 1


def _children_in_case(answers) -> int:
    return sum(
        children_of(answers, parent) for parent in range(1, receiving_parent_count(answers) + 1)
    )


def heading(step: Step, answers) -> str:
    """The question, which is also the page's <h1> and title."""
    if step.name == "circumstances":
        return _("Do any of these apply to you?")
    if step.name == "benefits":
        return _("Do you get any of these benefits, pensions or allowances?")
    if step.name == "income":
        return _("What is your gross income?")
    if step.name == "receiving_parents":
        return _("How many parents or carers will you pay child maintenance to?")
    if step.name == "children":
        if _several_parents(answers):
            return _("How many of your children live with parent or carer %(number)s?") % {
                "number": step.parent
            }
        return _("How many children will you pay child maintenance for?")
    if step.name == "other_children":
        return _("How many other children live with you?")
    if step.name == "shared_care":
        return _("Do any of the children stay overnight with you?")
    return nights_heading(step, answers)


def nights_heading(step: Step, answers) -> str:
    if _several_parents(answers):
        return _(
            "How often does child %(child)s of parent or carer %(parent)s stay overnight with you?"
        ) % {"child": step.child, "parent": step.parent}
    if _children_in_case(answers) > 1:
        return _("How often does child %(child)s stay overnight with you?") % {"child": step.child}
    return _("How often does the child stay overnight with you?")


def question_layout(step: Step, answers) -> dict:
    """How the question's fields are drawn (see cms_portal.forms.fields.field); the
    question is the label or legend, and the page's <h1>."""
    title = heading(step, answers)
    if step.name == "circumstances":
        return {
            "circumstances": field(
                "checkboxes",
                title,
                hint=_("Select all that apply."),
                heading=True,
                items=CIRCUMSTANCES,
                none_option=(NONE_OF_THESE, NONE_OF_THE_CIRCUMSTANCES),
            )
        }
    if step.name == "benefits":
        return {
            "benefits": field(
                "checkboxes",
                title,
                hint=_("Select all that apply."),
                heading=True,
                items=BENEFITS,
                none_option=(NONE_OF_THESE, NONE_OF_THE_BENEFITS),
            )
        }
    if step.name == "income":
        return {
            "amount": field(
                "input",
                title,
                hint=_(
                    "This is your income before tax and National Insurance. "
                    "Include pay, pensions and profit from self-employment. "
                    "Do not include benefits."
                ),
                heading=True,
                prefix="£",
                classes="govuk-input--width-10",
                inputmode="decimal",
                spellcheck=False,
            ),
            "period": field("radios", _("Is this for a week, a month or a year?"), size="m"),
        }
    if step.name == "receiving_parents":
        return {
            "receiving_parents": _count_input(
                title,
                _(
                    "Count each parent or carer who looks after any of your children. For example, "
                    "if your children live with 2 different parents, enter 2."
                ),
            )
        }
    if step.name == "children":
        return {
            "children": _count_input(
                title,
                _(
                    "Count children under 16, or under 20 if they are in full-time education up to "
                    "A level or similar."
                ),
            )
        }
    if step.name == "other_children":
        return {
            "other_children": field(
                "radios",
                title,
                hint=_(
                    "Include children you or your partner get Child Benefit for who are not "
                    "part of this calculation."
                ),
                heading=True,
            )
        }
    if step.name == "shared_care":
        return {
            "shared_care": field(
                "radios",
                title,
                hint=_("Include regular overnight stays, even if they are not every week."),
                heading=True,
                classes="govuk-radios--inline",
            )
        }
    return {
        "nights": field(
            "radios",
            title,
            hint=_("Think about a typical year. Count the nights the child sleeps at your home."),
            heading=True,
            items=NIGHTS,
        )
    }


def _count_input(title: str, hint: str) -> dict:
    return field(
        "input",
        title,
        hint=hint,
        heading=True,
        classes="govuk-input--width-3",
        inputmode="numeric",
        spellcheck=False,
    )


def _choice_texts(chosen, choices, none_text) -> str:
    texts = {value: str(text) for value, text in choices}
    if NONE_OF_THESE in chosen:
        return str(none_text)
    return "\n".join(texts[value] for value in chosen if value in texts)


def answer_text(step: Step, answers) -> str:
    if step.name == "circumstances":
        return _choice_texts(answers["circumstances"], CIRCUMSTANCES, NONE_OF_THE_CIRCUMSTANCES)
    if step.name == "benefits":
        return _choice_texts(answers["benefits"], BENEFITS, NONE_OF_THE_BENEFITS)
    if step.name == "income":
        income = answers["income"]
        periods = {"week": _("a week"), "month": _("a month"), "year": _("a year")}
        return _("%(amount)s %(period)s") % {
            "amount": money(Decimal(income["amount"])),
            "period": periods[income["period"]],
        }
    if step.name == "other_children":
        return str(dict(OTHER_CHILDREN)[str(answers["other_children"])])
    if step.name == "shared_care":
        return str(dict(YES_NO)[answers["shared_care"]])
    if step.name == "nights":
        band = answers["nights"][f"{step.parent}-{step.child}"]
        text, hint = next((text, hint) for code, text, hint in NIGHTS if code == band)
        return f"{text} ({hint})"
    if step.name == "children":
        return str(answers["children"][str(step.parent)])
    return str(answers[step.name])


def check_rows(answers) -> list[dict]:
    rows = []
    for step in steps_for(answers):
        question = heading(step, answers)
        rows.append(
            {
                "key": {"text": question},
                "value": {"html": Markup("<br>").join(answer_text(step, answers).split("\n"))},
                "actions": {
                    "items": [
                        {
                            "href": step_url(step, change=True),
                            "text": _("Change"),
                            "visuallyHiddenText": question,
                        }
                    ]
                },
            }
        )
    return rows


def result_view(direct_pay, collect_and_pay, language: str) -> dict:
    """Figures for the result page from the same answers calculated for Direct Pay and for
    Collect and Pay."""
    weekly = direct_pay.weekly_amount
    fees = collect_and_pay.collection_fees
    monthly = PaymentFrequency.MONTHLY

    def per(amount):
        return {
            "week": money(amount),
            "month": money(instalment_amount(amount, monthly)),
            "year": money(amount * WEEKS_IN_YEAR),
        }

    view = {
        "weekly": money(weekly),
        "amounts": per(weekly),
        "rate_type": direct_pay.rate_type.value,
        "explanation": direct_pay.explain(language, nights_bands=NIGHTS_BAND_RANGES),
        "nothing_due": weekly == 0,
        "several_parents": len(direct_pay.parent_amounts) > 1,
        "parent_rows": [
            {
                "key": {"text": _("Parent or carer %(number)s") % {"number": number}},
                "value": {"text": _("%(amount)s a week") % {"amount": money(amount)}},
            }
            for number, amount in enumerate(direct_pay.parent_amounts, start=1)
        ],
    }
    paying = per(fees.paying_parent_weekly_total)
    receiving = per(fees.receiving_parent_weekly_net)
    direct = view["amounts"]
    view["comparison"] = {
        "caption": _("Direct Pay and Collect and Pay compared"),
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": [
            {"text": _("Amount")},
            {"text": _("Direct Pay"), "format": "numeric"},
            {"text": _("Collect and Pay"), "format": "numeric"},
        ],
        "rows": [
            [
                {"text": _("You pay each week")},
                {"text": direct["week"], "format": "numeric"},
                {"text": paying["week"], "format": "numeric"},
            ],
            [
                {"text": _("You pay each month")},
                {"text": direct["month"], "format": "numeric"},
                {"text": paying["month"], "format": "numeric"},
            ],
            [
                {"text": _("The other parent gets each week")},
                {"text": direct["week"], "format": "numeric"},
                {"text": receiving["week"], "format": "numeric"},
            ],
            [
                {"text": _("The other parent gets each month")},
                {"text": direct["month"], "format": "numeric"},
                {"text": receiving["month"], "format": "numeric"},
            ],
        ],
    }
    view["fees"] = {
        "paying_rate": _percent(fees.paying_parent_rate),
        "receiving_rate": _percent(fees.receiving_parent_rate),
        "paying_fee": money(fees.paying_parent_weekly_fee),
        "receiving_fee": money(fees.receiving_parent_weekly_fee),
    }
    return view


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"

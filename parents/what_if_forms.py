"""The "what if" forms: which answer to change, then one form for each kind of answer.
Each is built for the reader (`access`), the decision in force and the answer, so its
wording and starting value are theirs."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from calculation.engine import Benefit
from cases.rules import weekly_from
from cms_portal.forms.fields import GovukForm, MoneyField, choice_field, field, whole_number

from . import what_if

PERIODS = [("week", _("A week")), ("month", _("A month")), ("year", _("A year"))]
BENEFIT_CHOICES = [
    (Benefit.NONE.value, pgettext_lazy("a benefit would set the rate", "No")),
    (Benefit.FLAT_RATE_BENEFIT.value, _("Yes, a benefit, pension or allowance")),
    (Benefit.NIL_RATE.value, _("Yes, circumstances that set the nil rate")),
]
BENEFIT_HINTS = {
    Benefit.FLAT_RATE_BENEFIT.value: _(
        "For example, State Pension, Carer’s Allowance, Pension Credit, or Universal Credit "
        "with no earnings"
    ),
    Benefit.NIL_RATE.value: _(
        "For example, being in prison, or living in a care home that the council helps pay for"
    ),
}


class ChooseAnswerForm(GovukForm):
    answer = choice_field(choices=[], required_message=_("Select the answer you want to change"))

    def __init__(self, *args, choices, **kwargs):
        """`choices` are (key, text, hint) for each answer the reader may change."""
        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = [(key, text) for key, text, _hint in choices]
        self.layout = {
            "answer": field(
                "radios", _("Which answer do you want to change?"), size="m", items=choices
            )
        }


class AnswerForm(GovukForm):
    """One answer's new value. `value()` is it as the engine takes it; `query()` is what
    the result page's address carries, `handoff()` what the report-a-change form is given."""

    def __init__(self, *args, access, decision, answer, **kwargs):
        self.access, self.decision, self.answer = access, decision, answer
        super().__init__(*args, **kwargs)

    @classmethod
    def starting_from(cls, decision, answer):
        """The form's initial answers: the figures the decision used."""
        return {}

    def query(self):
        return {name: self.data.get(name, "") for name in self.fields}

    def handoff(self):
        return {}


class IncomeAnswerForm(AnswerForm):
    amount = MoneyField(label_text=_("the income before tax"), max_value=1000000)
    period = choice_field(
        choices=PERIODS, required_message=_("Select whether this is a week, a month or a year")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label = (
            _("What would your income be, before tax?")
            if self.access.is_paying
            else _("What would the paying parent’s income be, before tax?")
        )
        self.layout = {
            "amount": field(
                "input",
                label,
                hint=_(
                    "Include all earnings from employment and self-employment, "
                    "and any private pension."
                ),
                prefix="£",
                classes="govuk-input--width-10",
                inputmode="decimal",
                spellcheck=False,
            ),
            "period": field("radios", _("Is this amount for a week, a month or a year?")),
        }

    @classmethod
    def starting_from(cls, decision, answer):
        income = what_if.current_value(decision, answer)
        return {} if income is None else {"amount": f"{income:.2f}", "period": "week"}

    def value(self):
        return weekly_from(self.cleaned_data["amount"], self.cleaned_data["period"])

    def handoff(self):
        return {
            "amount": f"{self.cleaned_data['amount']:.2f}",
            "period": self.cleaned_data["period"],
        }


class BenefitAnswerForm(AnswerForm):
    benefit = choice_field(
        choices=[(value, text) for value, text in BENEFIT_CHOICES],
        required_message=_("Select whether a benefit or circumstances would set the rate"),
    )
    # Asked only when the decision had no income (a benefit set the rate), so the amount
    # without the benefit can be worked out.
    amount = MoneyField(label_text=_("the income before tax"), max_value=1000000, required=False)
    period = choice_field(
        choices=PERIODS,
        required_message=_("Select whether this is a week, a month or a year"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        items = [(value, text, BENEFIT_HINTS.get(value)) for value, text in BENEFIT_CHOICES]
        legend = (
            _("Would a benefit or your circumstances set the rate?")
            if self.access.is_paying
            else _("Would a benefit or the paying parent’s circumstances set the rate?")
        )
        self.layout = {"benefit": field("radios", legend, items=items)}
        if self.decision.income_used is None:
            self.layout["amount"] = field(
                "input",
                _("If no benefit set the rate, what would the income be before tax?"),
                hint=_(
                    "Only needed if you answer no. We did not use an income in the "
                    "current decision."
                ),
                prefix="£",
                classes="govuk-input--width-10",
                inputmode="decimal",
                spellcheck=False,
            )
            self.layout["period"] = field(
                "radios", _("Is this amount for a week, a month or a year?")
            )
        else:
            del self.fields["amount"], self.fields["period"]

    @classmethod
    def starting_from(cls, decision, answer):
        return {"benefit": what_if.current_value(decision, answer).benefit.value}

    def clean(self):
        data = super().clean()
        if (
            "amount" in self.fields
            and data.get("benefit") == Benefit.NONE.value
            and "amount" not in self.errors
        ):
            if data.get("amount") is None:
                self.add_error("amount", _("Enter the income before tax"))
            elif not data.get("period") and "period" not in self.errors:
                self.add_error("period", _("Select whether this is a week, a month or a year"))
        return data

    def value(self):
        data = self.cleaned_data
        income = None
        if data.get("benefit") == Benefit.NONE.value and data.get("amount") is not None:
            income = weekly_from(data["amount"], data["period"])
        return what_if.BenefitChange(Benefit(data["benefit"]), income)


class OtherChildrenAnswerForm(AnswerForm):
    count = whole_number(label_text=_("the number of other children"), min_value=0, max_value=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label = (
            _("How many other children would live with you?")
            if self.access.is_paying
            else _("How many other children would live with the paying parent?")
        )
        self.layout = {
            "count": field(
                "input",
                label,
                hint=_(
                    "Children the paying parent or their partner get Child Benefit for who are "
                    "not part of this case. Enter 0 if there would be none."
                ),
                classes="govuk-input--width-2",
                inputmode="numeric",
                spellcheck=False,
            )
        }

    @classmethod
    def starting_from(cls, decision, answer):
        return {"count": str(what_if.current_value(decision, answer))}

    def value(self):
        return self.cleaned_data["count"]

    def handoff(self):
        return {"count": str(self.cleaned_data["count"])}


class NightsAnswerForm(AnswerForm):
    nights = whole_number(label_text=_("the number of nights a year"), min_value=0, max_value=365)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.layout = {
            "nights": field(
                "input",
                _("How many nights a year would %(name)s stay with the paying parent?")
                % {"name": self.answer.child["full_name"]},
                hint=_(
                    "A night is when the child stays over. There are 365 nights in a year. "
                    "1 night every week is 52 nights a year."
                ),
                classes="govuk-input--width-4",
                inputmode="numeric",
                spellcheck=False,
            )
        }

    @classmethod
    def starting_from(cls, decision, answer):
        return {"nights": str(what_if.current_value(decision, answer))}

    def value(self):
        return self.cleaned_data["nights"]

    def handoff(self):
        return {"child": self.answer.child["public_id"], "nights": str(self.cleaned_data["nights"])}


FORMS = {
    what_if.INCOME: IncomeAnswerForm,
    what_if.BENEFIT: BenefitAnswerForm,
    what_if.OTHER_CHILDREN: OtherChildrenAnswerForm,
    what_if.NIGHTS: NightsAnswerForm,
}


def form_for(answer):
    return FORMS[answer.kind]

"""The calculator's questions as forms, one a page. Each form turns its cleaned data into
the answer kept in the session (`answer()`) and back (`initial_for(answer)`)."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms_portal.forms import GovukForm

from .journey import NIGHTS_BANDS, NONE_OF_THESE

MAX_RECEIVING_PARENTS = 5
MAX_CHILDREN_PER_PARENT = 10
MAX_INCOME = Decimal("10000000")
_AMOUNT = re.compile(r"\d+(\.\d{1,2})?")

CIRCUMSTANCES = [
    ("prison", _("You are in prison")),
    ("under_16", _("You are under 16")),
    (
        "aged_16_or_17_on_benefits",
        _(
            "You are 16 or 17 and you or your partner get Income "
            "Support, income-based Jobseeker’s Allowance, "
            "income-related Employment and Support Allowance or "
            "Universal Credit"
        ),
    ),
    ("care_home", _("You live in a care home or independent hospital and get help paying for it")),
    (
        "training_allowance",
        _("You get an allowance for work-based training for young people or Skillseekers training"),
    ),
]

BENEFITS = [
    ("state_pension", _("State Pension")),
    ("universal_credit", _("Universal Credit with no earned income")),
    ("income_support", _("Income Support")),
    ("jobseekers_allowance", _("Jobseeker’s Allowance")),
    ("employment_support_allowance", _("Employment and Support Allowance")),
    ("pension_credit", _("Pension Credit")),
    ("carers_allowance", _("Carer’s Allowance")),
    ("incapacity", _("Incapacity Benefit or Severe Disablement Allowance")),
    ("bereavement", _("Bereavement Allowance, Widowed Parent’s Allowance or Widow’s Pension")),
    ("maternity_allowance", _("Maternity Allowance")),
    ("training_allowance", _("Training Allowance")),
    ("war_pension", _("War Pension or Armed Forces Compensation Scheme payments")),
    ("industrial_injuries", _("Industrial Injuries Disablement Benefit")),
]

INCOME_PERIODS = [("week", _("A week")), ("month", _("A month")), ("year", _("A year"))]

OTHER_CHILDREN = [
    ("0", pgettext_lazy("number of other children", "None")),
    ("1", "1"),
    ("2", "2"),
    ("3", _("3 or more")),
]

# Welsh answers yes or no with the verb of the question ("Ydyn" / "Nac ydyn": "they do").
YES_NO = [
    ("yes", pgettext_lazy("children stay overnight", "Yes")),
    ("no", pgettext_lazy("children stay overnight", "No")),
]

NIGHTS = [
    ("fewer_than_52", _("Less than 1 night a week on average"), _("Fewer than 52 nights a year")),
    ("52_to_103", _("1 night a week"), _("52 to 103 nights a year")),
    ("104_to_155", _("2 nights a week"), _("104 to 155 nights a year")),
    ("156_to_174", _("3 nights a week"), _("156 to 174 nights a year")),
    (
        "175_or_more",
        _("More than 3 nights a week"),
        _("175 nights a year or more: this counts as sharing care equally"),
    ),
]
assert [code for code, _text, _hint in NIGHTS] == list(NIGHTS_BANDS)


class QuestionForm(GovukForm):
    """A calculator question; `field_name` holds the answer for single-field questions."""

    field_name = "answer"

    def __init__(self, *args, step=None, answers=None, **kwargs):
        self.step = step
        self.answers = answers or {}
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_for(cls, answer):
        return {cls.field_name: answer}

    def answer(self):
        return self.cleaned_data[self.field_name]


class _ExclusiveChoicesForm(QuestionForm):
    """Checkboxes with a 'none of these' answer that cannot be chosen with the others."""

    choices: list = []
    required_message = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.field_name] = forms.MultipleChoiceField(
            choices=[*self.choices, (NONE_OF_THESE, "")],
            error_messages={
                "required": self.required_message,
                "invalid_choice": self.required_message,
            },
        )

    def clean(self):
        chosen = self.cleaned_data.get(self.field_name) or []
        if NONE_OF_THESE in chosen and len(chosen) > 1:
            self.add_error(self.field_name, self.required_message)
        return self.cleaned_data


class CircumstancesForm(_ExclusiveChoicesForm):
    field_name = "circumstances"
    choices = CIRCUMSTANCES
    required_message = _(
        "Select the ones that apply to you, or select ‘No, none of these apply to me’"
    )


class BenefitsForm(_ExclusiveChoicesForm):
    field_name = "benefits"
    choices = BENEFITS
    required_message = _(
        "Select the benefits, pensions or allowances you get, or select "
        "‘No, I do not get any of these’"
    )


class IncomeForm(QuestionForm):
    amount = forms.CharField(required=False)
    period = forms.ChoiceField(
        choices=INCOME_PERIODS,
        error_messages={
            "required": _("Select whether your income is for a week, a month or a year"),
            "invalid_choice": _("Select whether your income is for a week, a month or a year"),
        },
    )

    @classmethod
    def initial_for(cls, answer):
        return dict(answer or {})

    def clean_amount(self):
        text = self.cleaned_data["amount"].strip().replace(",", "").replace(" ", "")
        if text.startswith("£"):
            text = text[1:]
        if not text:
            raise forms.ValidationError(_("Enter your gross income"))
        if text.startswith("-"):
            raise forms.ValidationError(_("Gross income must be £0 or more"))
        if not _AMOUNT.fullmatch(text):
            raise forms.ValidationError(
                _("Gross income must be an amount of money, like 850 or 850.50")
            )
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(
                _("Gross income must be an amount of money, like 850 or 850.50")
            ) from None
        if amount > MAX_INCOME:
            raise forms.ValidationError(_("Gross income must be £10,000,000 or less"))
        return amount

    def answer(self):
        return {
            "amount": f"{self.cleaned_data['amount']:.2f}",
            "period": self.cleaned_data["period"],
        }


def _count_field(*, maximum, required, invalid, too_small, too_large):
    return forms.IntegerField(
        min_value=1,
        max_value=maximum,
        error_messages={
            "required": required,
            "invalid": invalid,
            "min_value": too_small,
            "max_value": too_large,
        },
    )


class ReceivingParentsForm(QuestionForm):
    field_name = "receiving_parents"
    receiving_parents = _count_field(
        maximum=MAX_RECEIVING_PARENTS,
        required=_("Enter how many parents or carers you will pay child maintenance to"),
        invalid=_("Number of parents or carers must be a whole number, like 1 or 2"),
        too_small=_("Number of parents or carers must be 1 or more"),
        too_large=_("Number of parents or carers must be 5 or fewer"),
    )


class ChildrenForm(QuestionForm):
    field_name = "children"
    children = _count_field(
        maximum=MAX_CHILDREN_PER_PARENT,
        required=_("Enter how many children you will pay child maintenance for"),
        invalid=_("Number of children must be a whole number, like 1 or 2"),
        too_small=_("Number of children must be 1 or more"),
        too_large=_("Number of children must be 10 or fewer"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if int(self.answers.get("receiving_parents") or 1) > 1:
            self.fields["children"].error_messages["required"] = _(
                "Enter how many of your children live with parent or carer %(number)s"
            ) % {"number": self.step.parent}


class OtherChildrenForm(QuestionForm):
    field_name = "other_children"
    other_children = forms.ChoiceField(
        choices=OTHER_CHILDREN,
        error_messages={
            "required": _("Select how many other children live with you"),
            "invalid_choice": _("Select how many other children live with you"),
        },
    )

    @classmethod
    def initial_for(cls, answer):
        return {cls.field_name: None if answer is None else str(answer)}

    def answer(self):
        return int(self.cleaned_data[self.field_name])


class SharedCareForm(QuestionForm):
    field_name = "shared_care"
    shared_care = forms.ChoiceField(
        choices=YES_NO,
        error_messages={
            "required": _("Select yes if any of the children stay overnight with you"),
            "invalid_choice": _("Select yes if any of the children stay overnight with you"),
        },
    )


class NightsForm(QuestionForm):
    field_name = "nights"
    nights = forms.ChoiceField(
        choices=[(code, text) for code, text, _hint in NIGHTS],
        error_messages={
            "required": _("Select how often the child stays overnight with you"),
            "invalid_choice": _("Select how often the child stays overnight with you"),
        },
    )


FORMS = {
    "circumstances": CircumstancesForm,
    "benefits": BenefitsForm,
    "income": IncomeForm,
    "receiving_parents": ReceivingParentsForm,
    "children": ChildrenForm,
    "other_children": OtherChildrenForm,
    "shared_care": SharedCareForm,
    "nights": NightsForm,
}

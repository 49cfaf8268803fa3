"""One form per page of the other parent's response, through the form pipeline."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms.uploads import attachment_field
from cases.models import PaymentFrequency
from cms_portal.forms import GovukForm, field
from cms_portal.forms.fields import MoneyField, choice_field, text_field, whole_number

from .forms import NIGHTS_BANDS, YES_NO_IS_IT_YOU, QuestionForm, yes_no_form


class StartResponseForm(GovukForm):
    title = _("Respond to a child maintenance application")
    reference = text_field(label_text=_("the application reference"), max_length=20)
    code = text_field(label_text=_("the code from your letter"), max_length=30)
    layout = {
        "reference": field(
            "input",
            _("Application reference"),
            hint=_("It is on the letter we sent you, for example APP-ABCD-2345"),
            classes="govuk-input--width-20",
            spellcheck=False,
        ),
        "code": field(
            "input",
            _("Code"),
            hint=_("The 12-character code on the same letter"),
            classes="govuk-input--width-20",
            spellcheck=False,
            autocomplete="off",
        ),
    }


class ParentageForm(QuestionForm):
    title = _("Are you the parent of this child?")
    is_parent = choice_field(
        choices=YES_NO_IS_IT_YOU,
        required_message=_("Select yes if you are the child’s parent"),
    )

    def __init__(self, *args, child_name="", **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("Are you %(name)s’s parent?") % {"name": child_name}
        self.layout = {
            "is_parent": field(
                "radios",
                self.title,
                hint=_(
                    "If you say no, a caseworker will contact you. We assume you are the "
                    "parent if you were married to the other parent when the child was "
                    "born, are named on the birth certificate, adopted the child, or a "
                    "court or DNA test has said so. If a DNA test is needed and shows you "
                    "are the parent, you pay for it."
                ),
                heading=True,
                size="l",
                classes="govuk-radios--inline",
            )
        }


class WorkForm(QuestionForm):
    title = _("Which of these best describes you?")
    CHOICES = (
        ("employed", _("I work for an employer")),
        ("self_employed", _("I am self-employed")),
        ("benefits", _("I get benefits, a State Pension or a war pension")),
        ("not_working", _("I do not work and do not get benefits")),
    )
    work = choice_field(choices=CHOICES, required_message=_("Select which best describes you"))
    layout = {"work": field("radios", title, heading=True, size="l")}


class IncomeForm(QuestionForm):
    title = _("What is your income?")
    gross_weekly_income = MoneyField(label_text=_("your weekly income before tax"))
    pension_contributions = MoneyField(
        label_text=_("your weekly pension contributions"), required=False
    )
    # Checked by content and kept apart from the answers (respond.save_response_answer).
    payslip = attachment_field()
    layout = {
        "gross_weekly_income": field(
            "input",
            _("Weekly income before tax"),
            hint=_("We check this with HMRC. Enter 0 if you have no income."),
            prefix="£",
            classes="govuk-input--width-10",
            inputmode="decimal",
            spellcheck=False,
        ),
        "pension_contributions": field(
            "input",
            _("Weekly pension contributions (optional)"),
            prefix="£",
            classes="govuk-input--width-10",
            inputmode="decimal",
            spellcheck=False,
        ),
        "payslip": field(
            "file",
            _("Upload a payslip (optional)"),
            hint=_(
                "PDF, JPG or PNG, smaller than 10MB. You can add more than one payslip, "
                "one at a time. The other parent never sees it."
            ),
        ),
    }

    def answers(self):
        return {
            name: str(value) if value is not None else ""
            for name, value in self.cleaned_data.items()
            if name != "payslip"
        }


class OtherChildrenForm(QuestionForm):
    title = _("How many other children live with you?")
    other_children = whole_number(
        label_text=_("the number of other children"), min_value=0, max_value=20
    )
    layout = {
        "other_children": field(
            "input",
            title,
            hint=_("Children you or your partner get Child Benefit for. Enter 0 if none."),
            heading=True,
            size="l",
            classes="govuk-input--width-3",
            inputmode="numeric",
        )
    }


class NightsForm(QuestionForm):
    title = _("How many nights a year do the children usually stay with you?")
    nights = choice_field(
        choices=NIGHTS_BANDS,
        required_message=_("Select how many nights a year the children stay with you"),
    )
    layout = {"nights": field("radios", title, heading=True, size="l")}


class PayMethodForm(QuestionForm):
    title = _("How do you want to pay?")
    CHOICES = (
        ("direct_pay", _("Direct Pay: I pay the other parent myself")),
        ("collect_and_pay", _("Collect and Pay: I pay the Child Maintenance Service")),
    )
    payment_method = choice_field(choices=CHOICES, required_message=_("Select how you want to pay"))
    layout = {
        "payment_method": field(
            "radios",
            title,
            hint=_("If the other parent has told us about domestic abuse, payments go through us."),
            heading=True,
            size="l",
        )
    }


class FrequencyForm(QuestionForm):
    title = _("How often do you want to pay?")
    frequency = forms.ChoiceField(
        choices=PaymentFrequency.choices,
        error_messages={
            "required": _("Select how often you want to pay"),
            "invalid_choice": _("Select how often you want to pay"),
        },
    )
    layout = {"frequency": field("radios", title, heading=True, size="l")}


RespondentSafetyForm = yes_no_form(
    "safety_worried",
    _("Are you worried about your safety?"),
    _("Select yes if you are worried about your safety"),
    hint=_("We will not tell the other parent your answer."),
)


class ConfirmResponseForm(GovukForm):
    confirm = forms.BooleanField(
        error_messages={"required": _("Select that you confirm the information is correct")}
    )
    layout = {
        "confirm": field(
            "checkboxes",
            _("Confirm your answers"),
            items=[
                ("on", _("I confirm that the information I have given is correct and complete"))
            ],
            size="hidden",
        )
    }

"""One form per question page of the application, through the form pipeline. Each
form's `title` is the page's heading; `answers()` gives what is saved (JSON-safe)."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases import validation
from cases.dates import age_on
from cms_portal.forms import GovukForm, field
from cms_portal.forms.fields import (
    GovukDateField,
    bank_account_layout,
    choice_field,
    text_field,
)

# Welsh answers yes or no with the question's own verb: "Ydw" to "Ydych chi…?" (about
# you), "Ydy" to "Ydy'r…?" (about someone else), "Ie" to "Ai chi…?" (is it you).
YES_NO = (("yes", _("Yes")), ("no", _("No")))
YES_NO_ABOUT_SOMEONE_ELSE = (
    ("yes", pgettext_lazy("answer about someone else", "Yes")),
    ("no", pgettext_lazy("answer about someone else", "No")),
)
YES_NO_IS_IT_YOU = (
    ("yes", pgettext_lazy("answer to whether it is you", "Yes")),
    ("no", pgettext_lazy("answer to whether it is you", "No")),
)
# The reference from "Get help arranging child maintenance": letters and numbers; spaces
# and dashes people copy from the letter are ignored.
_GET_HELP_REFERENCE = re.compile(r"^[A-Z0-9]{8,12}$")
# Nights a year with the other parent, in the bands the calculation uses.
NIGHTS_BANDS = (
    ("0", _("Fewer than 52 nights a year (less than 1 night a week)")),
    ("52", _("52 to 103 nights a year (1 night a week)")),
    ("104", _("104 to 155 nights a year (2 nights a week)")),
    ("156", _("156 to 174 nights a year (3 nights a week)")),
    ("175", _("175 or more nights a year (more than 3 nights a week)")),
)


class QuestionForm(GovukForm):
    title = ""

    def answers(self):
        return {
            name: value.isoformat() if isinstance(value, date) else value
            for name, value in self.cleaned_data.items()
        }

    @classmethod
    def initial_from(cls, saved):
        initial = dict(saved or {})
        for name, form_field in cls.base_fields.items():
            if isinstance(form_field, GovukDateField) and initial.get(name):
                initial[name] = date.fromisoformat(initial[name])
        return initial


def yes_no_form(name, title, required_message, hint=None, items=None, answers=YES_NO):
    """A page asking one yes-or-no question; `answers` as the question asks it."""
    return type(
        f"{name.title().replace('_', '')}Form",
        (QuestionForm,),
        {
            "title": title,
            name: choice_field(choices=items or answers, required_message=required_message),
            "layout": {
                name: field(
                    "radios",
                    title,
                    hint=hint,
                    heading=True,
                    size="l",
                    items=items or answers,
                    classes="" if items else "govuk-radios--inline",
                )
            },
        },
    )


class WhereYouLiveForm(QuestionForm):
    title = _("Where do you live?")
    COUNTRIES = (
        ("england", _("England")),
        ("scotland", _("Scotland")),
        ("wales", _("Wales")),
        ("northern_ireland", _("Northern Ireland")),
        ("outside_uk", _("Outside the UK")),
    )
    country = choice_field(choices=COUNTRIES, required_message=_("Select where you live"))
    layout = {"country": field("radios", title, heading=True, size="l")}


MainCarerForm = yes_no_form(
    "main_carer",
    _("Do you have main day-to-day care of the children?"),
    _("Select yes if you have main day-to-day care of the children"),
    hint=_("This means the children live with you most of the time."),
    answers=YES_NO_IS_IT_YOU,
)
OtherParentInUkForm = yes_no_form(
    "other_parent_in_uk",
    _("Does the other parent live in the UK?"),
    _("Select yes if the other parent lives in the UK"),
    answers=YES_NO_ABOUT_SOMEONE_ELSE,
)


class GetHelpReferenceForm(QuestionForm):
    title = _("What is your ‘Get help arranging child maintenance’ reference?")
    reference = forms.CharField(required=False, max_length=40)
    no_reference = forms.BooleanField(required=False)
    layout = {
        "reference": field(
            "input",
            title,
            hint=_(
                "You get this when you contact Get help arranging child maintenance. "
                "It is 8 to 12 letters and numbers."
            ),
            heading=True,
            size="l",
            classes="govuk-input--width-20",
            spellcheck=False,
        ),
        "no_reference": field(
            "checkboxes",
            _("If you do not have one"),
            items=[("on", _("I do not have a reference"))],
        ),
    }

    def clean(self):
        data = super().clean()
        typed = re.sub(r"[\s-]", "", data.get("reference") or "").upper()
        if data.get("no_reference"):
            data["reference"] = ""
            return data
        if not typed:
            self.add_error(
                "reference", _("Enter your reference, or select that you do not have one")
            )
        elif not _GET_HELP_REFERENCE.match(typed):
            self.add_error("reference", _("Reference must be 8 to 12 letters and numbers"))
        data["reference"] = typed
        return data


class YourNameForm(QuestionForm):
    title = _("What is your full name?")
    full_name = text_field(label_text=_("your full name"))
    layout = {
        "full_name": field(
            "input", title, heading=True, size="l", autocomplete="name", spellcheck=False
        )
    }


class DateOfBirthForm(QuestionForm):
    date_of_birth = GovukDateField(label_text=_("date of birth"), when="past")

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        try:
            return validation.parent_date_of_birth(value, timezone.localdate())
        except ValidationError as error:
            raise ValidationError(error.messages) from None


class YourDateOfBirthForm(DateOfBirthForm):
    title = _("What is your date of birth?")
    layout = {
        "date_of_birth": field(
            "date", title, hint=_("For example, 27 3 1990"), heading=True, size="l"
        )
    }


def _ni_number(value):
    try:
        return validation.ni_number(value)
    except ValidationError as error:
        raise ValidationError(error.messages) from None


class YourNationalInsuranceForm(QuestionForm):
    title = _("What is your National Insurance number?")
    national_insurance_number = text_field(
        label_text=_("your National Insurance number"), max_length=20
    )
    layout = {
        "national_insurance_number": field(
            "input",
            title,
            hint=_(
                "It’s on your National Insurance card, payslip or P60. For example, ‘QQ 12 34 "
                "56 C’."
            ),
            heading=True,
            size="l",
            classes="govuk-input--width-10",
            spellcheck=False,
        )
    }

    def clean_national_insurance_number(self):
        return _ni_number(self.cleaned_data["national_insurance_number"])


class YourAddressForm(QuestionForm):
    title = _("What is your address?")
    address_line_1 = text_field(label_text=_("address line 1"))
    address_line_2 = text_field(label_text=_("address line 2"), required=False)
    town = text_field(label_text=_("town or city"), max_length=100)
    postcode = text_field(label_text=_("postcode"), max_length=10)
    layout = {
        "address_line_1": field("input", _("Address line 1"), autocomplete="address-line1"),
        "address_line_2": field(
            "input", _("Address line 2 (optional)"), autocomplete="address-line2"
        ),
        "town": field(
            "input",
            _("Town or city"),
            classes="govuk-!-width-two-thirds",
            autocomplete="address-level2",
        ),
        "postcode": field(
            "input", _("Postcode"), classes="govuk-input--width-10", autocomplete="postal-code"
        ),
    }

    def clean_postcode(self):
        try:
            return validation.postcode(self.cleaned_data["postcode"])
        except ValidationError as error:
            raise ValidationError(error.messages) from None


class YourPhoneForm(QuestionForm):
    title = _("What is your phone number?")
    phone = forms.CharField(required=False, max_length=30)
    layout = {
        "phone": field(
            "input",
            title,
            hint=_("Optional. We may call you about your application."),
            heading=True,
            size="l",
            type="tel",
            autocomplete="tel",
            classes="govuk-input--width-20",
        )
    }

    def clean_phone(self):
        phone = " ".join(self.cleaned_data["phone"].split())
        if phone and not re.fullmatch(r"\+?[\d ()]{10,20}", phone):
            raise ValidationError(_("Enter a phone number, like 01632 960 001 or 07700 900 982"))
        return phone


class NumberOfChildrenForm(QuestionForm):
    title = _("How many children are you applying for?")
    number_of_children = forms.TypedChoiceField(
        choices=[(str(n), str(n)) for n in range(1, 7)],
        coerce=int,
        error_messages={
            "required": _("Select how many children you are applying for"),
            "invalid_choice": _("Select how many children you are applying for"),
        },
    )
    layout = {
        "number_of_children": field(
            "radios",
            title,
            hint=_(
                "Only include children you and the other parent are both parents of. "
                "If there are more than 6, call us."
            ),
            heading=True,
            size="l",
            classes="govuk-radios--inline",
        )
    }


class ChildForm(QuestionForm):
    """A page about one child: the view passes `number` (1, 2, ...)."""

    def __init__(self, *args, number=1, **kwargs):
        super().__init__(*args, **kwargs)
        self.number = number


class ChildNameForm(ChildForm):
    title = _("What is the child’s full name?")
    full_name = text_field(label_text=_("the child’s full name"))
    layout = {"full_name": field("input", title, heading=True, size="l", spellcheck=False)}


class ChildDateOfBirthForm(ChildForm):
    title = _("What is the child’s date of birth?")
    date_of_birth = GovukDateField(label_text=_("the child’s date of birth"), when="not_future")
    layout = {
        "date_of_birth": field(
            "date", title, hint=_("For example, 27 3 2015"), heading=True, size="l"
        )
    }

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        if age_on(value, timezone.localdate()) >= validation.CHILD_AGE_LIMIT:
            raise ValidationError(_("The child must be under 20 to be included"))
        return value


ChildEducationForm = yes_no_form(
    "in_education",
    _("Is the child in full-time education that is not advanced?"),
    _("Select yes if the child is in full-time education that is not advanced"),
    hint=_(
        "For example, A levels, Scottish Highers or a BTEC at level 3 or below. "
        "University or a degree is advanced education."
    ),
    answers=YES_NO_ABOUT_SOMEONE_ELSE,
)


class ChildNightsForm(ChildForm):
    title = _("How many nights a year does the child usually stay with the other parent?")
    nights = choice_field(
        choices=NIGHTS_BANDS,
        required_message=_("Select how many nights a year the child stays with the other parent"),
    )
    layout = {"nights": field("radios", title, heading=True, size="l")}


class OtherParentNameForm(QuestionForm):
    title = _("What is the other parent’s full name?")
    full_name = text_field(label_text=_("the other parent’s full name"))
    layout = {"full_name": field("input", title, heading=True, size="l", spellcheck=False)}


UNKNOWN = [("on", _("I do not know"))]


class KnownOrNotForm(QuestionForm):
    """A fact about the other parent that the applicant may not know: the answer or
    "I do not know"; either is fine, an empty page is not."""

    unknown = forms.BooleanField(required=False)
    answer_field = ""
    missing_message = ""

    def clean(self):
        data = super().clean()
        if data.get("unknown"):
            self.errors.pop(self.answer_field, None)
            data[self.answer_field] = ""
            return data
        if not data.get(self.answer_field) and self.answer_field not in self.errors:
            self.add_error(self.answer_field, self.missing_message)
        return data


class OtherParentDateOfBirthForm(KnownOrNotForm):
    title = _("What is the other parent’s date of birth?")
    date_of_birth = GovukDateField(label_text=_("their date of birth"), when="past", required=False)
    answer_field = "date_of_birth"
    missing_message = _("Enter their date of birth, or select ‘I do not know’")
    layout = {
        "date_of_birth": field(
            "date", title, hint=_("For example, 27 3 1988"), heading=True, size="l"
        ),
        "unknown": field("checkboxes", _("If you do not know"), items=UNKNOWN, size="hidden"),
    }


class OtherParentAddressForm(KnownOrNotForm):
    title = _("What is the other parent’s address?")
    address = forms.CharField(required=False, max_length=500)
    answer_field = "address"
    missing_message = _("Enter their address, or select ‘I do not know’")
    layout = {
        "address": field(
            "textarea",
            title,
            hint=_("Their last known address is fine."),
            heading=True,
            size="l",
            rows=4,
        ),
        "unknown": field("checkboxes", _("If you do not know"), items=UNKNOWN, size="hidden"),
    }


class OtherParentPhoneForm(KnownOrNotForm):
    title = _("What is the other parent’s phone number?")
    phone = forms.CharField(required=False, max_length=30)
    answer_field = "phone"
    missing_message = _("Enter their phone number, or select ‘I do not know’")
    layout = {
        "phone": field(
            "input", title, heading=True, size="l", type="tel", classes="govuk-input--width-20"
        ),
        "unknown": field("checkboxes", _("If you do not know"), items=UNKNOWN, size="hidden"),
    }

    def clean_phone(self):
        phone = " ".join(self.cleaned_data["phone"].split())
        if phone and not re.fullmatch(r"\+?[\d ()]{10,20}", phone):
            raise ValidationError(_("Enter a phone number, like 01632 960 001 or 07700 900 982"))
        return phone


class OtherParentEmployerForm(KnownOrNotForm):
    title = _("Who does the other parent work for?")
    employer = forms.CharField(required=False, max_length=200)
    answer_field = "employer"
    missing_message = _("Enter their employer’s name, or select ‘I do not know’")
    layout = {
        "employer": field(
            "input",
            title,
            hint=_("The name of their employer or their business."),
            heading=True,
            size="l",
        ),
        "unknown": field("checkboxes", _("If you do not know"), items=UNKNOWN, size="hidden"),
    }


class OtherParentNationalInsuranceForm(KnownOrNotForm):
    title = _("What is the other parent’s National Insurance number?")
    national_insurance_number = forms.CharField(required=False, max_length=20)
    answer_field = "national_insurance_number"
    missing_message = _("Enter their National Insurance number, or select ‘I do not know’")
    layout = {
        "national_insurance_number": field(
            "input",
            title,
            hint=_("For example, ‘QQ 12 34 56 C’."),
            heading=True,
            size="l",
            classes="govuk-input--width-10",
            spellcheck=False,
        ),
        "unknown": field("checkboxes", _("If you do not know"), items=UNKNOWN, size="hidden"),
    }

    def clean_national_insurance_number(self):
        value = self.cleaned_data["national_insurance_number"]
        return _ni_number(value) if value.strip() else ""


SafetyWorriedForm = yes_no_form(
    "safety_worried",
    _("Are you worried about your safety or your children’s safety?"),
    _("Select yes if you are worried about your safety or your children’s safety"),
    hint=_("We will not tell the other parent your answer."),
)
DomesticAbuseForm = yes_no_form(
    "domestic_abuse",
    _("Has the other parent been abusive towards you or the children?"),
    _("Select yes if the other parent has been abusive towards you or the children"),
    hint=_(
        "Abuse can be physical, emotional, sexual, financial or controlling behaviour. "
        "We will not tell the other parent your answer."
    ),
    answers=YES_NO_ABOUT_SOMEONE_ELSE,
)
HideAddressForm = yes_no_form(
    "hide_address",
    _("Do you want us to keep your address and the area you live in hidden from the other parent?"),
    _("Select yes if you want us to keep your address and area hidden"),
    hint=_(
        "We never tell the other parent your address. If you choose yes, we also make sure "
        "nothing we send them shows the area you live in."
    ),
)
NewNameForm = yes_no_form(
    "hide_new_name",
    _("Have you changed your name and want to keep your new name hidden from the other parent?"),
    _("Select yes if you want to keep your new name hidden"),
)
CollectAndPayAbuseForm = yes_no_form(
    "collect_because_of_abuse",
    _("Do you want us to collect and pass on payments because of domestic abuse?"),
    _("Select yes if you want us to collect payments because of domestic abuse"),
    hint=_(
        "You can have Collect and Pay without the other parent agreeing if you have "
        "evidence of domestic abuse. We may ask for a letter from a doctor, the police, "
        "a court, a domestic abuse support service or social services. Payments come "
        "through us, so the other parent never needs your bank details."
    ),
)


class PaymentMethodForm(QuestionForm):
    title = _("How do you want the payments to be made?")
    METHODS = (
        ("direct_pay", _("Direct Pay")),
        ("collect_and_pay", _("Collect and Pay")),
    )
    payment_method = choice_field(
        choices=METHODS, required_message=_("Select how you want the payments to be made")
    )

    def __init__(self, *args, direct_pay_hint="", collect_hint="", **kwargs):
        super().__init__(*args, **kwargs)
        self.layout = {
            "payment_method": field(
                "radios",
                self.title,
                heading=True,
                size="l",
                items=[
                    ("direct_pay", _("Direct Pay"), direct_pay_hint),
                    ("collect_and_pay", _("Collect and Pay"), collect_hint),
                ],
            )
        }


class BankDetailsForm(QuestionForm):
    title = _("What are your bank details?")
    account_name = text_field(label_text=_("the name on the account"))
    sort_code = text_field(label_text=_("a sort code"), max_length=20)
    account_number = text_field(label_text=_("an account number"), max_length=20)
    layout = bank_account_layout(
        "account_name", "sort_code", "account_number", name_spellcheck=False
    )

    def clean_sort_code(self):
        return validation.sort_code(self.cleaned_data["sort_code"])

    def clean_account_number(self):
        return validation.account_number(self.cleaned_data["account_number"])


class DeclarationForm(GovukForm):
    title = _("Declaration")
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

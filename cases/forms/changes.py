"""One form per kind of change. Each takes the parent's `access` to offer only what is
theirs (their children, the other service type)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms_portal.forms.fields import (
    GovukDateField,
    GovukForm,
    MoneyField,
    bank_account_layout,
    choice_field,
    field,
    text_field,
    whole_number,
)

from .. import validation
from ..models import ServiceType
from ..rules import weekly_from

_UK_PHONE = re.compile(r"^(\+44|0)\d{9,10}$")


class ChangeForm(GovukForm):
    def __init__(self, *args, access, **kwargs):
        self.access = access
        super().__init__(*args, **kwargs)

    def answers(self):
        """The typed answers the service acts on."""
        return dict(self.cleaned_data)

    @classmethod
    def suggested_answers(cls, query, *, access):
        """Answers another page hands on in the link (the "what if" page does), each kept
        only if this form would accept it from this parent; anything else is dropped, so
        a link changed by hand starts the form empty. Dates are never suggested."""
        form = cls(access=access)
        suggested = {}
        for name, form_field in form.fields.items():
            if name not in query or isinstance(form_field, GovukDateField):
                continue
            value = query[name]
            try:
                form_field.clean(value)
            except ValidationError:
                continue
            suggested[name] = value
        return suggested


class _ChildChoiceMixin:
    def _child_choices(self):
        children = self.access.case.children.filter(status="qualifying")
        if not self.access.is_paying:
            children = children.filter(receiving_party=self.access.party)
        return [(str(child.public_id), child.full_name) for child in children]


class IncomeChangeForm(ChangeForm):
    amount = MoneyField(label_text=_("your income before tax"), max_value=1000000)
    period = choice_field(
        choices=[("week", _("A week")), ("month", _("A month")), ("year", _("A year"))],
        required_message=_("Select whether this is a week, a month or a year"),
    )
    changed_on = GovukDateField(
        label_text=_("the date your income changed"), when="not_future", max_years_ago=2
    )

    layout = {
        "amount": field(
            "input",
            _("What is your income now, before tax?"),
            hint=_(
                "Include all your earnings, from employment and "
                "self-employment, and any private pension."
            ),
            prefix="£",
            classes="govuk-input--width-10",
            inputmode="decimal",
            spellcheck=False,
        ),
        "period": field("radios", _("Is this amount for a week, a month or a year?")),
        "changed_on": field(
            "date", _("When did your income change?"), hint=_("For example, 1 4 2026")
        ),
    }

    def answers(self):
        data = dict(self.cleaned_data)
        data["weekly_income"] = weekly_from(data["amount"], data["period"])
        return data


class SharedCareChangeForm(ChangeForm, _ChildChoiceMixin):
    child = choice_field(choices=[], required_message=_("Select the child"))
    nights = whole_number(label_text=_("the number of nights a year"), min_value=0, max_value=365)
    changed_on = GovukDateField(
        label_text=_("the date this changed"), when="not_future", max_years_ago=2
    )

    layout = {
        "child": field("radios", _("Which child is this about?")),
        "nights": field(
            "input",
            _("How many nights a year will the child stay with the paying parent now?"),
            hint=_(
                "A night is when the child stays over. There are 365 nights "
                "in a year. 1 night every week is 52 nights a year."
            ),
            classes="govuk-input--width-4",
            inputmode="numeric",
            spellcheck=False,
        ),
        "changed_on": field("date", _("When did this change?"), hint=_("For example, 1 4 2026")),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = self._child_choices()


class ChildLeavingForm(ChangeForm, _ChildChoiceMixin):
    child = choice_field(choices=[], required_message=_("Select the child"))
    reason = choice_field(
        choices=[
            ("left_education", _("They have left full-time education")),
            ("turning_20", _("They are turning 20")),
            ("left_uk", _("They have gone to live outside the UK")),
        ],
        required_message=_("Select why the child is no longer included"),
    )
    left_on = GovukDateField(label_text=_("the date this happens"), max_years_ago=2)

    layout = {
        "child": field("radios", _("Which child is this about?")),
        "reason": field("radios", _("What has changed?")),
        "left_on": field(
            "date",
            _("When does this happen?"),
            hint=_("This can be a date in the future. For example, 31 8 2026"),
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = self._child_choices()


class OtherChildrenForm(ChangeForm):
    count = whole_number(label_text=_("the number of other children"), min_value=0, max_value=20)
    changed_on = GovukDateField(
        label_text=_("the date this changed"), when="not_future", max_years_ago=2
    )

    layout = {
        "count": field(
            "input",
            _("How many other children live with you now?"),
            hint=_(
                "Count children you or your partner get Child Benefit for who "
                "are not part of this case. Enter 0 if there are none."
            ),
            classes="govuk-input--width-2",
            inputmode="numeric",
            spellcheck=False,
        ),
        "changed_on": field("date", _("When did this change?"), hint=_("For example, 1 4 2026")),
    }


class AddressChangeForm(ChangeForm):
    address_line_1 = text_field(label_text=_("the first line of your address"), max_length=200)
    address_line_2 = text_field(
        label_text=_("the second line of your address"), max_length=200, required=False
    )
    town = text_field(label_text=_("your town or city"), max_length=100)
    postcode = text_field(label_text=_("your postcode"), max_length=10)
    moved_on = GovukDateField(
        label_text=_("the date you moved"), when="not_future", max_years_ago=2
    )

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
        "moved_on": field("date", _("When did you move?"), hint=_("For example, 1 4 2026")),
    }

    def clean_postcode(self):
        return validation.postcode(self.cleaned_data["postcode"])


class PhoneChangeForm(ChangeForm):
    phone = text_field(label_text=_("your phone number"), max_length=30)

    layout = {
        "phone": field(
            "input",
            _("What is your new phone number?"),
            hint=_(
                "For example, 07700 900 982. For international numbers include the country code."
            ),
            classes="govuk-input--width-20",
            autocomplete="tel",
            type="tel",
        ),
    }

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        digits = re.sub(r"[\s()-]", "", phone)
        if not _UK_PHONE.match(digits) and not re.match(r"^\+\d{8,15}$", digits):
            raise ValidationError(_("Enter a phone number, like 07700 900 982 or +44 7700 900 982"))
        return phone.strip()


class EmailChangeForm(ChangeForm):
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Email address must be 254 characters or fewer"),
        },
    )

    layout = {
        "email": field(
            "input",
            _("What email address should we use to contact you?"),
            hint=_("We will only use this for your child maintenance case."),
            autocomplete="email",
            spellcheck=False,
            type="email",
        ),
    }


class BankDetailsForm(ChangeForm):
    bank_account_name = text_field(label_text=_("the name on the account"), max_length=200)
    bank_sort_code = text_field(label_text=_("the sort code"), max_length=20)
    bank_account_number = text_field(label_text=_("the account number"), max_length=20)

    layout = bank_account_layout("bank_account_name", "bank_sort_code", "bank_account_number")

    def clean_bank_sort_code(self):
        return validation.sort_code(self.cleaned_data["bank_sort_code"])

    def clean_bank_account_number(self):
        return validation.account_number(self.cleaned_data["bank_account_number"])


class ServiceTypeForm(ChangeForm):
    reason = text_field(label_text=_("why you want to change"), max_length=2000, required=False)

    layout = {
        "reason": field(
            "textarea",
            _("Why do you want to change? (optional)"),
            hint=_(
                "Do not include anything you would not want the other parent "
                "to know. You do not have to give a reason."
            ),
        ),
    }

    def answers(self):
        wanted = (
            ServiceType.DIRECT_PAY
            if self.access.case.service_type == ServiceType.COLLECT_AND_PAY
            else ServiceType.COLLECT_AND_PAY
        )
        return {"service_type": wanted, "reason": self.cleaned_data.get("reason", "")}


class ExtraPaymentForm(ChangeForm):
    amount = MoneyField(
        label_text=_("the amount of the extra payment"), allow_zero=False, max_value=100000
    )
    paid_on = GovukDateField(
        label_text=_("the date it was paid"), when="not_future", max_years_ago=6
    )
    note = text_field(label_text=_("anything else we should know"), max_length=1000, required=False)

    layout = {
        "amount": field(
            "input",
            _("How much was the extra payment?"),
            prefix="£",
            classes="govuk-input--width-10",
            inputmode="decimal",
            spellcheck=False,
        ),
        "paid_on": field("date", _("When was it paid?"), hint=_("For example, 1 4 2026")),
        "note": field(
            "textarea",
            _("Anything else we should know? (optional)"),
            hint=_("For example, what the payment was for."),
        ),
    }

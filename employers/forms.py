"""Employer forms. Amounts are read exactly as in uploaded files (cms_portal.core.parsing);
every message says what to fix."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases.models import PaymentFrequency
from cms_portal.core.parsing import ValueProblem, parse_amount
from cms_portal.formatting import money
from cms_portal.forms import GovukForm, field
from cms_portal.forms.fields import GovukDateField

from .codes import ACTIVATION_CODE_LENGTH, normalise_code
from .models import LeaverKind, MembershipRole, PaymentMethod, is_employer_reference
from .presenters.rules import ADMIN_FEE_HINT, ADMIN_FEE_TOO_HIGH, maximum_admin_fee_today
from .uploads.decoding import MAXIMUM_FILE_BYTES

MAXIMUM_EARNINGS = Decimal("1000000.00")


class AmountField(forms.Field):
    """Pounds and pence, with the message for each problem given by the form."""

    def __init__(self, *, messages, maximum=MAXIMUM_EARNINGS, **kwargs):
        # `maximum` may be a function, for a limit a rule table sets.
        self.messages = messages
        self.maximum = maximum
        kwargs.setdefault("error_messages", {"required": messages["blank"]})
        super().__init__(**kwargs)

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        try:
            amount = parse_amount(text)
        except ValueProblem as problem:
            raise ValidationError(self.messages[problem.code]) from None
        maximum = self.maximum() if callable(self.maximum) else self.maximum
        if amount > maximum:
            raise ValidationError(self.messages["too_large"])
        return amount


class EmployerForm(GovukForm):
    """An employer form; what was typed is kept between a form and its check page as
    single values."""

    def raw_data(self):
        return {key: value for key, value in self.data.items() if key != "csrfmiddlewaretoken"}


class ActivationForm(EmployerForm):
    employer_reference = forms.CharField(
        max_length=20,
        error_messages={
            "required": _("Enter your Employer Reference Number"),
            "max_length": _("Employer Reference Number must be 10 digits"),
        },
    )
    code = forms.CharField(
        max_length=30,
        error_messages={
            "required": _("Enter your activation code"),
            "max_length": _("The activation code must be 12 letters and numbers"),
        },
    )

    def clean_employer_reference(self):
        reference = self.cleaned_data["employer_reference"].replace(" ", "")
        if not is_employer_reference(reference):
            raise ValidationError(_("Employer Reference Number must be 10 digits, like 4829175360"))
        return reference

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != ACTIVATION_CODE_LENGTH:
            raise ValidationError(_("The activation code must be 12 letters and numbers"))
        return code

    layout = {
        "employer_reference": field(
            "input",
            _("Employer Reference Number"),
            hint=_("10 digits, for example 4829175360"),
            classes="govuk-input--width-10",
            inputmode="numeric",
            spellcheck=False,
            autocomplete="off",
        ),
        "code": field(
            "input",
            _("Activation code"),
            hint=_("12 letters and numbers, for example ABCD-EFGH-JKMN"),
            classes="govuk-input--width-20",
            spellcheck=False,
            autocomplete="off",
        ),
    }


ROLE_HINTS = {
    "admin": _(
        "Can do everything, including inviting and removing people. Must use two-step verification."
    ),
    "member": _("Can report deductions, pay and report leavers, but cannot change the team."),
}


class InviteForm(EmployerForm):
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": _("Enter their email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Email address must be 254 characters or fewer"),
        },
    )
    role = forms.ChoiceField(
        choices=MembershipRole.choices,
        error_messages={
            "required": _("Select whether they will be an admin or a member"),
            "invalid_choice": _("Select whether they will be an admin or a member"),
        },
    )

    layout = {
        "email": field(
            "input", _("Email address"), type="email", autocomplete="off", spellcheck=False
        ),
        "role": field(
            "radios",
            _("What will they be able to do?"),
            items=[(value, text, ROLE_HINTS[value]) for value, text in MembershipRole.choices],
        ),
    }


NET_EARNINGS_MESSAGES = {
    "blank": _("Enter net earnings for this pay day"),
    "negative": _("Net earnings must be 0 or more"),
    "too_precise": _("Net earnings must have no more than 2 decimal places"),
    "too_large": _("Net earnings must be £1,000,000 or less"),
    "invalid": _("Net earnings must be an amount of money, like 1450 or 1450.50"),
}
ADMIN_FEE_MESSAGES = {
    "blank": _("Enter the admin fee"),
    "negative": _("The admin fee must be 0 or more"),
    "too_precise": _("The admin fee must have no more than 2 decimal places"),
    "too_large": ADMIN_FEE_TOO_HIGH,
    "invalid": _("The admin fee must be an amount of money, like 1.00"),
}

NET_EARNINGS_LAYOUT = field(
    "input",
    _("Net earnings for this pay day"),
    hint=_(
        "Pay after income tax, National Insurance and pension contributions. Include overtime, "
        "bonuses, commission, Statutory Sick Pay and occupational pensions. Do not include "
        "statutory maternity, paternity or adoption pay, or benefits."
    ),
    prefix="£",
    classes="govuk-input--width-10",
    inputmode="decimal",
    spellcheck=False,
)
ADMIN_FEE_LAYOUT = field(
    "input",
    _("Admin fee you kept (optional)"),
    hint=ADMIN_FEE_HINT,
    prefix="£",
    classes="govuk-input--width-5",
    inputmode="decimal",
    spellcheck=False,
)
PAY_DATE_LAYOUT = field("date", _("Pay date"), hint=_("For example, 27 3 2026"))


def net_earnings_field(**kwargs):
    return AmountField(messages=NET_EARNINGS_MESSAGES, **kwargs)


def admin_fee_field(**kwargs):
    # The rule checks the limit too; this gives the message before it gets there.
    return AmountField(
        messages=ADMIN_FEE_MESSAGES, maximum=maximum_admin_fee_today, required=False, **kwargs
    )


class ReturnForm(EmployerForm):
    pay_date = GovukDateField(label_text=_("the pay date"), when="not_future", max_years_ago=10)
    net_earnings = net_earnings_field()
    admin_fee = admin_fee_field()

    layout = {
        "pay_date": PAY_DATE_LAYOUT,
        "net_earnings": NET_EARNINGS_LAYOUT,
        "admin_fee": ADMIN_FEE_LAYOUT,
    }

    def clean_admin_fee(self):
        return self.cleaned_data.get("admin_fee") or Decimal("0.00")


class CorrectionForm(EmployerForm):
    net_earnings = net_earnings_field()
    admin_fee = admin_fee_field()
    reason = forms.CharField(
        max_length=1000,
        error_messages={
            "required": _("Enter why the return needs correcting"),
            "max_length": _("Why the return needs correcting must be 1,000 characters or fewer"),
        },
    )

    layout = {
        "net_earnings": NET_EARNINGS_LAYOUT,
        "admin_fee": ADMIN_FEE_LAYOUT,
        "reason": field(
            "character_count", _("Why does the return need correcting?"), maxlength=1000
        ),
    }

    def clean_admin_fee(self):
        return self.cleaned_data.get("admin_fee") or Decimal("0.00")


def message_body_field():
    return forms.CharField(
        max_length=5000,
        error_messages={
            "required": _("Enter your message"),
            "max_length": _("Your message must be 5,000 characters or fewer"),
        },
    )


class MessageForm(EmployerForm):
    subject = forms.CharField(
        max_length=200,
        error_messages={
            "required": _("Enter a subject"),
            "max_length": _("The subject must be 200 characters or fewer"),
        },
    )
    body = message_body_field()

    layout = {
        "subject": field("input", _("Subject")),
        "body": field("character_count", _("Message"), maxlength=5000),
    }


class ReplyForm(EmployerForm):
    body = message_body_field()

    layout = {"body": field("character_count", _("Reply"), size="m", maxlength=5000)}


class ScheduleChoiceForm(EmployerForm):
    pay_frequency = forms.ChoiceField(
        choices=PaymentFrequency.choices,
        error_messages={
            "required": _("Select how often these employees are paid"),
            "invalid_choice": _("Select how often these employees are paid"),
        },
    )
    pay_date = GovukDateField(label_text=_("the pay date"), when="not_future", max_years_ago=10)

    layout = {
        "pay_frequency": field("radios", _("How often are these employees paid?")),
        "pay_date": PAY_DATE_LAYOUT,
    }


class ScheduleForm(EmployerForm):
    """Net earnings and admin fee for each order due; a blank row is left for later."""

    def __init__(self, *args, orders, **kwargs):
        super().__init__(*args, **kwargs)
        self.orders = orders
        self.layout = {}
        for order in orders:
            net_name, fee_name = f"net_earnings-{order.reference}", f"admin_fee-{order.reference}"
            self.fields[net_name] = net_earnings_field(required=False)
            self.fields[fee_name] = admin_fee_field()
            name = order.employee.full_name
            self.layout[net_name] = field(
                "input",
                _("Net earnings for %(name)s") % {"name": name},
                size="hidden",
                prefix="£",
                classes="govuk-input--width-5",
                inputmode="decimal",
                spellcheck=False,
            )
            self.layout[fee_name] = field(
                "input",
                _("Admin fee for %(name)s") % {"name": name},
                size="hidden",
                prefix="£",
                classes="govuk-input--width-3",
                inputmode="decimal",
                spellcheck=False,
            )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.lines():
            raise ValidationError(_("Enter net earnings for at least one employee"))
        return cleaned

    def lines(self):
        """[(order reference, net earnings, admin fee)] for the rows filled in."""
        lines = []
        for order in self.orders:
            net = self.cleaned_data.get(f"net_earnings-{order.reference}")
            if net is not None:
                fee = self.cleaned_data.get(f"admin_fee-{order.reference}") or Decimal("0.00")
                lines.append((order.reference, net, fee))
        return lines


class UploadForm(EmployerForm):
    deductions_file = forms.FileField(
        error_messages={
            "required": _("Select a CSV file"),
            "empty": _("The selected file is empty"),
            "invalid": _("Select a CSV file"),
            "missing": _("Select a CSV file"),
        }
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Made with the form, so the size is put into the hint in the page's language.
        self.layout = {
            "deductions_file": field(
                "file",
                _("CSV file"),
                hint=_("Save it as ‘CSV UTF-8’. It must be smaller than %(size)s MB.")
                % {"size": MAXIMUM_FILE_BYTES // (1024 * 1024)},
                attributes={"accept": ".csv,text/csv"},
            )
        }


class RemittanceForm(EmployerForm):
    method = forms.ChoiceField(
        choices=PaymentMethod.choices,
        error_messages={
            "required": _("Select how you paid"),
            "invalid_choice": _("Select how you paid"),
        },
    )
    paid_on = GovukDateField(label_text=_("the date you paid"), when="not_future", max_years_ago=10)
    payment_reference = forms.CharField(
        max_length=35,
        required=False,
        error_messages={
            "max_length": _("The payment reference must be 35 characters or fewer"),
        },
    )
    expected_total = forms.DecimalField(
        max_digits=12, decimal_places=2, required=False, widget=forms.HiddenInput
    )
    # Empty: all that is still due. Less is a part payment; the rest stays due.
    amount = AmountField(
        required=False,
        messages={
            "blank": _("Enter the amount you paid"),
            "negative": _("The amount you paid must be more than £0"),
            "too_precise": _("The amount you paid must have no more than 2 decimal places"),
            "too_large": _("The amount you paid must be £1,000,000 or less"),
            "invalid": _("The amount you paid must be an amount of money, like 150.00"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        total = self.initial.get("expected_total") or Decimal("0.00")
        self.layout = {
            "expected_total": field("hidden", None),
            "method": field("radios", _("How did you pay?")),
            "paid_on": field("date", _("Date you paid"), hint=_("For example, 15 4 2026")),
            "payment_reference": field(
                "input",
                _("Payment reference (optional)"),
                hint=_("The reference you used with your bank, so we can match the money"),
                classes="govuk-input--width-20",
                spellcheck=False,
            ),
            "amount": field(
                "input",
                _("Amount you paid (optional)"),
                hint=_(
                    "Leave empty if you paid all of %(amount)s. If you paid less, we share it "
                    "between the employees in the schedule, earliest pay day first, and show "
                    "what is still to pay."
                )
                % {"amount": money(total)},
                prefix="£",
                classes="govuk-input--width-10",
                inputmode="decimal",
                spellcheck=False,
            ),
        }


class StoppedTradingForm(EmployerForm):
    stopped_on = GovukDateField(
        label_text=_("the date the business stopped trading"), when="not_future", max_years_ago=10
    )
    contact_details = forms.CharField(
        max_length=1000,
        required=False,
        widget=forms.Textarea,
        error_messages={
            "max_length": _(
                "Who is dealing with the business’s affairs must be 1,000 characters or fewer"
            )
        },
    )
    confirm = forms.BooleanField(
        error_messages={"required": _("Confirm that the business has stopped trading")}
    )

    layout = {
        "stopped_on": field(
            "date", _("Date the business stopped trading"), hint=_("For example, 31 3 2026")
        ),
        "contact_details": field(
            "character_count",
            _("Who is dealing with the business’s affairs (optional)"),
            hint=_("For example, the name and address of an insolvency practitioner"),
            maxlength=1000,
        ),
        "confirm": field(
            "checkboxes",
            None,
            items=[
                (
                    "on",
                    _("I confirm the business has stopped trading and all its orders should end"),
                )
            ],
        ),
    }


KIND_HINTS = {
    "left": _("They have stopped working for you, or will have by their last pay day"),
    "not_employee": _("They have never worked for you, or left before the order arrived"),
}


class LeaverForm(EmployerForm):
    kind = forms.ChoiceField(
        choices=LeaverKind.choices,
        error_messages={
            "required": _("Select what has happened"),
            "invalid_choice": _("Select what has happened"),
        },
    )
    left_on = GovukDateField(
        label_text=_("the date they left"), when="not_future", max_years_ago=10, required=False
    )
    last_pay_date = GovukDateField(
        label_text=_("the last pay date with a deduction"),
        when="not_future",
        max_years_ago=10,
        required=False,
    )
    last_deduction = AmountField(
        required=False,
        messages={
            "blank": _("Enter the last amount deducted"),
            "negative": _("The last amount deducted must be 0 or more"),
            "too_precise": _("The last amount deducted must have no more than 2 decimal places"),
            "too_large": _("The last amount deducted must be £1,000,000 or less"),
            "invalid": _("The last amount deducted must be an amount of money, like 150.00"),
        },
    )
    new_employer_name = forms.CharField(
        max_length=200,
        required=False,
        error_messages={"max_length": _("The new employer’s name must be 200 characters or fewer")},
    )
    new_employer_address = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea,
        error_messages={
            "max_length": _("The new employer’s address must be 500 characters or fewer")
        },
    )

    layout = {
        "kind": field(
            "radios",
            _("What has happened?"),
            size="m",
            items=[(value, text, KIND_HINTS[value]) for value, text in LeaverKind.choices],
        ),
        "left_on": field("date", _("Date they left"), hint=_("For example, 31 3 2026")),
        "last_pay_date": field("date", _("Last pay date you made a deduction (if any)")),
        "last_deduction": field(
            "input",
            _("Amount deducted on that day"),
            prefix="£",
            classes="govuk-input--width-10",
            inputmode="decimal",
            spellcheck=False,
        ),
        "new_employer_name": field("input", _("Their new employer’s name (if you know it)")),
        "new_employer_address": field(
            "character_count",
            _("Their new employer’s address (if you know it)"),
            maxlength=500,
            rows=4,
        ),
    }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") != LeaverKind.LEFT:
            return cleaned
        left_on = cleaned.get("left_on")
        if left_on is None and "left_on" not in self.errors:
            self.add_error("left_on", _("Enter the date they left"))
        last_pay_date = cleaned.get("last_pay_date")
        if last_pay_date and left_on and last_pay_date > left_on:
            self.add_error(
                "last_pay_date", _("The last pay date must be on or before the date they left")
            )
        if (
            last_pay_date
            and cleaned.get("last_deduction") is None
            and "last_deduction" not in self.errors
        ):
            self.add_error("last_deduction", _("Enter the last amount deducted"))
        if cleaned.get("new_employer_address") and not cleaned.get("new_employer_name"):
            self.add_error("new_employer_name", _("Enter the new employer’s name"))
        return cleaned

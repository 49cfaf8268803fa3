"""Employer forms. Amounts are read exactly as in uploaded files (cms_portal.core.parsing);
every message says what to fix."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases.forms.fields import GovukDateField
from cases.models import PaymentFrequency
from cms_portal.core.parsing import ValueProblem, parse_amount
from cms_portal.forms import GovukForm

from .codes import ACTIVATION_CODE_LENGTH, normalise_code
from .models import LeaverKind, MembershipRole, PaymentMethod, is_employer_reference

MAXIMUM_EARNINGS = Decimal("1000000.00")


class AmountField(forms.Field):
    """Pounds and pence, with the message for each problem given by the form."""

    def __init__(self, *, messages, maximum=MAXIMUM_EARNINGS, **kwargs):
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
        if amount > self.maximum:
            raise ValidationError(self.messages["too_large"])
        return amount


class EmployerForm(GovukForm):
    """Date errors link to the day box, as the GOV.UK date pattern needs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_anchors = {
            name: f"{name}-day"
            for name, field in self.fields.items()
            if isinstance(field, GovukDateField)
        }

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
    "too_large": _("The admin fee must be £1.00 or less"),
    "invalid": _("The admin fee must be an amount of money, like 1.00"),
}


def net_earnings_field(**kwargs):
    return AmountField(messages=NET_EARNINGS_MESSAGES, **kwargs)


def admin_fee_field(**kwargs):
    # The rule checks the £1 limit too; this gives the message before it gets there.
    return AmountField(
        messages=ADMIN_FEE_MESSAGES, maximum=Decimal("1.00"), required=False, **kwargs
    )


class ReturnForm(EmployerForm):
    pay_date = GovukDateField(label_text=_("the pay date"), when="not_future", max_years_ago=10)
    net_earnings = net_earnings_field()
    admin_fee = admin_fee_field()

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


class ReplyForm(EmployerForm):
    body = message_body_field()


class ScheduleChoiceForm(EmployerForm):
    pay_frequency = forms.ChoiceField(
        choices=PaymentFrequency.choices,
        error_messages={
            "required": _("Select how often these employees are paid"),
            "invalid_choice": _("Select how often these employees are paid"),
        },
    )
    pay_date = GovukDateField(label_text=_("the pay date"), when="not_future", max_years_ago=10)


class ScheduleForm(EmployerForm):
    """Net earnings and admin fee for each order due; a blank row is left for later."""

    def __init__(self, *args, orders, **kwargs):
        super().__init__(*args, **kwargs)
        self.orders = orders
        for order in orders:
            self.fields[f"net_earnings-{order.reference}"] = net_earnings_field(required=False)
            self.fields[f"admin_fee-{order.reference}"] = admin_fee_field()

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

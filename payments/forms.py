"""Forms on the payments pages. Dates and money use the same fields (and so the same
error messages) as every other parent form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms_portal.formatting import govuk_date, money
from cms_portal.forms.fields import GovukDateField, GovukForm, MoneyField, field


class StatementFilterForm(GovukForm):
    """Payments between two dates (both optional)."""

    date_from = GovukDateField(
        label_text=_("the start date"), when="not_future", max_years_ago=30, required=False
    )
    date_to = GovukDateField(label_text=_("the end date"), max_years_ago=30, required=False)

    layout = {
        "date_from": field("date", _("From"), hint=_("For example, 27 3 2025")),
        "date_to": field("date", _("To"), hint=_("For example, 27 3 2025")),
    }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must be the same as or after the start date"))
        return cleaned


class MissedPaymentForm(GovukForm):
    """A receiving parent on Direct Pay reporting a payment that did not arrive in full.
    `expected` maps each due date they can report to the amount they should have got;
    `reported` holds the due dates they have already told us about."""

    due_date = forms.CharField(
        error_messages={"required": _("Select the payment that did not arrive in full")}
    )
    amount_received = MoneyField(label_text=_("how much you got"))

    def __init__(self, *args, expected, reported=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = expected
        self.reported = {due.isoformat(): due for due in reported}
        self.choices = [
            (
                due.isoformat(),
                _("%(amount)s due on %(date)s")
                % {"amount": money(amount), "date": govuk_date(due)},
            )
            for due, amount in expected.items()
        ]
        self.layout = {
            "due_date": field(
                "radios", _("Which payment did not arrive in full?"), size="m", items=self.choices
            ),
            "amount_received": field(
                "input",
                _("How much did you get?"),
                hint=_("Enter 0 if you got nothing"),
                size="m",
                prefix="£",
                classes="govuk-input--width-10",
                inputmode="decimal",
                spellcheck=False,
            ),
        }

    def clean_due_date(self):
        chosen = self.cleaned_data["due_date"]
        if chosen in self.reported:
            raise forms.ValidationError(
                _(
                    "You have already told us about the payment due on %(date)s. Select a "
                    "different payment"
                )
                % {"date": govuk_date(self.reported[chosen])}
            )
        if chosen not in {value for value, _label in self.choices}:
            raise forms.ValidationError(_("Select the payment that did not arrive in full"))
        return chosen

    def clean(self):
        cleaned = super().clean()
        chosen, received = cleaned.get("due_date"), cleaned.get("amount_received")
        if chosen and received is not None:
            expected = next(
                amount for due, amount in self.expected.items() if due.isoformat() == chosen
            )
            if received >= expected:
                self.add_error(
                    "amount_received",
                    _(
                        "How much you got must be less than %(amount)s. If it was paid in full, "
                        "you do not need to tell us"
                    )
                    % {"amount": money(expected)},
                )
        return cleaned

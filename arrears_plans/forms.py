"""The plan's questions, one a page, through the form pipeline (cms_portal.forms)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms_portal.formatting import money
from cms_portal.forms.fields import GovukForm, MoneyField, field

from .presenters import period_words


class PlanAmountForm(GovukForm):
    """What the parent can pay towards the arrears on top of each payment."""

    amount = MoneyField(label_text=_("how much you can pay towards your arrears"), allow_zero=False)

    def __init__(self, *args, arrears, frequency, **kwargs):
        super().__init__(*args, **kwargs)
        self.arrears = arrears
        self.layout = {
            "amount": field(
                "input",
                _("How much can you pay towards your arrears on top of each payment?"),
                hint=_("Your arrears are %(arrears)s. You pay %(period)s.")
                % {"arrears": money(arrears), "period": period_words(frequency)},
                heading=True,
                size="l",
                prefix="£",
                classes="govuk-input--width-10",
                inputmode="decimal",
                spellcheck=False,
            )
        }

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount > self.arrears:
            raise forms.ValidationError(
                _(
                    "How much you can pay towards your arrears must be %(arrears)s or less, "
                    "which is all of your arrears"
                )
                % {"arrears": money(self.arrears)}
            )
        return amount


class NetIncomeForm(GovukForm):
    """Take-home pay over one payment's period, for a parent whose employer deducts."""

    net_income = MoneyField(label_text=_("your take-home pay"), allow_zero=False)

    def __init__(self, *args, frequency, **kwargs):
        super().__init__(*args, **kwargs)
        self.layout = {
            "net_income": field(
                "input",
                _("How much is your take-home pay %(period)s?")
                % {"period": period_words(frequency)},
                hint=_(
                    "Your employer takes child maintenance from your pay. Enter what you get "
                    "after tax, National Insurance and pension, as on your payslip."
                ),
                heading=True,
                size="l",
                prefix="£",
                classes="govuk-input--width-10",
                inputmode="decimal",
                spellcheck=False,
            )
        }

"""Linking a sign-in to a case: a parent, or someone a parent named."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms_portal.forms.fields import GovukDateField, GovukForm, field, text_field

from ..models import is_case_reference


def _reference_field():
    return text_field(label_text=_("your 12-digit case reference"), max_length=40)


def _clean_reference(value):
    reference = "".join(value.split())
    if not is_case_reference(reference):
        raise ValidationError(_("Case reference must be 12 numbers, like 121 234 567 890"))
    return reference


class ActivationForm(GovukForm):
    case_reference = _reference_field()
    date_of_birth = GovukDateField(label_text=_("your date of birth"), when="past")
    activation_code = text_field(
        label_text=_("the activation code from your letter"), max_length=40
    )

    layout = {
        "case_reference": field(
            "input",
            _("Case reference"),
            hint=_("This is 12 numbers. It is on letters we sent you."),
            classes="govuk-input--width-20",
            inputmode="numeric",
            spellcheck=False,
        ),
        "date_of_birth": field(
            "date", _("What is your date of birth?"), hint=_("For example, 27 3 1985")
        ),
        "activation_code": field(
            "input",
            _("Activation code"),
            hint=_(
                "This is 12 letters and numbers. It is in the letter with your activation code."
            ),
            classes="govuk-input--width-20",
            autocomplete="off",
            spellcheck=False,
        ),
    }

    def clean_case_reference(self):
        return _clean_reference(self.cleaned_data["case_reference"])


class RepresentativeActivationForm(GovukForm):
    case_reference = _reference_field()
    activation_code = text_field(
        label_text=_("the activation code the parent gave you"), max_length=40
    )

    layout = {
        "case_reference": field(
            "input",
            _("Case reference"),
            hint=_("This is 12 numbers. The parent who named you can give it to you."),
            classes="govuk-input--width-20",
            inputmode="numeric",
            spellcheck=False,
        ),
        "activation_code": field(
            "input",
            _("Activation code"),
            hint=_("This is 12 letters and numbers."),
            classes="govuk-input--width-20",
            autocomplete="off",
            spellcheck=False,
        ),
    }

    def clean_case_reference(self):
        return _clean_reference(self.cleaned_data["case_reference"])

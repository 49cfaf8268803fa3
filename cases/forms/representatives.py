"""Naming someone to act for you, and removing them."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_portal.forms.fields import GovukDateField, GovukForm, field, text_field

from ..models import Scope

LONGEST_PERMISSION = timedelta(days=2 * 365)


class RepresentativeForm(GovukForm):
    full_name = text_field(label_text=_("their full name"), max_length=200)
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": _("Enter their email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Email address must be 254 characters or fewer"),
        },
    )
    scopes = forms.MultipleChoiceField(
        choices=Scope.choices,
        error_messages={
            "required": _("Select what they can do"),
            "invalid_choice": _("Select what they can do"),
            "invalid_list": _("Select what they can do"),
        },
    )
    valid_until = GovukDateField(
        label_text=_("the date their permission ends"), when="future", max_years_ago=1
    )

    layout = {
        "full_name": field("input", _("Their full name"), autocomplete="off"),
        "email": field(
            "input",
            _("Their email address"),
            hint=_("They must sign in with this email address."),
            spellcheck=False,
            type="email",
            autocomplete="off",
        ),
        "scopes": field(
            "checkboxes", _("What can they do for you?"), hint=_("Select all that apply.")
        ),
        "valid_until": field(
            "date",
            _("When should their permission end?"),
            hint=_("This can be up to 2 years from today. You can remove them before then."),
        ),
    }

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        if value and value > timezone.localdate() + LONGEST_PERMISSION:
            raise ValidationError(_("The date their permission ends must be within 2 years"))
        return value

    def answers(self):
        data = self.cleaned_data
        scopes = set(data["scopes"])
        return {
            "full_name": data["full_name"],
            "email": data["email"],
            "can_view": Scope.VIEW in scopes,
            "can_report_changes": Scope.REPORT_CHANGES in scopes,
            "can_message": Scope.MESSAGE in scopes,
            "valid_until": data["valid_until"],
        }

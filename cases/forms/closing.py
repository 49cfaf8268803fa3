"""Asking us to close a case: why, and from when."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_portal.formatting import govuk_date
from cms_portal.forms.fields import GovukDateField, GovukForm, choice_field, field, text_field

from ..models import PARENT_REASONS, ClosureReason
from ..rules import closing_date_window


class ClosureReasonForm(GovukForm):
    reason = choice_field(
        choices=[(reason.value, reason.label) for reason in PARENT_REASONS],
        required_message=_("Select why you want to close the case"),
    )
    details = text_field(
        label_text=_("why you want to close the case"), max_length=1000, required=False
    )

    layout = {
        "reason": field("radios", _("Why do you want to close the case?"), heading=True, size="l"),
        "details": field(
            "textarea",
            _("Tell us more (optional unless you chose another reason)"),
            hint=_("Do not include anyone’s address or contact details."),
            rows=4,
        ),
    }

    def clean(self):
        data = super().clean()
        if data.get("reason") == ClosureReason.OTHER and not data.get("details"):
            self.add_error("details", _("Enter why you want to close the case"))
        return data


class ClosureDateForm(GovukForm):
    wanted_from = GovukDateField(label_text=_("the date you want the case closed from"))

    layout = {
        "wanted_from": field(
            "date",
            _("When do you want the case to close?"),
            heading=True,
            size="l",
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.first, self.last = closing_date_window(timezone.localdate())
        self.layout = {
            "wanted_from": {
                **self.layout["wanted_from"],
                "hint": _(
                    "Child maintenance stops from this date. It can be any date from "
                    "%(first)s to %(last)s. For example, %(example)s."
                )
                % {
                    "first": govuk_date(self.first),
                    "last": govuk_date(self.last),
                    "example": f"{self.first.day} {self.first.month} {self.first.year}",
                },
            }
        }

    def clean_wanted_from(self):
        wanted = self.cleaned_data["wanted_from"]
        if wanted < self.first:
            raise ValidationError(
                _("The date you want the case closed from must be on or after %(date)s")
                % {"date": govuk_date(self.first)}
            )
        if wanted > self.last:
            raise ValidationError(
                _("The date you want the case closed from must be on or before %(date)s")
                % {"date": govuk_date(self.last)}
            )
        return wanted

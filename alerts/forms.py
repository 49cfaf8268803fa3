from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms_portal.forms import GovukForm, field
from cms_portal.party_alerts import EVENTS

from .models import EMAIL, SMS
from .phone import normalise_uk_mobile
from .presenters import CHANNEL_NAMES, EVENT_HINTS, EVENT_QUESTIONS

CHANNEL_CHOICES = [(EMAIL, CHANNEL_NAMES[EMAIL]), (SMS, CHANNEL_NAMES[SMS])]
CHOOSE_HOW = _("Select email, text message, both or neither")


class AlertPreferencesForm(GovukForm):
    """How the parent hears of each event; a mobile number when any text is chosen."""

    mobile_number = forms.CharField(required=False, max_length=30)

    layout = {
        **{
            event: field(
                "checkboxes",
                EVENT_QUESTIONS[event],
                hint=EVENT_HINTS[event],
                size="m",
            )
            for event in EVENTS
        },
        "mobile_number": field(
            "input",
            _("UK mobile number"),
            hint=_(
                "We need this only to send you text messages. "
                "For example, 07700 900 982 or +44 7700 900 982."
            ),
            type="tel",
            autocomplete="tel",
            classes="govuk-input--width-20",
        ),
    }

    def __init__(self, *args, mobile_on_file="", **kwargs):
        super().__init__(*args, **kwargs)
        # A box left empty keeps the number we already have; it is asked for only when
        # texts are chosen and we have none.
        self.mobile_on_file = mobile_on_file
        for event in EVENTS:
            self.fields[event] = forms.MultipleChoiceField(
                choices=CHANNEL_CHOICES,
                required=False,
                error_messages={"invalid_choice": CHOOSE_HOW, "invalid_list": CHOOSE_HOW},
            )
        # The events first, in page order, then the number.
        self.order_fields([*EVENTS, "mobile_number"])

    @classmethod
    def initial_for(cls, choices, mobile_number):
        from .phone import display_mobile

        return {
            **{event: sorted(channels) for event, channels in choices.items()},
            "mobile_number": display_mobile(mobile_number) if mobile_number else "",
        }

    def clean_mobile_number(self):
        typed = self.cleaned_data["mobile_number"].strip()
        if not typed:
            return self.mobile_on_file
        try:
            return normalise_uk_mobile(typed)
        except ValidationError as error:
            raise ValidationError(error.messages) from None

    def clean(self):
        cleaned = super().clean()
        wants_texts = any(SMS in cleaned.get(event, ()) for event in EVENTS)
        if wants_texts and not cleaned.get("mobile_number") and "mobile_number" not in self.errors:
            self.add_error(
                "mobile_number", _("Enter a UK mobile number to get alerts by text message")
            )
        return cleaned

    def choices(self):
        return {event: set(self.cleaned_data[event]) for event in EVENTS}


class ConfirmTextsForm(GovukForm):
    confirm = forms.ChoiceField(
        choices=[("yes", _("Yes, send me text messages")), ("no", _("No, do not send texts"))],
        error_messages={
            "required": _("Select yes if you still want alerts by text message"),
            "invalid_choice": _("Select yes if you still want alerts by text message"),
        },
    )
    layout = {
        "confirm": field("radios", _("Do you still want alerts by text message?"), size="m"),
    }

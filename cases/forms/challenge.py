"""Asking for a mandatory reconsideration of a chosen decision."""

from django.utils.translation import gettext_lazy as _

from cms_portal.forms.fields import GovukForm, choice_field, field, text_field


class ChooseDecisionForm(GovukForm):
    decision = choice_field(choices=[], required_message=_("Select the decision you disagree with"))

    layout = {
        "decision": field(
            "radios",
            _("Which decision do you disagree with?"),
            hint=_("Choose carefully: we will look again at the decision you choose."),
        )
    }

    def __init__(self, *args, decision_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = decision_choices


class ReasonsForm(GovukForm):
    reasons = text_field(label_text=_("why you think the decision is wrong"), max_length=5000)
    late_reason = text_field(
        label_text=_("why you are asking after the deadline"), max_length=2000, required=False
    )

    layout = {
        "reasons": field(
            "textarea",
            _("Why do you think the decision is wrong?"),
            hint=_(
                "Tell us which figures you think are wrong and why. You can "
                "send evidence on the next page."
            ),
        ),
        "late_reason": field(
            "textarea",
            _("Why are you asking after the deadline?"),
            hint=_(
                "We can still look again if there was a good reason, for "
                "example you were in hospital."
            ),
        ),
    }

    def __init__(self, *args, is_late, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_late = is_late
        if is_late:
            self.fields["late_reason"].required = True
        else:
            del self.fields["late_reason"]

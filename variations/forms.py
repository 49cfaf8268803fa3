"""One question per page, through the form pipeline (cms_portal.forms). Each form takes
the parent's `access` so it offers only the grounds their role may use."""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.forms.uploads import FILE_HINT, attachment_field
from cms_portal.forms.fields import GovukForm, MoneyField, choice_field, field, text_field

from .models import Ground, Period
from .rules import grounds_for, threshold_figures

DETAILS_MAX = 3000


def ground_hint(ground, figures):
    """What each ground means, in plain words, with the figures from the dated table."""
    limit = figures["special_expenses"]
    hints = {
        Ground.CONTACT_COSTS: gettext(
            "Travel and overnight stays to see your children. Only costs of more than "
            "%(limit)s a week count."
        )
        % {"limit": limit},
        Ground.RELEVANT_OTHER_CHILD_ILLNESS: gettext(
            "Extra costs because a child who lives with you has a disability or long-term illness."
        ),
        Ground.PRIOR_DEBTS: gettext(
            "Debts you took on for the family while you were together with the other parent. "
            "Only costs of more than %(limit)s a week count."
        )
        % {"limit": limit},
        Ground.BOARDING_SCHOOL_FEES: gettext(
            "The part of boarding school fees that pays for your child's food and keep. Only "
            "costs of more than %(limit)s a week count."
        )
        % {"limit": limit},
        Ground.FORMER_FAMILY_HOME: gettext(
            "Payments on the home where the other parent and your child still live. Only costs "
            "of more than %(limit)s a week count."
        )
        % {"limit": limit},
        Ground.UNEARNED_INCOME: gettext(
            "Income the paying parent does not work for, such as rent, interest or dividends, "
            "of %(limit)s a year or more."
        )
        % {"limit": figures["unearned_income"]},
        Ground.DIVERSION_OF_INCOME: gettext(
            "The paying parent has moved income to someone else, or into something else, to "
            "pay less child maintenance."
        ),
        Ground.INCOME_WHILE_ON_BENEFIT: gettext(
            "The paying parent pays the flat rate or nil rate because of a benefit but also "
            "earns %(limit)s a week or more."
        )
        % {"limit": figures["income_on_benefit"]},
    }
    return hints[ground]


class VariationForm(GovukForm):
    def __init__(self, *args, access, **kwargs):
        self.access = access
        super().__init__(*args, **kwargs)


class GroundForm(VariationForm):
    ground = choice_field(choices=[], required_message=_("Select what you want us to consider"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        grounds = grounds_for(self.access.is_paying)
        figures = threshold_figures(timezone.localdate())
        self.fields["ground"].choices = [(ground.value, ground.label) for ground in grounds]
        self.layout = {
            "ground": field(
                "radios",
                _("What do you want us to consider?")
                if self.access.is_paying
                else _("What do you know about the paying parent's income?"),
                size="m",
                items=[
                    (ground.value, ground.label, ground_hint(ground, figures)) for ground in grounds
                ],
            )
        }


class AmountForm(VariationForm):
    amount = MoneyField(label_text=_("the amount"), max_value=1000000, allow_zero=False)

    def __init__(self, *args, ground, **kwargs):
        super().__init__(*args, **kwargs)
        if ground in grounds_for(True):
            label = _("How much do these costs come to?")
            hint = _("You will tell us if this is for a week, a month or a year next.")
        else:
            label = _("How much is this income?")
            hint = _(
                "Give your best estimate if you do not know exactly. You will tell us if this "
                "is for a week, a month or a year next."
            )
        self.layout = {
            "amount": field(
                "input",
                label,
                hint=hint,
                heading=True,
                size="l",
                prefix="£",
                classes="govuk-input--width-10",
                inputmode="decimal",
                spellcheck=False,
            )
        }


class PeriodForm(VariationForm):
    period = choice_field(
        choices=Period.choices,
        required_message=_("Select whether this is a week, a month or a year"),
    )

    layout = {
        "period": field(
            "radios", _("Is this amount for a week, a month or a year?"), heading=True, size="l"
        )
    }


class DetailsForm(VariationForm):
    details = text_field(label_text=_("the details"), max_length=DETAILS_MAX)

    def __init__(self, *args, ground, **kwargs):
        super().__init__(*args, **kwargs)
        if ground in grounds_for(True):
            label = _("Tell us about these costs")
            hint = _("Say what they are for, who they are paid to and how often.")
        else:
            label = _("Tell us what you know about this income")
            hint = _(
                "Say where it comes from and how you know about it. Tell us only what you "
                "know; we will check it."
            )
        self.layout = {
            "details": field(
                "character_count", label, hint=hint, heading=True, size="l", maxlength=DETAILS_MAX
            )
        }


class EvidenceForm(VariationForm):
    evidence = attachment_field()

    layout = {
        "evidence": field(
            "file",
            _("Upload a file (optional)"),
            hint=_(
                "PDF, JPG or PNG, smaller than 10MB. You can add more than one file, one at a time."
            ),
        )
    }


class ResponseForm(VariationForm):
    response = text_field(label_text=_("your response"), max_length=DETAILS_MAX)
    evidence = attachment_field()

    layout = {
        "response": field(
            "character_count",
            _("What do you want to tell us about this request?"),
            hint=_("Say whether you agree and why. Tell us about anything we should check."),
            size="m",
            maxlength=DETAILS_MAX,
        ),
        "evidence": field("file", _("Upload a file (optional)"), hint=FILE_HINT),
    }

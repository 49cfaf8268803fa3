"""The complaint journey's questions and the stage 2 request, through the form pipeline."""

from django.utils.translation import gettext_lazy as _

from cases.forms.uploads import attachment_field
from cms_portal.forms.fields import GovukForm, choice_field, field, text_field

from .models import Topic

WHAT_HAPPENED_MAX = 5000
WANTED_OUTCOME_MAX = 2000
REVIEW_REASON_MAX = 3000


class AboutForm(GovukForm):
    """What the complaint is about and, for someone with cases, which one (optional)."""

    topic = choice_field(
        choices=Topic.choices, required_message=_("Select what your complaint is about")
    )
    case = choice_field(
        choices=[], required=False, required_message=_("Select a case from the list")
    )

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = {case.reference: case for case in cases}
        self.fields["case"].choices = [("", _("It is not about one case"))] + [
            (reference, _("Case %(reference)s") % {"reference": reference})
            for reference in self.cases
        ]
        self.layout = {
            "topic": field("radios", _("What is your complaint about?"), heading=True, size="l"),
        }
        if self.cases:
            self.layout["case"] = field("select", _("Which case is it about? (optional)"), size="m")
        else:
            del self.fields["case"]

    def chosen_case(self):
        return self.cases.get(self.cleaned_data.get("case") or "")


class DetailsForm(GovukForm):
    what_happened = text_field(label_text=_("what happened"), max_length=WHAT_HAPPENED_MAX)
    wanted_outcome = text_field(
        label_text=_("what you want us to do"), max_length=WANTED_OUTCOME_MAX
    )

    layout = {
        "what_happened": field(
            "character_count",
            _("What happened?"),
            hint=_(
                "Tell us what went wrong, when it happened and who was involved, if you know. "
                "Do not include bank details or passwords."
            ),
            size="m",
            maxlength=WHAT_HAPPENED_MAX,
            rows=8,
        ),
        "wanted_outcome": field(
            "character_count",
            _("What do you want us to do to put it right?"),
            hint=_("For example, an apology, a correction or an explanation."),
            size="m",
            maxlength=WANTED_OUTCOME_MAX,
            rows=5,
        ),
    }


class EvidenceForm(GovukForm):
    evidence = attachment_field()

    layout = {
        "evidence": field(
            "file",
            _("Upload a file (optional)"),
            hint=_(
                "PDF, JPG or PNG, smaller than 10MB. You can add more than one file, one at a time."
            ),
            size="m",
        )
    }


class ReviewForm(GovukForm):
    reason = text_field(
        label_text=_("why our answer does not settle your complaint"),
        max_length=REVIEW_REASON_MAX,
    )

    layout = {
        "reason": field(
            "character_count",
            _("Why does our answer not settle your complaint?"),
            hint=_("Tell us what you disagree with and what you still want us to do."),
            heading=True,
            size="l",
            maxlength=REVIEW_REASON_MAX,
            rows=8,
        )
    }

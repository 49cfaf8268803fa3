"""A file sent with a message, a change or a challenge. The content is checked when the
file is stored (cases.uploads); this only says a file must arrive whole."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms_portal.forms.fields import GovukForm, field

FILE_HINT = _("PDF, JPG or PNG, smaller than 10MB.")


def attachment_field(required=False):
    return forms.FileField(
        required=required,
        error_messages={
            "required": _("Select a file"),
            "invalid": _("The selected file could not be uploaded. Try again"),
            "missing": _("The selected file could not be uploaded. Try again"),
            "empty": _("The selected file is empty"),
            "max_length": _("The file name must be 200 characters or fewer"),
        },
    )


class EvidenceForm(GovukForm):
    evidence = attachment_field(required=True)

    layout = {"evidence": field("file", _("Upload evidence"), hint=FILE_HINT)}


class OptionalEvidenceForm(GovukForm):
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

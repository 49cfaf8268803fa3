"""Writing to caseworkers."""

from django.utils.translation import gettext_lazy as _

from cms_portal.forms.fields import GovukForm, field, text_field

from .uploads import FILE_HINT, attachment_field

_ATTACHMENT_LAYOUT = field("file", _("Attach a file (optional)"), hint=FILE_HINT)


class NewMessageForm(GovukForm):
    subject = text_field(label_text=_("the subject"), max_length=200)
    body = text_field(label_text=_("your message"), max_length=5000)
    attachment = attachment_field()

    layout = {
        "subject": field(
            "input", _("Subject"), hint=_("For example, ‘Question about my payment dates’")
        ),
        "body": field(
            "textarea", _("Message"), hint=_("Do not include bank details or passwords.")
        ),
        "attachment": _ATTACHMENT_LAYOUT,
    }


class ReplyForm(GovukForm):
    body = text_field(label_text=_("your reply"), max_length=5000)
    attachment = attachment_field()

    layout = {
        "body": field("textarea", _("Reply"), hint=_("Do not include bank details or passwords.")),
        "attachment": _ATTACHMENT_LAYOUT,
    }

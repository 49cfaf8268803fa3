"""Template functions the cases area offers other pages (loaded by cms_portal.jinja2)."""

from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from .models import ChangeKind
from .preview import without_controls


def reauthentication_reason(request):
    """Why the password is asked for again, when the page that asked is a case change;
    None for the sign-in settings, which say so themselves."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    try:
        match = resolve(next_url.split("?")[0])
    except Resolver404:
        return None
    if match.view_name not in ("cases:change_form", "cases:change_check"):
        return None
    reasons = {
        ChangeKind.ADDRESS: _(
            "You are about to change your address, so we need to check it is you."
        ),
        ChangeKind.PHONE: _(
            "You are about to change your phone number, so we need to check it is you."
        ),
        ChangeKind.EMAIL: _(
            "You are about to change the email address we use for your case, "
            "so we need to check it is you."
        ),
        ChangeKind.BANK_DETAILS: _(
            "You are about to change your bank details, so we need to check it is you."
        ),
    }
    return reasons.get(
        match.kwargs.get("kind"),
        _("You are about to change your details, so we need to check it is you."),
    )


# Only helpers that read the request or reshape what is drawn: pages get their data from
# the context their view builds with presenters, never from a template function that
# queries.
GLOBALS = {
    "reauthentication_reason": reauthentication_reason,
    "without_controls": without_controls,
}

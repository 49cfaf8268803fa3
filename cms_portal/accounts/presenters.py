"""What the account pages show: sign-in wording for each audience, the account
summary, and the two-step verification page states."""

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .mfa import has_totp, mfa_required

AUDIENCES = ("parent", "employer")

SIGN_IN_WORDING = {
    "parent": {
        "title": _("Sign in to your child maintenance account"),
        "intro": _(
            "Sign in to see your payments, report a change and send us a message about your case."
        ),
    },
    "employer": {
        "title": _("Sign in to your employer account"),
        "intro": _(
            "Sign in to manage Deduction from Earnings Orders, send deduction returns and "
            "report leavers."
        ),
    },
    "caseworker": {
        "title": _("Sign in to caseworker tools"),
        "intro": _(
            "You need your work email address, your password and the authenticator app on your "
            "work phone."
        ),
    },
    "": {
        "title": _("Sign in"),
        "intro": _("Sign in to manage your child maintenance case or your employer account."),
    },
}


def sign_in_audience(request):
    """Who the sign-in page speaks to: chosen on the start page (?as=), or the admin."""
    chosen = request.POST.get("as") or request.GET.get("as") or ""
    if chosen in AUDIENCES:
        return chosen
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url.startswith(reverse("admin:index")):
        return "caseworker"
    return ""


def sign_in_wording(audience):
    return SIGN_IN_WORDING.get(audience, SIGN_IN_WORDING[""])


def totp_secret_groups(secret):
    """The set-up key in groups of four, easier to type into an app by hand."""
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def mfa_page_flags(request):
    return {
        "recovery_codes_left": _recovery_codes_left(request.user),
        "recovery_codes_total": mfa_settings.RECOVERY_CODE_COUNT,
        "mfa_required": mfa_required(request.user),
        "just_activated": request.GET.get("activated") == "1",
        "just_generated": request.GET.get("generated") == "1",
        "just_turned_off": request.GET.get("turned_off") == "1",
    }


def _recovery_codes_left(user):
    authenticator = Authenticator.objects.filter(
        user_id=user.pk, type=Authenticator.Type.RECOVERY_CODES
    ).first()
    return len(authenticator.wrap().get_unused_codes()) if authenticator else 0


# Apps above the kernel add rows to the account summary (the alerts app: "Alerts"):
# each builder takes the user and returns a list of summary list rows.
_ROW_BUILDERS = []


def register_account_rows(builder):
    if builder not in _ROW_BUILDERS:
        _ROW_BUILDERS.append(builder)


def _registered_rows(user):
    return [row for builder in _ROW_BUILDERS for row in builder(user)]


def account_summary(user):
    """Rows for the account page's summary list, and what to say about two-step
    verification for this user."""
    totp_on = has_totp(user)
    required = mfa_required(user)
    mfa_url = reverse("mfa_index") if totp_on else reverse("mfa_activate_totp")
    return {
        "rows": [
            {
                "key": {"text": _("Email address")},
                "value": {"text": user.email},
                "actions": {
                    "items": [
                        {
                            "href": reverse("account_email"),
                            "text": _("Change"),
                            "visuallyHiddenText": _("email address"),
                        }
                    ]
                },
            },
            {
                "key": {"text": _("Password")},
                "value": {
                    "html": format_html(
                        '<span aria-hidden="true">••••••••••••</span><span '
                        'class="govuk-visually-hidden">{}</span>',
                        _("Hidden"),
                    )
                },
                "actions": {
                    "items": [
                        {
                            "href": reverse("account_change_password"),
                            "text": _("Change"),
                            "visuallyHiddenText": _("password"),
                        }
                    ]
                },
            },
            {
                "key": {"text": _("Two-step verification")},
                "value": {"text": _("On") if totp_on else _("Off")},
                "actions": {
                    "items": [
                        {
                            "href": mfa_url,
                            "text": _("Manage") if totp_on else _("Set up"),
                            "visuallyHiddenText": _("two-step verification"),
                        }
                    ]
                },
            },
            *_registered_rows(user),
        ],
        "mfa_on": totp_on,
        "mfa_required": required,
    }

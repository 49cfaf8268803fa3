"""allauth adapters: where users land, GOV.UK wording for errors, the password policy's
messages, and who may turn two-step verification off."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django import forms
from django.contrib.auth.password_validation import validate_password
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms_portal.notify import queue_rendered_email

from .mfa import mfa_required

PASSWORD_MESSAGES = {
    "password_too_short": _("Your password must be at least 12 characters"),
    "password_too_common": _(
        "Your password is too easy to guess. Choose one that is not on a list of common passwords"
    ),
    "password_too_similar": _("Your password must not be too similar to your email address"),
}


class PortalAccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _(
            "This account has been closed. Contact us if you think this is wrong"
        ),
        "duplicate_email": _("This email address is already on your account"),
        # The same words whether or not the email address has an account.
        "email_password_mismatch": _("The email address or password you entered is not correct"),
        "enter_current_password": _("The current password you entered is not correct"),
        "incorrect_code": _("The code is not correct. Check your authenticator app and try again"),
        "incorrect_password": _("The password you entered is not correct"),
        "invalid_password_reset": _("This link has expired or has already been used"),
        "same_as_current": _("Enter an email address that is different from your current one"),
        "too_many_login_attempts": _(
            "You have tried too many times. Wait 15 minutes, then try again"
        ),
        "rate_limited": _("You have tried too many times. Wait a few minutes, then try again"),
        "unverified_primary_email": _("Confirm your email address first"),
    }

    def get_login_redirect_url(self, request):
        return reverse("cms_portal:after_sign_in")

    def get_logout_redirect_url(self, request):
        return f"{reverse('cms_portal:signed_out')}?reason=signed-out"

    def get_password_change_redirect_url(self, request):
        return reverse("account_password_changed")

    def get_email_verification_redirect_url(self, email_address):
        return reverse("account_email_confirmed")

    def send_mail(self, template_prefix, email, context):
        """allauth's emails go through the mail queue like ours: rendered here, in the
        language of the page, and sent by the mail task after the transaction commits."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request) if request else None,
                **context,
            },
        )
        queue_rendered_email(
            to=email,
            template=template_prefix.rpartition("/")[2],
            subject=message.subject,
            body=message.body,
            language=translation.get_language(),
        )

    def add_message(self, *args, **kwargs):
        # Every action ends on its own confirmation page instead of a flash message.
        return None

    def clean_password(self, password, user=None):
        try:
            validate_password(password, user)
        except forms.ValidationError as error:
            raise forms.ValidationError(
                [PASSWORD_MESSAGES.get(item.code, item) for item in error.error_list]
            ) from None
        return password

    def is_reauthentication_required(self, *, app, **kwargs):
        """For two-step verification changes, having just signed in counts as having just
        re-entered the password, so a caseworker sent straight to set up their
        authenticator app is not asked for it twice. Other areas' checks are unchanged."""
        request = allauth_context.request
        user = getattr(request, "user", None)
        if app == "allauth.mfa" and user is not None and user.is_authenticated:
            records = get_authentication_records(request, user)
            if (
                records
                and time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT
            ):
                return False
        return super().is_reauthentication_required(app=app, **kwargs)


class PortalMFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": _(
            "You cannot change your email address while two-step verification is on. Contact "
            "us to change it"
        ),
        "cannot_delete_authenticator": _(
            "You cannot turn off two-step verification because your account needs it"
        ),
        "cannot_generate_recovery_codes": _(
            "Set up two-step verification before you get recovery codes"
        ),
        "incorrect_code": _("The code is not correct. Check your authenticator app and try again"),
        "unverified_email": _("Confirm your email address before you set up two-step verification"),
    }

    def can_delete_authenticator(self, authenticator):
        return not mfa_required(authenticator.user)

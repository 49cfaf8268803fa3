"""allauth's forms with GOV.UK error messages (specific, and the same whether or not
an email address has an account), plus a limit on wrong two-step verification codes."""

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp.forms import ActivateTOTPForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .security_log import log_security_event

PASSWORD_MAX_LENGTH = 256
MFA_FAILURE_LIMIT = 5
MFA_FAILURE_WINDOW_SECONDS = 15 * 60

EMAIL_MESSAGES = {
    "required": _("Enter your email address"),
    "invalid": _("Enter an email address in the correct format, like name@example.com"),
    "max_length": _("Email address must be 254 characters or fewer"),
}
PASSWORD_TOO_LONG = _("Your password must be 256 characters or fewer")
NEW_PASSWORD_MESSAGES = {"required": _("Create a password")}
REPEAT_PASSWORD_MESSAGES = {"required": _("Enter your password again")}
PASSWORDS_DIFFER = _("The passwords do not match. Enter the same password in both boxes")
CODE_MESSAGES = {"required": _("Enter the 6-digit code from your authenticator app")}


PASSWORD_FIELDS = ("password", "password1", "password2", "oldpassword")


def _set_messages(form, **messages_by_field):
    for name, messages in messages_by_field.items():
        if name in form.fields:
            form.fields[name].error_messages.update(messages)
    # No composition rules, but a ceiling, so nobody can make us hash megabytes.
    for name in PASSWORD_FIELDS:
        if name in form.fields:
            field = form.fields[name]
            field.error_messages["max_length"] = PASSWORD_TOO_LONG
            field.validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))


class PasswordMismatchReworded:
    """allauth says "You must type the same password each time."; say it GOV.UK's way."""

    def clean(self):
        cleaned_data = super().clean()
        errors = self.errors.get("password2")
        if errors:
            allauth_words = str(_("You must type the same password each time."))
            self.errors["password2"] = self.error_class(
                [
                    str(PASSWORDS_DIFFER) if str(message) == allauth_words else message
                    for message in errors
                ]
            )
        return cleaned_data


class LoginForm(account_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_messages(self, login=EMAIL_MESSAGES, password={"required": _("Enter your password")})

    def clean(self):
        # A wrong email or password is reported against the email field, so the
        # summary links to the first box and the same words appear for unknown emails.
        try:
            return super().clean()
        except forms.ValidationError as error:
            self.add_error("login", error)
            return self.cleaned_data


class SignupForm(PasswordMismatchReworded, account_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_messages(
            self,
            email=EMAIL_MESSAGES,
            password1=NEW_PASSWORD_MESSAGES,
            password2=REPEAT_PASSWORD_MESSAGES,
        )

    def try_save(self, request):
        # An email address that already has an account gets the "you already have an
        # account" email instead of a new account. Hash the password all the same, as a
        # new account would, so the time taken does not tell which addresses have one.
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)


class ResetPasswordForm(account_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_messages(self, email=EMAIL_MESSAGES)

    def save(self, request, **kwargs):
        email = super().save(request, **kwargs)
        log_security_event(
            "password_reset_requested", outcome="requested", request=request, email=email
        )
        return email


class ResetPasswordKeyForm(PasswordMismatchReworded, account_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_messages(self, password1=NEW_PASSWORD_MESSAGES, password2=REPEAT_PASSWORD_MESSAGES)


class ChangePasswordForm(PasswordMismatchReworded, account_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_messages(
            self,
            oldpassword={"required": _("Enter your current password")},
            password1={**NEW_PASSWORD_MESSAGES, "required": _("Enter a new password")},
            password2={"required": _("Enter your new password again")},
        )


class SetPasswordForm(PasswordMismatchReworded, account_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_messages(self, password1=NEW_PASSWORD_MESSAGES, password2=REPEAT_PASSWORD_MESSAGES)


class ReauthenticateForm(account_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_messages(self, password={"required": _("Enter your password")})


class AddEmailForm(account_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_messages(self, email={**EMAIL_MESSAGES, "required": _("Enter your new email address")})


def _normalise_code(form):
    """People copy codes with spaces ("123 456"); the check wants the digits alone."""
    code = form.cleaned_data.get("code", "")
    form.cleaned_data["code"] = "".join(code.split())


class LimitedCodeAttemptsMixin:
    """Five wrong codes lock the code step for 15 minutes. allauth's own limit for
    this rides on its failed-login limit, which is off because axes owns sign-in."""

    def _failures_key(self):
        return f"mfa-code-failures:{self.user.pk}"

    def clean_code(self):
        _normalise_code(self)
        if cache.get(self._failures_key(), 0) >= MFA_FAILURE_LIMIT:
            raise forms.ValidationError(
                _(
                    "You have entered the wrong code too many times. Wait 15 minutes, then try "
                    "again"
                ),
                code="too_many_codes",
            )
        try:
            code = super().clean_code()
        except forms.ValidationError:
            if not cache.add(self._failures_key(), 1, MFA_FAILURE_WINDOW_SECONDS):
                cache.incr(self._failures_key())
            raise
        cache.delete(self._failures_key())
        return code


class AuthenticateForm(LimitedCodeAttemptsMixin, mfa_forms.AuthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_messages(
            self,
            code={"required": _("Enter a code from your authenticator app, or a recovery code")},
        )


class ReauthenticateCodeForm(LimitedCodeAttemptsMixin, mfa_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_messages(
            self,
            code={"required": _("Enter a code from your authenticator app, or a recovery code")},
        )


class ActivateAuthenticatorAppForm(ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_messages(self, code=CODE_MESSAGES)

    def clean_code(self):
        _normalise_code(self)
        return super().clean_code()

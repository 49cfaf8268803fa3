"""Receivers for Django, allauth and axes events: the security log, an audit event for
each change to how someone signs in, and the session clocks that start at sign-in.
Connected when cms_portal.accounts.middleware loads, which every request passes through.

allauth makes these changes itself, so they are audited here rather than in a service."""

import time

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from axes.signals import user_locked_out
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver

from cms_portal.audit import record_audit_event
from cms_portal.middleware import SESSION_LAST_ACTIVITY, SESSION_SIGNED_IN_AT

from .security_log import log_security_event

SIGN_OUT_REASON_ATTRIBUTE = "sign_out_reason"


def _audit(user, action, **details):
    record_audit_event(
        acting_user=user,
        action=action,
        object_type="cms_portal.User",
        object_ref=str(user.public_id),
        **details,
    )


@receiver(auth_signals.user_logged_in, dispatch_uid="accounts.signed_in")
def on_signed_in(sender, request, user, **kwargs):
    if request is None:
        return
    # The idle and absolute clocks start now, not at some earlier anonymous visit.
    now = time.time()
    request.session[SESSION_SIGNED_IN_AT] = now
    request.session[SESSION_LAST_ACTIVITY] = now
    log_security_event("sign_in", outcome="success", request=request, user=user)


@receiver(auth_signals.user_login_failed, dispatch_uid="accounts.sign_in_failed")
def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password; only the email is read, and hashed.
    email = credentials.get("email") or credentials.get("username") or ""
    log_security_event("sign_in", outcome="failure", request=request, email=email)


@receiver(user_locked_out, dispatch_uid="accounts.locked_out")
def on_locked_out(sender, request=None, username=None, **kwargs):
    log_security_event("lockout", outcome="locked", request=request, email=username or "")


@receiver(auth_signals.user_logged_out, dispatch_uid="accounts.signed_out")
def on_signed_out(sender, request, user, **kwargs):
    reason = getattr(request, SIGN_OUT_REASON_ATTRIBUTE, "signed_out")
    log_security_event("sign_out", outcome=reason, request=request, user=user)


@receiver(account_signals.password_reset, dispatch_uid="accounts.password_reset")
def on_password_reset(sender, request, user, **kwargs):
    log_security_event("password_reset", outcome="success", request=request, user=user)
    _audit(user, "account.password_reset")


@receiver(account_signals.password_changed, dispatch_uid="accounts.password_changed")
@receiver(account_signals.password_set, dispatch_uid="accounts.password_set")
def on_password_changed(sender, request, user, **kwargs):
    log_security_event("password_change", outcome="success", request=request, user=user)
    _audit(user, "account.password_changed")


@receiver(mfa_signals.authenticator_added, dispatch_uid="accounts.mfa_added")
def on_authenticator_added(sender, request, user, authenticator, **kwargs):
    log_security_event(
        "mfa_added", outcome="success", request=request, user=user, type=authenticator.type
    )
    _audit(user, "account.mfa_added", type=authenticator.type)


@receiver(mfa_signals.authenticator_removed, dispatch_uid="accounts.mfa_removed")
def on_authenticator_removed(sender, request, user, authenticator, **kwargs):
    log_security_event(
        "mfa_removed", outcome="success", request=request, user=user, type=authenticator.type
    )
    _audit(user, "account.mfa_removed", type=authenticator.type)


@receiver(mfa_signals.authenticator_reset, dispatch_uid="accounts.mfa_reset")
def on_authenticator_reset(sender, request, user, authenticator, **kwargs):
    log_security_event(
        "mfa_recovery_codes_reset",
        outcome="success",
        request=request,
        user=user,
        type=authenticator.type,
    )
    _audit(user, "account.recovery_codes_renewed")


@receiver(account_signals.email_changed, dispatch_uid="accounts.email_changed")
def on_email_changed(sender, request, user, **kwargs):
    # Neither address goes into the trail: the user row holds the current one.
    _audit(user, "account.email_changed")


@receiver(mfa_signals.authenticator_used, dispatch_uid="accounts.mfa_used")
def on_authenticator_used(sender, request, user, authenticator, **kwargs):
    log_security_event(
        "mfa_verified", outcome="success", request=request, user=user, type=authenticator.type
    )


@receiver(mfa_signals.authentication_failed, dispatch_uid="accounts.mfa_failed")
def on_mfa_failed(sender, request, user, authenticator, **kwargs):
    log_security_event(
        "mfa_failed", outcome="failure", request=request, user=user, type=authenticator.type
    )

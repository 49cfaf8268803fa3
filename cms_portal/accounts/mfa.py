"""Who must use two-step verification (TOTP), and whether this session has done it.

A session counts as MFA-completed when allauth has recorded an "mfa" authentication
in it: at sign-in (the code step), when the user re-entered a code, or when they set
up their authenticator app in this session (typing a valid code proves the factor).
"""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
    get_authentication_records,
    record_authentication,
)
from allauth.account.internal.userkit import user_id_to_str
from allauth.mfa.models import Authenticator

from cms_portal.roles import is_caseworker, request_roles


def is_employer_admin(user):
    # EmployerMembership belongs to the employers area and may not exist yet.
    memberships = getattr(user, "employer_memberships", None)
    return bool(memberships is not None and memberships.filter(role="admin").exists())


def mfa_required(user):
    """True for staff and for employer admins: they cannot use the service without it."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_caseworker(user) or is_employer_admin(user)


def mfa_required_for_request(request):
    """`mfa_required` for the signed-in user, from the roles the request already found."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return False
    return is_caseworker(user) or request_roles(request).employer_admin


def has_totp(user):
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def session_completed_mfa(request):
    """Whether the signed-in user proved a second factor in this very session."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def record_totp_setup(request, authenticator):
    record_authentication(
        request, authenticator.user, "mfa", id=authenticator.pk, type=authenticator.type
    )


def mark_session_mfa_completed(session, user, authenticator=None):
    """Make a stored session count as MFA-completed for `user` (test fixtures, tooling)."""
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp", "id": getattr(authenticator, "pk", None)},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)

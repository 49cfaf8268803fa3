"""One-time secrets for employers: activation codes (read out or posted to the
employer) and invitation link tokens (emailed). Only keyed hashes are stored."""

import secrets

from django.utils.crypto import salted_hmac

from cms_portal.core import codes
from cms_portal.core.codes import format_code, normalise_code

ACTIVATION_CODE_LENGTH = 12


def new_activation_code():
    return codes.new_code(ACTIVATION_CODE_LENGTH)


def hash_activation_code(code):
    return codes.hash_code("employers.activation-code", code)


def new_invitation_token():
    return secrets.token_urlsafe(32)


def hash_invitation_token(token):
    return salted_hmac("employers.invitation", str(token or ""), algorithm="sha256").hexdigest()


__all__ = [
    "format_code",
    "hash_activation_code",
    "hash_invitation_token",
    "new_activation_code",
    "new_invitation_token",
    "normalise_code",
]

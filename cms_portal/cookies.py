"""The `cookies_policy` consent cookie. Only the server writes it; anything that does
not parse as our JSON shape counts as no choice made (and analytics off)."""

import json
from dataclasses import dataclass

COOKIE_NAME = "cookies_policy"
# Set in the session when a choice is made in the banner, so the next page confirms it.
CONFIRMATION_KEY = "cookie_banner_confirmation"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
POLICY_VERSION = 1


@dataclass(frozen=True)
class CookieConsent:
    chosen: bool
    analytics: bool


NOT_CHOSEN = CookieConsent(chosen=False, analytics=False)


def cookie_consent(request):
    cached = getattr(request, "_cookie_consent", None)
    if cached is None:
        cached = parse_policy(request.COOKIES.get(COOKIE_NAME))
        request._cookie_consent = cached
    return cached


def take_cookie_confirmation(request):
    """'accepted' or 'rejected' on the first page after a choice, then None: the message
    is shown once and does not follow the user around (or through sign-in)."""
    if not hasattr(request, "_cookie_confirmation"):
        session = getattr(request, "session", None)
        request._cookie_confirmation = (
            session.pop(CONFIRMATION_KEY, None) if session is not None else None
        )
    return request._cookie_confirmation


def parse_policy(raw):
    if not raw:
        return NOT_CHOSEN
    try:
        value = json.loads(raw)
    except (ValueError, TypeError):
        return NOT_CHOSEN
    if not isinstance(value, dict) or value.get("version") != POLICY_VERSION:
        return NOT_CHOSEN
    analytics = value.get("analytics")
    if not isinstance(analytics, bool):
        return NOT_CHOSEN
    return CookieConsent(chosen=True, analytics=analytics)


def set_policy(response, *, analytics, secure):
    response.set_cookie(
        COOKIE_NAME,
        json.dumps({"essential": True, "analytics": bool(analytics), "version": POLICY_VERSION}),
        max_age=COOKIE_MAX_AGE,
        secure=secure,
        httponly=True,
        samesite="Lax",
    )
    return response

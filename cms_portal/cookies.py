"""The `cookies_policy` consent cookie. Only the server writes it; anything that does
not parse as our JSON shape counts as no choice made (and analytics off)."""

import json
from dataclasses import dataclass

COOKIE_NAME = "cookies_policy"
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

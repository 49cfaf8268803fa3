"""Cross-cutting request handling: request ids, security headers, bad input, session
timeouts."""

import logging
import secrets
import time
import uuid

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.datastructures import MultiValueDict

from .logging import reset_request_id, set_request_id

logger = logging.getLogger(__name__)

SESSION_LAST_ACTIVITY = "portal_last_activity"
SESSION_SIGNED_IN_AT = "portal_signed_in_at"


class RequestIdMiddleware:
    """Gives each request an id (trusting a well-formed upstream X-Request-ID) that is
    logged with every line and returned on the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _is_safe_request_id(incoming) else uuid.uuid4().hex
        token = set_request_id(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            reset_request_id(token)
        response["X-Request-ID"] = request.request_id
        return response


def _is_safe_request_id(value):
    return 8 <= len(value) <= 64 and all(c.isalnum() or c in "-_" for c in value)


class SecurityHeadersMiddleware:
    """Content Security Policy with a per-request nonce, plus headers Django lacks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(18)
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self._policy(request))
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    @staticmethod
    def _policy(request):
        # The Django admin relies on a few inline style attributes; public pages do not.
        style_src = "'self' 'unsafe-inline'" if request.path.startswith("/admin/") else "'self'"
        return "; ".join(
            [
                "default-src 'self'",
                f"script-src 'self' 'nonce-{request.csp_nonce}'",
                f"style-src {style_src}",
                "img-src 'self' data:",
                "font-src 'self'",
                "connect-src 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'",
                "base-uri 'self'",
                "object-src 'none'",
            ]
        )


NUL = "\x00"
UNREADABLE_INPUT = (TooManyFieldsSent, TooManyFilesSent, RequestDataTooBig, MultiPartParserError)


class RequestInputMiddleware:
    """Reads the query string and form body once, before anything else does.

    PostgreSQL refuses NUL in text, so NUL is removed from every query and form value,
    uploaded file name, cookie and header before a view, form or query sees it.
    A request Django cannot read (too many fields or files, too big, a broken multipart
    body) gets the "problem with your request" page: the data is replaced by empty
    data so the middleware and templates that run before the view cannot trip over it
    again, and the view itself never runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.unreadable_input = None
        try:
            request.GET = _without_nul(request.GET)
            if request.method == "POST":
                request.POST = _without_nul(request.POST)
                for upload in request.FILES.values():
                    upload.name = (upload.name or "").replace(NUL, "")
        except UNREADABLE_INPUT as error:
            request.unreadable_input = error.__class__.__name__
            request.GET = QueryDict()
            request._post, request._files = QueryDict(), MultiValueDict()
        request.COOKIES = {
            key.replace(NUL, ""): value.replace(NUL, "") for key, value in request.COOKIES.items()
        }
        for key, value in request.META.items():
            if key.startswith("HTTP_") and isinstance(value, str) and NUL in value:
                request.META[key] = value.replace(NUL, "")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.unreadable_input:
            from .views import bad_request

            # One line, no traceback: this is a client's mistake (or an attack), not ours.
            logger.warning(
                "Refused a request Django could not read: %s %s (%s)",
                request.method,
                request.path,
                request.unreadable_input,
            )
            return bad_request(request)
        if NUL in request.path_info:
            raise Http404
        return None


def _without_nul(query_dict):
    if not any(
        NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists()
    ):
        return query_dict
    cleaned = QueryDict(mutable=True, encoding=query_dict.encoding)
    for key, values in query_dict.lists():
        cleaned.setlist(key.replace(NUL, ""), [value.replace(NUL, "") for value in values])
    cleaned._mutable = False
    return cleaned


class SessionTimeoutMiddleware:
    """Idle and absolute session limits enforced on the server, whatever the browser
    does. The keep-alive endpoint is refused once either limit has passed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            expired_reason = self._expired_reason(request)
            if expired_reason:
                request.sign_out_reason = expired_reason  # for the security log
                logout(request)
                return self._expired_response(request, expired_reason)
            _record_activity(request)
            request.session.setdefault(SESSION_SIGNED_IN_AT, time.time())
            request.session_timeout = session_timeout_settings(request)
        return self.get_response(request)

    @staticmethod
    def _expired_reason(request):
        now = time.time()
        last_activity = request.session.get(SESSION_LAST_ACTIVITY)
        signed_in_at = request.session.get(SESSION_SIGNED_IN_AT)
        if last_activity and now - last_activity > settings.SESSION_IDLE_TIMEOUT_SECONDS:
            return "timeout"
        if signed_in_at and now - signed_in_at > settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS:
            return "expired"
        return None

    @staticmethod
    def _expired_response(request, reason):
        if request.path.endswith("/session/keep-alive/"):
            return JsonResponse({"signed_in": False}, status=401)
        return redirect(f"{reverse('cms_portal:signed_out')}?reason={reason}")


def _record_activity(request):
    """Note the activity, but write the session at most every
    SESSION_ACTIVITY_WRITE_SECONDS: the idle limit then runs from at most that long
    before the last request, and a page view costs no session write. Staying signed in
    from the warning dialog always counts at once."""
    now = time.time()
    last_activity = request.session.get(SESSION_LAST_ACTIVITY)
    if (
        last_activity is None
        or now - last_activity >= settings.SESSION_ACTIVITY_WRITE_SECONDS
        or request.path.endswith("/session/keep-alive/")
    ):
        request.session[SESSION_LAST_ACTIVITY] = now


def session_timeout_settings(request):
    """What the timeout warning dialog needs, read per request so tests can shorten it."""
    expires_in = max(0, round(session_expiry_timestamp(request) - time.time()))
    return {
        "expires_in": expires_in,
        "warning_seconds": min(
            settings.SESSION_WARNING_SECONDS, settings.SESSION_IDLE_TIMEOUT_SECONDS
        ),
    }


def session_expiry_timestamp(request):
    """When the current session will time out if nothing else happens (epoch seconds)."""
    last_activity = request.session.get(SESSION_LAST_ACTIVITY, time.time())
    signed_in_at = request.session.get(SESSION_SIGNED_IN_AT, time.time())
    return min(
        last_activity + settings.SESSION_IDLE_TIMEOUT_SECONDS,
        signed_in_at + settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS,
    )


class NoStoreForSignedInMiddleware:
    """Pages seen while signed in must not be kept by browsers or shared caches."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response

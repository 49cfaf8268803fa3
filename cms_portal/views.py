"""Site pages that belong to no case: start, cookies, help and the rest, plus the
session endpoints and error handlers."""

import logging
import sys
import time

from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

# The help page states the collection fees: the site pages sit above calculation.
from cms_portal.formatting import collection_fee_figures

from .accounts.presenters import account_summary
from .cookies import CONFIRMATION_KEY, cookie_consent, set_policy
from .forms import GovukForm
from .health import readiness
from .middleware import session_expiry_timestamp
from .roles import is_employer_user, is_parent

logger = logging.getLogger(__name__)
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def start(request):
    return render(request, "pages/start.html")


def accessibility(request):
    return render(request, "pages/accessibility.html")


def privacy(request):
    return render(request, "pages/privacy.html")


def contact(request):
    return render(request, "pages/contact.html")


def help_page(request):
    fees = collection_fee_figures(timezone.localdate())
    return render(request, "pages/help.html", {"fees": fees})


def _safe_next(request, fallback):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


@require_POST
def cookie_consent_banner(request):
    """The banner's no-JavaScript form: accept, reject, or hide the confirmation."""
    choice = request.POST.get("cookies")
    response = HttpResponseRedirect(_safe_next(request, reverse("cms_portal:start")))
    if choice in {"accept", "reject"}:
        set_policy(response, analytics=choice == "accept", secure=request.is_secure())
        request.session[CONFIRMATION_KEY] = "accepted" if choice == "accept" else "rejected"
    elif choice == "hide":
        request.session.pop(CONFIRMATION_KEY, None)
    else:
        return HttpResponse(status=400)
    return response


class CookieSettingsForm(GovukForm):
    analytics = forms.ChoiceField(
        choices=[
            ("yes", _("Use cookies that measure my website use")),
            ("no", _("Do not use cookies that measure my website use")),
        ],
        error_messages={"required": _("Select whether you want to use analytics cookies")},
    )


@require_http_methods(["GET", "POST"])
def cookies(request):
    consent = cookie_consent(request)
    saved = False
    if request.method == "POST":
        form = CookieSettingsForm(request.POST)
        if form.is_valid():
            response = redirect(f"{reverse('cms_portal:cookies')}?saved=1")
            set_policy(
                response,
                analytics=form.cleaned_data["analytics"] == "yes",
                secure=request.is_secure(),
            )
            request.session.pop(CONFIRMATION_KEY, None)
            return response
        status = 400
    else:
        form = CookieSettingsForm(initial={"analytics": "yes" if consent.analytics else "no"})
        saved = request.GET.get("saved") == "1" and consent.chosen
        status = 200
    return render(request, "pages/cookies.html", {"form": form, "saved": saved}, status=status)


@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means unhealthy
        logger.exception("Health check failed")
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def healthz_ready(request):
    """Readiness for the load balancer: PostgreSQL, Redis as cache and broker, and Celery
    beat on time. 503 with the failing checks named when any fails."""
    checks, ready = readiness()
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )


def exit_this_page(request):
    """Clears the session before leaving for a neutral site, so going back shows nothing.

    It signs out on a GET (the button is a link and must work without JavaScript), so it
    does so only when the browser is opening it as a page: an image, script or frame on
    another site, or a prefetch, must not sign anyone out. Browsers that do not send
    Sec-Fetch-* headers still get the old behaviour."""
    if _is_top_level_navigation(request):
        request.session.flush()
    return HttpResponseRedirect(settings.EXIT_THIS_PAGE_URL)


def _is_top_level_navigation(request):
    mode = request.headers.get("Sec-Fetch-Mode")
    if mode is None:
        return True
    return (
        mode == "navigate"
        and request.headers.get("Sec-Fetch-Dest", "document") == "document"
        and "prefetch" not in request.headers.get("Sec-Purpose", "")
    )


def signed_out(request):
    reason = request.GET.get("reason", "")
    if reason not in {"timeout", "expired", "signed-out"}:
        reason = "signed-out"
    if request.user.is_authenticated:
        # Still signed in: a session past its limits was already ended by the timeout
        # middleware, and the dialog signs out with a POST. A GET (a link or an image on
        # any site) signs nobody out, and the page would not be true, so go home.
        return redirect("cms_portal:after_sign_in")
    return render(request, "pages/signed_out.html", {"reason": reason})


@never_cache
@require_POST
def keep_alive(request):
    """Extends the session (the timeout middleware already refused an expired one)."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    expires_at = session_expiry_timestamp(request)
    return JsonResponse(
        {"signed_in": True, "expires_at": expires_at, "expires_in": round(expires_at - time.time())}
    )


@login_required
def after_sign_in(request):
    user = request.user
    if user.is_staff:
        # The admin in the language the staff member works in (Welsh at /cy/admin/).
        with translation.override(user.preferred_language or translation.get_language()):
            return redirect(reverse("admin:index"))
    for is_role, viewname in (
        (is_employer_user, "employers:dashboard"),
        (is_parent, "cases:dashboard"),
    ):
        if is_role(user):
            try:
                return redirect(viewname)
            except NoReverseMatch:
                break
    return redirect("cms_portal:link_account")


@login_required
def link_account(request):
    return render(request, "pages/link_account.html")


@login_required
def account(request):
    return render(request, "pages/account.html", {"summary": account_summary(request.user)})


def sign_out_everywhere(request):
    logout(request)
    return redirect(f"{reverse('cms_portal:signed_out')}?reason=signed-out")


def _error(template, status):
    def view(request, exception=None):
        return render(request, template, status=status)

    return view


bad_request = _error("errors/400.html", 400)
permission_denied = _error("errors/403.html", 403)
page_not_found = _error("errors/404.html", 404)
too_many_requests = _error("errors/429.html", 429)


def server_error(request):
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        # The database is unreachable: say so with a 503 and render nothing that needs
        # it (the signed-in user is looked up there).
        request.user = AnonymousUser()
        return render(request, "errors/500.html", status=503)
    return render(request, "errors/500.html", status=500)


def csrf_failure(request, reason=""):
    return render(request, "errors/403.html", status=403)


def work_queue_moved(request, rest):
    target = request.path.replace("/admin/cases/workitem/", "/admin/casework/workitem/", 1)
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{target}?{query}" if query else target, permanent=True)

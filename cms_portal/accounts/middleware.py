"""Two-step verification is required for staff and employer admins: until this
session has completed it, they can reach only the pages that set it up or sign out.
Sessions created any other way (for example, an administrator logging someone in
directly) get no exemption."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from .mfa import has_totp, mfa_required_for_request, session_completed_mfa

# Pages usable before the second factor: the set-up and code steps, signing out,
# the account page that explains why, and what every page needs (cookie banner,
# keep-alive, exit this page).
ALLOWED_VIEW_NAMES = {
    "account_logout",
    "account_reauthenticate",
    "cms_portal:account",
    "cms_portal:signed_out",
    "cms_portal:keep_alive",
    "cms_portal:exit_this_page",
    "cms_portal:cookies",
    "cms_portal:cookie_consent",
}


def _is_allowed(resolver_match):
    if resolver_match is None:
        return True
    name = resolver_match.view_name or ""
    return name.startswith("mfa_") or name in ALLOWED_VIEW_NAMES


class MfaRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or _is_allowed(request.resolver_match):
            return None
        if not mfa_required_for_request(request) or session_completed_mfa(request):
            return None
        if not has_totp(user):
            return redirect("mfa_activate_totp")
        next_url = (
            request.get_full_path()
            if request.method == "GET"
            else reverse("cms_portal:after_sign_in")
        )
        return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_url})}")

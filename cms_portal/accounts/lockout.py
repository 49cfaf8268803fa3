"""Lockout timing: five failed sign-ins are each answered with the ordinary error; the
sixth attempt (and every one after it, even with the right password) gets the lockout
page until the cool-off ends. Axes on its own answers the fifth failure with the
lockout page; these subclasses only show it for attempts refused before they ran."""

from allauth.account.auth_backends import AuthenticationBackend
from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_lockout_response
from axes.middleware import AxesMiddleware
from django.conf import settings
from django.core.exceptions import PermissionDenied

from cms_portal.roles import RolesLoadedWithUser


class PortalAxesBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            request.axes_refused_before_attempt = True
            raise


class PortalAuthenticationBackend(RolesLoadedWithUser, AuthenticationBackend):
    """allauth's sign-in by email, reading the user back with their roles."""

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is None and credentials.get("password") is not None:
            # allauth's own backend follows in the settings only to read back sessions
            # that name it; it would check the same password again (a second hash per
            # refused attempt), so a refusal here ends the sign-in.
            raise PermissionDenied
        return user


class PortalAxesMiddleware(AxesMiddleware):
    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.AXES_ENABLED
            and getattr(request, "axes_locked_out", None)
            and getattr(request, "axes_refused_before_attempt", False)
        ):
            credentials = getattr(request, "axes_credentials", None)
            response = get_lockout_response(request, response, credentials)
        return response

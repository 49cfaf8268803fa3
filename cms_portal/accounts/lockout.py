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
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q

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

    def get_all_permissions(self, user_obj, obj=None):
        """The user's own and their groups' permissions in one query (Django asks two),
        kept on the user for the request as Django keeps them."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            permissions = Permission.objects.all()
            if not user_obj.is_superuser:
                permissions = permissions.filter(
                    Q(pk__in=Permission.objects.filter(user=user_obj).values("pk"))
                    | Q(pk__in=Permission.objects.filter(group__user=user_obj).values("pk"))
                )
            names = permissions.values_list("content_type__app_label", "codename")
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in names}
        return user_obj._perm_cache


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

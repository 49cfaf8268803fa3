"""The caseworker admin: signed in through allauth (so axes lockout and MFA apply),
never through Django's own admin login form, and unusable by a session that has not
completed two-step verification, however that session was created."""

from allauth.account.decorators import secure_admin_login
from django.utils.translation import gettext_lazy as _

from .accounts.mfa import session_completed_mfa


def protect_admin(site):
    site.login = secure_admin_login(site.login)
    staff_permission = site.has_permission
    site.has_permission = lambda request: staff_permission(request) and session_completed_mfa(request)
    site.site_header = _("Child Maintenance Service: caseworkers")
    site.site_title = _("Child Maintenance Service")
    site.index_title = _("Caseworker tools")

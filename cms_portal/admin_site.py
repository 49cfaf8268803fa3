"""The caseworker admin: signed in through allauth (so axes lockout and MFA apply),
never through Django's own admin login form."""

from allauth.account.decorators import secure_admin_login
from django.utils.translation import gettext_lazy as _


def protect_admin(site):
    site.login = secure_admin_login(site.login)
    site.site_header = _("Child Maintenance Service: caseworkers")
    site.site_title = _("Child Maintenance Service")
    site.index_title = _("Caseworker tools")

"""Template helpers the data requests area offers other pages (loaded by cms_portal.jinja2)."""

from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from cms_portal.roles import request_roles

from .selectors import can_request_data_copy


def data_copy_offered(request):
    """Whether the account page offers a copy of your data. Most users are not parents,
    which the roles read for every page already say without another query."""
    roles = request_roles(request)
    if not roles.parent:
        return False
    if not roles.representative:
        return True  # a parent holding no representation is a party in a case
    return can_request_data_copy(request.user)


def data_copy_reauthentication_reason(request):
    """Why the password is asked for again, when the page that asked is a download."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    try:
        match = resolve(next_url.split("?")[0])
    except Resolver404:
        return None
    if match.view_name != "data_requests:download":
        return None
    return _("You are about to download a copy of your data, so we need to check it is you.")


GLOBALS = {
    "data_copy_offered": data_copy_offered,
    "data_copy_reauthentication_reason": data_copy_reauthentication_reason,
}

"""Service navigation items for the signed-in user's roles (none for anonymous users)."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .roles import request_roles


def _item(request, viewname, text):
    try:
        href = reverse(viewname)
    except NoReverseMatch:
        return None
    return {"href": href, "text": text, "active": request.path.startswith(href)}


def navigation_items(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(request, "_navigation_items", None)
    if cached is not None:
        return cached
    items = []
    roles = request_roles(request)
    if roles.parent:
        items.append(_item(request, "cases:dashboard", _("Your cases")))
    if roles.employer:
        items.append(_item(request, "employers:dashboard", _("Your orders")))
    if user.is_staff:
        items.append({"href": "/admin/", "text": _("Caseworker admin"), "active": False})
    items.append(_item(request, "cms_portal:account", _("Your account")))
    items.append(_item(request, "account_logout", _("Sign out")))
    request._navigation_items = [item for item in items if item]
    return request._navigation_items


def navigation_key(items):
    """What the rendered navigation depends on: the links a role sees and which is active."""
    return tuple((item["href"], str(item["text"]), bool(item.get("active"))) for item in items)

"""allauth's URLs with the portal's views where it changes behaviour, and every
invalid form answered with HTTP 400 (allauth answers 200)."""

from functools import wraps

from allauth import urls as allauth_urls
from django.forms import BaseForm
from django.urls import URLPattern, URLResolver, path

from . import views


def invalid_form_is_400(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method == "POST" and response.status_code == 200 and _has_invalid_form(response):
            response.status_code = 400
        return response

    return wrapped


def _has_invalid_form(response):
    context = getattr(response, "context_data", None) or {}
    return any(
        isinstance(value, BaseForm) and value.is_bound and value.errors
        for value in context.values()
    )


def _portal_patterns(patterns):
    result = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            result.append(
                URLResolver(
                    entry.pattern,
                    _portal_patterns(entry.url_patterns),
                    entry.default_kwargs,
                    entry.app_name,
                    entry.namespace,
                )
            )
        else:
            view = views.VIEW_OVERRIDES.get(entry.name, entry.callback)
            result.append(
                URLPattern(entry.pattern, invalid_form_is_400(view), entry.default_args, entry.name)
            )
    return result


urlpatterns = [
    path("password/changed/", views.password_changed, name="account_password_changed"),
    path("email/confirmed/", views.email_confirmed, name="account_email_confirmed"),
    *_portal_patterns(allauth_urls.urlpatterns),
]

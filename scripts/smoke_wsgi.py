"""The production WSGI application for the smoke test, plus one URL that fails on
purpose so the smoke test can see the real 500 page. Not used in production."""

import os

os.environ["DJANGO_SETTINGS_MODULE"] = "cms_portal.settings.production"

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from django.urls import clear_url_caches, path  # noqa: E402

from cms_portal import urls  # noqa: E402


def fail(request):
    raise RuntimeError("The smoke test's deliberate server error")


urls.urlpatterns.append(path("smoke/server-error", fail))
clear_url_caches()

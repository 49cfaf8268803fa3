"""A bare Django project in one module: `startproject`'s middleware and one view that
answers "hello". The page benchmark serves it with the same gunicorn settings as the
portal, as the yardstick for what Django itself costs per request."""

from django.http import HttpResponse
from django.urls import path

SECRET_KEY = "bench-hello-not-secret"  # noqa: S105 (a throwaway local process)
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = __name__
USE_TZ = True
DATABASES = {}
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]


def hello(request):
    return HttpResponse("hello")


urlpatterns = [path("", hello)]


_handler = []


def application(environ, start_response):
    # Built on first use so that gunicorn can import this module as the settings too.
    if not _handler:
        from django.core.wsgi import get_wsgi_application

        _handler.append(get_wsgi_application())
    return _handler[0](environ, start_response)

"""Django settings for the nightly benchmark: the project's settings on a database of the
benchmark's own (never the one in DATABASE_URL), tasks in this process, no real email."""

import os

import dj_database_url

from cms_portal.settings.base import *  # noqa: F403
from cms_portal.settings.base import LOGGING

DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
DATABASES["default"]["NAME"] = os.environ["BENCH_DATABASE_NAME"]
DEBUG = False
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {**LOGGING, "loggers": {**LOGGING["loggers"], "celery": {"level": "WARNING"}}}

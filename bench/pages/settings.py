"""The portal's production settings for the page benchmark, with plain static file
storage (the benchmark does not run collectstatic) and no real email. It builds on the
demo data, so it installs the nonprod app that production leaves out."""

import secrets

from cms_portal.settings.production import *  # noqa: F403
from cms_portal.settings.production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "nonprod.apps.NonprodConfig"]
DEMO_DATA_ALLOWED = True
DEMO_PASSWORD = secrets.token_urlsafe(12)
DEMO_PASSWORD_FILE = None

STATIC_ROOT = None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

"""Test settings: fast hashing, in-memory email, in-process Celery."""

import secrets

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS, env

INSTALLED_APPS = [*INSTALLED_APPS, "nonprod.apps.NonprodConfig"]
DEMO_DATA_ALLOWED = True
# A fresh demo password for each test run; tests read it from nonprod.demo.password.
DEMO_PASSWORD = secrets.token_urlsafe(12)
DEMO_PASSWORD_FILE = BASE_DIR / ".test_media" / "demo_password"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "cms_portal.sms_backends.LocmemSmsBackend"
# Tasks run in-process in tests; tests that need the real broker use REDIS_URL directly.
CELERY_TASK_ALWAYS_EAGER = True
REDIS_URL = env("REDIS_URL", "")
MEDIA_ROOT = BASE_DIR / ".test_media"
# Static files are served from the source folders in tests; no manifest needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # The test databases are thrown away after the run: commits need not wait for the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405

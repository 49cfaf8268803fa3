"""Test settings: fast hashing, in-memory email, in-process Celery."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEMO_DATA_ALLOWED = True
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
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

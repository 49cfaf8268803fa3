"""Production: refuses to start without a secret key and a PostgreSQL database."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_list

DEBUG = False

# Static files served by the app processes themselves, compressed and hashed.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

_database_url = env("DATABASE_URL", "")
if not _database_url.startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")
PORTAL_BASE_URL = (env("PORTAL_BASE_URL") or f"https://{ALLOWED_HOSTS[0]}").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SECURE_SSL_REDIRECT = True
# Probes reach the app directly over HTTP, not through the TLS-terminating proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/ready)?$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "cms_portal.storage.StaticFilesStorage"},
}

# A lost database answers in seconds, not when the TCP stack gives up.
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5  # noqa: F405
# A connection kept between requests is checked before reuse, so a database restart
# costs no request an error.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Redis is the cache, and sessions live in it with the database behind them; a Redis
# outage falls back to the database (cms_portal.sessions).
_redis_url = env("REDIS_URL") or env("CELERY_BROKER_URL", "")
if not _redis_url.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured(
        "REDIS_URL (or CELERY_BROKER_URL) must point at Redis in production."
    )
CACHES = {
    "default": {
        "BACKEND": "cms_portal.cache.ResilientRedisCache",
        "LOCATION": _redis_url,
        "KEY_PREFIX": "cms",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}
SESSION_ENGINE = "cms_portal.sessions"

# GOV.UK Notify when its key is set, otherwise SMTP; EMAIL_BACKEND overrides both.
EMAIL_BACKEND = env("EMAIL_BACKEND") or (
    "cms_portal.mail.NotifyEmailBackend"
    if NOTIFY_API_KEY  # noqa: F405
    else "django.core.mail.backends.smtp.EmailBackend"
)
# Texts through GOV.UK Notify's SMS API when its key and SMS template are set; otherwise
# they are only logged (console), never silently dropped into a provider we did not choose.
SMS_BACKEND = env("SMS_BACKEND") or (
    "cms_portal.sms_backends.NotifySmsBackend"
    if NOTIFY_API_KEY and NOTIFY_SMS_TEMPLATE_ID  # noqa: F405
    else "cms_portal.sms_backends.ConsoleSmsBackend"
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", "true").lower() == "true"
EMAIL_TIMEOUT = 20

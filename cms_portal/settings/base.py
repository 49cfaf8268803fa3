"""Settings shared by every environment. Environment-specific files import from here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from jinja2 import ChainableUndefined

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "local-development-only-not-secret")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "cms_portal.apps.CmsPortalConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "calculation.apps.CalculationConfig",
    "casework.apps.CaseworkConfig",
    "cases.apps.CasesConfig",
    "payments.apps.PaymentsConfig",
    "employers.apps.EmployersConfig",
    "applications.apps.ApplicationsConfig",
    "variations.apps.VariationsConfig",
    "arrears_plans.apps.ArrearsPlansConfig",
    "letters.apps.LettersConfig",
    "data_requests.apps.DataRequestsConfig",
    "reform.apps.ReformConfig",
    "alerts.apps.AlertsConfig",
    "hmrc_income.apps.HmrcIncomeConfig",
    "complaints.apps.ComplaintsConfig",
    "parents.apps.ParentsConfig",
]

MIDDLEWARE = [
    "cms_portal.middleware.RequestIdMiddleware",
    "cms_portal.middleware.SecurityHeadersMiddleware",
    "cms_portal.middleware.RequestInputMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms_portal.middleware.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cms_portal.accounts.middleware.MfaRequiredMiddleware",
    "cms_portal.middleware.NoStoreForSignedInMiddleware",
    "cms_portal.accounts.lockout.PortalAxesMiddleware",
]

ROOT_URLCONF = "cms_portal.urls"
WSGI_APPLICATION = "cms_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "cms_portal.jinja2.environment",
            # govuk-frontend-jinja's page template calls macros without params.
            "undefined": ChainableUndefined,
            "trim_blocks": True,
            "lstrip_blocks": True,
        },
    },
    {
        # Django templates only for the admin (and allauth's fall-backs we do not route).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "cms_portal.User"
AUTHENTICATION_BACKENDS = [
    "cms_portal.accounts.lockout.PortalAxesBackend",
    "cms_portal.accounts.lockout.PortalAuthenticationBackend",
    # Sessions signed in before the portal's own email backend still name this one; it is
    # last, so it only ever runs for a sign-in the others refused.
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "cms_portal:after_sign_in"

# Language: English unprefixed, Welsh under /cy/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# British date formats in English (Django's "en" is American); Welsh has its own.
FORMAT_MODULE_PATH = ["cms_portal.formats"]
TIME_ZONE = "Europe/London"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Sessions: idle 15 minutes, warning at 10, absolute 12 hours, all enforced on the server.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_IDLE_TIMEOUT_SECONDS = int(env("SESSION_IDLE_TIMEOUT_SECONDS", 15 * 60))
SESSION_WARNING_SECONDS = int(env("SESSION_WARNING_SECONDS", 5 * 60))
# Activity is written to the session at most this often, so the idle limit is exact to
# within this many seconds and most page views save nothing.
SESSION_ACTIVITY_WRITE_SECONDS = 30
SESSION_ABSOLUTE_TIMEOUT_SECONDS = 12 * 60 * 60

# Security headers (CSP is set by cms_portal.middleware with a per-request nonce).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# allauth
ACCOUNT_TEMPLATE_EXTENSION = "html"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_TOKEN_GENERATOR = (
    "cms_portal.accounts.tokens.OneHourPasswordResetTokenGenerator"
)
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_ADAPTER = "cms_portal.accounts.adapter.PortalAccountAdapter"
ACCOUNT_FORMS = {
    "login": "cms_portal.accounts.forms.LoginForm",
    "signup": "cms_portal.accounts.forms.SignupForm",
    "reset_password": "cms_portal.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "cms_portal.accounts.forms.ResetPasswordKeyForm",
    "change_password": "cms_portal.accounts.forms.ChangePasswordForm",
    "set_password": "cms_portal.accounts.forms.SetPasswordForm",
    "reauthenticate": "cms_portal.accounts.forms.ReauthenticateForm",
    "add_email": "cms_portal.accounts.forms.AddEmailForm",
}
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# django-axes owns the failed-login lockout; allauth keeps its other limits.
ACCOUNT_RATE_LIMITS = {
    "login_failed": None,
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}
PASSWORD_RESET_TIMEOUT = 60 * 60
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Child Maintenance Service"
MFA_ADAPTER = "cms_portal.accounts.adapter.PortalMFAAdapter"
# Accept the code from the 30 seconds either side too: phone clocks drift.
MFA_TOTP_TOLERANCE = 1
MFA_FORMS = {
    "authenticate": "cms_portal.accounts.forms.AuthenticateForm",
    "reauthenticate": "cms_portal.accounts.forms.ReauthenticateCodeForm",
    "activate_totp": "cms_portal.accounts.forms.ActivateAuthenticatorAppForm",
}

# django-axes: 5 failures per account and IP, 15-minute cool-off, HTTP 429.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "cms_portal.accounts.security.axes_username"
AXES_RESET_ON_SUCCESS = True
# Attempts refused during a lockout do not restart it: it ends 15 minutes after it began.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "errors/locked_out.html"
AXES_COOLOFF_MESSAGE = _("You have been locked out for 15 minutes")
AXES_VERBOSE = False

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# GOV.UK Notify (cms_portal.mail.NotifyEmailBackend): one template per language whose
# subject is ((subject)) and body ((body)); Welsh falls back to the English template.
NOTIFY_API_KEY = env("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = env("NOTIFY_TEMPLATE_ID", "")
NOTIFY_TEMPLATE_ID_CY = env("NOTIFY_TEMPLATE_ID_CY", "")
NOTIFY_BASE_URL = env("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_TIMEOUT_SECONDS = 10
# Text messages (cms_portal.sms): printed locally, kept in memory in tests, GOV.UK Notify
# in production. The Notify SMS template's text is ((body)), one template per language.
SMS_BACKEND = env("SMS_BACKEND", "cms_portal.sms_backends.ConsoleSmsBackend")
NOTIFY_SMS_TEMPLATE_ID = env("NOTIFY_SMS_TEMPLATE_ID", "")
NOTIFY_SMS_TEMPLATE_ID_CY = env("NOTIFY_SMS_TEMPLATE_ID_CY", "")
# The portal's address as parents type it, for links in emails and texts sent by jobs.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "noreply@child-maintenance.service.gov.uk")

# Celery: in-process (eager) unless a broker is configured.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis hands an unacknowledged task to another worker after the visibility timeout.
# It must outlast the longest task (a chunk: the time limit below) and the longest
# countdown (an email's last retry, 16 minutes), or healthy tasks run twice; it should be
# short, as a killed worker's task waits that long (the watchdog re-sends sooner).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", 30 * 60))
}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 25 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 24 * 60
CELERY_BEAT_SCHEDULE = {}
# Payments' nightly jobs, in order, by London business date; after 02:00 so the hour the
# clocks change (01:00-01:59, twice in October, never in March) never skips or repeats one.
from celery.schedules import crontab  # noqa: E402

PAYMENTS_NIGHTLY_TIMES = dict(
    zip(
        [
            "post_due_instalments",
            "allocate_receipts",
            "pass_on",
            "detect_missed_payments",
            "escalate_enforcement",
        ],
        env_list("PAYMENTS_NIGHTLY_TIMES", "02:15,02:45,03:15,03:45,04:15"),
        strict=True,
    )
)
# The case jobs (children who stop qualifying, then annual reviews) run first, before the
# money jobs (payments/jobs/reviews.py).
PAYMENTS_NIGHTLY_TIMES = {
    **dict(
        zip(
            ["children_stopping", "annual_review"],
            env_list("REVIEW_NIGHTLY_TIMES", "02:05,02:10"),
            strict=True,
        )
    ),
    **PAYMENTS_NIGHTLY_TIMES,
}
CELERY_BEAT_SCHEDULE.update(
    {
        f"payments.{job}": {
            "task": "payments.tasks.start_job",
            "args": [job],
            "schedule": crontab(hour=int(at[:2]), minute=int(at[3:])),
        }
        for job, at in PAYMENTS_NIGHTLY_TIMES.items()
    }
)
# A job that made no progress for this long has its unfinished chunks sent again (a
# killed worker's chunk is otherwise redelivered only after the visibility timeout);
# one still unfinished at the deadline (London time) raises an alert for the operators.
PAYMENTS_JOB_CHUNK_SIZE = int(env("PAYMENTS_JOB_CHUNK_SIZE", 0)) or None  # None: the default
# A job whose previous job has not finished asks again this often (up to 36 times).
PAYMENTS_JOB_WAIT_SECONDS = int(env("PAYMENTS_JOB_WAIT_SECONDS", 600))
PAYMENTS_JOB_STALL_SECONDS = int(env("PAYMENTS_JOB_STALL_SECONDS", 15 * 60))
PAYMENTS_JOBS_DEADLINE = env("PAYMENTS_JOBS_DEADLINE", "06:30")
CELERY_BEAT_SCHEDULE["payments.watch_nightly_jobs"] = {
    "task": "payments.tasks.watch_nightly_jobs",
    "schedule": float(env("PAYMENTS_JOB_WATCH_SECONDS", 60)),
}
# Emails whose hand-over to the queue failed (broker down) or whose message was lost.
EMAIL_SWEEP_SECONDS = float(env("EMAIL_SWEEP_SECONDS", 60))
EMAIL_SWEEP_AFTER_SECONDS = int(env("EMAIL_SWEEP_AFTER_SECONDS", 120))
CELERY_BEAT_SCHEDULE["cms_portal.send_queued_emails"] = {
    "task": "cms_portal.tasks.send_queued_emails",
    "schedule": EMAIL_SWEEP_SECONDS,
}
CELERY_BEAT_SCHEDULE["cms_portal.send_queued_sms"] = {
    "task": "cms_portal.tasks.send_queued_sms",
    "schedule": EMAIL_SWEEP_SECONDS,
}
# Readiness reports beat as stalled when this has not run for a few minutes.
CELERY_BEAT_SCHEDULE["cms_portal.beat_heartbeat"] = {
    "task": "cms_portal.tasks.beat_heartbeat",
    "schedule": 60.0,
}
BEAT_HEARTBEAT_MAX_AGE_SECONDS = int(env("BEAT_HEARTBEAT_MAX_AGE_SECONDS", 5 * 60))
# Employers whose money had not reached CMS by the 19th: flagged and emailed, nightly.
# Draft applications: a warning a week before 28 days unsaved, then deletion, nightly.
CELERY_BEAT_SCHEDULE["applications.expire_drafts"] = {
    "task": "applications.tasks.expire_drafts",
    "schedule": crontab(hour=4, minute=30),
}
# Copies of parents' data: deleted a week after they are ready, nightly.
CELERY_BEAT_SCHEDULE["data_requests.delete_expired"] = {
    "task": "data_requests.tasks.delete_expired_data_copies_task",
    "schedule": crontab(hour=4, minute=45),
}
# HMRC income files (docs/hmrc-income-feed.md) dropped here are imported once each and
# moved to done/ or failed/; unset, the scan does nothing.
HMRC_INCOME_DROP_DIR = env("HMRC_INCOME_DROP_DIR", "")
CELERY_BEAT_SCHEDULE["hmrc_income.scan_drop_folder"] = {
    "task": "hmrc_income.tasks.scan_drop_folder",
    "schedule": float(env("HMRC_INCOME_SCAN_SECONDS", 300)),
}
CELERY_BEAT_SCHEDULE["employers.flag_late_payments"] = {
    "task": "employers.tasks.flag_late_payments_task",
    "schedule": crontab(hour=4, minute=15),
}
# Deduction orders whose end date has come (a case that closed from a later date).
CELERY_BEAT_SCHEDULE["employers.end_orders_due"] = {
    "task": "employers.tasks.end_orders_due_task",
    "schedule": crontab(hour=0, minute=30),
}

# Demo data lives in the nonprod app, which only local and test settings install; they
# alone allow it, so a settings module that installed nonprod by mistake still refuses.
DEMO_DATA_ALLOWED = False

SERVICE_NAME = "Child Maintenance Service"
EXIT_THIS_PAGE_URL = "https://www.bbc.co.uk/weather"
NORTHERN_IRELAND_SERVICE_URL = "https://www.nidirect.gov.uk/campaigns/child-maintenance"
ANALYTICS_ID = env("ANALYTICS_ID", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cms_portal.logging.RequestIdFilter"}},
    "formatters": {
        "structured": {
            "format": "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "structured",
        }
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        # WeasyPrint logs each step of every letter it draws at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}
CSRF_FAILURE_VIEW = "cms_portal.views.csrf_failure"

# Axes checks for its own middleware by name; ours is a subclass (cms_portal.accounts.lockout).
SILENCED_SYSTEM_CHECKS = ["axes.W002"]

# The announced collection reform (calculation.fees.ANNOUNCED_COLLECTION_FEE_REFORM): no
# date, no reform. Set (YYYY-MM-DD) once the law gives the day: from then the new fees
# apply and the nightly reform job moves every Direct Pay case to collection.
REFORM_COMMENCEMENT_DATE = env("REFORM_COMMENCEMENT_DATE") or None
if REFORM_COMMENCEMENT_DATE:
    # Before payments' first job, so a case is collected from the first night it can be.
    CELERY_BEAT_SCHEDULE["reform.move_direct_pay_cases"] = {
        "task": "reform.tasks.move_direct_pay_cases_nightly",
        "schedule": crontab(hour=2, minute=5),
    }

"""Local development: SQLite and in-process Celery unless configured otherwise."""

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS, env

# Demo data and its commands (load_demo_data, demo_accounts): local and test only.
INSTALLED_APPS = [*INSTALLED_APPS, "nonprod.apps.NonprodConfig"]
DEMO_DATA_ALLOWED = True
# Every demo account's password: DEMO_PASSWORD if set, else made on the first load and
# kept in this file (ignored by git).
DEMO_PASSWORD = env("DEMO_PASSWORD", "")
DEMO_PASSWORD_FILE = BASE_DIR / ".demo_password"
DEBUG = True

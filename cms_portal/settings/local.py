"""Local development: SQLite and in-process Celery unless configured otherwise."""

from .base import *  # noqa: F403

DEMO_DATA_ALLOWED = True
DEBUG = True

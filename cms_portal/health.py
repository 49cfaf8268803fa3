"""Readiness: can this process serve users and hand work to the queue? Each check is
small and bounded by a short timeout, so a dead dependency answers fast."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = "readiness-probe"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not keep a value")


def check_broker():
    from .celery import app

    if app.conf.task_always_eager:
        return "in-process"
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    return "ok"


def check_beat():
    from .celery import app
    from .models import Heartbeat

    if app.conf.task_always_eager:
        return "in-process"
    beat = Heartbeat.objects.filter(name="beat").first()
    limit = timedelta(seconds=settings.BEAT_HEARTBEAT_MAX_AGE_SECONDS)
    if beat is None or timezone.now() - beat.at > limit:
        raise RuntimeError("beat has not run on time")
    return "ok"


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "beat": check_beat,
}


def readiness():
    """{name: "ok" | "in-process" | "failing"} and whether every check passed."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check() or "ok"
        except Exception as error:  # any failure of a dependency means not ready
            logger.warning("readiness.failing check=%s error=%s", name, type(error).__name__)
            results[name] = "failing"
    return results, all(value != "failing" for value in results.values())

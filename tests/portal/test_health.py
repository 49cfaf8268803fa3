"""Liveness and readiness: /healthz is cheap; /healthz/ready checks PostgreSQL, Redis as
cache and broker, and that Celery beat ran on time, answering 503 with JSON when one
fails. A lost database gives users the GOV.UK problem page with 503."""

import os
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from cms_portal.celery import app
from cms_portal.models import Heartbeat
from cms_portal.tasks import beat_heartbeat

pytestmark = pytest.mark.django_db
DEAD_REDIS = "redis://127.0.0.1:16388/0"


@pytest.fixture
def celery_conf():
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    yield app.conf
    app.conf.update(saved)


def test_liveness_is_cheap(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/healthz")
    assert response.json() == {"status": "ok"}


def test_ready_with_every_dependency_in_process(client):
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "in-process", "beat": "in-process"},
    }


def test_unreachable_broker_and_silent_beat_are_a_503(client, celery_conf, monkeypatch):
    # Celery reads CELERY_BROKER_URL from the environment before its own settings.
    monkeypatch.setenv("CELERY_BROKER_URL", DEAD_REDIS)
    celery_conf.update(task_always_eager=False, broker_url=DEAD_REDIS)
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"] | {"database": "ok"} == {
        "database": "ok",
        "cache": "ok",
        "broker": "failing",
        "beat": "failing",
    }


def test_unreachable_cache_is_a_503(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "failing"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")
def test_beat_is_on_time_only_while_its_heartbeat_is_fresh(client, celery_conf):
    celery_conf.update(task_always_eager=False, broker_url=os.environ["REDIS_URL"])
    Heartbeat.objects.create(name="beat", at=timezone.now() - timedelta(minutes=10))
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "ok"
    assert response.json()["checks"]["beat"] == "failing"
    beat_heartbeat()
    response = client.get("/healthz/ready")
    assert response.status_code == 200, response.json()


def test_heartbeat_task_is_on_beats_schedule(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "cms_portal.tasks.beat_heartbeat" in tasks
    assert "cms_portal.tasks.send_queued_emails" in tasks


def test_a_lost_database_is_the_problem_page_with_503(rf, django_assert_num_queries):
    from cms_portal.views import server_error

    request = rf.get("/account/")
    request.csp_nonce = "n"
    with django_assert_num_queries(0):
        try:
            raise OperationalError("connection refused")
        except OperationalError:
            response = server_error(request)
    assert response.status_code == 503
    assert "Sorry, there is a problem with the service" in response.content.decode()

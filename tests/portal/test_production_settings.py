"""Production hygiene: demo data and its commands do not exist outside local and test
settings; sessions live in Redis with the database behind them and keep
working on the database while Redis is down; `check --deploy` is clean."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms_portal.settings.production",
    "SECRET_KEY": "production-like-key-" + "x" * 40 + "-Zq9!",
    "DATABASE_URL": "postgres://nobody@127.0.0.1:15439/nowhere",
    "ALLOWED_HOSTS": "cms.example.gov.uk",
    "REDIS_URL": "redis://127.0.0.1:16387/0",
}


def run_production(*args):
    env = {**os.environ, **PRODUCTION_ENV}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.django_db
def test_demo_data_is_refused_when_the_settings_do_not_allow_it(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="refused"):
        call_command("load_demo_data")
    assert not get_user_model().objects.exists()


def test_production_has_no_demo_commands_and_keeps_sessions_in_redis():
    result = run_production("manage.py", "load_demo_data")
    assert result.returncode != 0
    assert "Unknown command: 'load_demo_data'" in result.stderr
    result = run_production(
        "-c",
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.DEMO_DATA_ALLOWED, s.SESSION_ENGINE, s.CACHES['default']['BACKEND'])",
    )
    assert result.stdout.split() == [
        "False",
        "cms_portal.sessions",
        "cms_portal.cache.ResilientRedisCache",
    ], result.stderr


def test_check_deploy_is_clean():
    result = run_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_signed_in_pages_work_on_the_database_while_redis_is_down(settings, make_user, caplog):
    from django.test import Client

    settings.SESSION_ENGINE = "cms_portal.sessions"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:16387/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    client = Client()
    client.force_login(make_user())
    response = client.get("/your-account/")
    assert response.status_code == 200
    client.logout()
    assert client.get("/your-account/").status_code == 302
    assert "session.cache_unavailable" in caplog.text


@pytest.mark.django_db
def test_a_session_the_database_lost_is_forgotten_rather_than_failing_until_it_expires(
    settings,
):
    from django.contrib.sessions.backends.base import UpdateError
    from django.contrib.sessions.models import Session

    from cms_portal.sessions import SessionStore

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    store = SessionStore()
    store["user"] = "1"
    store.create()
    key = store.session_key
    Session.objects.filter(session_key=key).delete()  # lost by the database, say a restore
    cached = SessionStore(key)
    assert cached["user"] == "1"  # the cache still has it
    cached["user"] = "2"
    with pytest.raises(UpdateError):  # this request fails (400), as Django decides
        cached.save()
    assert SessionStore(key).load() == {}  # the next one starts afresh: sign in again


def test_readme_lists_every_setting_read_from_the_environment():
    import re

    names = set()
    for path in (ROOT / "cms_portal/settings").glob("*.py"):
        names |= set(re.findall(r'env(?:_list)?\("([A-Z_]+)"', path.read_text()))
    readme = (ROOT / "README.md").read_text()
    table = readme[readme.index("## Configuration") : readme.index("## Architecture")]
    assert names and not [name for name in sorted(names) if f"`{name}`" not in table]


def test_compose_runs_worker_beat_and_readiness_with_mail_settings():
    compose = (ROOT / "docker-compose.yml").read_text()
    assert '["celery", "-A", "cms_portal", "worker"' in compose
    assert '["celery", "-A", "cms_portal", "beat"' in compose
    assert "/healthz/ready" in compose
    # Each service's block runs from its name (indented two spaces) to the next one.
    blocks = dict(re.findall(r"(?ms)^  (\w+):\n(.*?)(?=^  \w+:\n|^\S|\Z)", compose))
    for service in ("web", "worker", "beat"):
        assert "healthcheck:" in blocks[service], service
    mail_settings = (
        "NOTIFY_API_KEY",
        "NOTIFY_TEMPLATE_ID",
        "NOTIFY_TEMPLATE_ID_CY",
        "NOTIFY_SMS_TEMPLATE_ID",
        "NOTIFY_SMS_TEMPLATE_ID_CY",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS",
        "DEFAULT_FROM_EMAIL",
    )
    for name in ("REDIS_URL", "CELERY_BROKER_URL", "PORTAL_BASE_URL", *mail_settings):
        assert f"\n    {name}: " in compose, name  # in the environment every service shares
    assert "collectstatic" in (ROOT / "Dockerfile").read_text()


def test_the_image_leaves_out_local_databases_secrets_and_build_output():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for name in (".demo_password", "db.sqlite3", "private_media", ".venv", "node_modules", ".git"):
        assert name in ignored, name


@pytest.mark.django_db
def test_a_redis_outage_makes_the_cache_forget_not_fail(settings, make_user):
    from django.core.cache import cache
    from django.test import Client

    settings.CACHES = {
        "default": {
            "BACKEND": "cms_portal.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:16387/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    assert cache.get("k", "missing") == "missing"
    assert cache.add("k", 1) is True and cache.incr("k", 3) == 3
    cache.set("k", 1)
    cache.delete("k")
    # allauth's rate limits live in the cache: signing in still works, with a wrong
    # password still refused.
    user = make_user(password="correct horse battery staple")
    client = Client()
    wrong = client.post("/accounts/login/", {"login": user.email, "password": "nope nope nope"})
    assert wrong.status_code == 400
    right = client.post(
        "/accounts/login/", {"login": user.email, "password": "correct horse battery staple"}
    )
    assert right.status_code == 302


def test_the_redis_cache_keeps_one_client_per_connection_pool():
    """Django would build a client (and its reply parsers) for every cache call."""
    from cms_portal.cache import ResilientRedisCache

    cache = ResilientRedisCache("redis://127.0.0.1:16387/0", {})
    client = cache._cache.get_client("key")
    assert cache._cache.get_client("other", write=True) is client
    assert client.connection_pool is cache._cache._get_connection_pool(write=False)

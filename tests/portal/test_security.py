"""Security baseline: headers, CSP nonces, request ids, health check, error pages,
production settings."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_security_headers_on_every_response(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert f'nonce="{nonce}"' in response.content.decode()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_nonce_changes_per_request(client):
    first = client.get("/")["Content-Security-Policy"]
    second = client.get("/")["Content-Security-Policy"]
    assert first != second


@pytest.mark.django_db
def test_every_response_has_a_request_id_and_a_safe_upstream_one_is_kept(client):
    assert re.fullmatch(r"[0-9a-f]{32}", client.get("/")["X-Request-ID"])
    assert client.get("/", HTTP_X_REQUEST_ID="abcdef12-3456")["X-Request-ID"] == "abcdef12-3456"
    assert client.get("/", HTTP_X_REQUEST_ID="bad id\nvalue")["X-Request-ID"] != "bad id\nvalue"


@pytest.mark.django_db
def test_log_lines_carry_the_request_id(client, monkeypatch):
    import logging

    from django.db import connection

    from cms_portal.logging import RequestIdFilter

    records = []

    class Capture(logging.Handler):
        def emit(self, record):
            records.append(record)

    capture = Capture()
    capture.addFilter(RequestIdFilter())
    logger = logging.getLogger("cms_portal.views")
    logger.addHandler(capture)

    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    try:
        response = client.get("/healthz")
    finally:
        logger.removeHandler(capture)
    assert records and records[0].request_id == response["X-Request-ID"]


@pytest.mark.django_db
def test_healthz_checks_the_database_outside_the_language_prefix(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert client.get("/cy/healthz").status_code == 404


@pytest.mark.django_db
def test_healthz_reports_a_broken_database(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    assert client.get("/healthz").status_code == 503


@pytest.mark.django_db
@pytest.mark.parametrize(
    "prefix,heading", [("", "Page not found"), ("/cy", "Heb ddod o hyd i’r dudalen")]
)
def test_404_page_is_govuk_styled_and_translated(client, prefix, heading):
    response = client.get(prefix + "/no-such-page/")
    assert response.status_code == 404
    assert heading in response.content.decode()


@pytest.mark.django_db
@pytest.mark.skip_page_quality
def test_500_page_shows_no_stack_trace_or_settings(client, settings):
    from django.urls import path

    def boom(request):
        raise RuntimeError("SECRET-internal-detail")

    import cms_portal.urls as root

    settings.ROOT_URLCONF = type(
        "urls",
        (),
        {"urlpatterns": [path("boom/", boom)] + root.urlpatterns, "handler500": root.handler500},
    )
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert (
        "SECRET-internal-detail" not in page
        and "Traceback" not in page
        and "SECRET_KEY" not in page
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "view,status,text",
    [
        ("bad_request", 400, "Sorry, there is a problem with your request"),
        ("permission_denied", 403, "You cannot do that"),
        ("too_many_requests", 429, "Too many attempts"),
    ],
)
def test_other_error_pages(rf, view, status, text):
    from django.contrib.auth.models import AnonymousUser

    from cms_portal import views

    request = rf.get("/")
    request.user = AnonymousUser()
    request.csp_nonce = "n"
    request.session = {}
    response = getattr(views, view)(request)
    assert response.status_code == status
    assert text in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_is_a_friendly_403(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/cookies/", {"analytics": "yes"})
    assert response.status_code == 403
    assert "You cannot do that" in response.content.decode()


def _run_production(command, **extra_env):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms_portal.settings.production", **extra_env}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # a test-only setting that check --deploy rejects
    return subprocess.run(
        [sys.executable, "manage.py", *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_check_deploy_passes_with_placeholder_settings():
    result = _run_production(
        ["check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY="x" * 64 + "-placeholder-secret-key-with-plenty-of-entropy-1234567890",
        DATABASE_URL="postgres://cms:cms@db.invalid:5432/cms",
        ALLOWED_HOSTS="child-maintenance.example",
        REDIS_URL="redis://redis.invalid:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL"])
def test_production_refuses_to_start_without_secret_key_or_postgres(missing):
    values = {
        "SECRET_KEY": "y" * 60,
        "DATABASE_URL": "postgres://cms@db.invalid/cms",
        "ALLOWED_HOSTS": "x.example",
    }
    values[missing] = ""
    result = _run_production(["check"], **values)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_refuses_sqlite():
    result = _run_production(
        ["check"], SECRET_KEY="y" * 60, DATABASE_URL="sqlite:///x.db", ALLOWED_HOSTS="x.example"
    )
    assert result.returncode != 0 and "PostgreSQL" in result.stderr


@pytest.mark.parametrize(
    "headers,signs_out",
    [
        ({}, True),  # browsers that send no Sec-Fetch headers keep working
        ({"HTTP_SEC_FETCH_MODE": "navigate", "HTTP_SEC_FETCH_DEST": "document"}, True),
        ({"HTTP_SEC_FETCH_MODE": "no-cors", "HTTP_SEC_FETCH_DEST": "image"}, False),
        ({"HTTP_SEC_FETCH_MODE": "navigate", "HTTP_SEC_FETCH_DEST": "iframe"}, False),
        ({"HTTP_SEC_FETCH_MODE": "cors", "HTTP_SEC_FETCH_DEST": "empty"}, False),
        (
            {
                "HTTP_SEC_FETCH_MODE": "navigate",
                "HTTP_SEC_FETCH_DEST": "document",
                "HTTP_SEC_PURPOSE": "prefetch",
            },
            False,
        ),
    ],
)
@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_exit_this_page_signs_out_only_a_top_level_navigation(
    signed_in_client, headers, signs_out, prefix
):
    client = signed_in_client()
    response = client.get(f"{prefix}/exit/", **headers)
    assert response.status_code == 302
    assert response["Location"] == settings.EXIT_THIS_PAGE_URL
    assert (client.get("/your-account/").status_code == 302) is signs_out

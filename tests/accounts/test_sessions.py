"""Sessions: 15 minutes idle and 12 hours in all, enforced on the server whatever the
browser does; keep-alive extends only a live session; signed-in pages are not stored."""

import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from .helpers import session_exists, session_key, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, make_user):
    sign_in(client, make_user().email)
    return client


def test_idle_for_15_minutes_signs_out_on_the_server(signed_in):
    key = session_key(signed_in)
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=14, seconds=55), tick=False):
        assert signed_in.get("/your-account/").status_code == 200  # activity resets the clock
    with time_machine.travel(start + timedelta(minutes=29, seconds=50), tick=False):
        assert signed_in.get("/your-account/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=44, seconds=51), tick=False):
        response = signed_in.get("/your-account/")
    assert response["Location"] == "/signed-out/?reason=timeout"
    assert not session_exists(key)
    page = signed_in.get(response["Location"]).content.decode()
    assert "You have been signed out" in page and "has not been kept" in page


@pytest.mark.parametrize("prefix", ["", "/cy"])
@pytest.mark.parametrize("reason", ["timeout", "expired", "signed-out", ""])
def test_a_get_of_the_signed_out_page_signs_out_no_live_session(signed_in, reason, prefix):
    # Any site could link to it, or load it as an image.
    key = session_key(signed_in)
    response = signed_in.get(f"{prefix}/signed-out/?reason={reason}")
    assert response.status_code == 302 and response["Location"] == f"{prefix}/signed-in/"
    assert session_exists(key)
    assert signed_in.get("/your-account/").status_code == 200


# What another site can make a browser fetch with an image tag, a frame or a script.
CROSS_SITE_GETS = [
    (path, headers)
    for prefix in ("", "/cy")
    for path in (
        f"{prefix}/signed-out/?reason=timeout",
        f"{prefix}/signed-out/?reason=expired",
        f"{prefix}/accounts/logout/",
        f"{prefix}/accounts/logout/?next=/signed-out/%3Freason%3Dtimeout",
        f"{prefix}/exit/",
    )
    for headers in (
        {
            "HTTP_SEC_FETCH_SITE": "cross-site",
            "HTTP_SEC_FETCH_MODE": "no-cors",
            "HTTP_SEC_FETCH_DEST": "image",
        },
        {
            "HTTP_SEC_FETCH_SITE": "cross-site",
            "HTTP_SEC_FETCH_MODE": "navigate",
            "HTTP_SEC_FETCH_DEST": "iframe",
        },
        {
            "HTTP_SEC_FETCH_SITE": "cross-site",
            "HTTP_SEC_FETCH_MODE": "cors",
            "HTTP_SEC_FETCH_DEST": "empty",
        },
    )
]


@pytest.mark.parametrize("path,headers", CROSS_SITE_GETS)
def test_a_cross_site_get_signs_nobody_out(signed_in, path, headers):
    key = session_key(signed_in)
    signed_in.get(path, HTTP_REFERER="https://attacker.example/", **headers)
    assert session_exists(key)
    assert signed_in.get("/your-account/").status_code == 200


def test_the_timeout_page_signs_out_a_session_past_its_idle_limit(signed_in):
    key = session_key(signed_in)
    with time_machine.travel(timezone.now() + timedelta(minutes=15, seconds=1), tick=False):
        response = signed_in.get("/signed-out/?reason=timeout", follow=True)
    assert not session_exists(key)
    assert "You have been signed out" in response.content.decode()


def test_the_dialog_signs_out_when_its_countdown_ends_with_a_post_carrying_csrf(client, make_user):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(make_user())
    key = session_key(csrf_client)
    page = csrf_client.get("/your-account/").content.decode()
    dialog = page[page.index('<dialog class="app-timeout-dialog"') : page.index("</dialog>")]
    assert 'method="post" action="/accounts/logout/"' in dialog
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', dialog).group(1)
    # What session-timeout.mjs submits when the countdown reaches zero.
    refused = csrf_client.post("/accounts/logout/", {"next": "/signed-out/?reason=timeout"})
    assert refused.status_code == 403 and session_exists(key)
    response = csrf_client.post(
        "/accounts/logout/", {"csrfmiddlewaretoken": token, "next": "/signed-out/?reason=timeout"}
    )
    assert response["Location"] == "/signed-out/?reason=timeout"
    assert not session_exists(key)
    assert "You have been signed out" in csrf_client.get(response["Location"]).content.decode()


def test_keep_alive_extends_the_session(signed_in):
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        response = signed_in.post("/session/keep-alive/")
        assert response.status_code == 200
        assert response.json()["signed_in"] is True
        assert response.json()["expires_in"] == 15 * 60
    with time_machine.travel(start + timedelta(minutes=28), tick=False):
        assert signed_in.get("/your-account/").status_code == 200


def test_keep_alive_is_refused_after_expiry(signed_in):
    key = session_key(signed_in)
    with time_machine.travel(timezone.now() + timedelta(minutes=15, seconds=1), tick=False):
        response = signed_in.post("/session/keep-alive/")
    assert response.status_code == 401 and response.json() == {"signed_in": False}
    assert not session_exists(key)
    assert signed_in.post("/session/keep-alive/").status_code == 401


def test_keep_alive_needs_csrf_and_post(make_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    assert client.post("/session/keep-alive/").status_code == 403
    assert client.get("/session/keep-alive/").status_code == 405


def test_twelve_hours_is_the_limit_whatever_the_activity(signed_in):
    start = timezone.now()
    for minutes in range(14, 12 * 60, 14):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert signed_in.post("/session/keep-alive/").status_code == 200
    with time_machine.travel(start + timedelta(hours=12, seconds=5), tick=False):
        response = signed_in.get("/your-account/")
    assert response["Location"] == "/signed-out/?reason=expired"
    assert "signed in for 12 hours" in signed_in.get(response["Location"]).content.decode()


def test_keep_alive_never_promises_more_than_the_absolute_limit(signed_in):
    from cms_portal.middleware import SESSION_SIGNED_IN_AT

    session = signed_in.session
    session[SESSION_SIGNED_IN_AT] -= 11 * 60 * 60 + 55 * 60
    session.save()
    assert signed_in.post("/session/keep-alive/").json()["expires_in"] <= 5 * 60


def test_signed_in_pages_are_not_stored(signed_in, client):
    response = signed_in.get("/your-account/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_session_cookie_is_httponly_and_lasts_for_the_browser_session(signed_in):
    from django.conf import settings

    cookie = signed_in.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert not cookie["expires"] and not cookie["max-age"]  # no "remember me"


def test_every_signed_in_page_carries_the_timeout_warning(signed_in, settings):
    settings.SESSION_IDLE_TIMEOUT_SECONDS = 120
    settings.SESSION_WARNING_SECONDS = 60
    page = signed_in.get("/your-account/").content.decode()
    assert 'id="session-timeout-dialog"' in page
    assert 'data-expires-in="120"' in page and 'data-warning-seconds="60"' in page
    assert 'data-keep-alive-url="/session/keep-alive/"' in page
    assert "You’re about to be signed out" in page
    assert "js/session-timeout.mjs" in page


def test_anonymous_pages_have_no_timeout_warning(client):
    assert "session-timeout-dialog" not in client.get("/accounts/login/").content.decode()


def test_production_cookies_are_secure_httponly_and_samesite():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
        " s.CSRF_COOKIE_SECURE, s.SESSION_EXPIRE_AT_BROWSER_CLOSE, s.ACCOUNT_SESSION_REMEMBER)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms_portal.settings.production",
        "SECRET_KEY": "x" * 60,
        "DATABASE_URL": "postgres://cms@db.invalid/cms",
        "ALLOWED_HOSTS": "x.example",
        "REDIS_URL": "redis://redis.invalid:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["True", "True", "Lax", "True", "True", "False"], result.stderr


def _session_writes(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [
        query["sql"]
        for query in queries
        if "django_session" in query["sql"]
        and query["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]


def test_a_page_view_soon_after_the_last_writes_no_session(signed_in, settings):
    start = timezone.now()
    with time_machine.travel(start + timedelta(seconds=5), tick=False):
        assert _session_writes(signed_in, "/your-account/") == []
    with time_machine.travel(
        start + timedelta(seconds=settings.SESSION_ACTIVITY_WRITE_SECONDS + 1), tick=False
    ):
        assert len(_session_writes(signed_in, "/your-account/")) == 1


@pytest.mark.parametrize(
    ("idle", "signed_in_still"),
    [
        (timedelta(minutes=14), True),
        (timedelta(minutes=15, seconds=1), False),
    ],
)
def test_idle_limit_stays_within_a_minute_of_the_last_page_view(
    signed_in, settings, idle, signed_in_still
):
    """A page view whose activity was not written (inside the write interval) still
    leaves the idle limit between 14 and 15 minutes after it."""
    assert settings.SESSION_ACTIVITY_WRITE_SECONDS <= 60
    start = timezone.now()
    last_view = start + timedelta(seconds=settings.SESSION_ACTIVITY_WRITE_SECONDS - 1)
    with time_machine.travel(last_view, tick=False):
        assert signed_in.get("/your-account/").status_code == 200
    with time_machine.travel(last_view + idle, tick=False):
        response = signed_in.get("/your-account/")
    if signed_in_still:
        assert response.status_code == 200
    else:
        assert response["Location"] == "/signed-out/?reason=timeout"


def test_staying_signed_in_always_counts_at_once(signed_in):
    from cms_portal.middleware import SESSION_LAST_ACTIVITY

    start = timezone.now()
    with time_machine.travel(start + timedelta(seconds=3), tick=False):
        assert signed_in.post("/session/keep-alive/").status_code == 200
    assert signed_in.session[SESSION_LAST_ACTIVITY] == pytest.approx(
        (start + timedelta(seconds=3)).timestamp(), abs=0.5
    )

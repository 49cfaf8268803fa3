"""The security log: one structured line per event, with time, who, IP, request id and
outcome, and never a password, code, token, session key or email address."""

import logging
import os
import re
import subprocess
import sys
import time

import pytest
from django.core import mail

from cms_portal.accounts.security_log import hash_email, log_security_event
from tests.fixtures.accounts import CASEWORKER_PASSWORD

from .helpers import PASSWORD, link_in_last_email, session_key, sign_in

pytestmark = pytest.mark.django_db
LINE = re.compile(
    r"^event=(?P<event>\w+) outcome=(?P<outcome>\w+) time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z "
    r"user_id=(?P<user>[\w-]+) email_hash=(?P<hash>[0-9a-f]{20}|-) ip=(?P<ip>[\d.:a-f-]+) "
    r"request_id=(?P<request_id>[\w-]+)"
)


@pytest.fixture
def security_lines(caplog):
    caplog.set_level(logging.INFO, logger="cms_portal.security")

    def lines():
        return [
            record.getMessage() for record in caplog.records if record.name == "cms_portal.security"
        ]

    return lines


def events(lines):
    return [(match["event"], match["outcome"]) for match in map(LINE.match, lines) if match]


def test_every_account_event_is_logged_without_secrets(
    client, make_user, caseworker, totp_code_for, security_lines
):
    user = make_user(email="person@example.test")
    secrets = [
        PASSWORD,
        CASEWORKER_PASSWORD,
        "wrong password one",
        user.email,
        "person@example.test",
        caseworker.email,
    ]

    sign_in(client, user.email, "wrong password one")
    sign_in(client, user.email)
    secrets.append(session_key(client))
    client.post("/accounts/logout/")

    client.post("/accounts/password/reset/", {"email": user.email})
    link = link_in_last_email(r"/accounts/password/reset/key/[^\s]+/")
    secrets.append(link.rstrip("/").rsplit("/", 1)[-1])
    set_password = client.get(link)["Location"]
    client.post(
        set_password,
        {"password1": "new password for the log", "password2": "new password for the log"},
    )
    secrets.append("new password for the log")

    for _ in range(5):
        sign_in(client, "someone.else@example.test", "guessing away 123")

    staff_client = type(client)()
    sign_in(staff_client, caseworker.email, CASEWORKER_PASSWORD)
    staff_client.post("/accounts/2fa/authenticate/", {"code": "999999"})
    code = totp_code_for(caseworker)
    secrets += ["999999", code]
    staff_client.post("/accounts/2fa/authenticate/", {"code": code})
    secrets.append(session_key(staff_client))

    lines = security_lines()
    assert all(LINE.match(line) for line in lines), lines
    happened = events(lines)
    for expected in [
        ("sign_in", "failure"),
        ("sign_in", "success"),
        ("sign_out", "signed_out"),
        ("password_reset_requested", "requested"),
        ("password_reset", "success"),
        ("lockout", "locked"),
        ("mfa_failed", "failure"),
        ("mfa_verified", "success"),
    ]:
        assert expected in happened, (expected, happened)
    joined = "\n".join(lines)
    for secret in secrets:
        assert secret and secret.lower() not in joined.lower(), secret


def test_lines_carry_the_user_or_a_hashed_email_the_ip_and_the_request_id(
    client, make_user, security_lines
):
    user = make_user()
    failure = client.post("/accounts/login/", {"login": "Who@Example.test", "password": "x" * 12})
    success = sign_in(client, user.email)
    parsed = [LINE.match(line) for line in security_lines()]
    failed, succeeded = parsed[0], parsed[-1]
    assert failed["user"] == "-" and failed["hash"] == hash_email("who@example.test")
    assert failed["request_id"] == failure["X-Request-ID"]
    assert succeeded["user"] == str(user.pk) and succeeded["hash"] == "-"
    assert succeeded["request_id"] == success["X-Request-ID"]
    assert succeeded["ip"] == "127.0.0.1"


def test_mfa_changes_and_password_changes_are_logged(client, make_user, security_lines):
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    user = make_user()
    sign_in(client, user.email)
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))
    client.post("/accounts/2fa/totp/activate/", {"code": code})
    client.post("/accounts/2fa/totp/deactivate/")
    client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "changed password here",
            "password2": "changed password here",
        },
    )
    happened = events(security_lines())
    assert ("mfa_removed", "success") in happened
    assert ("password_change", "success") in happened
    assert secret not in "\n".join(security_lines())


def test_timeouts_are_logged_with_their_reason(client, make_user, security_lines):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    sign_in(client, make_user().email)
    with time_machine.travel(timezone.now() + timedelta(minutes=16), tick=False):
        client.get("/your-account/")
    assert ("sign_out", "timeout") in events(security_lines())


def test_only_known_events_and_plain_words_are_written():
    with pytest.raises(ValueError):
        log_security_event("password is hunter2", outcome="success")
    fields = log_security_event("mfa_added", outcome="success", type="totp secret=ABC")
    assert fields["type"] == "-"


def test_email_hash_is_keyed_and_stable():
    assert hash_email(" A@B.test ") == hash_email("a@b.test")
    assert hash_email("a@b.test") != hash_email("c@b.test")
    import hashlib

    assert hash_email("a@b.test") != hashlib.sha256(b"a@b.test").hexdigest()[:20]


def test_email_body_of_reset_never_reaches_the_log(client, make_user, security_lines):
    user = make_user()
    client.post("/accounts/password/reset/", {"email": user.email})
    assert mail.outbox
    assert mail.outbox[-1].body.split("http://testserver")[1].split()[0] not in "\n".join(
        security_lines()
    )


def test_the_log_is_connected_when_django_starts_not_when_a_request_comes():
    """A management command or task never loads the middleware; its events are logged too."""
    script = (
        "import django; django.setup(); "
        "from django.contrib.auth.signals import user_logged_out; "
        "print(any(key[0] == 'accounts.signed_out' for key, *_ in user_logged_out.receivers))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms_portal.settings.test"},
        check=True,
        timeout=120,
    )
    assert result.stdout.strip() == "True"

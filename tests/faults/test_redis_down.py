"""Redis stopped for 60 seconds while a user browses and submits a form, under gunicorn
with production settings, a Celery worker and beat: pages keep working (sessions come
from the database), the form that queues an email saves the change and confirms it, no
one sees a traceback, and the email goes, once, after Redis is back."""

import re
import sys
import time

from scripts.smoke import Client, Links

from .conftest import Process, create_user, gunicorn, portal_env, wait_for

PORT = 8163
OUTAGE_SECONDS = 60
PASSWORD = "fault test password 123"
NEW_ADDRESS = "robin.new@example.test"


def form_inputs(client, path):
    _, _, content = client.get(path)
    parser = Links()
    parser.feed(content.decode())
    return parser.inputs


def test_redis_outage_keeps_pages_working_and_the_email_goes_later(
    postgres_server, redis_server, migrated_database, tmp_path
):
    postgres_server.recreate("faults_redis", template=migrated_database)
    env = portal_env(
        f"{postgres_server.url}/faults_redis",
        redis_server.url,
        EMAIL_SWEEP_SECONDS=2,
        EMAIL_SWEEP_AFTER_SECONDS=3,
    )
    create_user(env, "robin@example.test", PASSWORD)
    base = f"http://localhost:{PORT}"
    web = gunicorn(env, PORT, tmp_path / "gunicorn.log").start()
    worker = Process(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cms_portal",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
        ],
        env,
        tmp_path / "worker.log",
    ).start()
    beat = Process(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cms_portal",
            "beat",
            "--loglevel=INFO",
            "-s",
            str(tmp_path / "beat-schedule"),
        ],
        env,
        tmp_path / "beat.log",
    ).start()
    served, statuses = 0, {}
    try:
        wait_for(f"http://127.0.0.1:{PORT}/healthz")
        user = Client(base)
        inputs = form_inputs(user, "/accounts/login/")
        status, _, _ = user.request(
            "POST",
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": inputs["csrfmiddlewaretoken"],
                "login": "robin@example.test",
                "password": PASSWORD,
            },
        )
        assert status == 302

        redis_server.stop()
        outage_ends = time.monotonic() + OUTAGE_SECONDS
        submitted = False
        while time.monotonic() < outage_ends:
            for path in (
                "/",
                "/cy/",
                "/your-account/",
                "/cy/your-account/",
                "/accounts/email/",
                "/calculate/",
            ):
                status, _, content = user.get(path)
                served += 1
                statuses[status] = statuses.get(status, 0) + 1
                assert status == 200, (path, status)
                assert b"Traceback" not in content and b"govuk-template" in content
            if not submitted:
                inputs = form_inputs(user, "/accounts/email/")
                status, headers, _ = user.request(
                    "POST",
                    "/accounts/email/",
                    {
                        "csrfmiddlewaretoken": inputs["csrfmiddlewaretoken"],
                        "action_add": "1",
                        "email": NEW_ADDRESS,
                    },
                )
                assert status == 302, status
                status, _, content = user.get(headers["location"])
                assert status == 200 and f"We have sent a link to {NEW_ADDRESS}" in content.decode()
                submitted = True
                served += 2
            time.sleep(0.5)
        ready = Client(base).get("/healthz/ready")

        redis_server.start()
        with postgres_server.connect("faults_redis") as connection:
            assert (
                connection.execute(
                    "SELECT count(*) FROM account_emailaddress WHERE email = %s", [NEW_ADDRESS]
                ).fetchone()[0]
                == 1
            )  # the change was saved during the outage
            deadline = time.monotonic() + 90
            while True:
                row = connection.execute(
                    'SELECT status FROM cms_portal_outboundemail WHERE "to" = %s', [NEW_ADDRESS]
                ).fetchone()
                connection.commit()
                if row and row[0] == "sent":
                    break
                assert time.monotonic() < deadline, (tmp_path / "worker.log").read_text()[-3000:]
                time.sleep(1)
        time.sleep(3)  # a second delivery, if there were one, would show by now
        delivered = len(
            re.findall(
                rf"^To: {re.escape(NEW_ADDRESS)}$",
                (tmp_path / "worker.log").read_text(),
                re.MULTILINE,
            )
        )
        assert delivered == 1
        assert ready[0] == 503 and b'"cache": "failing"' in ready[2]
        assert web.process.poll() is None
    finally:
        beat.stop()
        worker.kill()
        web.stop()
        if not redis_server.process:
            redis_server.start()
    print(
        f"\nRedis down {OUTAGE_SECONDS} s: {served} requests served {statuses}, 0 tracebacks "
        f"shown, readiness 503 during it; the change saved and its email delivered "
        f"{delivered} time after Redis came back; rows lost = 0"
    )

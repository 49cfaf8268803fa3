"""PostgreSQL stopped for 30 seconds under gunicorn with production settings: users who
need the database get the GOV.UK "Sorry, there is a problem with the service" page with
a 503 (never a traceback or a bare error), readiness reports the database, and once
PostgreSQL is back the same gunicorn serves everyone again without a restart."""

import time

from scripts.smoke import Client

from .conftest import create_user, gunicorn, portal_env, wait_for

PORT = 8162
OUTAGE_SECONDS = 30
PASSWORD = "fault test password 123"


def sign_in(base, email):
    from scripts.smoke import Links

    client = Client(base)
    _, _, content = client.get("/accounts/login/")
    parser = Links()
    parser.feed(content.decode())
    status, _, _ = client.request(
        "POST",
        "/accounts/login/",
        {
            "csrfmiddlewaretoken": parser.inputs["csrfmiddlewaretoken"],
            "login": email,
            "password": PASSWORD,
        },
    )
    assert status == 302
    return client


def row_counts(postgres_server, database):
    """Rows in each of the portal's tables."""
    with postgres_server.connect(database) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in tables
        }


def test_postgres_outage_is_a_503_page_and_the_service_recovers(
    postgres_server, redis_server, migrated_database, tmp_path
):
    postgres_server.recreate("faults_web", template=migrated_database)
    env = portal_env(f"{postgres_server.url}/faults_web", redis_server.url)
    create_user({**env}, "pat@example.test", PASSWORD)
    base = f"http://localhost:{PORT}"
    server = gunicorn(env, PORT, tmp_path / "gunicorn.log").start()
    try:
        wait_for(f"http://127.0.0.1:{PORT}/healthz")
        user = sign_in(base, "pat@example.test")
        assert user.get("/your-account/")[0] == 200

        before = row_counts(postgres_server, "faults_web")
        postgres_server.stop()
        outage_ends = time.monotonic() + OUTAGE_SECONDS
        served, by_status, ready_statuses = 0, {}, set()
        while time.monotonic() < outage_ends:
            for path in ("/your-account/", "/cy/your-account/", "/accounts/email/"):
                status, headers, content = user.get(path)
                served += 1
                by_status[status] = by_status.get(status, 0) + 1
                page = content.decode()
                assert status == 503, (path, status)
                assert "govuk-template" in page and "Traceback" not in page
                heading = (
                    "Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth"
                    if path.startswith("/cy/")
                    else "Sorry, there is a problem with the service"
                )
                assert heading in page, path
            status, headers, content = Client(base).get("/healthz/ready")
            ready_statuses.add(status)
            assert status == 503 and b'"database": "failing"' in content
            time.sleep(0.5)

        postgres_server.start()
        postgres_server.wait_until_accepting()
        recovered_after = time.monotonic()
        deadline = recovered_after + 60
        while (answer := user.get("/your-account/"))[0] != 200:
            assert time.monotonic() < deadline, (
                "no recovery 60 s after PostgreSQL came back",
                answer[0],
                answer[2].decode(errors="replace")[-1500:],
                (tmp_path / "gunicorn.log").read_text()[-3000:],
            )
            time.sleep(0.5)
        recovery = time.monotonic() - recovered_after
        assert Client(base).get("/healthz")[0] == 200
        assert server.process.poll() is None  # the same gunicorn, never restarted
        after = row_counts(postgres_server, "faults_web")
        rows_lost = sum(max(0, count - after.get(table, 0)) for table, count in before.items())
        changed = {t: (n, after.get(t)) for t, n in before.items() if n != after.get(t)}
        assert rows_lost == 0, changed
    finally:
        server.stop()
    print(
        f"\nPostgreSQL down {OUTAGE_SECONDS} s: {served} signed-in requests served, all "
        f"{by_status} (the GOV.UK problem page), readiness {sorted(ready_statuses)}; "
        f"recovered {recovery:.1f} s after it came back, no restart; "
        f"rows lost = {rows_lost} of {sum(before.values())}"
    )

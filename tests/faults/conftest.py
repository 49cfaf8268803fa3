"""Fault tests: the portal's processes (gunicorn, Celery worker and beat) run against a
PostgreSQL and a Redis that these tests start themselves on ports of their own
(15432, 16379), never the machine's shared servers, so they can be stopped at will.
Marked `faults`: CI runs them after the PostgreSQL suite (`pytest tests/faults -m faults`)."""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_PORT = 15432
REDIS_PORT = 16379


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/faults/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.faults)


def _as_postgres(*command):
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *map(str, command)], check=True, capture_output=True, text=True)


class PostgresServer:
    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="cms-faults-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self.data = self.root / "data"
        _as_postgres(
            PG_BIN / "initdb",
            "-D",
            self.data,
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
        )
        self.url = f"postgres://postgres@127.0.0.1:{PG_PORT}"

    def start(self):
        _as_postgres(
            PG_BIN / "pg_ctl",
            "-D",
            self.data,
            "-l",
            self.root / "log",
            "-w",
            "start",
            "-o",
            f"-p {PG_PORT} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
        )

    def stop(self):
        """Stop at once, as a crash would. This throwaway server commits without waiting
        for its log (synchronous_commit=off), so a crash could drop the last commits, which
        a production server would keep: a checkpoint first writes out what is committed."""
        with self.connect(autocommit=True) as connection:
            connection.execute("CHECKPOINT")
        _as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")

    def wait_until_accepting(self, seconds=60):
        """pg_ctl waits on the socket; the portal connects over TCP, so wait for that."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                self.connect(connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def connect(self, database="postgres", **options):
        return psycopg.connect(f"{self.url}/{database}", **options)

    def recreate(self, name, template=None):
        with self.connect(autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(
                f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
            )

    def cleanup(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


class RedisServer:
    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="cms-faults-redis-"))
        self.process = None
        self.url = f"redis://127.0.0.1:{REDIS_PORT}"

    def start(self):
        # Appendonly, as docker-compose runs it, so a restart keeps what was queued.
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--dir",
                str(self.root),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            if (
                subprocess.run(
                    ["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True, text=True
                ).stdout.strip()
                == "PONG"
            ):
                return
            time.sleep(0.1)
        raise RuntimeError("redis did not start")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def flush(self):
        subprocess.run(
            ["redis-cli", "-p", str(REDIS_PORT), "flushall"], check=True, capture_output=True
        )

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server():
    if not (PG_BIN / "initdb").exists():
        pytest.skip("needs PostgreSQL 15 server binaries")
    server = PostgresServer()
    server.start()
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def redis_server():
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server")
    server = RedisServer()
    server.start()
    yield server
    server.cleanup()


def portal_env(database_url, redis_url, **extra):
    """The environment of a production process of the portal on the throwaway servers."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CELERY_", "REDIS_", "DATABASE_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms_portal.settings.production",
            "SECRET_KEY": "faults-" + "k" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": f"{redis_url}/0",
            "REDIS_URL": f"{redis_url}/1",
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env["STATIC_ROOT"] = collected_static(env)
    env.update({key: str(value) for key, value in extra.items()})
    return env


def collected_static(env):
    """Production serves hashed files from a manifest: collect them once per run, into a
    folder of this run's own, as a deployment does at build time."""
    static_root = os.environ.get("FAULTS_STATIC_ROOT")
    if static_root is None:
        static_root = tempfile.mkdtemp(prefix="faults-static-")
        manage(
            {**env, "STATIC_ROOT": static_root},
            "collectstatic",
            "--no-input",
            "-v0",
            settings="cms_portal.settings.production",
        )
        os.environ["FAULTS_STATIC_ROOT"] = static_root
    return static_root


def manage(env, *args, settings="cms_portal.settings.local"):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        check=True,
        env={**env, "DJANGO_SETTINGS_MODULE": settings},
        capture_output=True,
        text=True,
    )


class Process:
    """A portal process (worker, beat, gunicorn) with its output in a file."""

    def __init__(self, command, env, log):
        self.command, self.env, self.log = command, env, log
        self.process = None

    def start(self):
        output = open(self.log, "a")  # noqa: SIM115 (kept open for the child's lifetime)
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        output.close()
        return self

    def kill(self, sig=signal.SIGKILL):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(30)
        self.process = None

    def stop(self):
        self.kill(signal.SIGTERM)


@pytest.fixture(scope="session")
def migrated_database(postgres_server, redis_server):
    """A migrated database on the throwaway server, to copy for each test."""
    postgres_server.recreate("faults_migrated")
    manage(
        portal_env(f"{postgres_server.url}/faults_migrated", redis_server.url),
        "migrate",
        "--no-input",
    )
    return "faults_migrated"


def gunicorn(env, port, log):
    return Process(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "scripts.smoke_wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "60",
        ],
        env,
        log,
    )


def wait_for(url, seconds=60):
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def create_user(env, email, password):
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "from allauth.account.models import EmailAddress\n"
        f"u = get_user_model().objects.create_user(email={email!r}, password={password!r})\n"
        f"EmailAddress.objects.create(user=u, email={email!r}, verified=True, primary=True)",
    )

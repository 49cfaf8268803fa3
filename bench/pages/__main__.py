"""Page speed as a browser meets it, against a bare Django "hello" app in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cms_me python -m bench.pages \\
        [--seconds 10] [--connections 16] [--port 8180] [--in-process]

Builds (once, then reuses) a database `<name>_pages` next to the one in DATABASE_URL
(bench/pages/data.py), then:

1. serves bench/pages/hello.py with gunicorn (2 sync workers) and loads it with wrk at
   --connections connections for --seconds;
2. serves the portal with the same gunicorn settings and production settings
   (bench/pages/settings.py) and loads each page the same way, each wrk connection with
   its own signed-in session (bench/pages/wrk.lua);
3. in this process, with Django's test client, counts the queries each page runs and
   times it (median of --samples requests). With --in-process only this step runs.

Prints per page requests/s, the ratio to bare Django, p50/p99 latency, queries per
request and the in-process median; the last line is one JSON object with those figures.
"""

import argparse
import json
import logging
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WORKERS = 2
START_RATIO_TARGET = 0.3
SIGNED_IN_RATIO_TARGET = 0.1
P99_TARGET_MS = 100
QUERIES_TARGET = 10
IN_PROCESS_MS_TARGET = 6


def _pages():
    """(name, path, who) for each page; who is the sign-in the connections use."""
    from bench.pages.data import LONG_CASE, PAYING_EMAIL, RECEIVING_EMAIL
    from cases.models import Case
    from nonprod.demo.staff import CASEWORKER_EMAIL

    case_pk = Case.objects.get(reference=LONG_CASE).pk
    parents = [PAYING_EMAIL, RECEIVING_EMAIL]
    return [
        ("start page", "/", [None]),
        ("calculator result", "/calculate/result/", ["calculator"]),
        ("parent dashboard", "/account/", parents),
        ("case page", f"/account/cases/{LONG_CASE}/", parents),
        ("payment statement", f"/account/cases/{LONG_CASE}/payments/statement/", parents),
        ("messages list", f"/account/cases/{LONG_CASE}/messages/", parents),
        ("employer orders", "/employer/orders/", ["bench.payroll@example.test"]),
        ("admin case change", f"/admin/cases/case/{case_pk}/change/", [CASEWORKER_EMAIL]),
    ]


def _database(url):
    import psycopg

    parts = urlparse(url)
    name = f"{parts.path.lstrip('/')}_pages"
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


def _environment(database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.pages.settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-pages-not-secret"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(ROOT),
    }


def _setup_django(environment):
    os.environ.update(
        {
            key: environment[key]
            for key in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS")
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    from bench.pages import data

    call_command("migrate", verbosity=0, interactive=False)
    if not data.ready():
        print("Building the benchmark data (once per database)")
        data.build()


def _serve(app, port, environment):
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    process = subprocess.Popen(
        [
            gunicorn,
            app,
            "--workers",
            str(WORKERS),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--access-logfile",
            "-",
            "--access-logformat",
            "-",
        ],
        env=environment,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            _status(port, "/", "")
            return process
        except OSError:
            time.sleep(0.2)
    _stop(process)
    sys.exit(f"gunicorn did not start on port {port}")


def _stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _status(port, path, cookie):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",  # noqa: S310
        headers={"Cookie": cookie or "", "X-Forwarded-Proto": "https"},
    )
    try:
        return urllib.request.build_opener(_NoRedirect).open(request, timeout=30).status
    except urllib.error.HTTPError as error:
        return error.code


def _check(port, path, cookie):
    """Refuse to time a redirect or an error page instead of the page."""
    status = _status(port, path, cookie)
    if status != 200:
        sys.exit(f"{path} answered {status}, not 200")


def _load(port, path, cookies, *, seconds, connections):
    script = HERE / "wrk.lua"
    result = subprocess.run(
        [
            "wrk",
            "-t",
            str(connections),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}{path}",
        ],
        env={**os.environ, "BENCH_COOKIES": "|".join(cookies)},
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    if figures["errors"]:
        sys.exit(f"{path}: {figures['errors']} errors under load\n{result.stdout}")
    return {
        "rps": round(figures["requests"] / (figures["duration_us"] / 1e6), 1),
        "p50_ms": round(figures["p50_us"] / 1000, 1),
        "p99_ms": round(figures["p99_us"] / 1000, 1),
    }


def _sessions(who, connections):
    from bench.pages.data import sign_in

    logging.getLogger("cms_portal.security").setLevel(logging.WARNING)
    if who == [None]:
        return [""]
    if who == ["calculator"]:
        return [sign_in(None, calculator=True) for _ in range(connections)]
    return [sign_in(who[number % len(who)]) for number in range(connections)]


def _in_process(path, cookie, samples):
    """Queries per request and the median time of `samples` requests in this process."""
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https")
    if cookie:
        client.defaults["HTTP_COOKIE"] = cookie
    for _ in range(3):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(path)
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - started)
    return len(queries), round(statistics.median(times) * 1000, 2)


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.pages", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8180, help="the portal's; hello uses the next")
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--in-process", action="store_true", help="only the in-process timings")
    args = parser.parse_args(argv)

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "Set DATABASE_URL to PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/cms_bench"
        )
    if not args.in_process and shutil.which("wrk") is None:
        sys.exit("wrk is needed (Debian: apt-get install wrk)")
    environment = _environment(_database(url))
    _setup_django(environment)
    pages = _pages()
    sessions = {name: _sessions(who, args.connections) for name, _path, who in pages}

    hello = None
    results = {}
    if not args.in_process:
        server = _serve(
            "bench.pages.hello:application",
            args.port + 1,
            {**environment, "DJANGO_SETTINGS_MODULE": "bench.pages.hello"},
        )
        try:
            hello = _load(
                args.port + 1, "/", [""], seconds=args.seconds, connections=args.connections
            )
        finally:
            _stop(server)
        print(
            f"bare Django hello: {hello['rps']:.0f} requests/s, p50 {hello['p50_ms']} ms, "
            f"p99 {hello['p99_ms']} ms"
        )
        server = _serve("cms_portal.wsgi:application", args.port, environment)
        try:
            for name, path, _who in pages:
                _check(args.port, path, sessions[name][0])
                results[name] = _load(
                    args.port,
                    path,
                    sessions[name],
                    seconds=args.seconds,
                    connections=args.connections,
                )
                results[name]["ratio"] = round(results[name]["rps"] / hello["rps"], 3)
        finally:
            _stop(server)
    for name, path, _who in pages:
        queries, median = _in_process(path, sessions[name][0], args.samples)
        results.setdefault(name, {}).update(queries=queries, in_process_ms=median)

    width = max(len(name) for name in results)
    print(f"{'page':<{width}}  req/s  ratio  p50 ms  p99 ms  queries  in-process ms")
    for name, figures in results.items():
        print(
            f"{name:<{width}}  {figures.get('rps', 0):5.0f}  {figures.get('ratio', 0):5.3f}  "
            f"{figures.get('p50_ms', 0):6.1f}  {figures.get('p99_ms', 0):6.1f}  "
            f"{figures['queries']:7d}  {figures['in_process_ms']:13.2f}"
        )
    print(
        json.dumps(
            {
                "hello": hello,
                "pages": results,
                "connections": args.connections,
                "seconds": args.seconds,
                "workers": WORKERS,
            }
        )
    )


if __name__ == "__main__":
    main()

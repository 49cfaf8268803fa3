"""Production smoke test over real HTTP against a running server (gunicorn with
cms_portal.settings.production behind a pretend TLS proxy: X-Forwarded-Proto: https).

Fetches every public page reachable from the start page in English and Welsh, signs in
as a demo parent and an employer member and fetches their pages and a CSV download, the
404 page and a forced 500 page (scripts/smoke_wsgi.py); signs in as a caseworker, sets up
their authenticator app and walks the two-step verification pages and the admin in both
languages (a few pages of each shape); and checks each page's status,
the GOV.UK template, and that its stylesheet, the fonts and images in it, its icons and
every script (and module it imports) answer 200 with the right content type. With
--browser, Chromium opens a signed-in page and checks the session timeout script loads
with no console errors. Exits 1 on any failure.

    python scripts/smoke.py http://localhost:8160 [--browser]
"""

import argparse
import base64
import hashlib
import hmac
import http.client
import os
import re
import struct
import sys
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

PARENT = "jordan.paying@example.com"
PARENT_CASE = "121000000202"
EMPLOYER_MEMBER = "nia.payroll@example.com"
CASEWORKER = "caseworker@example.gov.uk"
# The demo accounts' password: smoke.sh sets it for the demo data it loads.
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "")
SKIP = re.compile(r"/(exit|signed-out|accounts/logout)/|^/static/|^/healthz|/2fa/")
# Staff walk the two-step verification pages and the admin; signing out ends the walk.
STAFF_SKIP = re.compile(r"/(exit|signed-out|logout|password_change)/|^/static/|^/healthz")
# Admin URLs that differ only in ids are the same page shape: a couple of each is enough.
ADMIN_SHAPE = re.compile(r"/\d+/|/[0-9a-f-]{32,36}/")
ADMIN_PER_SHAPE = 2
TOTP_KEY = re.compile(r'class="app-totp-key">([A-Z2-7 ]+)<')
CONTENT_TYPES = {
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".woff2": "font/woff2",
    ".woff": ("font/woff", "application/font-woff"),
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/",
    ".gif": "image/gif",
    ".json": "application/json",
}
MAX_PAGES = 250
# The admin has a list, add and change page per model; the walk goes breadth first, so
# the index's links (each model's list and add page) come within the first hundred.
MAX_STAFF_PAGES = 300
# Parts of the parent's pages the crawl must reach, so a page missing from production
# (or a link no longer drawn) is noticed: the case's letters, "what if", the preview of
# the other parent's view, complaints, alerts and the copy of their data.
PARENT_MUST_REACH = (
    "/letters/decision/",
    "/what-if/",
    "/preview/",
    "/complaints/",
    "/your-account/alerts/",
    "/your-account/your-data/",
)


def totp_code(secret, at=None):
    """The authenticator app's current code (RFC 6238: SHA-1, 30 seconds, 6 digits)."""
    key = secret.replace(" ", "")
    key = base64.b32decode(key + "=" * (-len(key) % 8))
    counter = int(time.time() if at is None else at) // 30
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**6
    return f"{value:06d}"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.assets, self.inputs = [], [], {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "input" and attrs.get("name"):
            self.inputs[attrs["name"]] = attrs.get("value", "")


class Client:
    """HTTP with a cookie jar that, like a browser behind TLS, sends Secure cookies."""

    def __init__(self, base):
        self.base = base
        self.host = urlsplit(base).netloc
        self.cookies = {}
        self.signed_in_to = ""

    def request(self, method, path, form=None, host=None):
        connection = http.client.HTTPConnection(self.host, timeout=30)
        headers = {
            "X-Forwarded-Proto": "https",
            "Host": host or self.host,
            "User-Agent": "cms-smoke-test",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{self.host}"
            headers["Referer"] = f"https://{self.host}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                for name, morsel in SimpleCookie(value).items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content

    def get(self, path):
        return self.request("GET", path)


class Smoke:
    def __init__(self, base):
        self.base = base
        self.failures = []
        self.pages = 0
        self.assets_checked = {}
        self.last_html = ""

    def fail(self, message):
        self.failures.append(message)
        print(f"FAIL {message}", flush=True)

    def check_asset(self, client, url, referrer):
        if url in self.assets_checked:
            return
        path = urlsplit(url).path
        status, headers, content = client.get(path)
        suffix = re.search(r"(\.\w+)$", path)
        expected = CONTENT_TYPES.get(suffix.group(1) if suffix else "", "")
        content_type = headers.get("content-type", "")
        self.assets_checked[url] = status
        if status != 200:
            self.fail(f"{path} (from {referrer}) answered {status}")
            return
        if expected and not content_type.startswith(expected):
            self.fail(f"{path} has content type {content_type!r}, expected {expected}")
        if path.endswith(".css"):
            for ref in re.findall(r"url\(\"?([^)\"]+)", content.decode()):
                if not ref.startswith("data:"):
                    self.check_asset(client, urljoin(path, ref), path)
        if path.endswith((".mjs", ".js")):
            for ref in re.findall(r"""(?:import|from)\s*["']([./][^"']+)["']""", content.decode()):
                self.check_asset(client, urljoin(path, ref), path)

    def check_page(self, client, path, expect=200, method="GET", form=None, host=None):
        status, headers, content = client.request(method, path, form, host=host)
        self.pages += 1
        if expect == 200 and status in (301, 302, 303):
            return urlsplit(headers.get("location", "")).path or None
        if status != expect:
            self.fail(f"{path} answered {status}, expected {expect}")
            return None
        if "text/html" not in headers.get("content-type", ""):
            return content
        html = content.decode()
        self.last_html = html
        if "/admin/" in path:
            if 'id="container"' not in html or 'id="site-name"' not in html:
                self.fail(f"{path} is not on the admin's template")
        elif 'class="govuk-template' not in html or "govuk-header" not in html:
            self.fail(f"{path} is not on the GOV.UK template")
        if "Traceback" in html:
            self.fail(f"{path} shows a traceback")
        parser = Links()
        parser.feed(html)
        stylesheets = [a for a in parser.assets if a.endswith(".css")]
        scripts = [a for a in parser.assets if a.endswith((".js", ".mjs"))]
        if not stylesheets or not scripts:
            self.fail(f"{path} links no stylesheet or no script")
        for asset in parser.assets:
            if asset.startswith("/static/"):
                self.check_asset(client, asset, path)
        return parser

    def crawl(self, client, starts, skip=SKIP, most=MAX_PAGES):
        seen, queue, shapes = set(), list(starts), {}
        while queue and len(seen) < most:
            path = queue.pop(0)
            if path in seen:
                continue
            if "/admin/" in path:
                shape = ADMIN_SHAPE.sub("/N/", path.partition("?")[0])
                if shapes.get(shape, 0) >= ADMIN_PER_SHAPE:
                    continue
                shapes[shape] = shapes.get(shape, 0) + 1
            seen.add(path)
            parser = self.check_page(client, path)
            if isinstance(parser, str):  # a redirect within the site
                queue.append(parser)
                continue
            if not isinstance(parser, Links):
                continue
            for href in parser.links:
                parts = urlsplit(urljoin(path, href))
                if parts.netloc or skip.search(parts.path) or parts.path.endswith(".csv"):
                    continue
                # The admin's sorting and filtering links are the same page shape.
                query = parts.query if "/admin/" not in parts.path else ""
                queue.append(parts.path + (f"?{query}" if query else ""))
        return seen

    def sign_in(self, email):
        client = Client(self.base)
        status, _, content = client.get("/accounts/login/")
        parser = Links()
        parser.feed(content.decode())
        status, headers, _ = client.request(
            "POST",
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": parser.inputs.get("csrfmiddlewaretoken", ""),
                "login": email,
                "password": DEMO_PASSWORD,
            },
        )
        if status != 302:
            self.fail(f"signing in as {email} answered {status}")
        client.signed_in_to = urlsplit(headers.get("location", "")).path
        return client

    def sign_in_staff(self):
        """A caseworker signs in, is sent to set up an authenticator app (the two-step
        verification pages), sets it up and walks the admin in English and Welsh. A second
        sign-in stops at the code step, which is checked in both languages."""
        staff = self.sign_in(CASEWORKER)
        status, headers, _ = staff.get("/signed-in/")
        activate = urlsplit(headers.get("location", "")).path
        if status != 302 or not activate.endswith("/2fa/totp/activate/"):
            self.fail(f"a caseworker was not sent to set up two-step verification ({status})")
            return staff, set()
        self.check_page(staff, "/cy" + activate)
        if not isinstance(self.check_page(staff, activate), Links):
            return staff, set()
        html = self.last_html
        key = TOTP_KEY.search(html)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if not key or not token:
            self.fail(f"{activate} shows no authenticator key or no form")
            return staff, set()
        status, headers, _ = staff.request(
            "POST",
            activate,
            {"csrfmiddlewaretoken": token.group(1), "code": totp_code(key.group(1))},
        )
        recovery = headers.get("location", "")
        if status != 302 or "/2fa/recovery-codes/" not in recovery:
            self.fail(f"setting up the authenticator app answered {status} {recovery}")
            return staff, set()
        pages = self.crawl(
            staff,
            [urlsplit(recovery).path, "/accounts/2fa/", "/cy/accounts/2fa/"]
            + ["/admin/", "/cy/admin/"],
            skip=STAFF_SKIP,
            most=MAX_STAFF_PAGES,
        )
        # Every model's list and add page the admin's index links to was walked.
        index = self.check_page(staff, "/admin/")
        if isinstance(index, Links):
            for href in index.links:
                link = urlsplit(urljoin("/admin/", href))
                path = link.path
                listed = path.startswith("/admin/") and not ADMIN_SHAPE.search(path)
                if listed and not STAFF_SKIP.search(path) and path not in pages:
                    self.fail(f"the admin walk did not reach {path}")
        again = self.sign_in(CASEWORKER)
        code_step = again.signed_in_to
        if not code_step.endswith("/2fa/authenticate/"):
            self.fail(f"signing in again did not ask for a code (sent to {code_step})")
        else:
            self.check_page(again, code_step)
            self.check_page(again, "/cy" + code_step)
        return staff, pages

    def run(self):
        anonymous = Client(self.base)
        status, headers, _ = anonymous.get("/healthz")
        if status != 200:
            self.fail(f"/healthz answered {status}")
        public = self.crawl(
            anonymous,
            [
                "/",
                "/cy/",
                "/calculate/",
                "/cy/calculate/",
                "/accounts/login/",
                "/cy/accounts/login/",
            ],
        )
        if not any(p.startswith("/cy/") for p in public):
            self.fail("no Welsh pages were reached")
        self.check_page(anonymous, "/no-such-page/", expect=404)
        self.check_page(anonymous, "/cy/no-such-page/", expect=404)
        self.check_page(anonymous, "/smoke/server-error", expect=500)
        # A form posted without its CSRF token, and a request for a host we do not serve.
        self.check_page(anonymous, "/accounts/login/", expect=403, method="POST", form={})
        self.check_page(anonymous, "/", expect=400, host="not-this-service.example")

        parent = self.sign_in(PARENT)
        parent_pages = self.crawl(parent, ["/account/", "/cy/account/", "/your-account/"])
        for part in PARENT_MUST_REACH:
            if not any(part in path for path in parent_pages):
                self.fail(f"no parent page under {part} was reached")
        csv_path = f"/account/cases/{PARENT_CASE}/payments/statement.csv"
        status, headers, content = parent.get(csv_path)
        if status != 200 or not headers.get("content-type", "").startswith("text/csv"):
            self.fail(f"{csv_path} answered {status} {headers.get('content-type')}")
        elif b"," not in content:
            self.fail(f"{csv_path} is not a CSV")

        employer = self.sign_in(EMPLOYER_MEMBER)
        employer_pages = self.crawl(employer, ["/employer/", "/cy/employer/"])
        status, headers, _ = employer.get("/employer/upload/template.csv")
        if status != 200 or not headers.get("content-type", "").startswith("text/csv"):
            self.fail(f"/employer/upload/template.csv answered {status}")

        # The fonts come only through the stylesheet's url()s: make sure they were followed.
        for kind in (".css", ".woff2", ".mjs"):
            if not any(urlsplit(url).path.endswith(kind) for url in self.assets_checked):
                self.fail(f"no {kind} file was checked")

        _, staff_pages = self.sign_in_staff()
        admin_pages = [p for p in staff_pages if "/admin/" in p]
        for start in ("/admin/", "/cy/admin/"):
            if not any(p.startswith(start) and p != start for p in admin_pages):
                self.fail(f"no admin page under {start} was reached")
        if not any("/2fa/" in p for p in staff_pages):
            self.fail("no two-step verification page was reached")
        print(
            f"smoke: {self.pages} pages ({len(public)} public, {len(parent_pages)} parent, "
            f"{len(employer_pages)} employer, {len(staff_pages)} staff of which "
            f"{len(admin_pages)} admin), {len(self.assets_checked)} static files, "
            f"{len(self.failures)} failures",
            flush=True,
        )


def browser_check(base):
    """A signed-in page in Chromium: the timeout dialog's module loads, no console errors."""
    from playwright.sync_api import sync_playwright

    errors, loaded = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        context = browser.new_context(extra_http_headers={"X-Forwarded-Proto": "https"})
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("response", lambda r: loaded.append((r.url, r.status)))
        page.goto(f"{base}/accounts/login/")
        page.fill("#login", PARENT)
        page.fill("#password", DEMO_PASSWORD)
        page.locator("form button[type=submit], form input[type=submit]").last.click()
        page.wait_for_url(re.compile(r"/account/"))
        page.wait_for_load_state("networkidle")
        timeout_script = [(u, s) for u, s in loaded if "/static/js/session-timeout." in u]
        ready = page.evaluate("document.getElementById('session-timeout-dialog') !== null")
        browser.close()
    problems = list(errors)
    if not timeout_script or any(status != 200 for _, status in timeout_script):
        problems.append(f"session timeout script not loaded: {timeout_script}")
    if not ready:
        problems.append("no session timeout dialog on the signed-in page")
    print(
        f"browser: {len(loaded)} responses, timeout script {timeout_script}, "
        f"{len(errors)} console errors",
        flush=True,
    )
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="e.g. http://localhost:8160")
    parser.add_argument("--browser", action="store_true")
    args = parser.parse_args()
    if not DEMO_PASSWORD:
        sys.exit("Set DEMO_PASSWORD to the password the demo data was loaded with (smoke.sh does).")
    smoke = Smoke(args.base.rstrip("/"))
    smoke.run()
    failures = list(smoke.failures)
    if args.browser:
        failures += browser_check(args.base.rstrip("/"))
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

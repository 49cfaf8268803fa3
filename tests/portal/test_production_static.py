"""Pages render with production's static files storage: collectstatic into a temporary
folder with hashed names and a manifest, then every page reachable by links from the
entry points, in English and Welsh, as a visitor, a parent, an employer member and a
caseworker. A static() call for a file or folder missing from the manifest raises."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from nonprod.demo import staff as portal_demo

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "cms_portal.storage.StaticFilesStorage"},
}
# Links that sign out or leave the site end the crawl's session; they are not pages.
SKIP = re.compile(r"/(exit|signed-out|accounts/logout)/|^/static/|^/healthz")
MAX_PAGES_PER_USER = 80


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    from django.test import override_settings

    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STORAGES=PRODUCTION_STORAGES, STATIC_ROOT=root):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production_static(settings, collected_static):
    settings.STORAGES = PRODUCTION_STORAGES
    settings.STATIC_ROOT = collected_static
    return collected_static


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.assets = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("link", "script") and (attrs.get("href") or attrs.get("src")):
            self.assets.append(attrs.get("href") or attrs.get("src"))


def _crawl(client, starts):
    seen, queue, pages = set(), list(starts), []
    while queue and len(pages) < MAX_PAGES_PER_USER:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, path
        pages.append((path, response))
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.links:
            parts = urlsplit(urljoin(path, href))
            if parts.netloc or parts.scheme not in ("", "http") or SKIP.search(parts.path):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def _assets_hashed(collected_static, pages):
    """Every stylesheet, icon and script a page links to is a hashed file on disk."""
    checked = set()
    for path, response in pages:
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for asset in parser.assets:
            if not asset.startswith("/static/") or asset in checked:
                continue
            checked.add(asset)
            name = asset.removeprefix("/static/")
            assert re.search(r"\.[0-9a-f]{12}\.\w+$", name), f"{asset} on {path} is not hashed"
            assert (collected_static / name).is_file(), asset
    return checked


def test_the_compiled_css_and_modules_point_at_hashed_files(production_static):
    css = next((production_static / "build").glob("app.*.css")).read_text()
    urls = re.findall(r"url\(\"?([^)\"]+)", css)
    assert urls
    for url in urls:
        name = url.removeprefix("/static/")
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", name), url
        assert (production_static / name).is_file(), url
    module = next((production_static / "js").glob("application.*.mjs")).read_text()
    imported = re.findall(r'from "([^"]+)"', module)
    assert imported and all(re.search(r"\.[0-9a-f]{12}\.js$", name) for name in imported)
    for name in imported:
        assert (production_static / "js" / name).resolve().is_file()


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_every_page_renders_with_hashed_static_files(production_static, db, prefix):
    from nonprod.demo import cases as cases_demo
    from nonprod.demo import employers as employers_demo

    portal_demo.load()
    cases_demo.load()
    employers_demo.load()
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    public = [
        f"{prefix}/",
        f"{prefix}/calculate/",
        f"{prefix}/accounts/login/",
        f"{prefix}/accounts/signup/",
        f"{prefix}/accounts/password/reset/",
        f"{prefix}/no-such-page/",
    ]
    signed_in = {
        "alex.paying@example.com": [f"{prefix}/account/", f"{prefix}/your-account/"],
        "nia.payroll@example.com": [f"{prefix}/employer/"],
        portal_demo.CASEWORKER_EMAIL: [f"{prefix}/admin/", "/admin/"],
    }
    pages = _crawl(Client(), public)
    for email, starts in signed_in.items():
        client = Client()
        client.force_login(users.get(email=email))
        pages += _crawl(client, starts)
    paths = {path for path, _ in pages}
    # The crawl reached the parent's case, the employer's orders and the MFA set-up.
    assert any("/account/" in p and re.search(r"\d{12}", p) for p in paths), paths
    assert any(p.startswith(f"{prefix}/employer/") and p != f"{prefix}/employer/" for p in paths)
    assert any("/accounts/2fa/" in p for p in paths), paths
    assert len(pages) > 40
    assert not [p for p, r in pages if r.status_code == 404 and "no-such-page" not in p]
    assets = _assets_hashed(production_static, pages)
    assert any(a.startswith("/static/js/session-timeout.") for a in assets)
    assert any("favicon" in a for a in assets)


def test_server_error_page_renders_with_hashed_static_files(production_static, rf):
    from cms_portal.views import server_error

    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    request.csp_nonce = "n"
    response = server_error(request)
    assert response.status_code == 500
    assert b"/static/build/app." in response.content

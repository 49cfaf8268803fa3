"""Browser tests: Playwright driving Debian's Chromium (no browser downloads here) with
axe-core from axe-playwright-python. Run with `pytest -m browser`."""

import os

import pytest

from tests.browser.helpers import phone_width_problems

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Rules switched off for known, documented false positives with GOV.UK Frontend markup.
AXE_DISABLED_RULES = {
    "region": {"enabled": False},  # alphagov/govuk-frontend#1604: skip link and banners
}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in the test thread, where the tests also
    use the ORM. Set only while browser tests run, never in the process environment of
    other tests."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def _browser_db(transactional_db):
    """Pages are served by live_server in another thread, so data must be committed."""


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Runs axe on the page as it is now and fails with the report on any violation."""

    def check(page, context=""):
        results = axe.run(
            page,
            options={
                # Only violations come back: the passes are many times larger to build
                # and carry over to Python, and nothing reads them.
                "resultTypes": ["violations"],
                "runOnly": {
                    "type": "tag",
                    "values": [
                        "wcag2a",
                        "wcag2aa",
                        "wcag21a",
                        "wcag21aa",
                        "wcag22aa",
                        "best-practice",
                    ],
                },
                "rules": AXE_DISABLED_RULES,
            },
        )
        assert results.violations_count == 0, f"{context or page.url}\n{results.generate_report()}"

    return check


@pytest.fixture
def sign_in_browser(live_server):
    """Signs a Playwright page in as `user` by planting a Django session cookie."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    def sign_in(page, user):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.session_key,
                    "url": live_server.url,
                }
            ]
        )

    return sign_in


@pytest.fixture
def check(page, assert_accessible):
    """Visits `url` (or stays), checks the page offers Exit this page, that axe finds
    nothing and that it does not scroll sideways on a phone (so a journey's later steps,
    which no link reaches, are measured too). A test module may define its own `check`
    for other pages."""
    from playwright.sync_api import expect

    def visit(url=None, context=""):
        if url:
            page.goto(url)
        page.wait_for_load_state()
        expect(page.locator(".govuk-exit-this-page")).to_have_count(1)
        assert_accessible(page, context or page.url)
        too_wide = phone_width_problems(page)
        assert not too_wide, "\n".join(too_wide)

    return visit

"""Shared fixtures. Every page any test fetches through a Django test client is checked
by tests.page_quality; a test that expects a broken page can mark itself
`@pytest.mark.skip_page_quality`."""

import itertools
import os
from datetime import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from tests.page_quality import page_problems

_counter = itertools.count(1)

pytest_plugins = [
    "tests.fixtures.accounts",
    "tests.fixtures.cases",
    "tests.fixtures.payments",
    "tests.fixtures.employers",
    "tests.fixtures.fake_notify",
]


def pytest_configure(config):
    config.addinivalue_line("markers", "skip_page_quality: do not check fetched pages")
    # TEST_CLOCK=2026-12-07T00:05+00:00 runs the suite as if started then (the clock
    # ticks on), to find tests that pass only at some hours of the day.
    if os.environ.get("TEST_CLOCK"):
        time_machine.travel(datetime.fromisoformat(os.environ["TEST_CLOCK"]), tick=True).start()


@pytest.fixture(autouse=True)
def _check_every_page(request, monkeypatch):
    if request.node.get_closest_marker("skip_page_quality"):
        return
    original = Client.request

    def checked_request(self, **environ):
        response = original(self, **environ)
        path = environ.get("PATH_INFO", "")
        problems = page_problems(path, response)
        assert not problems, f"Page quality problems on {path}: {problems}"
        return response

    monkeypatch.setattr(Client, "request", checked_request)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english_unless_asked():
    """A Welsh request leaves Welsh active in the thread; each test starts in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def make_user(db, django_user_model):
    """A verified, active user. Email addresses are unique per call."""

    def make(email=None, password="correct horse battery staple", **fields):
        from allauth.account.models import EmailAddress

        email = email or f"user{next(_counter)}@example.test"
        user = django_user_model.objects.create_user(email=email, password=password, **fields)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    return make


@pytest.fixture
def anonymous_client():
    return Client()


@pytest.fixture
def signed_in_client(make_user):
    """`signed_in_client(user)` gives a client signed in as that user (no MFA step)."""

    def make(user=None):
        client = Client()
        client.force_login(user or make_user())
        return client

    return make


# The longest tests start first, so the workers finish together rather than one waiting
# on a walk over every page that began last.
LONGEST_FIRST = (
    "tests/portal/test_bad_input_everywhere.py",
    "tests/portal/test_admin_walk.py",
    "tests/portal/test_welsh_everywhere.py",
    "tests/browser/test_mobile_widths.py",
    "tests/browser/test_applications_a11y.py",
    "tests/browser/test_cases_a11y.py",
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: not item.nodeid.startswith(LONGEST_FIRST))


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres"):
        from django.conf import settings

        if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
            pytest.skip("needs PostgreSQL (set DATABASE_URL)")

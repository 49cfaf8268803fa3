"""Accounts test set-up: the Welsh catalogue compiled (a fresh checkout has only
the .po), and an empty cache for each test, because rate limits, used TOTP codes and
wrong-code counters live there and must not leak from one test into the next."""

from pathlib import Path

import pytest

CATALOGUE = Path(__file__).resolve().parents[2] / "locale/cy/LC_MESSAGES/django.po"


@pytest.fixture(scope="session", autouse=True)
def _welsh_catalogue_compiled():
    compiled = CATALOGUE.with_suffix(".mo")
    if not compiled.exists() or compiled.stat().st_mtime < CATALOGUE.stat().st_mtime:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po
        from django.utils.translation import trans_real

        with CATALOGUE.open("rb") as source, compiled.open("wb") as target:
            write_mo(target, read_po(source))
        trans_real._translations = {}  # forget catalogues loaded before it existed


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _requests_commit(request, monkeypatch):
    """Each test client request ends as a real one does: its transaction commits, so the
    emails it queued are handed to the (in-process) mail task before the test reads
    mail.outbox. The test's own transaction would otherwise hold them back."""
    uses_db = {"db", "transactional_db"} & set(request.fixturenames)
    if not uses_db and not request.node.get_closest_marker("django_db"):
        return
    from allauth.core.context import request_context
    from django.test import Client, TestCase

    original = Client.request

    def committing_request(self, **environ):
        with TestCase.captureOnCommitCallbacks() as callbacks:
            response = original(self, **environ)
        # In a real request the commit happens while the request is still current.
        with (
            request_context(response.wsgi_request),
            TestCase.captureOnCommitCallbacks(execute=True),
        ):
            for callback in callbacks:
                callback()
        return response

    monkeypatch.setattr(Client, "request", committing_request)

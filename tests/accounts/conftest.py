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

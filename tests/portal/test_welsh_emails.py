"""Every email and text message the portal sends is Welsh when sent in Welsh: each
template in templates/emails, templates/sms and templates/account/email rendered in
both languages, with no English left in the Welsh one (tests/portal/welsh_crawl.py)."""

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation
from jinja2 import meta

from tests.portal.welsh_crawl import english_pieces

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
MESSAGE_FOLDERS = ("emails", "sms", "account/email")


def _templates():
    for folder in MESSAGE_FOLDERS:
        for path in sorted((TEMPLATES / folder).glob("*.txt")):
            if not path.name.startswith("_"):
                yield f"{folder}/{path.name}"


def _value(name):
    """A value of the kind the variable's name suggests."""
    if name == "request":
        return RequestFactory().get("/")
    lowered = name.lower()
    if lowered.endswith(("_at", "time", "timestamp", "expires", "deadline")):
        return datetime(2026, 3, 5, 14, 30, tzinfo=UTC)
    if lowered.endswith(("date", "_on", "_from", "_until", "_by", "day", "month", "commencement")):
        return date(2026, 3, 5)
    if lowered.endswith(("without_return", "count", "number")):
        return 2
    if any(
        word in lowered
        for word in (
            "amount",
            "outstanding",
            "total",
            "balance",
            "owed",
            "rate",
            "fee",
            "expected",
            "shortfall",
        )
    ):
        return Decimal("12.50")
    if lowered.endswith(("s", "_list", "items")) and not lowered.endswith(("address", "status")):
        return []
    if lowered.startswith(("is_", "has_", "part_")):
        return True
    return "Zz"


def _variables(name):
    """The variables a template and the templates it extends or includes use."""
    environment = engines["jinja2"].env
    tree = environment.parse(environment.loader.get_source(environment, name)[0])
    names = set(meta.find_undeclared_variables(tree))
    for other in meta.find_referenced_templates(tree):
        if other:
            names |= _variables(other)
    return names


def _context(name):
    return {variable: _value(variable) for variable in _variables(name)}


def _render(name, language):
    with translation.override(language):
        return engines["jinja2"].get_template(name).render(_context(name))


def _as_html(text):
    """The message as lines of text, so the page checks read each line as a piece."""
    from html import escape

    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())


@pytest.mark.parametrize("name", list(_templates()))
def test_message_is_welsh_in_welsh(db, name):
    welsh, english = _render(name, "cy"), _render(name, "en")
    assert welsh.strip(), name
    assert not english_pieces(_as_html(welsh), _as_html(english)), welsh

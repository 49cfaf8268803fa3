"""The layout's chrome (header, navigation, footer, banners, skip links, the timeout
dialog) rendered once per process for each combination of what it depends on, instead
of through dozens of govuk-frontend macro calls on every request.

A template marks a fragment with

    {% call(slot) cached_fragment(("footer", get_language()), {"next": path}) %}
      ... {{ slot.next }} ...
    {% endcall %}

The key names everything the fragment's HTML depends on that is shared between users
(the language, the navigation items a role sees, a flag). Anything belonging to one
request (the CSRF token, the page's own address, the session's expiry) is passed as a
value: the fragment is rendered with a placeholder in its place, and each request puts
its own value (HTML-escaped) into the cached copy. So nothing one user sees is ever
served to another."""

import re
import threading

from django.conf import settings
from django.core.signals import setting_changed
from markupsafe import Markup, escape

MAX_ENTRIES = 1024

_fragments = {}
_lock = threading.Lock()


class _Slots:
    """What the fragment body sees for each per-request value: a placeholder marker."""

    def __init__(self, names):
        self._names = names

    def __getattr__(self, name):
        if name.startswith("_") or name not in self._names:
            raise AttributeError(name)
        return _placeholder(name)  # escaping leaves it as it is


def _placeholder(name):
    # Characters that HTML escaping leaves alone and page text never contains.
    return f"@@cms-slot-{name}@@"


_PLACEHOLDER = re.compile(r"@@cms-slot-(\w+)@@")


def cached_fragment(key, values=None, *, caller):
    values = values or {}
    cache_key = (key, tuple(sorted(values)))
    # With DEBUG on, templates reload when edited, so the chrome is rendered afresh too.
    html = None if settings.DEBUG else _fragments.get(cache_key)
    if html is None:
        slots = _Slots(frozenset(values))
        html = str(caller(slots) if caller.arguments else caller())
        with _lock:
            if len(_fragments) >= MAX_ENTRIES:
                _fragments.clear()
            _fragments[cache_key] = html
    if values:
        # One pass, so a value that looks like a placeholder is never filled in itself.
        html = _PLACEHOLDER.sub(
            lambda match: str(escape(values.get(match.group(1), match.group(0)))), html
        )
    return Markup(html)  # noqa: S704 (the template's own escaped output, values escaped above)


def clear(**_signal_kwargs):
    with _lock:
        _fragments.clear()


# Kept chrome holds static URLs and other values that follow settings; a settings change
# (tests override them) must not leave it showing the old ones.
setting_changed.connect(clear, dispatch_uid="cms_portal.chrome.clear")

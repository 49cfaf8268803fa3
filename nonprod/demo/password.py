"""The one password every demo account shares. It is never written in the repository:
it is `DEMO_PASSWORD` from the settings (the environment variable of that name in local
settings; a random one per test run), or else made at random on the first load and kept
in `.demo_password` (ignored by git), so later loads and `demo_accounts` agree."""

import secrets
from pathlib import Path

from django.conf import settings


def stored_password_file() -> Path:
    return Path(settings.DEMO_PASSWORD_FILE)


def demo_password() -> str:
    """The demo password, made (and kept) if there is none yet."""
    return ensure_demo_password()[0]


def ensure_demo_password() -> tuple[str, bool]:
    """(password, made now): made now is True only the first time, so the loader can
    print it once."""
    if settings.DEMO_PASSWORD:
        return settings.DEMO_PASSWORD, False
    path = stored_password_file()
    if path.exists():
        stored = path.read_text().strip()
        if stored:
            return stored, False
    password = secrets.token_urlsafe(12)
    path.touch(mode=0o600)
    path.write_text(password + "\n")
    return password, True

"""No demo password is written in the repository: it comes from DEMO_PASSWORD, or is made
on the first load, printed once, kept outside git and shown again by demo_accounts."""

import json
import re
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command

from nonprod.demo import staff

ROOT = Path(__file__).resolve().parents[2]
OLD_PUBLISHED = "demo password for local use"


def _load():
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def test_the_password_is_made_on_the_first_load_and_printed_only_then(db, settings, tmp_path):
    settings.DEMO_PASSWORD = ""
    settings.DEMO_PASSWORD_FILE = tmp_path / ".demo_password"
    first = _load()
    password = settings.DEMO_PASSWORD_FILE.read_text().strip()
    assert len(password) >= 16
    assert f"Password for every demo account: {password}" in first
    assert settings.DEMO_PASSWORD_FILE.stat().st_mode & 0o077 == 0
    caseworker = get_user_model().objects.get(email=staff.CASEWORKER_EMAIL)
    assert caseworker.check_password(password)
    assert get_user_model().objects.get(email="alex.paying@example.com").check_password(password)
    assert password not in _load()

    out = StringIO()
    call_command("demo_accounts", "--json", stdout=out)
    assert {account["password"] for account in json.loads(out.getvalue())} == {password}
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert out.getvalue().rstrip().endswith(f"Password for all: {password}")


def test_a_password_from_the_environment_is_used_and_not_printed(db, settings, tmp_path):
    settings.DEMO_PASSWORD = "chosen by whoever runs it locally"
    settings.DEMO_PASSWORD_FILE = tmp_path / ".demo_password"
    staff.load(stdout=StringIO())
    assert not settings.DEMO_PASSWORD_FILE.exists()
    caseworker = get_user_model().objects.get(email=staff.CASEWORKER_EMAIL)
    assert caseworker.check_password("chosen by whoever runs it locally")


def test_no_demo_password_is_published_in_the_repository():
    for path in [ROOT / "README.md", *ROOT.glob("nonprod/**/*.py"), ROOT / "scripts/smoke.py"]:
        assert OLD_PUBLISHED not in path.read_text(), path
    assert re.search(r"^/\.demo_password$", (ROOT / ".gitignore").read_text(), re.M)

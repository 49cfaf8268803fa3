"""The nonprod app is installed by local and test settings only: production has neither
the app nor its commands, and no production module imports it."""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
# Enough for the production settings to import; nothing here connects to them.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms_portal.settings.production",
    "SECRET_KEY": "production-like-key-" + "x" * 40 + "-Zq9!",
    "DATABASE_URL": "postgres://nobody@127.0.0.1:15439/nowhere",
    "ALLOWED_HOSTS": "cms.example.gov.uk",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
}
INSPECT = """
import json
import django
django.setup()
from django.conf import settings
from django.core.management import CommandError, call_command, get_commands
try:
    call_command("load_demo_data")
    unknown = ""
except CommandError as error:
    unknown = str(error)
print(json.dumps({
    "apps": list(settings.INSTALLED_APPS),
    "commands": sorted(get_commands()),
    "load_demo_data": unknown,
}))
"""
DEMO_COMMANDS = {"load_demo_data", "demo_accounts"}
# Where importing nonprod is allowed: itself, settings, tests and the page benchmark
# (which builds on the demo data with its own settings).
MAY_IMPORT_NONPROD = ("nonprod", "tests", "bench", "cms_portal/settings")
NOT_SOURCE = (".venv", "node_modules", "static", "staticfiles", ".git")


def test_production_installs_no_nonprod_and_has_no_demo_commands():
    result = subprocess.run(
        [sys.executable, "-c", INSPECT],
        cwd=ROOT,
        env={**os.environ, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert not [app for app in found["apps"] if app.split(".")[0] == "nonprod"]
    assert "migrate" in found["commands"]
    assert not DEMO_COMMANDS & set(found["commands"])
    assert "Unknown command: 'load_demo_data'" in found["load_demo_data"]


@pytest.mark.parametrize("module", ["cms_portal.settings.local", "cms_portal.settings.test"])
def test_local_and_test_settings_install_nonprod(module):
    source = (ROOT / (module.replace(".", "/") + ".py")).read_text()
    assert '"nonprod.apps.NonprodConfig"' in source
    assert "DEMO_DATA_ALLOWED = True" in source


def test_these_settings_have_the_demo_commands():
    from django.core.management import get_commands

    assert "nonprod.apps.NonprodConfig" in settings.INSTALLED_APPS
    assert {name for name, app in get_commands().items() if app == "nonprod"} == DEMO_COMMANDS


def _imports(path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_nothing_in_production_code_imports_nonprod():
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in NOT_SOURCE or relative.as_posix().startswith(MAY_IMPORT_NONPROD):
            continue
        if any(name.split(".")[0] == "nonprod" for name in _imports(path)):
            offenders.append(str(relative))
    assert offenders == []

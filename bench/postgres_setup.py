"""Setting up Django on the PostgreSQL database a benchmark's DATABASE_URL names."""

import os
import sys
from urllib.parse import urlparse


def ensure_database(url):
    """Create the bench database if it is missing (the URL names it)."""
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def setup_django(example_database):
    """Django on DATABASE_URL, migrated; exits with an example when it is not PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "Set DATABASE_URL to a PostgreSQL database, e.g. "
            f"postgres://postgres@127.0.0.1:5432/{example_database}"
        )
    ensure_database(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms_portal.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)

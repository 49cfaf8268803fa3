"""The caseworker admin for payments (registered on import)."""

from . import enforcement, ledger, money, schedules  # noqa: F401

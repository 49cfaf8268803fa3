"""The caseworker admin for payments (registered on import)."""

from . import enforcement, enforcement_process, ledger, money, schedules  # noqa: F401

"""The caseworker admin for cases. Every change goes through cases.services."""

from . import case, closures, decisions, messages  # noqa: F401  (registers the model admins)

"""Password-reset tokens valid for at most one hour and usable once.

The token hashes the password and the last sign-in time, so using it (which changes
the password) voids it. Age is checked here against the shorter of one hour and
PASSWORD_RESET_TIMEOUT, so a longer setting can never stretch it."""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.http import base36_to_int

MAX_AGE_SECONDS = 60 * 60


class OneHourPasswordResetTokenGenerator(PasswordResetTokenGenerator):
    def check_token(self, user, token):
        if not user or not token or not super().check_token(user, token):
            return False
        try:
            issued_at = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        max_age = min(MAX_AGE_SECONDS, settings.PASSWORD_RESET_TIMEOUT)
        return self._num_seconds(self._now()) - issued_at <= max_age

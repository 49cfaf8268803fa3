"""Password-reset tokens valid for at most one hour and usable once: the token hashes
the password and last-login, so using it (which changes the password) voids it."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class OneHourPasswordResetTokenGenerator(PasswordResetTokenGenerator):
    def __init__(self):
        super().__init__()
        self.timeout_seconds = 60 * 60

    def check_token(self, user, token):
        from django.conf import settings

        # Django reads PASSWORD_RESET_TIMEOUT; never allow longer than an hour.
        if settings.PASSWORD_RESET_TIMEOUT > self.timeout_seconds:
            return False
        return super().check_token(user, token)

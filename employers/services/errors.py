"""Errors a service raises when the rules do not allow a change. The message is written
for the person who asked (a translatable string); views put it on the form."""


class EmployerRuleError(ValueError):
    def __init__(self, message, *, field="", code=""):
        self.message = message
        self.field = field
        self.code = code
        super().__init__(str(message))


def user_or_none(user):
    return user if getattr(user, "is_authenticated", False) else None

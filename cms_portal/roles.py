"""Roles come from relations, not flags: a linked case party makes a parent (or a
representative), an employer membership makes an employer user, staff are caseworkers."""


def is_caseworker(user):
    return bool(user.is_authenticated and user.is_staff)


def is_parent(user):
    if not user.is_authenticated:
        return False
    parties = getattr(user, "parties", None)
    representations = getattr(user, "representations", None)
    return bool(
        (parties is not None and parties.exists())
        or (representations is not None and representations.exists())
    )


def is_employer_user(user):
    if not user.is_authenticated:
        return False
    memberships = getattr(user, "employer_memberships", None)
    return bool(memberships is not None and memberships.exists())

"""Roles come from relations, not flags: a linked case party makes a parent (or a
representative), an employer membership makes an employer user, staff are caseworkers."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef


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


@dataclass(frozen=True)
class Roles:
    parent: bool = False
    employer: bool = False
    employer_admin: bool = False
    # Some representation row exists (in force or not): without one, pages need not look.
    representative: bool = False


# (role, relation on the user, extra filter): a role holds when a related row exists.
_ROLE_RELATIONS = [
    ("parent", "parties", {}),
    ("parent", "representations", {}),
    ("representative", "representations", {}),
    ("employer", "employer_memberships", {}),
    ("employer_admin", "employer_memberships", {"role": "admin"}),
]


def request_roles(request):
    """The signed-in user's roles, found with one query and kept for the request (every
    page's navigation and the two-step check need them)."""
    cached = getattr(request, "_portal_roles", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    roles = Roles()
    if user is not None and user.is_authenticated:
        annotations = {}
        for number, (_role, relation, extra) in enumerate(_ROLE_RELATIONS):
            manager = getattr(user, relation, None)
            if manager is not None:
                related = manager.model.objects.filter(
                    **{manager.field.name: OuterRef("pk")}, **extra
                )
                annotations[f"role_{number}"] = Exists(related)
        if annotations:
            row = user._meta.model.objects.filter(pk=user.pk).values(**annotations).first() or {}
            found = {}
            for number, (role, _relation, _extra) in enumerate(_ROLE_RELATIONS):
                found[role] = found.get(role, False) or bool(row.get(f"role_{number}"))
            roles = Roles(**found)
    request._portal_roles = roles
    return roles

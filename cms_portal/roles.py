"""Roles come from relations, not flags: a linked case party makes a parent (or a
representative), an employer membership makes an employer user, staff are caseworkers."""

import functools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import router
from django.db.models import Exists, OuterRef

from cms_portal.core.composed import ComposedRows


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

# Each distinct (relation, filter) is asked once, whichever roles it gives.
_CHECKS = list(
    dict.fromkeys((relation, tuple(extra.items())) for _r, relation, extra in _ROLE_RELATIONS)
)


def _check_name(relation, extra):
    return f"portal_role_{_CHECKS.index((relation, tuple(extra.items())))}"


def _role_annotations(model):
    """One EXISTS per distinct role relation the user model has."""
    annotations = {}
    for relation, extra in _CHECKS:
        try:
            rel = model._meta.get_field(relation)
        except FieldDoesNotExist:
            continue
        related = rel.related_model.objects.filter(
            **{rel.field.name: OuterRef("pk")}, **dict(extra)
        )
        annotations[_check_name(relation, dict(extra))] = Exists(related)
    return annotations


def _roles_from(values):
    found = {}
    for role, relation, extra in _ROLE_RELATIONS:
        held = bool(values.get(_check_name(relation, extra)))
        found[role] = found.get(role, False) or held
    return Roles(**found)


@functools.cache
def _user_with_roles_read(model):
    """The read of one user with their roles, its SQL composed once per process: composing
    the EXISTS of each role costs several times what running them does, on every request.
    Returns the read and the names of its columns (the user's fields, then the checks)."""
    annotations = _role_annotations(model)
    fields = tuple(field.attname for field in model._meta.concrete_fields)
    read = ComposedRows(
        lambda user_id: (
            model._default_manager.annotate(**annotations)
            .filter(pk=user_id)
            .values_list(*fields, *annotations)
        ),
        keys=1,
    )
    return read, fields, (*fields, *annotations)


def _read_user_with_roles(model, user_id):
    read, fields, columns = _user_with_roles_read(model)
    rows = read(model._meta.pk.to_python(user_id))
    if not rows:
        return None
    row = rows[0]
    user = model.from_db(router.db_for_read(model), fields, row[: len(fields)])
    user._portal_roles = _roles_from(dict(zip(columns, row, strict=True)))
    return user


class RolesLoadedWithUser:
    """An authentication backend part: the signed-in user is read with their roles in the
    same query, so a page asks the database once for both (`request_roles` uses them)."""

    def get_user(self, user_id):
        user = _read_user_with_roles(get_user_model(), user_id)
        if user is None or not self.user_can_authenticate(user):
            return None
        return user


def request_roles(request):
    """The signed-in user's roles, kept for the request (every page's navigation and the
    two-step check need them): read with the user when the backend did, otherwise with
    one query."""
    cached = getattr(request, "_portal_roles", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    roles = Roles()
    if user is not None and user.is_authenticated:
        roles = getattr(user, "_portal_roles", None)
        if roles is None:
            model = user._meta.model
            row = model.objects.filter(pk=user.pk).values(**_role_annotations(model)).first()
            roles = _roles_from(row or {})
    request._portal_roles = roles
    return roles

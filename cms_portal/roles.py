"""Roles come from relations, not flags: a linked case party makes a parent (or a
representative), an employer membership makes an employer user, staff are caseworkers."""

import functools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import connections, router
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


@dataclass(frozen=True)
class _UserWithRolesQuery:
    """The SQL reading one user with their roles, composed once per process: composing
    the four EXISTS costs several times what running them does, on every request."""

    sql: str
    params: tuple
    user_id_position: int
    columns: tuple  # the user's concrete fields (attnames) in model order, then the checks
    expressions: tuple  # what each column selects, for the database converters
    field_count: int


# A user id no user has, to find where the real one goes among the parameters.
_USER_ID_PLACEHOLDER = -90210


@functools.cache
def _user_with_roles_query(model, using):
    annotations = _role_annotations(model)
    fields = tuple(field.attname for field in model._meta.concrete_fields)
    queryset = (
        model._default_manager.db_manager(using)
        .annotate(**annotations)
        .filter(pk=_USER_ID_PLACEHOLDER)
        .values_list(*fields, *annotations)
    )
    compiler = queryset.query.get_compiler(using)
    sql, params = compiler.as_sql()
    positions = [i for i, value in enumerate(params) if value == _USER_ID_PLACEHOLDER]
    expressions = tuple(column[0] for column in compiler.select)
    if len(positions) != 1 or len(expressions) != len(fields) + len(annotations):
        raise ImproperlyConfigured("The user query did not compose as expected.")
    return _UserWithRolesQuery(
        sql=sql,
        params=tuple(params),
        user_id_position=positions[0],
        columns=(*fields, *annotations),
        expressions=expressions,
        field_count=len(fields),
    )


def _read_user_with_roles(model, user_id):
    using = router.db_for_read(model)
    query = _user_with_roles_query(model, using)
    params = list(query.params)
    params[query.user_id_position] = model._meta.pk.to_python(user_id)
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(query.sql, params)
        rows = cursor.fetchall()
    if not rows:
        return None
    row = _converted(rows[0], query.expressions, connection)
    user = model.from_db(using, query.columns[: query.field_count], row[: query.field_count])
    user._portal_roles = _roles_from(dict(zip(query.columns, row, strict=True)))
    return user


def _converted(row, expressions, connection):
    """The row's values as the ORM would hand them over (database converters applied)."""
    values = list(row)
    for position, expression in enumerate(expressions):
        converters = [
            *connection.ops.get_db_converters(expression),
            *expression.get_db_converters(connection),
        ]
        for convert in converters:
            values[position] = convert(values[position], expression, connection)
    return values


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

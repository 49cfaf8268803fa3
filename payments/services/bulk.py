"""Writing many rows at once: one statement however many rows, so a nightly chunk of
thousands of cases costs a handful of queries.

On PostgreSQL both helpers send one array per column (`unnest`), taking each value from
the object as it stands: every object here is built by the payments services with values
already in their database form (Decimal pennies, dates, ids), so Django's per-value
preparation is skipped. On other databases they use Django's bulk methods."""

from decimal import Decimal

from django.db import connection, models

SQLITE_BATCH = 500


def _decimal(value):
    return value if value is None or isinstance(value, Decimal) else Decimal(value)


def _arrays(objects, columns):
    """One list per column. Amounts may be ints (a default of 0); an array has one type."""
    arrays = []
    for column in columns:
        name = "pk" if column.primary_key else column.attname
        values = [getattr(obj, name) for obj in objects]
        if isinstance(column, models.DecimalField):
            values = [_decimal(value) for value in values]
        arrays.append(values)
    return arrays


def _casts(columns):
    return ", ".join(f"%s::{column.db_type(connection)}[]" for column in columns)


def _instances(model, rows, columns):
    """Model instances for rows (SQLite goes through Django's own bulk methods)."""
    return [
        row
        if isinstance(row, model)
        else model(
            pk=row.pk, **{column.attname: getattr(row, column.attname) for column in columns}
        )
        for row in rows
    ]


def bulk_insert(model, objects):
    """INSERT the rows (or model instances) and set their primary keys."""
    objects = list(objects)
    if not objects:
        return objects
    meta = model._meta
    columns = [field for field in meta.concrete_fields if not field.primary_key]
    if connection.vendor != "postgresql":
        saved = model._base_manager.bulk_create(
            _instances(model, objects, columns), batch_size=SQLITE_BATCH
        )
        for obj, instance in zip(objects, saved, strict=True):
            obj.pk = instance.pk
        return objects
    quoted = connection.ops.quote_name
    names = ", ".join(quoted(column.column) for column in columns)
    sql = (
        f"INSERT INTO {quoted(meta.db_table)} ({names}) "  # noqa: S608
        f"SELECT * FROM unnest({_casts(columns)}) RETURNING {quoted(meta.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, _arrays(objects, columns))
        ids = [row[0] for row in cursor.fetchall()]
    for obj, pk in zip(objects, ids, strict=True):
        obj.pk = pk
        if isinstance(obj, model):
            obj._state.adding = False
            obj._state.db = connection.alias
    return objects


def bulk_set(model, objects, fields):
    """UPDATE each object's row to the object's own values of `fields`.

    PostgreSQL: one `UPDATE ... FROM unnest(arrays)` (Django's bulk_update builds a CASE
    per row, which grows with the square of the rows). SQLite: bulk_update in batches.
    """
    objects = list(objects)
    if not objects:
        return
    meta = model._meta
    if connection.vendor != "postgresql":
        updated = [meta.get_field(name) for name in fields]
        model._base_manager.bulk_update(
            _instances(model, objects, updated), fields, batch_size=SQLITE_BATCH
        )
        return
    columns = [meta.pk, *(meta.get_field(name) for name in fields)]
    quoted = connection.ops.quote_name
    names = ", ".join(quoted(column.column) for column in columns)
    assignments = ", ".join(
        f"{quoted(column.column)} = v.{quoted(column.column)}" for column in columns[1:]
    )
    table, pk = quoted(meta.db_table), quoted(meta.pk.column)
    sql = (
        f"UPDATE {table} AS t SET {assignments} "  # noqa: S608
        f"FROM unnest({_casts(columns)}) AS v({names}) WHERE t.{pk} = v.{pk}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, _arrays(objects, columns))

"""Reads whose SQL is composed once per process and database: the pages that run them
on every request change only the keys (a case's id, a party's), and Django composing
the query costs more than the database running it."""

from dataclasses import dataclass

from django.db import connections, router

# Key values no row has, to find where the real keys go among the parameters.
_PLACEHOLDER_BASE = -90_210_000


@dataclass(frozen=True)
class _Composed:
    sql: str
    params: tuple
    key_positions: tuple  # for each key, the parameter positions it fills
    expressions: tuple  # what each column selects, for the database converters
    columns: tuple  # the model's attnames, then "relation.attname" for each related row


class ComposedRows:
    """The rows of `build(*keys)` (a values_list queryset, or a union of them) as the ORM
    gives them (database converters applied), its SQL composed once per database."""

    def __init__(self, build, *, keys, text_keys=()):
        self.build = build
        self.keys = keys
        self.text_keys = frozenset(text_keys)  # the positions of keys that are text
        self._composed = {}
        self._model = None

    def __call__(self, *keys):
        return self._rows(keys)[2]

    def _rows(self, keys):
        if len(keys) != self.keys:
            raise TypeError(f"Expected {self.keys} keys, got {len(keys)}")
        if self._model is None:
            self._model = self.build(*self._placeholders()).model
        using = router.db_for_read(self._model)
        composed = self._composed.get(using)
        if composed is None:
            composed = self._composed[using] = self._compose(using)
        params = list(composed.params)
        for key, positions in zip(keys, composed.key_positions, strict=True):
            for position in positions:
                params[position] = key
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(composed.sql, params)
            rows = cursor.fetchall()
        return using, composed, [_converted(row, composed.expressions, connection) for row in rows]

    def _placeholders(self):
        return [
            f"~key {number}~" if number in self.text_keys else _PLACEHOLDER_BASE - number
            for number in range(self.keys)
        ]

    def _values(self, queryset):
        """The queryset to compose, and the names of its columns."""
        return queryset, ()

    def _compose(self, using):
        placeholders = self._placeholders()
        queryset, columns = self._values(self.build(*placeholders).using(using))
        compiler = queryset.query.get_compiler(using)
        sql, params = compiler.as_sql()
        key_positions = tuple(
            tuple(position for position, value in enumerate(params) if value == placeholder)
            for placeholder in placeholders
        )
        expressions = tuple(column[0] for column in compiler.select)
        if not all(key_positions) or (columns and len(expressions) != len(columns)):
            raise ValueError(f"The read did not compose as expected: {sql}")
        return _Composed(
            sql=sql,
            params=tuple(params),
            key_positions=key_positions,
            expressions=expressions,
            columns=tuple(columns),
        )


class ComposedRead(ComposedRows):
    """Model instances as `build(*keys)` (a queryset) would give them, its SQL composed
    once per database. `related` names foreign keys read with each row, as
    select_related would (the related object, or None, is cached on the instance)."""

    def __init__(self, build, *, keys, text_keys=(), related=()):
        super().__init__(build, keys=keys, text_keys=text_keys)
        self.related = tuple(related)

    def __call__(self, *keys):
        using, composed, rows = self._rows(keys)
        return [self._instance(self._model, using, composed, row) for row in rows]

    def _values(self, queryset):
        model = queryset.model
        columns = [field.attname for field in model._meta.concrete_fields]
        for name in self.related:
            target = model._meta.get_field(name).related_model
            columns += [f"{name}__{field.attname}" for field in target._meta.concrete_fields]
        return queryset.values_list(*columns), columns

    def _instance(self, model, using, composed, values):
        own = len(model._meta.concrete_fields)
        instance = model.from_db(using, composed.columns[:own], values[:own])
        start = own
        for name in self.related:
            field = model._meta.get_field(name)
            target = field.related_model
            count = len(target._meta.concrete_fields)
            related = None
            if getattr(instance, field.attname) is not None:
                names = [f.attname for f in target._meta.concrete_fields]
                related = target.from_db(using, names, values[start : start + count])
            field.set_cached_value(instance, related)
            start += count
        return instance


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

"""Plain rows for the set-based paths: attribute bags with one attribute per column (as
`attname`, so `account_id`, not `account`) and `pk`. Building and reading tens of
thousands of Django model instances costs more than the SQL they feed; these cost next
to nothing, and payments.services.bulk writes them in one statement."""

from types import SimpleNamespace


class RowMaker:
    """`ROWS.new(**columns)` makes a row for `model` with every column's default."""

    def __init__(self, model):
        self.model = model
        fields = [field for field in model._meta.concrete_fields if not field.primary_key]
        self.per_row = [
            field for field in fields if field.has_default() and callable(field.default)
        ]
        self.fixed = {
            field.attname: field.get_default() for field in fields if field not in self.per_row
        }

    def new(self, **columns):
        row = SimpleNamespace(pk=None, **self.fixed)
        for field in self.per_row:
            setattr(row, field.attname, field.default())
        row.__dict__.update(columns)
        return row


def read_rows(queryset, *fields):
    """Rows (with `pk`) for a queryset's `fields`, without making model instances."""
    return [
        SimpleNamespace(pk=values.pop("id"), **values) for values in queryset.values("id", *fields)
    ]

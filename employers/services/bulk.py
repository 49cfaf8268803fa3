"""Inserting thousands of returns at once. On PostgreSQL the rows go in with COPY,
which is what makes a 10,000-row file quick; elsewhere (SQLite) with bulk_create."""

from django.db import connection

from ..models import DeductionReturn

_BATCH = 2000


def insert_returns(values):
    """Insert DeductionReturn rows given as field values (see filing.return_values)."""
    if not values:
        return 0
    if connection.vendor != "postgresql":
        DeductionReturn.objects.bulk_create(
            [DeductionReturn(**row) for row in values], batch_size=_BATCH
        )
        return len(values)
    fields = list(values[0])
    # get_field takes a foreign key's attname ("order_id") as well as its name.
    columns = [DeductionReturn._meta.get_field(name).column for name in fields]
    table = DeductionReturn._meta.db_table
    column_list = ", ".join(connection.ops.quote_name(column) for column in columns)
    statement = f"COPY {connection.ops.quote_name(table)} ({column_list}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in values:
            copy.write_row([row[name] for name in fields])
    return len(values)

"""The database itself refuses to change or delete ledger entries and allocations.

PostgreSQL: a trigger refuses UPDATE and DELETE. SQLite: a trigger refuses UPDATE only,
because Django empties SQLite tables with DELETE between transactional tests (PostgreSQL
uses TRUNCATE, which these triggers do not see); the models refuse deletes on both."""

from django.db import migrations

INSERT_ONLY_TABLES = ["payments_ledgerentry", "payments_allocation"]

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION payments_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are insert-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;
"""


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION, params=None)
        for table in INSERT_ONLY_TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_insert_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION payments_refuse_change();"
            )
    elif vendor == "sqlite":
        for table in INSERT_ONLY_TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_insert_only BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} rows are insert-only: UPDATE refused'); END;"
            )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in INSERT_ONLY_TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_insert_only ON {table};")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_insert_only;")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS payments_refuse_change();")


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]

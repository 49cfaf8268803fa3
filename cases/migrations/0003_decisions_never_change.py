"""The database itself refuses to change a decision (a new one supersedes it).

PostgreSQL refuses UPDATE and DELETE; SQLite refuses UPDATE only, because Django empties
SQLite tables with DELETE between transactional tests. The model refuses both anywhere."""

from django.db import migrations

TABLE = "cases_decision"

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION cases_refuse_decision_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'decisions are never changed: % refused', TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;
"""


def create_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION, params=None)
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_never_change BEFORE UPDATE OR DELETE ON {TABLE} "
            f"FOR EACH ROW EXECUTE FUNCTION cases_refuse_decision_change();")
    elif vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_never_change BEFORE UPDATE ON {TABLE} "
            f"BEGIN SELECT RAISE(ABORT, 'decisions are never changed: UPDATE refused'); END;")


def drop_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_never_change ON {TABLE};")
        schema_editor.execute("DROP FUNCTION IF EXISTS cases_refuse_decision_change();")
    elif vendor == "sqlite":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_never_change;")


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_alter_changereport_caseworker_notes")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]

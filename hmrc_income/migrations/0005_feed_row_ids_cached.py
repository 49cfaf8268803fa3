from django.db import migrations

# A million-row import takes a million ids: cached 1000 at a time, each takes no lock or
# buffer of the sequence (~0.1 s of the import). Ids stay unique; an id given out but
# not used leaves a gap, and rows added by one connection may have lower ids than rows
# added just before by another, which nothing relies on (ids only break ties).
_CACHE = (
    "DO $$ BEGIN EXECUTE 'ALTER SEQUENCE ' "
    "|| pg_get_serial_sequence('hmrc_income_feedrow', 'id') || ' CACHE {}'; END $$"
)


def _cache(size):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(_CACHE.format(size))

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("hmrc_income", "0004_feed_rows_match_fields_without_constraints"),
    ]

    operations = [migrations.RunPython(_cache(1000), _cache(1))]

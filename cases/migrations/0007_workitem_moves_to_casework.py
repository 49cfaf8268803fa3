"""The caseworker queue now belongs to the casework app (see casework 0001): removed from
this app's state only; its table stays as it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_party_name_index"),
        ("casework", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="WorkItem")],
            database_operations=[],
        ),
    ]

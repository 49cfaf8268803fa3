"""The caseworker queue moves from the cases app without touching its table: the model
is created here in Django's state only, on the existing `cases_workitem` table, and the
content type is renamed so permissions given to staff roles and admin history follow."""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def rename_content_type(apps, schema_editor, old="cases", new="casework"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="workitem").exists():
        ContentType.objects.filter(app_label=old, model="workitem").update(app_label=new)


def restore_content_type(apps, schema_editor):
    rename_content_type(apps, schema_editor, old="casework", new="cases")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cases", "0006_party_name_index"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="WorkItem",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("change_report", "Change report"),
                                    ("reconsideration", "Mandatory reconsideration"),
                                    ("message", "Message from a parent"),
                                    ("missed_payment", "Missed payment"),
                                    ("deo_leaver", "Employee left (DEO)"),
                                    ("employer_payment_not_posted", "Employer payment not posted"),
                                    ("safeguarding", "Safeguarding"),
                                    ("other", "Other"),
                                ],
                                max_length=40,
                                verbose_name="kind",
                            ),
                        ),
                        ("summary", models.CharField(max_length=500, verbose_name="summary")),
                        (
                            "source_reference",
                            models.CharField(
                                blank=True, db_index=True, max_length=100, verbose_name="source reference"
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[("open", "Open"), ("in_progress", "In progress"), ("done", "Done")],
                                default="open",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ("closed_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "assigned_to",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="work_items",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "case",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="work_items",
                                to="cases.case",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "caseworker queue item",
                        "verbose_name_plural": "caseworker queue",
                        "ordering": ["status", "created_at", "id"],
                        "db_table": "cases_workitem",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_type, restore_content_type),
    ]

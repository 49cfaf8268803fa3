"""The staff roles (caseworker, team leader, finance) with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from cms_portal.staff_roles import sync_roles

    # Permissions are normally made after migrate; make them now so the roles get them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cms_portal", "0001_initial"),
        ("cases", "0004_employer_payment_not_posted"),
        ("employers", "0001_initial"),
        ("payments", "0004_team_leader_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]

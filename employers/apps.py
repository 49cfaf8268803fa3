from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EmployersConfig(AppConfig):
    name = "employers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (orders follow their case)
        from .permissions import grant_caseworker_permissions

        post_migrate.connect(grant_caseworker_permissions, sender=self,
                             dispatch_uid="employers.grant_caseworker_permissions")

from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "employers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (orders follow their case)

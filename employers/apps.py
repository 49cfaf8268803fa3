from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "employers"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Employers")

    def ready(self):
        from . import signals  # noqa: F401  (orders follow their case)

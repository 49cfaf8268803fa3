from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("Applications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cases.admin.overview import register_case_sections

        from .admin_overview import application_reads, application_sections

        register_case_sections(application_reads, application_sections)

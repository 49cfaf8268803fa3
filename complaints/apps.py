from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Complaints")

    def ready(self):
        from cases.admin.overview import register_case_sections

        from .admin_overview import complaint_reads, complaint_sections

        register_case_sections(complaint_reads, complaint_sections)

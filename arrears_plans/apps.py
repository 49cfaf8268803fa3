from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArrearsPlansConfig(AppConfig):
    name = "arrears_plans"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Arrears plans")

    def ready(self):
        from cases.admin.overview import register_case_sections

        from .admin_overview import arrears_plan_reads, arrears_plan_sections

        register_case_sections(arrears_plan_reads, arrears_plan_sections)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Payments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cases.admin.overview import register_case_sections

        from . import signals  # noqa: F401  (connects the decision receiver)
        from .admin.case_overview import money_reads, money_sections

        register_case_sections(money_reads, money_sections)

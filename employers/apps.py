from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "employers"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Employers")

    def ready(self):
        from cases.admin.overview import register_case_sections
        from payments.employer_money import register_employer_money

        from . import signals  # noqa: F401  (orders follow their case)
        from .admin_overview import order_reads, order_sections
        from .payments_money import EmployerMoney

        register_case_sections(order_reads, order_sections)
        register_employer_money(EmployerMoney())

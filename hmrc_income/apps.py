from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HmrcIncomeConfig(AppConfig):
    name = "hmrc_income"
    verbose_name = _("HMRC income")
    default_auto_field = "django.db.models.BigAutoField"

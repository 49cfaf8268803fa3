from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArrearsPlansConfig(AppConfig):
    name = "arrears_plans"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Arrears plans")

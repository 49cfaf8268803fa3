from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataRequestsConfig(AppConfig):
    name = "data_requests"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Copies of your data")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReformConfig(AppConfig):
    name = "reform"
    verbose_name = _("Single collection service")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import jobs

        jobs.register_move_job()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsPortalConfig(AppConfig):
    name = "cms_portal"
    verbose_name = _("Portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connected here, not by the middleware, so events from commands and tasks
        # reach the security log too.
        from .accounts import signals  # noqa: F401
        from .bad_input import install

        install()

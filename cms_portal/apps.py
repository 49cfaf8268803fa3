from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsPortalConfig(AppConfig):
    name = "cms_portal"
    verbose_name = _("Portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connected here, not by the middleware, so events from commands and tasks
        # reach the security log too.
        from .accounts import signals  # noqa: F401
        from .staff_roles import sync_roles_after_migrate

        # After migrate, so permissions of models added later reach the roles.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="cms_portal.sync_roles")
        from .bad_input import install

        install()

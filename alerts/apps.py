from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Alerts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The events happen in cases and payments, which know nothing of alerts: this app
        # registers its sender with the kernel, its row on the account page, and listens
        # to the signals those apps send.
        from cms_portal.accounts.presenters import register_account_rows
        from cms_portal.party_alerts import register_alert_sender

        from . import signals  # noqa: F401  (connects the receivers)
        from .delivery import send_alert
        from .presenters import account_rows

        register_alert_sender(send_alert)
        register_account_rows(account_rows)

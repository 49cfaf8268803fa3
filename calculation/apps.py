from datetime import date

from django.apps import AppConfig
from django.conf import settings


def reform_commencement_setting() -> date | None:
    """REFORM_COMMENCEMENT_DATE as a date (a date or an ISO string), None when unset.
    Read on every fee lookup, so a changed setting (and a test's override) applies at once."""
    value = getattr(settings, "REFORM_COMMENCEMENT_DATE", None)
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


class CalculationConfig(AppConfig):
    name = "calculation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .fees import set_reform_commencement_source

        set_reform_commencement_source(reform_commencement_setting)

from django.apps import AppConfig


class CalculationConfig(AppConfig):
    name = "calculation"
    default_auto_field = "django.db.models.BigAutoField"

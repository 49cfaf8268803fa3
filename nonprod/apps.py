from django.apps import AppConfig


class NonprodConfig(AppConfig):
    name = "nonprod"
    verbose_name = "Demo data (not for production)"

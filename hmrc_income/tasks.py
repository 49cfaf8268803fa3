from celery import shared_task
from django.conf import settings

from .drop_folder import scan


@shared_task(name="hmrc_income.tasks.scan_drop_folder")
def scan_drop_folder():
    """Beat runs this; it does nothing until HMRC_INCOME_DROP_DIR is set."""
    folder = settings.HMRC_INCOME_DROP_DIR
    return scan(folder) if folder else []

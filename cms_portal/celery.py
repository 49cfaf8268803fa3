"""The single Celery app. Reliability settings (acks late, reject on worker lost,
prefetch 1) come from Django settings under the CELERY_ namespace."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms_portal.settings.local")

app = Celery("cms_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

"""The Celery app: settings from Django's (CELERY_*), tasks from each app's tasks.py.

Worker: `celery -A config worker`; the periodic clean-up: `celery -A config beat`.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("magnesium")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

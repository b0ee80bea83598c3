# Load the Celery app with Django, so that every app's @shared_task is bound to it.
from config.celery import app as celery_app

__all__ = ("celery_app",)

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from core.jobs import JobTask
from foods.jobs import run_import
from foods.models import ImportJob


class ImportTask(JobTask):
    job_model = ImportJob


@shared_task(base=ImportTask, bind=True)
def import_foods(self, job_id: int) -> None:
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is not None:
        run_import(job)


@shared_task
def remove_old_imports() -> int:
    """Import jobs hold a whole CSV file: keep a month of them."""
    deleted, _ = ImportJob.objects.filter(created_at__lt=timezone.now() - timedelta(days=30)).delete()
    return deleted

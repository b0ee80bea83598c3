from celery import shared_task

from core.jobs import JobTask
from tracker.data import build_export
from tracker.data import remove_old_exports as remove_old
from tracker.importing import saving
from tracker.models import ExportJob, LogImport
from tracker.popularity import refresh_food_popularity


class ExportTask(JobTask):
    job_model = ExportJob


@shared_task(base=ExportTask, bind=True)
def export_data(self, job_id: int) -> None:
    job = ExportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is not None:
        build_export(job)


@shared_task
def remove_old_exports() -> int:
    return remove_old()


@shared_task
def refresh_popularity() -> int:
    """The search's popularity count, recounted daily by celery beat (settings.CELERY_BEAT_SCHEDULE)."""
    return refresh_food_popularity()


class LogImportTask(JobTask):
    job_model = LogImport


@shared_task(base=LogImportTask, bind=True)
def import_log(self, job_id: int) -> None:
    job = LogImport.objects.select_related("user").filter(pk=job_id).first()
    if job is not None:
        saving.save_import(job)


@shared_task
def remove_old_log_imports() -> int:
    return saving.remove_old_imports()

"""The admin's CSV import of foods as a background job: the file is checked and saved in one
transaction, all or nothing, as the admin's own import did; its progress goes to the cache."""

from django.utils import timezone
from import_export.formats.base_formats import CSV
from import_export.results import RowResult

from core.jobs import JobStatus
from foods.models import ImportJob
from foods.resources import FoodResource, import_problems

PROGRESS_EVERY = 100  # rows between two progress reports


def run_import(job: ImportJob) -> None:
    """Import the job's file; the job ends done (with counts) or refused (with its problems)."""
    if job.is_finished:  # delivered again after it ended
        return
    dataset = CSV(encoding="utf-8").create_dataset(job.csv)
    job.status, job.total = JobStatus.RUNNING, len(dataset)
    job.save(update_fields=["status", "total"])
    job.report_progress(0)
    resource = FoodResource(progress=job.report_progress, every=PROGRESS_EVERY)
    result = resource.import_data(
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        file_name=job.file_name,
        user=job.created_by,
    )
    problems = import_problems(result)
    job.finished_at = timezone.now()
    if problems:
        job.status, job.problems = JobStatus.REFUSED, problems
        job.message = "The file was refused; nothing was imported."
    else:
        totals = result.totals
        job.status = JobStatus.DONE
        job.message = (
            f"Import finished: {totals[RowResult.IMPORT_TYPE_NEW]} new, "
            f"{totals[RowResult.IMPORT_TYPE_UPDATE]} updated and "
            f"{totals[RowResult.IMPORT_TYPE_SKIP]} unchanged foods."
        )
    job.save(update_fields=["status", "problems", "message", "finished_at"])

"""Background jobs that a person waits for (the food import, the data export): their state in
the database, their progress in the shared cache, and a Celery task class that records a
failure on the job, so that the page the person watches says so.

A job is idempotent: delivered twice (a worker died mid-way, acks_late), it runs again from
the start in one transaction or, once finished, does nothing.
"""

import logging

from celery import Task
from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, models

from core.cache import CACHE_ERRORS, cache_down

logger = logging.getLogger("magnesium.jobs")

FAILED_MESSAGE = (
    "The job failed; nothing was changed. Please try again, or tell the site's staff if it fails again."
)
NOT_QUEUED_MESSAGE = (
    "The job could not be queued (the job service is down); nothing was changed. Please try again later."
)
# Errors worth another try: the database went away for a moment.
RETRY_ON = (OperationalError, InterfaceError)


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    REFUSED = "refused", "Refused"  # the input was wrong; the job says why
    FAILED = "failed", "Failed"


FINISHED = {JobStatus.DONE, JobStatus.REFUSED, JobStatus.FAILED}


class Job(models.Model):
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    def progress_key(self) -> str:
        return f"job-progress:{self._meta.label_lower}:{self.pk}"

    def report_progress(self, done: int) -> None:
        """Rows done so far, in the cache: the job's own writes are in a transaction that other
        connections cannot see until it ends."""
        try:
            cache.set(self.progress_key(), done, 24 * 60 * 60)
        except CACHE_ERRORS as error:
            cache_down("job progress", error)

    def done_so_far(self) -> int | None:
        if self.is_finished:
            return self.total
        try:
            return cache.get(self.progress_key())
        except CACHE_ERRORS as error:
            cache_down("job progress", error)
            return None


class JobTask(Task):
    """A task whose first argument is the id of a `job_model` row. A failure after the last
    retry (or one not worth retrying) marks the job failed, with a message for its owner."""

    job_model: type[Job]
    autoretry_for = RETRY_ON
    retry_backoff = 2
    max_retries = 3

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        logger.error("job %s %s failed: %s: %s", self.name, args[:1], type(exc).__name__, exc)
        self.job_model._default_manager.filter(pk=args[0]).exclude(status__in=FINISHED).update(
            status=JobStatus.FAILED, message=FAILED_MESSAGE
        )


def enqueue(task, job: Job) -> None:
    """Queue the job's task; when the broker cannot be reached the job is marked failed at once."""
    try:
        task.delay(job.pk)
    except Exception as error:  # kombu raises several kinds; any means "not queued"
        logger.error("job %s not queued: %s: %s", job.pk, type(error).__name__, error)
        type(job)._default_manager.filter(pk=job.pk).update(
            status=JobStatus.FAILED, message=NOT_QUEUED_MESSAGE
        )
    job.refresh_from_db()


def runs_in_request() -> bool:
    return bool(getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False))

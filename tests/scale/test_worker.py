"""A real Celery worker on Redis runs the jobs: the admin's import of the whole food list
answers at once and finishes as a job with progress shown, and the data export is built."""

import csv
import io
import time

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from config.settings import REDIS_CACHES
from foods.models import Food, ImportJob
from foods.resources import COLUMNS, FoodResource
from tests.scale.services import celery_worker, flush_redis, skip_unless_services
from tracker.models import ExportJob

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(settings):
    skip_unless_services()
    flush_redis()
    settings.CACHES = REDIS_CACHES  # the worker reports progress in Redis; the page reads it there
    with celery_worker() as process:
        yield process


def wait_until_finished(model, pk, seconds, on_poll=lambda job: None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = model.objects.get(pk=pk)
        on_poll(job)
        if job.is_finished:
            return job
        time.sleep(0.5)
    raise TimeoutError(f"{model.__name__} {pk} still {job.status}")


def test_the_whole_food_list_imports_as_a_job_on_a_worker(worker, admin_user):
    call_command("load_foods", verbosity=0)
    foods = Food.objects.count()
    assert foods == 8789
    exported = FoodResource().export()
    rows = list(csv.reader(io.StringIO(exported.csv)))
    rows[1][COLUMNS.index("magnesium_mg")] = "123"  # one change among the 8,789 rows
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)

    client = Client()
    client.force_login(admin_user)
    started = time.monotonic()
    upload = io.BytesIO(buffer.getvalue().encode())
    upload.name = "all-foods.csv"
    response = client.post(
        reverse("admin:foods_food_import"), {"resource": "0", "format": "0", "import_file": upload}
    )
    answered_s = time.monotonic() - started
    assert response.status_code == 302
    assert answered_s < 15  # at once (a loaded CI machine aside): the worker checks the rows

    job_id = ImportJob.objects.get().pk
    progress = []

    def look(job):
        page = client.get(response.url).content.decode()
        if job.status == "running" and " rows checked (" in page:
            progress.append(page.split(" rows checked (")[0].rsplit(": ", 1)[-1])

    job = wait_until_finished(ImportJob, job_id, seconds=600, on_poll=look)
    assert job.status == "done", job.message
    assert job.message == "Import finished: 0 new, 1 updated and 8788 unchanged foods."
    assert progress, "no progress was shown while the job ran"
    assert Food.objects.get(pk=rows[1][0]).magnesium_mg == 123
    print(f"\nimport job: answered in {answered_s:.2f} s; finished {job.finished_at - job.created_at} after")


def test_the_data_export_is_built_by_the_worker(worker, user):
    client = Client()
    client.force_login(user)
    client.post(reverse("accounts:export"))
    job = wait_until_finished(ExportJob, ExportJob.objects.get().pk, seconds=60)
    assert job.status == "done"
    assert client.get(reverse("accounts:export_file", args=[job.pk])).json()["account"]["username"] == "alice"

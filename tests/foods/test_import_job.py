"""The admin's food import as a job (foods/jobs.py, foods/tasks.py): the upload answers at
once, the job's page shows progress then the outcome, a job run twice changes nothing more,
a failed job says so. Jobs here run in the test's process; tests/scale/ runs a real worker."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils.html import escape
from kombu.exceptions import OperationalError as BrokerDown

from core.jobs import FAILED_MESSAGE, NOT_QUEUED_MESSAGE
from foods.models import Food, ImportJob
from foods.tasks import import_foods
from tests.foods.test_csv import csv_file, row

pytestmark = pytest.mark.django_db


def send(client, rows):
    return client.post(
        reverse("admin:foods_food_import"), {"resource": "0", "format": "0", "import_file": csv_file(rows)}
    )


def test_the_upload_answers_at_once_and_the_job_shows_progress_then_its_outcome(admin_client):
    rows = [row(f"Water, brand {n:03}") for n in range(250)]
    with mock.patch.object(import_foods, "delay") as queued:  # a worker will take it
        response = send(admin_client, rows)
    job = ImportJob.objects.get()
    queued.assert_called_once_with(job.pk)
    assert response.url == reverse("admin:foods_food_import_job", args=[job.pk])
    page = admin_client.get(response.url).content.decode()
    assert "Waiting for a worker" in page and 'http-equiv="refresh"' in page
    assert Food.objects.count() == 0

    seen = []
    with mock.patch.object(
        ImportJob, "report_progress", autospec=True, side_effect=lambda j, n: seen.append(n)
    ):
        import_foods.delay(job.pk)  # what the worker does
    assert seen == [0, 100, 200]
    page = admin_client.get(response.url).content.decode()
    assert "Import finished: 250 new, 0 updated and 0 unchanged foods." in page
    assert 'http-equiv="refresh"' not in page
    assert Food.objects.count() == 250


def test_a_running_job_shows_how_many_rows_are_done(admin_client):
    with mock.patch.object(import_foods, "delay"):
        job = ImportJob.objects.get(
            pk=admin_client.get(send(admin_client, [row("Water")]).url).context["job"].pk
        )
    job.status, job.total = "running", 400
    job.save()
    job.report_progress(100)
    page = admin_client.get(reverse("admin:foods_food_import_job", args=[job.pk])).content.decode()
    assert "100 of 400 rows checked (25 %)" in page


def test_a_job_delivered_twice_imports_once(admin_client):
    send(admin_client, [row("Water, once")])
    job = ImportJob.objects.get()
    history = Food.history.count()
    import_foods.delay(job.pk)
    assert (Food.objects.count(), Food.history.count()) == (1, history)


def test_a_job_that_fails_says_so_on_its_page(admin_client):
    with mock.patch("foods.jobs.FoodResource.import_data", side_effect=RuntimeError("bug")):
        response = send(admin_client, [row("Water")])
    assert ImportJob.objects.get().status == "failed"
    assert escape(FAILED_MESSAGE) in admin_client.get(response.url).content.decode()
    assert Food.objects.count() == 0


def test_a_database_hiccup_is_retried(admin_client):
    real = __import__("foods.jobs", fromlist=["FoodResource"]).FoodResource.import_data
    calls = []

    def flaky(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(self, *args, **kwargs)

    with mock.patch("foods.jobs.FoodResource.import_data", flaky):
        send(admin_client, [row("Water")])
    assert len(calls) == 2
    assert ImportJob.objects.get().status == "done"


def test_a_job_that_cannot_be_queued_says_so_at_once(admin_client):
    with mock.patch.object(import_foods, "delay", side_effect=BrokerDown("connection refused")):
        response = send(admin_client, [row("Water")])
    assert escape(NOT_QUEUED_MESSAGE) in admin_client.get(response.url).content.decode()


def test_only_importers_see_a_job(client, django_user_model, admin_client):
    send(admin_client, [row("Water")])
    staff = django_user_model.objects.create_user("helper", password="a-long-test-password", is_staff=True)
    client.force_login(staff)
    job = ImportJob.objects.get()
    assert client.get(reverse("admin:foods_food_import_job", args=[job.pk])).status_code == 403

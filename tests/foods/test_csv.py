"""CSV export and import of the food list in the admin: all or nothing, every bad row named.

An import is a job (tests/foods/test_import_job.py); here jobs run in the request (eagerly), so
the job's page shows its outcome at once."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from foods.models import NUTRIENT_FIELDS, Food
from foods.resources import COLUMNS
from tests.factories import make_custom_food, make_food

pytestmark = pytest.mark.django_db


def csv_file(rows, name="foods.csv"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(), content_type="text/csv")


def row(food_name, magnesium="100", **values):
    fields = {column: "" for column in COLUMNS}
    fields.update(
        name=food_name, category="Beverages", source="custom", magnesium_mg=magnesium, is_active="1"
    )
    fields.update(values)
    return [fields[column] for column in COLUMNS]


def upload(client, file):
    """Send the file; the job's page, as the redirect leads to it."""
    sent = client.post(
        reverse("admin:foods_food_import"), {"resource": "0", "format": "0", "import_file": file}
    )
    assert sent.status_code == 302
    return client.get(sent.url)


def export(client):
    fields = {f"foodresource_{column}": "on" for column in COLUMNS}
    response = client.post(reverse("admin:foods_food_export"), {"resource": "0", "format": "0", **fields})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_export_writes_every_curated_food_but_no_private_custom_food(admin_client, user):
    make_food("Almonds", fdc_id=170567, magnesium_mg=Decimal("270"), potassium_mg=None)
    make_custom_food(user, "Mineral water, Brand X", status="suggested")
    make_custom_food(user, "Alice's private bread")
    header, *rows = export(admin_client)
    assert header == COLUMNS
    foods = {line[1]: dict(zip(header, line, strict=True)) for line in rows}
    assert sorted(foods) == ["Almonds", "Mineral water, Brand X"]
    assert foods["Almonds"]["fdc_id"] == "170567"
    assert foods["Almonds"]["magnesium_mg"] == "270.000"
    assert foods["Almonds"]["potassium_mg"] == ""
    assert foods["Almonds"]["is_active"] == "1"


def test_an_exported_file_imports_back_without_changing_anything(admin_client):
    make_food("Almonds", fdc_id=170567, vitamin_d_ug=None)
    make_food("Spinach, raw", is_active=False)
    rows = export(admin_client)[1:]
    history = Food.history.count()
    page = upload(admin_client, csv_file(rows))
    assert page.context["problems"] == []
    assert page.context["job"].message == "Import finished: 0 new, 0 updated and 2 unchanged foods."
    assert Food.history.count() == history
    assert Food.objects.count() == 2


def test_a_file_with_one_bad_row_among_100_writes_nothing_and_names_the_row(admin_client):
    make_food("Almonds")
    rows = [row(f"Water, mineral, brand {number:03}") for number in range(1, 101)]
    rows[56] = row("Water, mineral, brand 057", magnesium="-5")
    response = upload(admin_client, csv_file(rows))
    assert response.status_code == 200
    problem = "Row 57 (line 58): magnesium_mg: An amount cannot be negative; leave it empty when unknown."
    assert response.context["problems"] == [problem]
    assert response.context["job"].status == "refused"
    page = response.content.decode()
    assert "The file was refused; nothing was imported" in page
    assert problem in page
    assert list(Food.objects.values_list("name", flat=True)) == ["Almonds"]


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"magnesium_mg": "abc"}, "magnesium_mg: “abc” is not a number."),
        ({"magnesium_mg": "70000"}, "magnesium_mg: No food has more than 60,300 mg of magnesium per 100 g;"),
        ({"calcium_mg": "-1"}, "calcium_mg: An amount cannot be negative"),
        ({"fdc_id": "170567"}, "fdc_id: Food with this FDC id already exists."),
        ({"name": ""}, "name: This field cannot be blank."),
        ({"source": "wiki"}, "source: Value 'wiki' is not a valid choice."),
        ({"is_active": "yes"}, "is_active: “yes” is not 1, 0, true or false."),
        ({"id": "999999"}, "id: No food has id 999999; leave id empty to add a new food."),
        ({"id": "x1"}, "id: “x1” is not a food id."),
    ],
)
def test_each_kind_of_bad_row_is_named_with_its_reason(admin_client, values, problem):
    make_food("Almonds", fdc_id=170567)
    rows = [row("Water, first"), row("Water, second", **values), row("Water, third")]
    response = upload(admin_client, csv_file(rows))
    [reported] = response.context["problems"]
    assert reported.startswith(f"Row 2 (line 3): {problem}")
    assert Food.objects.count() == 1


def test_private_custom_foods_cannot_be_changed_by_import(admin_client, user):
    private = make_custom_food(user, "Alice's bread")
    response = upload(admin_client, csv_file([row("Bread, changed", id=str(private.pk))]))
    assert response.context["problems"] == [
        f"Row 1 (line 2): id: No food has id {private.pk}; leave id empty to add a new food."
    ]
    private.refresh_from_db()
    assert private.name == "Alice's bread"


def test_a_good_file_adds_and_changes_foods_and_each_change_is_in_their_history(admin_client, admin_user):
    almonds = make_food("Almonds", magnesium_mg=Decimal("270"))
    [exported] = export(admin_client)[1:]
    exported[COLUMNS.index("magnesium_mg")] = "268"
    page = upload(admin_client, csv_file([exported, row("Water, Brand Y", "9.5")]))
    assert page.context["problems"] == []
    assert "Import finished: 1 new, 1 updated and 0 unchanged foods." in page.content.decode()

    almonds.refresh_from_db()
    water = Food.objects.get(name="Water, Brand Y")
    assert (almonds.magnesium_mg, water.magnesium_mg, water.created_by) == (
        Decimal(268),
        Decimal("9.5"),
        None,
    )
    for food in (almonds, water):
        latest = food.history.first()
        assert (latest.history_user, latest.history_change_reason) == (admin_user, "CSV import (foods.csv)")
    assert almonds.history.first().diff_against(almonds.history.all()[1]).changed_fields == ["magnesium_mg"]


def test_import_needs_add_and_change_permissions_and_export_needs_view(client, django_user_model):
    staff = django_user_model.objects.create_user("helper", password="a-long-test-password", is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("admin:foods_food_import")).status_code == 403
    assert client.get(reverse("admin:foods_food_export")).status_code == 403

    staff.user_permissions.add(Permission.objects.get(codename="view_food"))
    assert client.get(reverse("admin:foods_food_export")).status_code == 200
    assert client.get(reverse("admin:foods_food_import")).status_code == 403


def test_a_curator_can_import(curator_client):
    page = upload(
        curator_client, csv_file([row("Water, Brand Z", **{name: "1" for name in NUTRIENT_FIELDS})])
    )
    assert page.context["problems"] == []
    assert Food.objects.get().name == "Water, Brand Z"

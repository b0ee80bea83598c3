import pytest
from django.urls import reverse

from tests.factories import make_entry, make_food

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    staff = django_user_model.objects.create_superuser("staff", "staff@example.com", "a-long-test-password")
    client.force_login(staff)
    return client


def test_staff_see_entries_read_only(staff_client, user):
    entry = make_entry(user, make_food())
    assert staff_client.get(reverse("admin:tracker_intakeentry_changelist")).status_code == 200
    page = staff_client.get(reverse("admin:tracker_intakeentry_change", args=[entry.pk])).content.decode()
    assert 'name="_save"' not in page
    assert staff_client.get(reverse("admin:tracker_intakeentry_add")).status_code == 403
    assert (
        staff_client.post(
            reverse("admin:tracker_intakeentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )


def test_non_staff_users_cannot_open_the_admin(alice_client, user):
    entry = make_entry(user, make_food())
    response = alice_client.get(reverse("admin:tracker_intakeentry_change", args=[entry.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_food_admin_searches_and_filters(staff_client):
    make_food("Almonds", category="Nut and Seed Products")
    make_food("Spinach, raw", category="Vegetables and Vegetable Products")
    response = staff_client.get(reverse("admin:foods_food_changelist"), {"q": "almond"})
    assert [food.name for food in response.context["cl"].result_list] == ["Almonds"]
    response = staff_client.get(
        reverse("admin:foods_food_changelist"), {"category": "Vegetables and Vegetable Products"}
    )
    assert [food.name for food in response.context["cl"].result_list] == ["Spinach, raw"]
    food = make_food("Kale")
    assert staff_client.get(reverse("admin:foods_food_change", args=[food.pk])).status_code == 200

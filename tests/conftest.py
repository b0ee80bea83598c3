from decimal import Decimal

import pytest

from tests.factories import make_food, make_portion


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("alice", "alice@example.com", "a-long-test-password")


@pytest.fixture
def other_user(django_user_model):
    return django_user_model.objects.create_user("bob", "bob@example.com", "a-long-test-password")


@pytest.fixture
def alice_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def pumpkin(db):
    food = make_food(fdc_id=170188)
    make_portion(food, "1 oz", "28.35")
    make_portion(food, "1 cup", "138")
    return food


@pytest.fixture
def spinach(db):
    food = make_food(
        "Spinach, cooked, boiled, drained, without salt",
        category="Vegetables and Vegetable Products",
        magnesium_mg=Decimal("87"),
        calcium_mg=Decimal("136"),
        phosphorus_mg=Decimal("56"),
        potassium_mg=Decimal("466"),
    )
    make_portion(food, "1 cup", "180")
    return food

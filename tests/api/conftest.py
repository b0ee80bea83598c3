from decimal import Decimal

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.factories import make_food, make_portion


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Throttle counts live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def alice_api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def bob_api(other_user):
    client = APIClient()
    client.force_authenticate(other_user)
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

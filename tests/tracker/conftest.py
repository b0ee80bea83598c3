import pytest

from tests.factories import make_food, make_portion


@pytest.fixture
def pumpkin():
    """Pumpkin seeds (592 mg magnesium per 100 g) with two portions: 1 oz, then 1 cup."""
    food = make_food()
    make_portion(food, "1 oz", "28.35")
    make_portion(food, "1 cup", "138")
    return food

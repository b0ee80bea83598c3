"""Food and portion rules: physical bounds, review status, visibility, complete history."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from foods.history import UNRECORDED_REASON
from foods.models import NUTRIENT_FIELDS, Food, Portion
from foods.search import visible_foods
from tests.factories import make_custom_food, make_food, make_portion

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "highest", "too_high"),
    [
        ("magnesium_mg", "60300", "60300.001"),
        ("calcium_mg", "100000", "100000.001"),
        ("sodium_mg", "100000", "100001"),
        ("energy_kcal", "902", "902.5"),
        ("fiber_g", "100", "100.001"),
        ("vitamin_k_ug", "9999999.999", None),  # the field's digits stop below 100 g
    ],
)
def test_amounts_stop_at_what_100_g_of_food_can_hold(field, highest, too_high):
    Food(name="Test", **{field: Decimal(highest)}).full_clean()
    if too_high is not None:
        with pytest.raises(ValidationError) as error:
            Food(name="Test", **{field: Decimal(too_high)}).full_clean()
        assert list(error.value.message_dict) == [field]
        assert error.value.message_dict[field][0].startswith("No food has more than")


@pytest.mark.parametrize("field", list(NUTRIENT_FIELDS))
def test_no_amount_may_be_negative_but_zero_and_unknown_are_fine(field):
    Food(name="Test", **{field: Decimal(0)}).full_clean()
    Food(name="Test", **{field: None}).full_clean()
    with pytest.raises(ValidationError, match="An amount cannot be negative"):
        Food(name="Test", **{field: Decimal("-0.001")}).full_clean()


def test_the_usda_extremes_pass_the_bounds():
    # SR28's highest values: rice bran (magnesium), table salt (sodium), lard (energy).
    Food(
        name="Test", magnesium_mg=Decimal(781), sodium_mg=Decimal(38758), energy_kcal=Decimal(902)
    ).full_clean()


@pytest.mark.parametrize(("grams", "valid"), [("0.001", True), ("0", False), ("-1", False)])
def test_a_portion_must_weigh_more_than_zero(grams, valid):
    portion = Portion(food=make_food(), description="1 cup", grams=Decimal(grams))
    if valid:
        portion.full_clean()
    else:
        with pytest.raises(ValidationError, match="A portion must weigh more than 0 g."):
            portion.full_clean()


def test_only_a_users_food_has_a_review_status_and_a_rejection_needs_a_reason(user):
    with pytest.raises(ValidationError, match="Only a user's custom food has a review status"):
        Food(name="Almonds", status="approved").full_clean()
    with pytest.raises(ValidationError, match="Give the reason; the author will see it."):
        Food(name="Water", created_by=user, status="rejected", rejection_reason=" ").full_clean()
    Food(name="Water", created_by=user, status="rejected", rejection_reason="A duplicate.").full_clean()


def test_approved_custom_foods_join_the_shared_list(user, other_user):
    shared = make_food("Almonds")
    own = make_custom_food(user, "Alice's water")
    statuses = ("private", "suggested", "rejected", "approved")
    bobs = {
        status: make_custom_food(other_user, f"Bob's {status} water", status=status) for status in statuses
    }
    make_custom_food(other_user, "Bob's archived approved water", status="approved", is_active=False)

    assert set(visible_foods(user)) == {shared, own, bobs["approved"]}
    assert set(visible_foods(AnonymousUser())) == {shared, bobs["approved"]}
    assert set(visible_foods(other_user)) == {shared, *bobs.values()}


def test_a_change_after_a_bulk_write_first_records_the_values_it_replaces():
    food = make_food("Kale, raw", magnesium_mg=Decimal("47"))
    portion = make_portion(food, "1 cup", "21")
    Food.objects.filter(pk=food.pk).update(magnesium_mg=Decimal("33"))  # as the USDA import does
    Portion.objects.filter(pk=portion.pk).update(grams=Decimal("16"))

    food.refresh_from_db()
    food.magnesium_mg = Decimal("35")
    food.save()
    portion.refresh_from_db()
    portion.grams = Decimal("17")
    portion.save()

    for history, field, values in (
        (food.history, "magnesium_mg", ["35.000", "33.000", "47.000"]),
        (portion.history, "grams", ["17.000", "16.000", "21.000"]),
    ):
        records = list(history.all())
        assert [f"{getattr(record, field):.3f}" for record in records] == values
        assert [record.history_change_reason for record in records] == [None, UNRECORDED_REASON, None]


def test_a_save_that_changes_nothing_outside_the_history_adds_no_extra_record():
    food = make_food("Kale, raw")
    food.name = "Kale, raw (curly)"
    food.save()
    assert [record.history_type for record in food.history.all()] == ["~", "+"]

"""Recipes: a user's dishes made of foods, logged through a food of their own (foods.models.Recipe).

The recipe's food holds the dish's values per 100 g and a "1 serving" portion, worked out from
the ingredients (core.nutrition.dish_totals) each time the recipe or an ingredient changes: it is
then logged like any food (by servings or by grams of the dish), and its entries keep their own
copy of the values when the recipe changes later. A value unknown for one ingredient is unknown
for the dish: never a sum that silently counts it as 0."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.utils.text import capfirst

from core import nutrition
from foods.models import (
    MAX_INGREDIENTS,
    NUTRIENT_FIELDS,
    Food,
    Portion,
    Recipe,
    RecipeIngredient,
    ReviewStatus,
    Source,
)
from foods.search import visible_foods

CATEGORY = "Recipes"
SERVING = "1 serving"
# The minerals and vitamins a recipe page shows, per serving and per 100 g.
SHOWN = ["magnesium_mg", "calcium_mg", "phosphorus_mg", "potassium_mg", "vitamin_d_ug", "vitamin_k_ug"]
# A finished dish may weigh a tenth to ten times its ingredients (a reduction, a soup).
WEIGHT_RATIO = Decimal(10)
MILLI = Decimal("0.001")
# What a recipe's values are worked out from, fetched with it.
RECIPE_PREFETCH = ("ingredients__food", "ingredients__portion")


@dataclass
class Totals:
    """What a recipe's ingredients add up to."""

    ingredients: int
    ingredients_g: Decimal  # the ingredients' weight
    weight_g: Decimal | None  # the dish's weight (cooked, or the ingredients'); None when empty
    serving_g: Decimal | None
    total: dict[str, Decimal | None]
    unknown: dict[str, int]  # per nutrient: how many ingredients have no value for it

    def per_100g(self) -> dict[str, Decimal | None]:
        if not self.weight_g:
            return {name: None for name in NUTRIENT_FIELDS}
        return {
            name: None if value is None else nutrition.per_100g(value, self.weight_g)
            for name, value in self.total.items()
        }

    def per_serving(self, servings: Decimal) -> dict[str, Decimal | None]:
        return {
            name: None if value is None else (value / servings).quantize(MILLI, ROUND_HALF_UP)
            for name, value in self.total.items()
        }


def own_recipes(user) -> QuerySet[Recipe]:
    """A user's recipes; another user's recipe is not found here."""
    return Recipe.objects.filter(user=user).select_related("food")


def ingredients_of(recipe: Recipe) -> list[RecipeIngredient]:
    return list(recipe.ingredients.select_related("food", "portion"))


def totals(recipe: Recipe, ingredients: list[RecipeIngredient]) -> Totals:
    parts = [(i.amount_g, {name: getattr(i.food, name) for name in NUTRIENT_FIELDS}) for i in ingredients]
    total, unknown = nutrition.dish_totals(parts, list(NUTRIENT_FIELDS))
    ingredients_g = sum((i.amount_g for i in ingredients), Decimal(0))
    weight = (recipe.cooked_weight_g or ingredients_g) if ingredients else None
    serving = (weight / recipe.servings).quantize(MILLI, ROUND_HALF_UP) if weight else None
    return Totals(len(ingredients), ingredients_g, weight, serving, total, unknown)


def check(recipe: Recipe, found: Totals) -> None:
    """Refuse (ValidationError by field) a dish weight or a number of servings that make no sense
    for these ingredients."""
    if found.weight_g is None:
        return
    if recipe.cooked_weight_g is not None and not (
        found.ingredients_g / WEIGHT_RATIO <= recipe.cooked_weight_g <= found.ingredients_g * WEIGHT_RATIO
    ):
        raise ValidationError(
            {
                "cooked_weight_g": f"The ingredients weigh {nutrition.plain_decimal(found.ingredients_g)} g: "
                "a finished dish weighs between a tenth and ten times that. Check the weight, or leave it "
                "empty."
            }
        )
    if found.serving_g is not None and found.serving_g < Decimal("0.1"):
        raise ValidationError({"servings": "Each serving would weigh less than 0.1 g: make fewer servings."})
    for name, value in found.per_100g().items():
        try:
            Food._meta.get_field(name).run_validators(value)
        except ValidationError as error:
            raise ValidationError({"cooked_weight_g": error.messages}) from error


def refresh(recipe: Recipe, ingredients: list[RecipeIngredient] | None = None) -> Totals:
    """Store the dish's values per 100 g and its serving on the recipe's food; the food can be
    logged (is active) only while the recipe has ingredients. Call in a transaction."""
    ingredients = ingredients_of(recipe) if ingredients is None else ingredients
    found = totals(recipe, ingredients)
    check(recipe, found)
    food = recipe.food
    for name, value in found.per_100g().items():
        setattr(food, name, value)
    food.is_active = bool(ingredients)
    food.save()
    if found.serving_g is not None:
        Portion.objects.update_or_create(
            food=food, seq=1, defaults={"description": SERVING, "grams": found.serving_g}
        )
    return found


def new_recipe(user, name: str, servings: Decimal = Decimal(1)) -> Recipe:
    """An empty recipe of the user's, and its food (private, not loggable until it has ingredients)."""
    food = Food.objects.create(
        name=name,
        category=CATEGORY,
        source=Source.RECIPE,
        created_by=user,
        status=ReviewStatus.PRIVATE,
        is_active=False,
    )
    return Recipe.objects.create(user=user, food=food, servings=servings)


@transaction.atomic
def delete_recipe(recipe: Recipe) -> Food:
    """Delete the recipe and its food; a food in the log stays, archived, for its entries (PROTECT).

    The food's row is locked first, as logging it locks it (tracker.services.save_entry): an
    entry being saved meanwhile is either in before the check below, which then archives the
    food, or waits and then finds the food gone."""
    food = recipe.food
    Food.objects.filter(pk=food.pk).lock()
    if not food.entries.exists():
        try:
            food.delete()
        except ProtectedError:  # an entry logged since the check (PROTECT finds it: nothing deleted)
            pass
        else:
            return food
    recipe.delete()
    food.is_active = False
    food.save()
    return food


def ingredient_foods(user, recipe: Recipe | None = None) -> QuerySet[Food]:
    """The foods a user may put in a recipe: any they may log, the recipe's own food excepted."""
    foods = visible_foods(user)
    return foods.exclude(pk=recipe.food_id) if recipe else foods


def add_ingredients(
    recipe: Recipe, amounts: list[tuple[Food, Portion | None, Decimal | None, Decimal | None]]
) -> None:
    """Add (food, portion, quantity, grams) amounts to the recipe and refresh its values once;
    ValidationError when the recipe would hold too many or the dish would make no sense."""
    if recipe.ingredients.count() + len(amounts) > MAX_INGREDIENTS:
        raise ValidationError(f"A recipe holds at most {MAX_INGREDIENTS} ingredients.")
    added = []
    for food, portion, quantity, grams in amounts:
        ingredient = RecipeIngredient(recipe=recipe, food=food)
        set_amount(ingredient, portion, quantity, grams)
        added.append(ingredient)
    RecipeIngredient.objects.bulk_create(added)
    refresh(recipe)


def set_amount(ingredient: RecipeIngredient, portion: Portion | None, quantity, grams) -> None:
    ingredient.portion = portion
    ingredient.quantity = quantity if portion else Decimal(1)
    ingredient.amount_g = nutrition.amount_in_grams(portion.grams if portion else None, quantity, grams)
    if ingredient.amount_g <= 0:
        raise ValidationError("The amount must weigh more than 0 g.")


def nutrient_label(name: str) -> str:
    """A Food field's name as a heading: "Vitamin D, D2 + D3" (capfirst keeps the D's capital)."""
    return capfirst(str(Food._meta.get_field(name).verbose_name.split(" (")[0]))


def unknown_notes(found: Totals) -> list[str]:
    """ "Magnesium unknown for 1 of 6 ingredients", for each shown value with unknowns."""
    return [
        f"{nutrient_label(name)} unknown for {found.unknown[name]} of {found.ingredients} "
        f"ingredient{'' if found.ingredients == 1 else 's'}: the dish's value is unknown, not counted as 0."
        for name in SHOWN
        if found.unknown[name]
    ]


def value_rows(found: Totals, servings: Decimal) -> list[tuple[str, Decimal | None, Decimal | None, str]]:
    """(nutrient, per serving, per 100 g, unit) for the nutrients a recipe page shows."""
    per_serving, per_100g = found.per_serving(servings), found.per_100g()
    return [
        (
            nutrient_label(name),
            per_serving[name] if found.ingredients else None,
            per_100g[name],
            NUTRIENT_FIELDS[name],
        )
        for name in SHOWN
    ]

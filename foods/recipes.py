"""Recipes: a user's dishes made of foods, logged through a food of their own (foods.models.Recipe).

The recipe's food holds the dish's values per 100 g and a "1 serving" portion, worked out from
the ingredients (core.nutrition.dish_totals) each time the recipe or an ingredient changes: it is
then logged like any food (by servings or by grams of the dish), and its entries keep their own
copy of the values when the recipe changes later. A value unknown for one ingredient is unknown
for the dish: never a sum that silently counts it as 0."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.views.decorators.http import require_POST

from core import nutrition, once
from foods.amounts import AmountForm, starting_amount
from foods.forms import RecipeForm
from foods.models import (  # noqa: F401  (MAX_INGREDIENTS: the recipes' limit, for callers)
    MAX_INGREDIENTS,
    NUTRIENT_FIELDS,
    Food,
    Portion,
    Recipe,
    RecipeIngredient,
    ReviewStatus,
    Source,
)
from foods.search import find_foods, visible_foods

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
    """Delete the recipe and its food; a food in the log stays, archived, for its entries (PROTECT)."""
    food = recipe.food
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


# Pages


@login_required
def recipe_list(request):
    form = RecipeForm(request.POST or None, initial={"servings": Decimal(1)}, new=True)
    if request.method == "POST" and form.is_valid():
        with once.writing(request) as repeat:
            if repeat:
                once.repeated(request)
                return redirect("foods:recipe_list")
            recipe = new_recipe(request.user, form.cleaned_data["name"], form.cleaned_data["servings"])
        messages.success(request, f"Created “{recipe}”: now add its ingredients.")
        return redirect(recipe)
    recipes = list(own_recipes(request.user).prefetch_related("food__portions"))
    for recipe in recipes:
        servings = [p for p in recipe.food.portions.all() if p.seq == 1]
        recipe.serving_mg = (
            nutrition.nutrient_for_amount(recipe.food.magnesium_mg, servings[0].grams) if servings else None
        )
    return render(request, "foods/recipe_list.html", {"recipes": recipes, "form": form})


@login_required
def recipe_edit(request, pk):
    recipe = get_object_or_404(own_recipes(request.user), pk=pk)
    form = RecipeForm(request.POST or None, instance=recipe)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.save()
                refresh(recipe)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Saved “{recipe}”.")
            return redirect(recipe)
        recipe.refresh_from_db()
    ingredients = ingredients_of(recipe)
    found = totals(recipe, ingredients)
    query = request.GET.get("q", "").strip()[:100]
    results = find_foods(ingredient_foods(request.user, recipe), query, "", "relevance")[:10] if query else []
    return render(
        request,
        "foods/recipe_edit.html",
        {
            "recipe": recipe,
            "form": form,
            "ingredients": ingredients,
            "totals": found,
            "rows": value_rows(found, recipe.servings),
            "unknown_notes": unknown_notes(found),
            "query": query,
            "results": results,
            "is_full": len(ingredients) >= MAX_INGREDIENTS,
        },
    )


@login_required
def ingredient_add(request, pk, food_id):
    recipe = get_object_or_404(own_recipes(request.user), pk=pk)
    food = get_object_or_404(ingredient_foods(request.user, recipe), pk=food_id)
    return amount_page(request, recipe, food, None)


@login_required
def ingredient_edit(request, pk, ingredient_pk):
    recipe = get_object_or_404(own_recipes(request.user), pk=pk)
    ingredient = get_object_or_404(recipe.ingredients.select_related("food", "portion"), pk=ingredient_pk)
    return amount_page(request, recipe, ingredient.food, ingredient)


def amount_page(request, recipe: Recipe, food: Food, ingredient: RecipeIngredient | None):
    form = AmountForm(request.POST or None, food=food)
    if ingredient is None:
        form.initial = starting_amount(food, form.measures)
    elif ingredient.portion:
        form.initial = {
            "portion": str(ingredient.portion_id),
            "quantity": nutrition.plain_decimal(ingredient.quantity),
        }
    else:
        form.initial = {"portion": "", "quantity": 1, "grams": nutrition.plain_decimal(ingredient.amount_g)}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with once.writing(request) as repeat:
                if repeat:
                    once.repeated(request)
                    return redirect(recipe)
                if ingredient is None:
                    add_ingredients(recipe, [(food, data["portion"], data["quantity"], data["grams"])])
                else:
                    set_amount(ingredient, data["portion"], data["quantity"], data["grams"])
                    ingredient.save()
                    refresh(recipe)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"{'Added' if ingredient is None else 'Changed'} {food}.")
            return redirect(recipe)
    return render(
        request,
        "foods/recipe_ingredient.html",
        {
            "recipe": recipe,
            "food": food,
            "form": form,
            "ingredient": ingredient,
            "portion_grams": {key: str(measure.grams) for key, measure in form.measures.items()},
        },
    )


@login_required
@require_POST
def ingredient_remove(request, pk, ingredient_pk):
    recipe = get_object_or_404(own_recipes(request.user), pk=pk)
    ingredient = get_object_or_404(recipe.ingredients.select_related("food"), pk=ingredient_pk)
    with transaction.atomic():
        ingredient.delete()
        refresh(recipe)
    messages.success(request, f"Removed {ingredient.food} from “{recipe}”.")
    return redirect(recipe)


@login_required
def recipe_delete(request, pk):
    recipe = get_object_or_404(own_recipes(request.user), pk=pk)
    in_log = recipe.food.entries.exists()
    if request.method == "POST":
        food = delete_recipe(recipe)
        kept = " Your past entries keep their values." if in_log else ""
        messages.success(request, f"Deleted “{food}”.{kept}")
        return redirect("foods:recipe_list")
    return render(request, "foods/recipe_confirm_delete.html", {"recipe": recipe, "in_log": in_log})

"""The recipe pages (foods/recipes.py holds the rules): the list and a new recipe, a recipe with
its values and ingredients, an ingredient's amount, deleting."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core import nutrition, once
from foods.amounts import AmountForm, starting_amount
from foods.forms import RecipeForm
from foods.models import MAX_INGREDIENTS, Food, Recipe, RecipeIngredient
from foods.recipes import (
    add_ingredients,
    delete_recipe,
    ingredient_foods,
    ingredients_of,
    new_recipe,
    own_recipes,
    refresh,
    set_amount,
    totals,
    unknown_notes,
    value_rows,
)
from foods.search import find_foods


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

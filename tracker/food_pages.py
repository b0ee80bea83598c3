"""The food pages a user picks foods from: the list with search and their favourite and recent
foods, a food's page, and the magnesium-rich foods by group."""

from itertools import groupby
from operator import attrgetter

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from accounts.queries import user_has_ckd
from core import claims
from foods.display import DETAIL_MINERALS, amounts, describe_default_portions, nutrient_label
from foods.forms import FoodSearchForm
from foods.models import NUTRIENT_FIELDS
from foods.search import (
    categories,
    find_foods,
    magnesium_rich_foods,
    visible_foods,
    with_magnesium_measures,
    with_portions,
)
from tracker.forms import LogContextForm
from tracker.queries import is_favourite
from tracker.quick import quick_foods

PAGE_SIZE = 25
RICH_FOODS_PER_CATEGORY = 5


def food_list(request):
    foods = visible_foods(request.user)
    form = FoodSearchForm(request.GET, categories(foods))
    log = LogContextForm(request.GET)
    has_ckd = user_has_ckd(request.user)
    page = quick = None
    showing = ""
    chosen = log.cleaned_data if log.is_valid() else None
    if form.is_valid() and form.has_criteria():
        data = form.cleaned_data
        found = find_foods(foods, data["q"], data["category"], data["sort"])
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
        showing = getattr(getattr(found, "found", None), "showing_results_for", "")
        describe_default_portions(page, has_ckd)
    elif request.user.is_authenticated:
        quick = quick_foods(request.user, chosen)
    return render(
        request,
        "foods/food_list.html",
        {
            "form": form,
            "page": page,
            "quick": quick,
            "log": chosen,
            "showing_results_for": showing,
        },
    )


def rich_foods(request):
    has_ckd = user_has_ckd(request.user)
    foods = list(
        magnesium_rich_foods(visible_foods(request.user), RICH_FOODS_PER_CATEGORY, claims.GOOD_MIN_MG)
    )
    describe_default_portions(foods, has_ckd)
    groups = [(category, list(group)) for category, group in groupby(foods, key=attrgetter("category"))]
    return render(
        request,
        "foods/rich_foods.html",
        {
            "groups": groups,
            "per_category": RICH_FOODS_PER_CATEGORY,
            "good_min_mg": claims.GOOD_MIN_MG,
        },
    )


def food_detail(request, pk):
    foods = with_magnesium_measures(with_portions(visible_foods(request.user)))
    food = get_object_or_404(foods, pk=pk)
    has_ckd = user_has_ckd(request.user)
    describe_default_portions([food], has_ckd)
    nutrients = [
        (nutrient_label(food, name), getattr(food, name), unit) for name, unit in NUTRIENT_FIELDS.items()
    ]
    portions = [(portion, amounts(food, DETAIL_MINERALS, portion.grams)) for portion in food.portions.all()]
    return render(
        request,
        "foods/food_detail.html",
        {
            "food": food,
            "nutrients": nutrients,
            "portions": portions,
            "minerals": [nutrient_label(food, name) for name in DETAIL_MINERALS],
            "is_favourite": request.user.is_authenticated and is_favourite(request.user, food),
        },
    )

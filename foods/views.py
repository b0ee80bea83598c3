from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from foods.models import NUTRIENT_FIELDS
from foods.search import search_foods, visible_foods, with_portions
from tracker import nutrition
from tracker.forms import LogContextForm

PAGE_SIZE = 25


def default_portion_mg(food):
    """The first USDA portion of a food and its magnesium, or (None, None)."""
    portions = list(food.portions.all())
    if not portions:
        return None, None
    return portions[0], nutrition.nutrient_for_amount(food.magnesium_mg, portions[0].grams)


def food_list(request):
    query = request.GET.get("q", "").strip()[:100]
    log = LogContextForm(request.GET)
    foods = search_foods(with_portions(visible_foods(request.user)), query)
    page = Paginator(foods, PAGE_SIZE).get_page(request.GET.get("page"))
    for food in page:
        food.default_portion, food.default_portion_mg = default_portion_mg(food)
    return render(
        request,
        "foods/food_list.html",
        {"query": query, "page": page, "log": log.cleaned_data if log.is_valid() else None},
    )


def food_detail(request, pk):
    food = get_object_or_404(with_portions(visible_foods(request.user)), pk=pk)
    nutrients = [
        (food._meta.get_field(name).verbose_name.split(" (")[0], getattr(food, name), unit)
        for name, unit in NUTRIENT_FIELDS.items()
    ]
    portions = [
        (portion, nutrition.nutrient_for_amount(food.magnesium_mg, portion.grams))
        for portion in food.portions.all()
    ]
    return render(
        request, "foods/food_detail.html", {"food": food, "nutrients": nutrients, "portions": portions}
    )

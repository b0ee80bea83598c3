"""The food pages a user picks foods from: the list with search and their favourite and recent
foods, a food's page, and the magnesium-rich foods by group."""

from decimal import Decimal
from itertools import groupby
from operator import attrgetter

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from accounts.queries import user_has_ckd
from core import ckd, claims
from core.nutrition import plain_decimal
from foods.amounts import food_measures, starting_amount
from foods.display import (
    DETAIL_MINERALS,
    ROW_FIELDS,
    amounts,
    default_portions,
    describe_default_portions,
    nutrient_label,
)
from foods.forms import FoodSearchForm
from foods.models import NUTRIENT_FIELDS
from foods.search import (
    find_foods,
    food_groups,
    magnesium_rich_foods,
    portions_by_food,
    visible_foods,
    with_magnesium_measures,
    with_portions,
)
from tracker import queries
from tracker.forms import LogContextForm, meal_for_now
from tracker.queries import is_favourite
from tracker.quick import quick_foods

PAGE_SIZE = 25
RICH_FOODS_PER_CATEGORY = 5


def food_list(request):
    """The food list; to htmx's search as you type (request.htmx), its results only."""
    foods = visible_foods(request.user)
    form = FoodSearchForm(request.GET, food_groups(request.user))
    log = LogContextForm(request.GET)
    has_ckd = user_has_ckd(request.user)
    page = quick = None
    showing = ""
    chosen = log.cleaned_data if log.is_valid() else None
    if form.is_valid() and form.has_criteria():
        data = form.cleaned_data
        # each result's Log button lists its measures
        signed_in = request.user.is_authenticated
        shown = foods.only(*ROW_FIELDS)
        found = find_foods(shown, data["q"], data["category"], data["sort"], measured=not signed_in)
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
        showing = getattr(getattr(found, "found", None), "showing_results_for", "")
        if signed_in:
            portions = portions_by_food(page.object_list)
            default_portions(page, portions)  # from the portions the Log buttons list
        describe_default_portions(page, has_ckd)
        if signed_in:
            describe_log_amounts(request.user, page.object_list, portions, has_ckd)
    elif request.user.is_authenticated:
        quick = quick_foods(request.user, chosen)
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(
        request,
        "foods/includes/food_results.html" if partial else "foods/food_list.html",
        {
            "form": form,
            "page": page,
            "quick": quick,
            "log": chosen,
            "showing_results_for": showing,
            "log_to": chosen or {"date": timezone.localdate(), "meal": meal_for_now()},
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def describe_log_amounts(user, foods, portions: dict[int, list], has_ckd: bool) -> None:
    """Give each food the measures it can be logged in (log_measures), from its portions by food id
    (foods.search.portions_by_food), and the one and quantity its Log button starts from
    (log_measure, log_quantity): the user's last amount of it, else its reference amount
    (foods.amounts.starting_amount). One query for the page's last entries."""
    last = queries.last_amounts(user, [f.pk for f in foods])
    for food in foods:
        measures = food_measures(food, portions[food.pk])
        food.log_measures = [(key, str(measure)) for key, measure in measures.items()]
        portion_id, quantity, grams = last.get(food.pk, (None, None, None))
        if portion_id:
            food.log_measure, food.log_quantity = str(portion_id), quantity
        elif grams is not None:
            food.log_measure, food.log_quantity = "g", grams
        else:
            start = starting_amount(food, measures)
            if start["portion"]:
                food.log_measure, food.log_quantity = start["portion"], start["quantity"]
            else:
                food.log_measure, food.log_quantity = "g", start["grams"]
        food.log_quantity = plain_decimal(Decimal(food.log_quantity))
        if food.log_measure in measures:
            show_log_amount(food, measures[food.log_measure], has_ckd)


def show_log_amount(food, measure, has_ckd: bool) -> None:
    """The Portion column and its minerals for the amount the Log button starts from, so that
    what the row shows is what one tap logs (not USDA's first portion, often a cup)."""
    grams = (measure.grams * food.log_quantity).quantize(Decimal("0.001"))
    if measure.description == "grams":
        food.portion_description = ""  # the grams alone say it
    elif food.log_quantity == 1:
        food.portion_description = measure.description
    else:
        food.portion_description = f"{food.log_quantity} × {measure.description}"
    food.portion_grams = grams
    food.amounts = amounts(food, ckd.minerals_shown(has_ckd), grams)


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

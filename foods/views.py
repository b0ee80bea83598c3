from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from operator import attrgetter

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.text import capfirst

from foods import claims
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
from tracker import nutrition
from tracker.forms import LogContextForm
from tracker.queries import CKD_NOTICE, is_favourite, profile_of
from tracker.quick import quick_foods

PAGE_SIZE = 25
RICH_FOODS_PER_CATEGORY = 5
# Minerals shown beside magnesium: to everyone on a food's page, and to users with CKD in
# lists too, since magnesium-rich foods often bring phosphorus and potassium.
DETAIL_MINERALS = ("magnesium_mg", "calcium_mg", "phosphorus_mg", "potassium_mg")
KIDNEY_MINERALS = ("magnesium_mg", "phosphorus_mg", "potassium_mg")


@dataclass
class Amount:
    """A nutrient of a food: its label, mg per 100 g and mg in a portion (None = unknown)."""

    label: str
    per_100g: Decimal | None
    per_portion: Decimal | None


def nutrient_label(food, name: str) -> str:
    """The field's verbose name without its unit: "Magnesium" for magnesium_mg."""
    return capfirst(food._meta.get_field(name).verbose_name.split(" (")[0])


def user_has_ckd(user) -> bool:
    profile = profile_of(user) if user.is_authenticated else None
    return bool(profile and profile.has_ckd)


def amounts(food, names, grams) -> list[Amount]:
    """Each named nutrient of a food per 100 g and in grams of it (per portion None without grams)."""
    return [
        Amount(
            label=nutrient_label(food, name),
            per_100g=getattr(food, name),
            per_portion=nutrition.nutrient_for_amount(getattr(food, name), grams) if grams else None,
        )
        for name in names
    ]


def describe_default_portions(foods, has_ckd: bool) -> None:
    """Give each food (annotated by with_magnesium_measures) its minerals per default portion
    and the magnesium claim that portion earns, worded for the user."""
    for food in foods:
        names = KIDNEY_MINERALS if has_ckd else ("magnesium_mg",)
        food.amounts = amounts(food, names, food.portion_grams)
        food.claim = claims.magnesium_claim(food.amounts[0].per_portion)
        food.claim_label = claims.claim_label(food.claim, has_ckd)


def food_list(request):
    foods = visible_foods(request.user)
    form = FoodSearchForm(request.GET, categories(foods))
    log = LogContextForm(request.GET)
    has_ckd = user_has_ckd(request.user)
    page = quick = None
    chosen = log.cleaned_data if log.is_valid() else None
    if form.is_valid() and form.has_criteria():
        data = form.cleaned_data
        found = find_foods(foods, data["q"], data["category"], data["sort"])
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
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
            "has_ckd": has_ckd,
            "CKD_NOTICE": CKD_NOTICE,
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
            "has_ckd": has_ckd,
            "CKD_NOTICE": CKD_NOTICE,
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
            "has_ckd": has_ckd,
            "CKD_NOTICE": CKD_NOTICE,
        },
    )

"""The learning pages under /learn/: open to everyone, with the CKD notice for users who have CKD."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import DecimalField, ExpressionWrapper, F, OuterRef, Subquery
from django.shortcuts import render

from foods.models import Food, Portion, Source
from foods.search import visible_foods
from tracker import nutrition
from tracker.learn_content import EVIDENCE, INDEX, KIDNEY_EXAMPLE_NDB, PAGES, SUPPLEMENT_FORMS
from tracker.queries import CKD_NOTICE, profile_of

TOP_FOODS = 20


@dataclass
class FoodPortion:
    """A food with its first USDA portion and the nutrients in that portion."""

    food: Food
    portion: str
    grams: Decimal
    magnesium_mg: Decimal | None
    phosphorus_mg: Decimal | None
    potassium_mg: Decimal | None


def top_magnesium_foods(limit: int = TOP_FOODS) -> list[FoodPortion]:
    """The shared foods with the most magnesium in their first portion, ranked in one query."""
    first_portion = Portion.objects.filter(food=OuterRef("pk")).order_by("seq", "pk")
    foods = (
        visible_foods(AnonymousUser())
        .filter(magnesium_mg__isnull=False)
        .annotate(
            portion_grams=Subquery(first_portion.values("grams")[:1]),
            portion_description=Subquery(first_portion.values("description")[:1]),
        )
        .filter(portion_grams__isnull=False)
        .annotate(
            portion_magnesium=ExpressionWrapper(
                F("magnesium_mg") * F("portion_grams") / 100, output_field=DecimalField()
            )
        )
        .order_by("-portion_magnesium", "name", "pk")[:limit]
    )
    return [
        FoodPortion(
            food=food,
            portion=food.portion_description,
            grams=food.portion_grams,
            **{
                name: nutrition.nutrient_for_amount(getattr(food, name), food.portion_grams)
                for name in ("magnesium_mg", "phosphorus_mg", "potassium_mg")
            },
        )
        for food in foods
    ]


def kidney_examples() -> list[Food]:
    """The USDA foods CONTENT.md names for CKD readers, in its order; missing ones are left out."""
    foods = visible_foods(AnonymousUser()).filter(source=Source.USDA_SR28, source_id__in=KIDNEY_EXAMPLE_NDB)
    return sorted(foods, key=lambda food: KIDNEY_EXAMPLE_NDB.index(food.source_id))


def render_page(request, page, **context):
    profile = profile_of(request.user) if request.user.is_authenticated else None
    return render(
        request,
        "learn/page.html",
        {
            "page": page,
            "pages": PAGES.values(),
            "has_ckd": bool(profile and profile.has_ckd),
            "CKD_NOTICE": CKD_NOTICE,
            **context,
        },
    )


def index(request):
    return render_page(request, INDEX, evidence_levels=EVIDENCE.items())


def topic(request, slug):
    context = {}
    if slug == "foods":
        context["top_foods"] = top_magnesium_foods()
    elif slug == "kidney":
        context["examples"] = kidney_examples()
    elif slug == "supplements":
        context["supplement_forms"] = SUPPLEMENT_FORMS
    return render_page(request, PAGES[slug], **context)

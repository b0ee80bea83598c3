"""The learning pages under /learn/: open to everyone, with the CKD notice for users who have CKD."""

from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, QuerySet
from django.shortcuts import render

from accounts.queries import user_has_ckd
from core.nutrition import COMPOUND_NAMES, ELEMENTAL_PERCENT
from foods.display import describe_default_portions
from foods.models import Food, Source
from foods.search import visible_foods, with_magnesium_measures
from learn.content import EVIDENCE, FORMULAS, INDEX, KIDNEY_EXAMPLE_NDB, PAGES

TOP_FOODS = 20


def shared_foods() -> QuerySet[Food]:
    """The foods everyone may see (no one's private custom foods), with their default portion."""
    return with_magnesium_measures(visible_foods(AnonymousUser()))


def top_magnesium_foods(limit: int = TOP_FOODS) -> list[Food]:
    """The shared foods with the most magnesium in their FDA reference amount, ranked in one query."""
    foods = shared_foods().filter(reference_magnesium_mg__isnull=False)
    return list(foods.order_by(F("reference_magnesium_mg").desc(), "name", "pk")[:limit])


def kidney_examples() -> list[Food]:
    """The USDA foods CONTENT.md names for CKD readers, in its order; missing ones are left out."""
    foods = shared_foods().filter(source=Source.USDA_SR28, source_id__in=KIDNEY_EXAMPLE_NDB)
    return sorted(foods, key=lambda food: KIDNEY_EXAMPLE_NDB.index(food.source_id))


def supplement_forms() -> list[tuple[str, str, Decimal]]:
    """(compound, formula, elemental magnesium as % of its weight) for each compound the app knows."""
    return [(COMPOUND_NAMES[form], FORMULAS[form], percent) for form, percent in ELEMENTAL_PERCENT.items()]


def render_page(request, page, **context):
    return render(request, "learn/page.html", {"page": page, "pages": PAGES.values(), **context})


def index(request):
    return render_page(request, INDEX, evidence_levels=EVIDENCE.items())


def topic(request, slug):
    has_ckd = user_has_ckd(request.user)
    context = {}
    if slug == "foods":
        context["top_foods"] = top_magnesium_foods()
        describe_default_portions(context["top_foods"], has_ckd)
    elif slug == "kidney":
        context["examples"] = kidney_examples()
        # The kidney page shows phosphorus and potassium to every reader, in neutral words.
        describe_default_portions(context["examples"], has_ckd=True)
    elif slug == "supplements":
        context["supplement_forms"] = supplement_forms()
    return render_page(request, PAGES[slug], **context)

"""Finding foods: who may see them, search by name, sort and rank by magnesium."""

import re
from decimal import Decimal

from django.db.models import (
    Case,
    DecimalField,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Length, RowNumber

from foods.models import Food, Portion, ReviewStatus, Source


def visible_foods(user) -> QuerySet[Food]:
    """Active foods a user may see and log: the shared list (with the custom foods staff
    approved) plus their own custom foods."""
    foods = Food.objects.filter(is_active=True)
    shared = Q(created_by__isnull=True) | Q(status=ReviewStatus.APPROVED)
    if user.is_authenticated:
        return foods.filter(shared | Q(created_by=user))
    return foods.filter(shared)


def with_portions(foods: QuerySet[Food]) -> QuerySet[Food]:
    return foods.prefetch_related(Prefetch("portions", queryset=Portion.objects.order_by("seq", "pk")))


# Orders of the food list. "relevance" needs a query; without one it is by name.
SORTS = {
    "relevance": "Best match",
    "magnesium": "Magnesium per 100 g",
    "portion": "Magnesium per portion",
    "energy": "Magnesium per 100 kcal",
}


def as_float(field: str) -> Cast:
    """A decimal field as a float for sorting maths: SQLite stores whole-number decimals as
    integers and divides them as integers (270 * 100 / 579 = 46, not 46.6)."""
    return Cast(field, FloatField())


# Magnesium per 100 kcal, NULL (sorted last) when energy is unknown or 0 kcal: mineral
# water or tea would otherwise divide by zero or top the list on a rounding of their energy.
MAGNESIUM_PER_100_KCAL = Case(
    When(energy_kcal__gt=0, then=as_float("magnesium_mg") * 100 / as_float("energy_kcal"))
)

SORT_KEYS = {
    "magnesium": F("magnesium_mg"),
    "portion": F("portion_magnesium_mg"),
    "energy": F("magnesium_per_100_kcal"),
}


def default_portion(field: str) -> Subquery:
    """One field of a food's default portion: its first portion by seq."""
    return Subquery(Portion.objects.filter(food=OuterRef("pk")).order_by("seq", "pk").values(field)[:1])


def reference_grams(custom_serving) -> Case:
    """A food's reference amount in grams: the FDA one it carries (core.racc), else for a custom
    food its author's serving (custom_serving: its first portion's grams); NULL = none, no claim."""
    return Case(
        When(reference_amount_g__isnull=False, then=F("reference_amount_g")),
        When(source=Source.CUSTOM, then=custom_serving),
        output_field=DecimalField(max_digits=9, decimal_places=3),
    )


def with_reference_amounts(foods: QuerySet[Food]) -> QuerySet[Food]:
    """Foods with reference_grams (see reference_grams), for the API."""
    return foods.annotate(reference_grams=reference_grams(default_portion("grams")))


def with_magnesium_measures(foods: QuerySet[Food]) -> QuerySet[Food]:
    """Foods with their default portion (portion_description, portion_grams) and magnesium in
    it (portion_magnesium_mg), their reference amount (reference_grams) and magnesium in it
    (reference_magnesium_mg, on which claims and rankings rest), and magnesium per 100 kcal
    (magnesium_per_100_kcal), in mg; NULL = unknown."""
    return foods.annotate(
        portion_description=default_portion("description"),
        portion_grams=default_portion("grams"),
        portion_magnesium_mg=as_float("magnesium_mg") * as_float("portion_grams") / 100,
        magnesium_per_100_kcal=MAGNESIUM_PER_100_KCAL,
    ).annotate(
        reference_grams=reference_grams(F("portion_grams")),
        reference_magnesium_mg=as_float("magnesium_mg") * as_float("reference_grams") / 100,
    )


# Regexes, the same in Python (SQLite's REGEXP) and PostgreSQL, for a query word that starts
# a word of the name: anywhere, or within the first two comma segments.
STARTS_A_WORD = r"^(.*[^a-z0-9])?{}"
STARTS_A_WORD_IN_HEAD = r"^([^,]*,)?([^,]*[^a-z0-9,])?{}"


def search_foods(foods: QuerySet[Food], query: str) -> QuerySet[Food]:
    """Foods whose name holds every word of the query (any case, any order), best matches first.

    USDA names go from the general to the particular: "Spinach, raw", "Nuts, almonds",
    "Seeds, pumpkin and squash seed kernels, dried". The first comma segment is the food or
    its group and the second the food within the group; later ones describe preparation.
    So the rank, best first, is:
      0. the exact name;
      1. the first segment is the query, singular or plural ("Bananas, raw" for "banana");
      2. the name starts with the query ("Pumpkin pie spice");
      3. every word starts a word of the first two segments ("Nuts, almonds" for "almond",
         "Beans, black, mature seeds" for "black beans", not "Fish, sunfish, pumpkin seed");
      4. every word starts a word anywhere ("Snacks, granola bars, hard, almond");
      5. the rest: some word only inside a word ("Licorice" for "rice").
    Within a rank, shorter names first: fewer descriptors, a plainer food. For "almond" the
    real list opens "Oil, almond", "Nuts, almonds", "Nuts, almond paste", "Nuts, almonds,
    blanched", before "Candies, ALMOND JOY Candy Bar" and "Candies, sugar-coated almonds".
    """
    words = query.lower().split()
    if not words:
        return foods.none()
    for word in words:
        foods = foods.filter(name__icontains=word)
    phrase = " ".join(words)

    def every_word(pattern: str) -> Q:
        return Q(*(Q(name__iregex=pattern.format(re.escape(word))) for word in words))

    rank = Case(
        When(name__iexact=phrase, then=Value(0)),
        When(name__iregex=rf"^{re.escape(phrase)}(e?s)?(,|$)", then=Value(1)),
        When(name__istartswith=phrase, then=Value(2)),
        When(every_word(STARTS_A_WORD_IN_HEAD), then=Value(3)),
        When(every_word(STARTS_A_WORD), then=Value(4)),
        default=Value(5),
        output_field=IntegerField(),
    )
    return foods.annotate(rank=rank, name_length=Length("name")).order_by("rank", "name_length", "name", "pk")


def find_foods(foods: QuerySet[Food], query: str, category: str, sort: str) -> QuerySet[Food]:
    """The foods to list: matching the query (all when empty) in the category (any when empty),
    with their magnesium measures, in the chosen order (by name for relevance without a query)."""
    if category:
        foods = foods.filter(category=category)
    foods = search_foods(foods, query) if query.strip() else foods.order_by("name", "pk")
    return sort_foods(with_magnesium_measures(foods), sort)


def categories(foods: QuerySet[Food]) -> list[str]:
    """The food groups (USDA categories) of these foods, in alphabetical order."""
    return list(foods.exclude(category="").order_by("category").values_list("category", flat=True).distinct())


def sort_foods(foods: QuerySet[Food], sort: str) -> QuerySet[Food]:
    """Foods annotated by with_magnesium_measures, most magnesium first by the chosen measure.

    Unknown values (no magnesium, no portion, no energy or 0 kcal) come last, never as 0.
    "relevance" keeps the order of search_foods.
    """
    if sort == "relevance":
        return foods
    return foods.order_by(SORT_KEYS[sort].desc(nulls_last=True), "name", "pk")


def magnesium_rich_foods(foods: QuerySet[Food], per_category: int, min_mg: Decimal) -> QuerySet[Food]:
    """Per category, the per_category foods with the most magnesium in their reference amount,
    among those with at least min_mg in it; by category, then most magnesium first."""
    ranked = (
        with_magnesium_measures(foods)
        .exclude(category="")
        .filter(reference_magnesium_mg__gte=float(min_mg))
        .annotate(
            place=Window(
                RowNumber(),
                partition_by="category",
                order_by=[F("reference_magnesium_mg").desc(), "name", "pk"],
            )
        )
    )
    return ranked.filter(place__lte=per_category).order_by("category", "place")

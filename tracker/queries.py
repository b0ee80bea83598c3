"""Reads of the intake log, always scoped to one user. The day summary is in tracker/summary.py."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, Max, OuterRef, QuerySet, Sum, Value

from core import nutrition
from foods.models import NUTRIENT_FIELDS, Food
from foods.search import visible, visible_foods
from tracker.models import Compound, Favourite, IntakeEntry, Meal, SupplementEntry


def user_entries(user) -> QuerySet[IntakeEntry]:
    """All of one user's entries; another user's entry is simply not found here."""
    return IntakeEntry.objects.filter(user=user).select_related("food", "portion")


def entries_for_day(user, day: date) -> QuerySet[IntakeEntry]:
    return user_entries(user).filter(date=day).order_by("created_at", "pk")


# What the day page shows of an entry, and the nutrients its summary adds up: loading only
# these columns (not the food's twenty-odd) makes its model objects noticeably cheaper to build.
DAY_PAGE_FIELDS = (
    "date",
    "meal",
    "food__name",
    "portion__description",
    "quantity",
    "amount_g",
    *NUTRIENT_FIELDS,
)


def entries_shown_for_day(user, day: date) -> QuerySet[IntakeEntry]:
    """A day's entries as the day page lists them (DAY_PAGE_FIELDS); other fields load one query
    per entry, so a page that shows more adds it there."""
    return entries_for_day(user, day).only(*DAY_PAGE_FIELDS)


def user_supplements(user) -> QuerySet[SupplementEntry]:
    """All of one user's supplement entries; another user's is simply not found here."""
    return SupplementEntry.objects.filter(user=user)


def supplements_for_day(user, day: date) -> QuerySet[SupplementEntry]:
    return user_supplements(user).filter(date=day).order_by("created_at", "pk")


def recent_supplements(user, limit: int = 8) -> QuerySet[SupplementEntry]:
    """The latest entry of each distinct supplement a user logged, newest first (one query)."""
    latest = (
        user_supplements(user)
        .values(*SupplementEntry.PRODUCT_FIELDS)
        .annotate(latest=Max("pk"))
        .values("latest")
    )
    return user_supplements(user).filter(pk__in=latest).order_by("-date", "-pk")[:limit]


@dataclass(frozen=True)
class Contributor:
    food_id: int
    name: str
    entries: int
    magnesium_mg: Decimal
    share_percent: int  # of the period's magnesium from food


def top_foods(user, start: date, end: date, food_total_mg: Decimal, limit: int = 10) -> list[Contributor]:
    """The foods that gave a user the most magnesium from start to end (one grouped query),
    each with its whole-percent share of food_total_mg, the period's magnesium from food."""
    rows = (
        IntakeEntry.objects.filter(user=user, date__range=(start, end), magnesium_mg__gt=0)
        .values("food_id", "food__name")
        .annotate(entries=Count("pk"), magnesium_mg=Sum("magnesium_mg"))
        .order_by("-magnesium_mg", "food__name")[:limit]
    )
    return [
        Contributor(
            food_id=row["food_id"],
            name=row["food__name"],
            entries=row["entries"],
            magnesium_mg=row["magnesium_mg"],
            share_percent=nutrition.percent_of_target(row["magnesium_mg"], food_total_mg),
        )
        for row in rows
    ]


def supplement_products(user, start: date, end: date) -> list[dict]:
    """Each supplement (name and form) a user logged from start to end: days taken, entries,
    magnesium in mg and the form's label, most magnesium first (one grouped query)."""
    rows = (
        user_supplements(user)
        .filter(date__range=(start, end))
        .values("name", "form")
        .annotate(days=Count("date", distinct=True), entries=Count("pk"), magnesium_mg=Sum("magnesium_mg"))
        .order_by("-magnesium_mg", "name", "form")
    )
    return [{**row, "form_label": Compound(row["form"]).label} for row in rows]


# Faster logging: the foods a user logs often, with the amount they logged last time.
RECENT_FOODS = 10
# How many of the latest entries recent_foods reads to find them.
RECENT_SCAN = 200


@dataclass
class QuickFood:
    """A food to log again, as its list shows it: pk and name are the food's; amount_label and
    meal are of the user's latest entry of it (None: never logged)."""

    pk: int
    name: str
    is_favourite: bool
    amount_label: str | None = None
    meal: str | None = None

    @property
    def meal_label(self) -> str:
        return Meal(self.meal).label if self.meal else ""


def last_entry_of(user, food: Food) -> IntakeEntry | None:
    """The user's latest entry of a food, whose portion and quantity a new entry starts from."""
    return user_entries(user).filter(food=food).order_by("-pk").first()


def latest_entries(user, **food_filter) -> QuerySet[IntakeEntry]:
    """The user's latest entry of each food they logged (and may still log), foods filtered by food_filter."""
    entries = IntakeEntry.objects.filter(user=user, **food_filter)
    latest = entries.values("food").annotate(latest=Max("pk")).values("latest")
    return user_entries(user).filter(visible(user, "food"), pk__in=latest)


def last_amounts(user, food_ids: list[int]) -> dict[int, tuple[int | None, Decimal, Decimal]]:
    """For each of these foods the user logged, their latest entry's (portion id, quantity, grams):
    one lean query (no model objects), for a page of Log buttons whose foods are already visible."""
    latest = (
        IntakeEntry.objects.filter(user=user, food__in=food_ids)
        .values("food")
        .annotate(latest=Max("pk"))
        .values("latest")
        .order_by()
    )
    # in no order: the entries' own (by date) would only cost the compiling of an ORDER BY
    rows = (
        IntakeEntry.objects.filter(pk__in=latest)
        .values_list("food_id", "portion_id", "quantity", "amount_g")
        .order_by()
    )
    return {food_id: (portion_id, quantity, grams) for food_id, portion_id, quantity, grams in rows}


def recent_foods(user, limit: int = RECENT_FOODS, starred: bool = True) -> list[QuickFood]:
    """The foods a user logged last, each once with its latest amount, newest first: found among
    the user's latest RECENT_SCAN entries, leaving out foods they may no longer log, read as plain
    values in one query (model objects of 200 entries and their foods cost more than the rest of
    the list). The scan is a subquery on the user's entries alone, so that the database joins the
    foods to those 200 entries only, not to the whole log (PostgreSQL otherwise hashes every food).
    Whether each is a favourite is asked only when starred: the day page shows no stars."""
    scan = IntakeEntry.objects.filter(user=user).order_by("-pk").values("pk")[:RECENT_SCAN]
    rows = user_entries(user).filter(visible(user, "food"), pk__in=scan).order_by("-pk")
    if starred:
        rows = rows.annotate(is_favourite=Exists(Favourite.objects.filter(user=user, food=OuterRef("food"))))
    else:
        rows = rows.annotate(is_favourite=Value(False))
    fields = ("food_id", "food__name", "is_favourite", "meal", "quantity", "amount_g", "portion__description")
    found: dict[int, QuickFood] = {}
    for food_id, name, is_favourite, meal, quantity, grams, portion in rows.values_list(*fields):
        if food_id not in found:  # newest first: the first seen is the latest
            label = nutrition.amount_text(grams, portion, quantity)
            found[food_id] = QuickFood(food_id, name, is_favourite, label, meal)
            if len(found) == limit:
                break
    return list(found.values())


def favourite_foods(user) -> list[QuickFood]:
    """A user's favourite foods that they may still log, by name, with their latest entries (two queries)."""
    foods = visible_foods(user).filter(favourites__user=user).order_by("name", "pk")
    last = {entry.food_id: entry for entry in latest_entries(user, food__favourites__user=user)}
    items = []
    for food in foods:
        entry = last.get(food.pk)
        if entry:
            items.append(QuickFood(food.pk, food.name, True, entry.amount_label, entry.meal))
        else:
            items.append(QuickFood(food.pk, food.name, True))
    return items


def is_favourite(user, food: Food) -> bool:
    return Favourite.objects.filter(user=user, food=food).exists()

"""Finding foods: who may see them, search by name, sort and rank by magnesium."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import (
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import RowNumber

from foods import ranking
from foods.models import Food, Portion, ReviewStatus, SearchSynonym, Source, portion_label, reference_grams


def visible(user, food: str = "") -> Q:
    """The condition on a food (or, with food="food", on the food a row refers to, as a join
    rather than a subquery over every food) that the user may see and log it: active, and the
    shared list (with the custom foods staff approved) or their own custom foods."""
    at = f"{food}__" if food else ""
    shared = Q(**{f"{at}created_by__isnull": True}) | Q(**{f"{at}status": ReviewStatus.APPROVED})
    mine = Q(**{f"{at}created_by": user}) if user.is_authenticated else Q(pk__in=[])
    return Q(**{f"{at}is_active": True}) & (shared | mine)


def visible_foods(user) -> QuerySet[Food]:
    """Active foods a user may see and log (visible)."""
    return Food.objects.filter(visible(user))


def with_portions(foods: QuerySet[Food]) -> QuerySet[Food]:
    return foods.prefetch_related(Prefetch("portions", queryset=Portion.objects.order_by("seq", "pk")))


class PortionRow(NamedTuple):
    """A portion read as plain values for a page of results: its pk, description, grams and
    str() as Portion has them, without a model instance a portion."""

    pk: int
    description: str
    grams: Decimal

    def __str__(self) -> str:
        return portion_label(self.description, self.grams)


def portions_by_food(foods) -> dict[int, list[PortionRow]]:
    """Each of these foods' portions in order (seq), by food id, in one query: for a page of
    results, without the queryset a food that prefetch_related builds (with_portions)."""
    by_food: dict[int, list[PortionRow]] = {food.pk: [] for food in foods}
    rows = Portion.objects.filter(food__in=list(by_food)).order_by("seq", "pk")
    for food_id, *portion in rows.values_list("food_id", "pk", "description", "grams"):
        by_food[food_id].append(PortionRow(*portion))
    return by_food


# Orders of the food list. "relevance" needs a query; without one it is by name.
SORTS = {
    "relevance": "Best match",
    "magnesium": "Magnesium per 100 g",
    "portion": "Magnesium per portion",
    "energy": "Magnesium per 100 kcal",
}


SORT_KEYS = {
    "magnesium": F("magnesium_mg"),
    "portion": F("portion_magnesium_mg"),
    "energy": F("magnesium_per_100_kcal"),
}


def default_portion(field: str) -> Subquery:
    """One field of a food's default portion: its first portion by seq."""
    return Subquery(Portion.objects.filter(food=OuterRef("pk")).order_by("seq", "pk").values(field)[:1])


def with_reference_amounts(foods: QuerySet[Food]) -> QuerySet[Food]:
    """Foods with reference_grams (see foods.models.reference_grams), for the API."""
    return foods.annotate(reference_grams=reference_grams(default_portion("grams")))


def with_magnesium_measures(foods: QuerySet[Food]) -> QuerySet[Food]:
    """Foods with their default portion (portion_description, portion_grams) and reference amount
    (reference_grams), for showing them; the magnesium in each (portion_magnesium_mg,
    reference_magnesium_mg, on which claims and rankings rest) and per 100 kcal
    (magnesium_per_100_kcal) are the food's stored columns, in mg; NULL = unknown."""
    return foods.annotate(
        portion_description=default_portion("description"),
        portion_grams=default_portion("grams"),
    ).annotate(reference_grams=reference_grams(F("portion_grams")))


@dataclass
class Found:
    """The foods a query found, best first, and what was searched when that is not what the user
    typed: the everyday name's USDA words ("soymilk" for "soy milk") or a typo's correction."""

    ids: list[int]
    searched: str = ""
    because: str = ""  # "synonym", "typo" or "" (as typed)

    @property
    def showing_results_for(self) -> str:
        return self.searched if self.because else ""


def matching(foods: QuerySet[Food], words: list[str]) -> QuerySet[Food]:
    """Foods whose name has, for every word, a word starting with it, word forms aside
    ("cashews" finds "cashew nuts"): the databases' full-text indexes (foods/migrations/0007)."""
    stems = [ranking.stem(word) for word in words]
    if connection.vendor == "sqlite":
        expression = " AND ".join('"{}"*'.format(word.replace('"', '""')) for word in stems)
        where = "foods_food.id IN (SELECT rowid FROM foods_food_fts WHERE foods_food_fts MATCH %s)"
    else:
        # words_of keeps letters and digits only, nothing special to to_tsquery
        expression = " & ".join(f"{word}:*" for word in stems)
        where = "to_tsvector('english'::regconfig, foods_food.name) @@ to_tsquery('english'::regconfig, %s)"
    return foods.extra(where=[where], params=[expression])


def order_of(rows, words: list[str]) -> list[int]:
    stems = [ranking.stem(word) for word in words]
    return [row[0] for row in sorted(rows, key=lambda row: (ranking.sort_key(*row[1:4], stems), row[0]))]


def ranked(foods: QuerySet[Food], words: list[str]) -> list[int]:
    """The ids of the matching foods, best first (foods/ranking.py), in one query."""
    return order_of(matching(foods, words).values_list("pk", "name", "category", "popularity"), words)


def synonyms_and_matches(foods: QuerySet[Food], words: list[str]) -> tuple[dict[str, str], list[tuple]]:
    """The synonyms of any phrase of the words, and the foods matching the words as typed, in one
    query (a UNION; a synonym's row has popularity -1, which no food has). A food's row is
    (pk, name, category, popularity, source)."""
    phrases = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    synonyms = (
        SearchSynonym.objects.filter(phrase__in=phrases)
        .annotate(pk_=Value(0), category_=F("means"), popularity_=Value(-1), source_=Value(""))
        .values_list("pk_", "phrase", "category_", "popularity_", "source_")
        .order_by()
    )
    rows = matching(foods, words).values_list("pk", "name", "category", "popularity", "source").order_by()
    found = list(rows.union(synonyms, all=True))
    return {r[1]: r[2] for r in found if r[3] == -1}, [r for r in found if r[3] != -1]


def replaced(words: list[str], synonyms: dict[str, str]) -> list[str]:
    """The words with every phrase that has a synonym replaced by its USDA words, longest first."""
    result: list[str] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            phrase = " ".join(words[i:j])
            if phrase in synonyms:
                result.extend(ranking.words_of(synonyms[phrase]))
                i = j
                break
        else:
            result.append(words[i])
            i += 1
    return result[: ranking.MAX_WORDS]


def corrected(foods: QuerySet[Food], words: list[str]) -> list[str]:
    """The words with each one no food name holds (as a word or the start of one) replaced by
    the closest word that one does; only asked when nothing matched."""
    vocabulary = ranking.vocabulary_of(foods.values_list("name", flat=True))
    result = []
    for word in words:
        known = ranking.stem(word) in vocabulary or any(w.startswith(word) for w in vocabulary)
        result.append(word if known else ranking.correct_word(word, vocabulary) or word)
    return ranking.words_of(" ".join(result))


OWN_WORDS = (Source.CUSTOM, Source.RECIPE, Source.IMPORTED)


def search(foods: QuerySet[Food], query: str) -> Found:
    """The foods matching the query, best first: word forms, everyday names (synonyms) and
    typos of one or two letters understood. See foods/ranking.py for the order."""
    typed = ranking.words_of(query)
    if not typed:
        return Found([])
    synonyms, rows = synonyms_and_matches(foods, typed)
    if synonyms:
        words, because = replaced(typed, synonyms), "synonym"
        # Synonyms name USDA's foods; a user's own food or recipe is named in their own words,
        # so one matching the words as typed ("green porridge") comes first.
        own = order_of([row for row in rows if row[4] in OWN_WORDS], typed)
        ids = own + [pk for pk in ranked(foods, words) if pk not in own]
    else:
        words, because = typed, ""
        ids = order_of(rows, words)
    if not ids:
        fixed = corrected(foods, words)
        if fixed != words:
            words, because = fixed, "typo"
            ids = ranked(foods, words)
    return Found(ids, " ".join(words), because if ids else "")


def in_order(foods: QuerySet[Food], ids: list[int]) -> list[Food]:
    """The foods with these ids, in the order of ids (those foods hides left out)."""
    by_id = {food.pk: food for food in foods.filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


class RankedPage(Sequence):
    """A found list for Paginator: its length without a COUNT query (the search has the ids), and
    a slice fetched (with whatever foods adds, such as portions) only for the page shown: in the
    search's order, or in foods' own when sorted is true."""

    def __init__(self, foods: QuerySet[Food], found: Found, sorted: bool = False):
        self.foods, self.found, self.sorted = foods, found, sorted

    def __len__(self) -> int:
        return len(self.found.ids)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if self.sorted:
            chosen = self.foods.filter(pk__in=self.found.ids)[index]
            return list(chosen) if isinstance(index, slice) else chosen
        if isinstance(index, slice):
            return in_order(self.foods, self.found.ids[index])
        return in_order(self.foods, [self.found.ids[index]])[0]


def search_foods(foods: QuerySet[Food], query: str) -> list[Food]:
    """Every food matching the query, best first (for callers that want them all)."""
    return in_order(foods, search(foods, query).ids)


def find_foods(
    foods: QuerySet[Food], query: str, category: str, sort: str, measured: bool = True
) -> Sequence:
    """The foods to list: matching the query (all when empty) in the category (any when empty),
    with their magnesium measures, in the chosen order (by name for relevance without a query).
    A search in relevance order is a RankedPage; its `found` says what was searched.
    measured=False leaves out with_magnesium_measures' subqueries, for a caller that fetches the
    page's portions and takes the default one from them (foods.display.default_portions)."""
    if category:
        foods = foods.filter(category=category)
    measure = with_magnesium_measures if measured else (lambda foods: foods)
    if not query.strip():
        return sort_foods(measure(foods.order_by("name", "pk")), sort)
    found = search(foods, query)
    shown = measure(foods)
    if sort == "relevance":
        return RankedPage(shown, found)
    return RankedPage(sort_foods(shown, sort), found, sorted=True)


def food_groups(user) -> list[str]:
    """The food groups (USDA categories) of the foods the user may see, in alphabetical order,
    for the search form on every search. Building and compiling the query costs far more than
    running it, so its SQL is compiled once a user and process (food_groups_sql): it depends on
    the user's id and the code alone, never on the foods, so it needs no invalidation; the groups
    themselves are read fresh each time."""
    sql, params = food_groups_sql(user.pk if user.is_authenticated else None)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [category for (category,) in cursor.fetchall()]


@lru_cache(maxsize=4096)
def food_groups_sql(user_pk: int | None) -> tuple[str, tuple]:
    """The SQL and parameters of food_groups for the user with this id (None: not signed in)."""
    user = AnonymousUser() if user_pk is None else get_user_model()(pk=user_pk)
    groups = visible_foods(user).exclude(category="").order_by("category").values_list("category")
    return groups.distinct().query.sql_with_params()


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

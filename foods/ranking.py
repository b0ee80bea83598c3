"""How well a food's name answers a search, from plain values (no ORM): word forms, typos and
the order that puts the plain, common form of a food first."""

import math
import re
from collections.abc import Iterable
from functools import lru_cache

WORD = re.compile(r"[^\W_]+")
# Words that carry no meaning in a food name or a query (PostgreSQL's English text search
# drops them too, so both databases match the same foods).
STOP_WORDS = frozenset({"a", "an", "and", "or", "of", "the", "with", "without", "in", "on", "to", "for"})
MAX_WORDS = 8
MAX_WORD_LENGTH = 40


def stem(word: str) -> str:
    """A word without its plural ending: "cashews" → "cashew", "berries" → "berry",
    "potatoes" → "potato", "peaches" → "peach"; words of three letters or fewer as they are."""
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("oes"):
        return word[:-2]
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words_of(text: str) -> list[str]:
    """The lower-case words of a query (letters and digits), stop words left out, at most
    MAX_WORDS of at most MAX_WORD_LENGTH characters."""
    found = [w[:MAX_WORD_LENGTH] for w in WORD.findall(text.lower()) if w not in STOP_WORDS]
    return found[:MAX_WORDS]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (a swap of two neighbours counts one), or limit + 1 once it
    is certain to exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def typo_limit(word: str) -> int:
    """How many letters may be off: none in words of up to 3 letters, one up to 5, else two."""
    return 0 if len(word) <= 3 else 1 if len(word) <= 5 else 2


def correct_word(word: str, vocabulary: dict[str, int]) -> str | None:
    """The word of the vocabulary (word → how many names hold it) closest to word within its
    typo limit, the more common first; or a run-together pair split ("blackbeans" → "black
    beans"); None when nothing is close."""
    if len(word) >= 6:
        for cut in range(3, len(word) - 2):
            head, tail = word[:cut], word[cut:]
            if stem(head) in vocabulary and stem(tail) in vocabulary:
                return f"{head} {tail}"
    limit = typo_limit(word)
    best: tuple[int, int, str] | None = None
    for known, count in vocabulary.items():
        distance = edit_distance(word, known, limit)
        if distance <= limit and (best is None or (distance, -count, known) < best):
            best = (distance, -count, known)
    return best[2] if best else None


def vocabulary_of(names: Iterable[str]) -> dict[str, int]:
    """Every stemmed word of the names, with how many names hold it."""
    counts: dict[str, int] = {}
    for name in names:
        for word in {stem(w) for w in WORD.findall(name.lower())}:
            counts[word] = counts.get(word, 0) + 1
    return counts


# Food groups of dishes and products rather than foods: after the plain foods.
PREPARED_CATEGORIES = frozenset(
    {
        "Fast Foods",
        "Restaurant Foods",
        "Meals, Entrees, and Side Dishes",
        "Snacks",
        "Sweets",
        "Baked Products",
        "Baby Foods",
        "Soups, Sauces, and Gravies",
        "American Indian/Alaska Native Foods",
        "Breakfast Cereals",
        "Sausages and Luncheon Meats",
    }
)
# The form most people mean: raw, or simply cooked.
PLAIN_WORDS = frozenset(
    """
    raw boiled steamed roasted baked cooked brewed drained whole plain fresh regular fluid mature
    lean skinless unenriched unsweetened
    """.split()
)
# Words of a processed, unusual or substitute form.
UNUSUAL_WORDS = frozenset(
    """
    sheep goat buffalo human camel buttermilk sodium filled evaporated condensed chocolate smoked
    alaska native honey coated imitation substitute dehydrated powder powdered mix dry dried flour frozen
    canned prepared sweetened fried breaded commercial commercially deli luncheon sliced instant
    concentrate baby infant toddler formula fortified yolk glazed candied sauce syrup cake bread pie
    cookie cracker bar juice oil butter soup salad sandwich pudding dessert flavored beverage drink
    spread frosting topping filling imported stuffed dressing blend restaurant fast producer
    """.split()
)
BRAND = re.compile(r"\b[A-Z][A-Z'&]{2,}\b")
NOT_BRANDS = frozenset({"USDA", "NFS", "UPC", "NS", "RTE", "RTF", "USA"})
POPULARITY_WEIGHT = 1.0


@lru_cache(maxsize=16_384)  # a name's segments never change: each search re-ranks the same names
def name_segments(name: str) -> tuple[tuple[str, ...], ...]:
    """The stemmed words of each comma segment of a food's name, stop words left out."""
    return tuple(
        tuple(stem(w) for w in WORD.findall(part.lower()) if w not in STOP_WORDS) for part in name.split(",")
    )


@lru_cache(maxsize=16_384)
def has_brand(name: str) -> bool:
    """USDA writes brand names in capitals: "Cereals ready-to-eat, KELLOGG'S SPECIAL K"."""
    return any(word not in NOT_BRANDS for word in BRAND.findall(name))


def sort_key(name: str, category: str, popularity: int, query: list[str]) -> tuple:
    """Lower is better. query: the stemmed query words.

    First, where the words are: the whole first comma segment ("Spinach", "Egg", "Milk"); every
    word, whole, in the first two segments (USDA names go "group, food, preparation": "Nuts,
    cashew nuts, raw"); every word whole anywhere; some word only as the start of a word
    ("Eggplant" for "egg"). Then, among those, the plain common form: raw or simply cooked before
    prepared, unusual or substitute forms, generic before brands, foods people log more, fewer
    descriptions, shorter names."""
    # Called for every name a search matches (hundreds for "milk"): loops and list
    # comprehensions rather than generators, which cost a call a word.
    segments = name_segments(name)
    wanted = set(query)
    all_whole, furthest = True, 0
    for word in query:
        whole = [i for i, segment in enumerate(segments) if word in segment]
        if whole:
            index = whole[0]
        else:  # not a whole word: the first segment with a word starting with it
            all_whole = False
            starts = [i for i, segment in enumerate(segments) if any(w.startswith(word) for w in segment)]
            index = starts[0] if starts else 9
        furthest = max(furthest, index)
    first = set(segments[0]) if segments else set()
    if all_whole and (first == wanted or (furthest <= 1 and first <= wanted | GROUP_WORDS)):
        level = 1
    elif all_whole and furthest <= 1:
        level = 2
    elif all_whole:
        level = 3
    else:
        level = 4
    described = [w for segment in segments for w in segment if w not in wanted]
    penalty = -2.0 if first == wanted else 0.0  # "Spinach, raw" for spinach
    penalty += 3 if has_brand(name) else 0
    penalty += 2 if category in PREPARED_CATEGORIES else 0
    penalty += 2 * min(2, len([w for w in described if w in UNUSUAL_WORDS]))
    penalty -= 2 if "raw" in described else min(2, len([w for w in described if w in PLAIN_WORDS]))
    if popularity > 0:
        penalty -= POPULARITY_WEIGHT * (1 + math.log2(popularity))
    return (level, penalty, len(segments), len(name), name)


# First segments that name a group, not the food: "Nuts, almonds", "Beans, black".
GROUP_WORDS = frozenset(
    """
    nut seed bean fish cereal beverage spice vegetable fruit cheese beef pork lamb veal chicken
    turkey mollusk crustacean rice pasta bread yogurt pea lentil chickpea alcoholic milk egg tea coffee
    juice squash pepper lettuce cabbage onion potato tomato apple orange grape melon berry wheat oat
    corn barley soy
    """.split()
)

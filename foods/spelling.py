"""The spelling the food names use, for a search that found nothing ("pumkin" → "pumpkin")."""

import difflib
import re

from django.db.models import QuerySet

from foods.models import Food

WORD = re.compile(r"[a-z]{3,}")
# difflib's similarity ratio from which a name's word counts as the one meant.
CUTOFF = 0.75


def spelling_found(foods: QuerySet[Food], query: str) -> str:
    """The query with each word unknown to the names of these foods replaced by the closest word
    they use; empty when no word could be corrected (nonsense stays unanswered)."""
    words = query.lower().split()
    vocabulary = {
        word for name in foods.values_list("name", flat=True) for word in WORD.findall(name.lower())
    }
    corrected = []
    for word in words:
        if word in vocabulary:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=CUTOFF)
        corrected.append(close[0] if close else word)
    suggestion = " ".join(corrected)
    return suggestion if suggestion != " ".join(words) else ""

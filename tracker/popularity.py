"""How many people log each food, for the food search's ranking, revealing no one's entries."""

from django.db import transaction
from django.db.models import Count

from foods.models import Food
from tracker.models import IntakeEntry

# Below this many distinct users a food counts as unlogged (0): a count of 1 or 2 would tell
# whoever sees the ranking that someone, perhaps a known someone, logs that food.
POPULARITY_MIN_USERS = 5


def refresh_food_popularity() -> int:
    """Set every food's popularity to the number of distinct users who logged it, or 0 below
    POPULARITY_MIN_USERS; returns how many foods count as popular. One aggregate over the log."""
    counts = dict(
        IntakeEntry.objects.order_by()
        .values("food")
        .annotate(users=Count("user", distinct=True))
        .filter(users__gte=POPULARITY_MIN_USERS)
        .values_list("food", "users")
    )
    with transaction.atomic():
        Food.objects.exclude(pk__in=counts).exclude(popularity=0).update(popularity=0)
        for food_id, users in counts.items():
            Food.objects.filter(pk=food_id).exclude(popularity=users).update(popularity=users)
    return len(counts)

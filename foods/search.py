"""Finding foods by name."""

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Length

from foods.models import Food, Portion, ReviewStatus


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


def search_foods(foods: QuerySet[Food], query: str) -> QuerySet[Food]:
    """Foods whose name holds every word of the query (any case), best matches first.

    Best: the exact name, then names starting with the query, then names starting with
    its first word, then names holding the whole query, then the rest; shorter names first.
    """
    words = query.split()
    if not words:
        return foods.none()
    for word in words:
        foods = foods.filter(name__icontains=word)
    phrase = " ".join(words)
    rank = Case(
        When(name__iexact=phrase, then=Value(0)),
        When(name__istartswith=phrase, then=Value(1)),
        When(name__istartswith=words[0], then=Value(2)),
        When(name__icontains=phrase, then=Value(3)),
        default=Value(4),
        output_field=IntegerField(),
    )
    return foods.annotate(rank=rank, name_length=Length("name")).order_by("rank", "name_length", "name")

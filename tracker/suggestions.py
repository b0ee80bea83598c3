"""Foods that would close a day's magnesium gap in one reference amount; never for a user with CKD."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.queries import profile_of
from core import ckd, reference
from foods.models import Food
from foods.search import visible_foods, with_reference_amounts
from tracker.models import IntakeEntry
from tracker.summary import DaySummary

MAX_SUGGESTIONS = 5
# Never suggested: supplements sold as foods (protein, meal and nutritional supplements) and
# infant foods, whose portions and purpose are not an adult's meal; and foods not eaten as they
# are: those a curator marked so (Food.is_eaten_as_is), those whose reference amount is an
# ingredient's (seed flours, cocoa powder: core.racc), and by name flours and crude brans.
INGREDIENT_RACC_CATEGORIES = ("nut_flours", "cocoa")
NOT_SUGGESTED = (
    Q(name__icontains="supplement")
    | Q(category="Baby Foods")
    | Q(is_eaten_as_is=False)
    | Q(racc_category__in=INGREDIENT_RACC_CATEGORIES)
    | Q(name__icontains="flour")
    | Q(name__icontains=", crude")
)
# Never suggested in pregnancy or while breastfeeding: caffeinated drinks (coffee, tea that is
# not herbal, colas, energy drinks), whose caffeine intake is limited then. By USDA name.
CAFFEINATED = (
    Q(category="Beverages")
    & (
        Q(name__icontains="coffee")
        | (Q(name__icontains="tea") & ~Q(name__icontains="herb"))
        | Q(name__icontains="cola")
        | Q(name__icontains="energy drink")
        | Q(name__icontains="caffeine")
    )
    & ~Q(name__icontains="decaf")
)


@dataclass
class GapSuggestions:
    gap_mg: Decimal
    foods: list[Food]  # with reference_grams (foods.search.with_reference_amounts) and uses


def times_logged(user) -> Subquery:
    """How many entries the user has of the outer food (0 if none)."""
    entries = (
        IntakeEntry.objects.filter(user=user, food=OuterRef("pk"))
        .order_by()
        .values("food")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(entries, output_field=IntegerField()), Value(0))


def gap_foods(user, gap_mg: Decimal, caffeine: bool = True) -> QuerySet[Food]:
    """Foods the user may log with at least gap_mg (> 0) of magnesium in their FDA reference
    amount (a custom food's: its serving), not in whatever portion USDA lists first:
    the user's most logged foods first, then the most magnesium per 100 kcal (one query).

    Both measures are the food's stored, indexed columns (foods.models.stored_measures), not
    computed for every food on every day page."""
    foods = visible_foods(user).filter(reference_magnesium_mg__gte=float(gap_mg)).exclude(NOT_SUGGESTED)
    if not caffeine:
        foods = foods.exclude(CAFFEINATED)
    return (
        with_reference_amounts(foods)
        .annotate(uses=times_logged(user))
        .order_by("-uses", F("magnesium_per_100_kcal").desc(nulls_last=True), "name", "pk")
    )[:MAX_SUGGESTIONS]


def for_day(user, summary: DaySummary) -> GapSuggestions | None:
    """Suggestions for a day below its target; None with CKD, without a target or at the target."""
    if (
        not ckd.suggests_foods(summary.has_ckd)
        or summary.target_mg is None
        or summary.total_magnesium_mg >= summary.target_mg
    ):
        return None
    gap = summary.target_mg - summary.total_magnesium_mg
    profile = profile_of(user)  # already loaded by the summary: no query
    expecting = bool(profile and profile.life_stage in (reference.PREGNANT, reference.LACTATING))
    return GapSuggestions(gap, list(gap_foods(user, gap, caffeine=not expecting)))

"""The one day summary and the one period average, for the day page, trends, the report,
the CSV and the API alike. Amounts are Decimal and every average is rounded by one rule
(core.nutrition.average: to 0.001 mg, half up), so two pages never disagree on a figure."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum

from accounts.queries import profile_of
from core import nutrition, reference
from core.targets import Notice, day_target, supplement_limit, supplement_notices
from foods.models import NUTRIENT_FIELDS
from tracker.models import IntakeEntry, SupplementEntry

MAX_RANGE_DAYS = 366  # the longest range a report, an export or the API covers

# The cofactors totalled in the day's cofactor panel: field, name, unit.
COFACTORS = (
    ("calcium_mg", "Calcium", "mg"),
    ("phosphorus_mg", "Phosphorus", "mg"),
    ("potassium_mg", "Potassium", "mg"),
    ("vitamin_d_ug", "Vitamin D (D2 + D3)", "µg"),
    ("vitamin_k_ug", "Vitamin K (K1, phylloquinone)", "µg"),
)


@dataclass(frozen=True)
class Cofactor:
    field: str
    name: str
    unit: str
    total: Decimal  # sum of the known values
    unknown: int  # foods logged whose value is unknown


@dataclass
class DaySummary:
    date: date
    entries: int
    totals: dict[str, Decimal]  # nutrient field -> sum of the known values
    missing: dict[str, int]  # nutrient field -> foods logged whose value is unknown
    supplement_entries: int
    supplement_magnesium_mg: Decimal
    supplement_limit: reference.SupplementLimit | None  # none under 1 year, none with CKD
    target: reference.ReferenceIntake | None
    has_ckd: bool
    reference_standard: str
    notices: list[Notice] = field(default_factory=list)

    @property
    def food_magnesium_mg(self) -> Decimal:
        return self.totals["magnesium_mg"]

    @property
    def total_magnesium_mg(self) -> Decimal:
        return self.food_magnesium_mg + self.supplement_magnesium_mg

    @property
    def percent_of_target(self) -> int | None:
        return nutrition.percent_of_target(self.total_magnesium_mg, self.target_mg)

    @property
    def target_mg(self) -> int | None:
        return self.target.mg if self.target else None

    @property
    def target_source(self) -> str | None:
        return self.target.source if self.target else None

    @property
    def target_kind(self) -> str | None:
        return self.target.kind if self.target else None

    @property
    def supplement_limit_mg(self) -> int | None:
        return self.supplement_limit.mg if self.supplement_limit else None

    @property
    def over_supplement_limit(self) -> bool:
        return nutrition.over_supplement_limit(self.supplement_magnesium_mg, self.supplement_limit_mg)

    @property
    def supplement_limit_citation(self) -> str | None:
        """The source of the limit the user is warned at (none with CKD or under 1 year)."""
        return self.supplement_limit.citation if self.supplement_limit else None

    @property
    def supplement_limit_note(self) -> str | None:
        """Said when the chosen standard sets no limit at the age and the IOM figure stands in."""
        return self.supplement_limit.note if self.supplement_limit else None

    @property
    def is_logged(self) -> bool:
        """Whether anything (food or supplement) was logged on the day."""
        return bool(self.entries or self.supplement_entries)

    @property
    def entries_missing_magnesium(self) -> int:
        return self.missing["magnesium_mg"]

    @property
    def entries_with_magnesium(self) -> int:
        return self.entries - self.entries_missing_magnesium

    @property
    def cofactors(self) -> list[Cofactor]:
        return [
            Cofactor(name, label, unit, self.totals[name], self.missing[name])
            for name, label, unit in COFACTORS
        ]


def food_aggregates(nutrients=tuple(NUTRIENT_FIELDS)) -> dict:
    """Per-entry aggregates of the food log: count, the sum and the unknowns of each nutrient."""
    return {
        "entries": Count("pk"),
        **{f"sum_{name}": Sum(name) for name in nutrients},
        **{f"missing_{name}": Count("pk", filter=Q(**{f"{name}__isnull": True})) for name in nutrients},
    }


def one_day_food(user, day: date, nutrients: tuple[str, ...], entries=None) -> dict:
    """food_aggregates' row for one day, summed here from the day's few entries: building the
    grouped aggregate's SQL costs more than the query itself. The same Decimal sums (SQL's are
    rounded to the field's 0.001, as every entry's amounts are). entries: the day's entries when
    the caller has them already (the day page lists them), else they are read."""
    if entries is None:
        rows = list(IntakeEntry.objects.filter(user=user, date=day).values_list(*nutrients))
    else:
        rows = [tuple(getattr(entry, name) for name in nutrients) for entry in entries]
    result: dict = {"entries": len(rows)}
    for index, name in enumerate(nutrients):
        known = [row[index] for row in rows if row[index] is not None]
        result[f"sum_{name}"] = sum(known, Decimal(0)) if known else None
        result[f"missing_{name}"] = len(rows) - len(known)
    return result


def range_summaries(
    user, start: date, end: date, nutrients=tuple(NUTRIENT_FIELDS), day_entries=None
) -> list[DaySummary]:
    """A DaySummary for every day from start to end (inclusive), oldest first, in three queries
    whatever the range: the profile, then one grouped aggregate for the food entries and one for
    the supplements. Days with nothing logged have entries == supplement_entries == 0
    (DaySummary.is_logged False) and zero totals, which callers show as gaps, not as zeros.

    totals and missing hold the nutrients asked for (magnesium always): a year's trend needs
    three of the nine, and summing the others would only slow its query. day_entries: for one
    day, its entries when the caller has them (one_day_food)."""
    nutrients = tuple(dict.fromkeys(("magnesium_mg", *nutrients)))
    profile = profile_of(user)
    facts = profile.facts if profile else None
    in_range = {"user": user, "date__range": (start, end)}
    if start == end:
        food = {start: one_day_food(user, start, nutrients, day_entries)}
    else:
        food = {
            row["date"]: row
            for row in IntakeEntry.objects.filter(**in_range)
            .values("date")
            .annotate(**food_aggregates(nutrients))
            .order_by("date")
        }
    supplements = {
        row["date"]: row
        for row in SupplementEntry.objects.filter(**in_range)
        .values("date")
        .annotate(count=Count("pk"), magnesium_mg=Sum("magnesium_mg"))
        .order_by("date")
    }
    no_food = {"entries": 0, **{f"missing_{name}": 0 for name in nutrients}}
    no_supplements = {"count": 0, "magnesium_mg": None}
    summaries = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        day_food = food.get(day, no_food)
        day_supplements = supplements.get(day, no_supplements)
        target, notices = day_target(facts, day)
        summary = DaySummary(
            date=day,
            entries=day_food["entries"],
            totals={name: day_food.get(f"sum_{name}") or Decimal(0) for name in nutrients},
            missing={name: day_food[f"missing_{name}"] for name in nutrients},
            supplement_entries=day_supplements["count"],
            supplement_magnesium_mg=day_supplements["magnesium_mg"] or Decimal(0),
            supplement_limit=supplement_limit(facts, day),
            target=target,
            has_ckd=bool(profile and profile.has_ckd),
            reference_standard=profile.reference_standard if profile else reference.NIH,
            notices=list(notices),
        )
        summary.notices += supplement_notices(
            facts, summary.supplement_magnesium_mg, summary.supplement_limit
        )
        summaries.append(summary)
    return summaries


def day_summary(user, day: date, entries=None) -> DaySummary:
    """One user's day: food totals, supplements and the target, in three queries (range_summaries);
    two when the caller passes the day's entries (with every nutrient loaded)."""
    return range_summaries(user, day, day, day_entries=entries)[0]


# The day values a period averages: DaySummary attributes, or nutrients summed from food.
AVERAGED = (
    "food_magnesium_mg",
    "supplement_magnesium_mg",
    "total_magnesium_mg",
    "calcium_mg",
    "phosphorus_mg",
    "potassium_mg",
    "vitamin_d_ug",
    "vitamin_k_ug",
)
MAGNESIUM = ("food_magnesium_mg", "supplement_magnesium_mg", "total_magnesium_mg")


def day_value(summary: DaySummary, name: str) -> Decimal:
    """One of AVERAGED for a day, in its unit."""
    if name in MAGNESIUM:
        return getattr(summary, name)
    return summary.totals[name]


def period_averages(days: list[DaySummary], names=AVERAGED) -> dict[str, Decimal] | None:
    """The average a day of each named value over the days with anything logged (food or
    supplements; days with nothing logged are gaps, not zeros), to 0.001 by core.nutrition.average.
    None when no day was logged."""
    logged = [day for day in days if day.is_logged]
    if not logged:
        return None
    return {name: nutrition.average([day_value(day, name) for day in logged]) for name in names}

"""Reads of the intake log, always scoped to one user, and the day summary pages and API share."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum

from accounts.models import Profile
from foods.models import NUTRIENT_FIELDS, Food
from foods.search import visible_foods
from tracker import nutrition, reference
from tracker.models import Compound, Favourite, IntakeEntry, SupplementEntry

CKD_NOTICE = (
    "You told us you have chronic kidney disease. Kidneys that work less well may not "
    "clear extra magnesium, and magnesium-rich foods often bring potassium and phosphorus "
    "too. Ask your nephrologist or renal dietitian for your own magnesium, potassium and "
    "phosphorus targets, and take no magnesium, calcium, vitamin D or vitamin K supplement "
    "unless your kidney team advises it. Standard goals are not shown for you."
)
# Shown on the supplement form of a user with CKD, before anything is saved (CONTENT.md,
# "What the CKD prompt must convey", points 1 and 2).
CKD_SUPPLEMENT_WARNING = (
    "Kidneys that work less well cannot remove extra magnesium, so magnesium from "
    "supplements, antacids, laxatives (such as milk of magnesia or magnesium oxide) or "
    "enemas can build up in the blood. This is called hypermagnesemia. It can cause nausea, "
    "flushing, low blood pressure, weakness, drowsiness and an irregular heartbeat. Take no "
    "magnesium, calcium, vitamin D or vitamin K supplement unless your kidney team has "
    "advised it. In the largest blinded trial in people with kidney disease, magnesium "
    "supplements did not slow artery calcification compared with placebo, and serious side "
    "effects were more frequent with them. Vitamin K also interferes with warfarin."
)
CKD_NO_TARGET = (
    "No goal is shown for you. Ask your kidney team (nephrologist or renal dietitian) for a "
    "personal magnesium target; if they give you one, enter it in your profile and each day "
    "will show your progress against it."
)

# The cofactors totalled in the day's cofactor panel: field, name, unit.
COFACTORS = (
    ("calcium_mg", "Calcium", "mg"),
    ("phosphorus_mg", "Phosphorus", "mg"),
    ("potassium_mg", "Potassium", "mg"),
    ("vitamin_d_ug", "Vitamin D (D2 + D3)", "µg"),
    ("vitamin_k_ug", "Vitamin K (K1, phylloquinone)", "µg"),
)


@dataclass
class Notice:
    code: str
    message: str


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
    supplement_limit_mg: int | None  # none is set under 1 year
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
    def over_supplement_limit(self) -> bool:
        return nutrition.over_supplement_limit(self.supplement_magnesium_mg, self.supplement_limit_mg)

    @property
    def supplement_limit_citation(self) -> str:
        return reference.SUPPLEMENT_LIMIT_CITATION

    @property
    def supplement_limit_note(self) -> str | None:
        """The EU or UK supplement figure, for users who chose that standard."""
        return reference.SUPPLEMENT_LIMIT_NOTES.get(self.reference_standard)

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


def user_entries(user) -> QuerySet[IntakeEntry]:
    """All of one user's entries; another user's entry is simply not found here."""
    return IntakeEntry.objects.filter(user=user).select_related("food", "portion")


def entries_for_day(user, day: date) -> QuerySet[IntakeEntry]:
    return user_entries(user).filter(date=day).order_by("created_at", "pk")


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


def profile_of(user) -> Profile | None:
    return Profile.objects.filter(user=user).first()


def day_target(profile: Profile | None, day: date) -> tuple[reference.ReferenceIntake | None, list[Notice]]:
    """The target shown for a day, with the notices that explain it.

    A clinician's target wins everywhere; with CKD it is the only target shown.
    """
    if profile is None:
        return reference.DAILY_VALUE, [
            Notice(
                "no_profile",
                "No profile yet, so the target is the US Daily Value of 420 mg used on food "
                "labels. Set your birth date and sex in your profile for your own reference intake.",
            )
        ]
    notices = [Notice("ckd", CKD_NOTICE)] if profile.has_ckd else []
    if profile.clinician_target_mg:
        return reference.clinician_target(profile.clinician_target_mg), notices
    if profile.has_ckd:
        return None, [*notices, Notice("ckd_no_target", CKD_NO_TARGET)]
    if day < profile.birth_date:
        return None, [Notice("before_birth", "This date is before your birth date.")]
    standard = profile.reference_standard
    try:
        target = reference.reference_intake(
            profile.birth_date, profile.sex, profile.life_stage, day, standard
        )
    except reference.NoReferenceValue:
        return None, [
            Notice(
                "no_reference",
                f"The {reference.STANDARD_NAMES[standard]} table has no reference intake for your "
                "life stage at your age. Ask your clinician for a personal target; you can enter it "
                "in your profile.",
            )
        ]
    return target, []


def supplement_limit_mg(profile: Profile | None, day: date) -> int | None:
    """The upper limit for supplemental magnesium on a day; an adult's without a profile."""
    if profile is None:
        return reference.supplement_upper_limit_mg(reference.ADULT_AGE_MONTHS)
    if day < profile.birth_date:
        return None
    return reference.supplement_upper_limit_mg(reference.age_in_months(profile.birth_date, day))


def over_limit_notice(supplement_mg: Decimal, limit_mg: int) -> Notice:
    return Notice(
        "over_supplement_limit",
        f"Your supplements on this day add up to {nutrition.mg_text(supplement_mg)} of magnesium, more "
        f"than the upper limit of {limit_mg} mg a day for your age. This limit concerns magnesium "
        "from supplements and medicines (such as antacids and laxatives) only; magnesium in food "
        "does not count towards it. Too much can cause diarrhoea, nausea and stomach cramps. The "
        "limit is not a target. Talk to your doctor or pharmacist about the supplements you take.",
    )


def food_aggregates(nutrients=tuple(NUTRIENT_FIELDS)) -> dict:
    """Per-entry aggregates of the food log: count, the sum and the unknowns of each nutrient."""
    return {
        "entries": Count("pk"),
        **{f"sum_{name}": Sum(name) for name in nutrients},
        **{f"missing_{name}": Count("pk", filter=Q(**{f"{name}__isnull": True})) for name in nutrients},
    }


def range_summaries(user, start: date, end: date, nutrients=tuple(NUTRIENT_FIELDS)) -> list[DaySummary]:
    """A DaySummary for every day from start to end (inclusive), oldest first, in three queries
    whatever the range: the profile, then one grouped aggregate for the food entries and one for
    the supplements. Days with nothing logged have entries == supplement_entries == 0
    (DaySummary.is_logged False) and zero totals, which callers show as gaps, not as zeros.

    totals and missing hold the nutrients asked for (magnesium always): a year's trend needs
    three of the nine, and summing the other six took a third of its query's time."""
    nutrients = tuple(dict.fromkeys(("magnesium_mg", *nutrients)))
    profile = profile_of(user)
    in_range = {"user": user, "date__range": (start, end)}
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
        target, notices = day_target(profile, day)
        summary = DaySummary(
            date=day,
            entries=day_food["entries"],
            totals={name: day_food.get(f"sum_{name}") or Decimal(0) for name in nutrients},
            missing={name: day_food[f"missing_{name}"] for name in nutrients},
            supplement_entries=day_supplements["count"],
            supplement_magnesium_mg=day_supplements["magnesium_mg"] or Decimal(0),
            supplement_limit_mg=supplement_limit_mg(profile, day),
            target=target,
            has_ckd=bool(profile and profile.has_ckd),
            reference_standard=profile.reference_standard if profile else reference.NIH,
            notices=notices,
        )
        if summary.over_supplement_limit:
            notice = over_limit_notice(summary.supplement_magnesium_mg, summary.supplement_limit_mg)
            summary.notices.append(notice)
        summaries.append(summary)
    return summaries


def day_summary(user, day: date) -> DaySummary:
    """One user's day: food totals, supplements and the target, in three queries (range_summaries)."""
    return range_summaries(user, day, day)[0]


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


@dataclass
class QuickFood:
    """A food to log again: last is the user's latest entry of it (None: never logged)."""

    food: Food
    last: IntakeEntry | None
    is_favourite: bool


def last_entry_of(user, food: Food) -> IntakeEntry | None:
    """The user's latest entry of a food, whose portion and quantity a new entry starts from."""
    return user_entries(user).filter(food=food).order_by("-pk").first()


def latest_entries(user, **food_filter) -> QuerySet[IntakeEntry]:
    """The user's latest entry of each food they logged (and may still log), foods filtered by food_filter."""
    entries = IntakeEntry.objects.filter(user=user, **food_filter)
    latest = entries.values("food").annotate(latest=Max("pk")).values("latest")
    return user_entries(user).filter(pk__in=latest, food__in=visible_foods(user))


def recent_foods(user, limit: int = RECENT_FOODS) -> list[QuickFood]:
    """The foods a user logged last, each once with its latest entry, newest first (one query)."""
    starred = Favourite.objects.filter(user=user, food=OuterRef("food"))
    entries = latest_entries(user).annotate(is_favourite=Exists(starred))
    return [QuickFood(e.food, e, e.is_favourite) for e in entries.order_by("-pk")[:limit]]


def favourite_foods(user) -> list[QuickFood]:
    """A user's favourite foods that they may still log, by name, with their latest entries (two queries)."""
    foods = visible_foods(user).filter(favourites__user=user).order_by("name", "pk")
    last = {entry.food_id: entry for entry in latest_entries(user, food__favourites__user=user)}
    return [QuickFood(food, last.get(food.pk), True) for food in foods]


def is_favourite(user, food: Food) -> bool:
    return Favourite.objects.filter(user=user, food=food).exists()

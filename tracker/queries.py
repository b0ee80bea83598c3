"""Reads of the intake log, always scoped to one user."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from accounts.models import Profile
from foods.models import NUTRIENT_FIELDS
from tracker import nutrition, reference
from tracker.models import IntakeEntry

CKD_NOTICE = (
    "You told us you have chronic kidney disease. Kidneys that work less well may not "
    "clear extra magnesium, and magnesium-rich foods often bring potassium and phosphorus "
    "too. Ask your nephrologist or renal dietitian for your own magnesium, potassium and "
    "phosphorus targets, and take no magnesium, calcium, vitamin D or vitamin K supplement "
    "unless your kidney team advises it. Standard goals are not shown for you."
)


@dataclass
class Notice:
    code: str
    message: str


@dataclass
class DaySummary:
    date: date
    entries: int
    entries_missing_magnesium: int
    totals: dict[str, Decimal]  # nutrient field -> sum of the known values
    target: reference.ReferenceIntake | None
    percent_of_target: int | None
    has_ckd: bool
    supplement_limit_mg: int | None = None
    notices: list[Notice] = field(default_factory=list)

    @property
    def food_magnesium_mg(self) -> Decimal:
        return self.totals["magnesium_mg"]

    @property
    def entries_with_magnesium(self) -> int:
        return self.entries - self.entries_missing_magnesium


def user_entries(user) -> QuerySet[IntakeEntry]:
    """All of one user's entries; another user's entry is simply not found here."""
    return IntakeEntry.objects.filter(user=user).select_related("food", "portion")


def entries_for_day(user, day: date) -> QuerySet[IntakeEntry]:
    return user_entries(user).filter(date=day).order_by("created_at", "pk")


def profile_of(user) -> Profile | None:
    return Profile.objects.filter(user=user).first()


def day_target(profile: Profile | None, day: date) -> tuple[reference.ReferenceIntake | None, list[Notice]]:
    """The reference intake shown for a day, with the notices that explain it."""
    if profile is None:
        return reference.DAILY_VALUE, [
            Notice(
                "no_profile",
                "No profile yet, so the target is the US Daily Value of 420 mg used on food "
                "labels. Set your birth date and sex in your profile for your own reference intake.",
            )
        ]
    if profile.has_ckd:
        return None, [Notice("ckd", CKD_NOTICE)]
    if day < profile.birth_date:
        return None, [Notice("before_birth", "This date is before your birth date.")]
    try:
        target = reference.reference_intake(profile.birth_date, profile.sex, profile.life_stage, day)
    except reference.NoReferenceValue:
        return None, [
            Notice(
                "no_reference",
                "The NIH table has no reference intake for your life stage at your age. "
                "Ask your clinician for a personal target.",
            )
        ]
    return target, []


def day_aggregates() -> dict:
    """The aggregates behind a day's summary: entry counts and the sum of every nutrient."""
    return {
        "entries": Count("pk"),
        "entries_missing_magnesium": Count("pk", filter=Q(magnesium_mg__isnull=True)),
        **{name: Sum(name) for name in NUTRIENT_FIELDS},
    }


def supplement_limit_mg(profile: Profile | None, day: date) -> int | None:
    """The upper limit for supplemental magnesium on a day; None without a profile, before
    birth, under 1 year, and with CKD (the kidney team decides about any supplement)."""
    if profile is None or profile.has_ckd or day < profile.birth_date:
        return None
    return reference.supplement_upper_limit_mg(reference.age_in_months(profile.birth_date, day))


def summary_from_aggregates(day: date, row: dict, profile: Profile | None) -> DaySummary:
    totals = {name: row.get(name) or Decimal(0) for name in NUTRIENT_FIELDS}
    target, notices = day_target(profile, day)
    return DaySummary(
        date=day,
        entries=row.get("entries", 0),
        entries_missing_magnesium=row.get("entries_missing_magnesium", 0),
        totals=totals,
        target=target,
        percent_of_target=nutrition.percent_of_target(totals["magnesium_mg"], target and target.mg),
        has_ckd=bool(profile and profile.has_ckd),
        supplement_limit_mg=supplement_limit_mg(profile, day),
        notices=notices,
    )


def day_summary(user, day: date) -> DaySummary:
    """Totals of one user's day (one aggregate query) against their reference intake."""
    row = IntakeEntry.objects.filter(user=user, date=day).aggregate(**day_aggregates())
    return summary_from_aggregates(day, row, profile_of(user))


def range_summaries(user, start: date, end: date) -> list[DaySummary]:
    """A summary for every day from start to end, both included, from one grouped query."""
    rows = (
        IntakeEntry.objects.filter(user=user, date__range=(start, end))
        .values("date")
        .annotate(**day_aggregates())
        .order_by("date")
    )
    by_day = {row["date"]: row for row in rows}
    profile = profile_of(user)
    days = (start + timedelta(days=offset) for offset in range((end - start).days + 1))
    return [summary_from_aggregates(day, by_day.get(day, {}), profile) for day in days]

"""Reads of the intake log, always scoped to one user."""

from dataclasses import dataclass, field
from datetime import date
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


def day_summary(user, day: date) -> DaySummary:
    """Totals of one user's day (one aggregate query) against their reference intake."""
    profile = profile_of(user)
    sums = {name: Sum(name) for name in NUTRIENT_FIELDS}
    row = IntakeEntry.objects.filter(user=user, date=day).aggregate(
        entries=Count("pk"),
        entries_missing_magnesium=Count("pk", filter=Q(magnesium_mg__isnull=True)),
        **sums,
    )
    totals = {name: row[name] or Decimal(0) for name in NUTRIENT_FIELDS}
    target, notices = day_target(profile, day)
    return DaySummary(
        date=day,
        entries=row["entries"],
        entries_missing_magnesium=row["entries_missing_magnesium"],
        totals=totals,
        target=target,
        percent_of_target=nutrition.percent_of_target(totals["magnesium_mg"], target and target.mg),
        has_ckd=bool(profile and profile.has_ckd),
        notices=notices,
    )

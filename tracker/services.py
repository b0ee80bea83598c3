"""Writes to the intake log."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from core import nutrition
from foods.models import NUTRIENT_FIELDS, Food, Portion
from foods.search import visible_foods
from tracker.models import IntakeEntry, SupplementEntry, ensure_room

# A food deleted or archived between the form's check and the save (its recipe deleted meanwhile).
FOOD_GONE = "This food can no longer be logged: it was deleted or archived meanwhile."


def lock_food(user: AbstractBaseUser, food: Food, entry: IntakeEntry | None = None) -> None:
    """Lock the food's row until the transaction ends and check that it may still be logged
    (ValidationError, code "food_gone", otherwise). Whoever deletes or archives a food locks it
    too (foods.recipes.delete_recipe): without this, an entry of a food deleted after the form
    was checked failed its foreign key at commit (an IntegrityError, a 500). An entry edited on
    its own food may keep it archived."""
    keeps_food = entry is not None and entry.pk is not None and entry.food_id == food.pk
    foods = Food.objects.all() if keeps_food else visible_foods(user)
    if not foods.filter(pk=food.pk).lock():
        raise ValidationError(FOOD_GONE, code="food_gone")


@transaction.atomic
def save_entry(
    *,
    user: AbstractBaseUser,
    food: Food,
    on: date,
    meal: str,
    portion: Portion | None,
    quantity: Decimal | None,
    grams: Decimal | None,
    entry: IntakeEntry | None = None,
) -> IntakeEntry:
    """Create or update an entry, copying the food's nutrients for the amount eaten. A day
    already holding MAX_ENTRIES_PER_DAY entries takes no more (ValidationError on "date"); a
    food no longer loggable, none (ValidationError, code "food_gone": lock_food)."""
    lock_food(user, food, entry)
    ensure_room(IntakeEntry, user, on, 1, moving=entry)
    entry = filled_entry(
        entry or IntakeEntry(user=user),
        food=food,
        on=on,
        meal=meal,
        portion=portion,
        quantity=quantity,
        grams=grams,
    )
    entry.save()
    return entry


def filled_entry(
    entry: IntakeEntry,
    *,
    food: Food,
    on: date,
    meal: str,
    portion: Portion | None,
    quantity: Decimal | None,
    grams: Decimal | None,
) -> IntakeEntry:
    """The entry with these values and the food's nutrients for the amount eaten, checked, unsaved."""
    if portion is not None and portion.food_id != food.pk:
        raise ValueError("the portion belongs to another food")
    amount_g = nutrition.amount_in_grams(portion.grams if portion else None, quantity, grams)
    entry.date, entry.meal, entry.food, entry.portion = on, meal, food, portion
    entry.quantity = quantity if portion else 1
    entry.amount_g = amount_g
    per_100g = {name: getattr(food, name) for name in NUTRIENT_FIELDS}
    for name, value in nutrition.nutrients_for_amount(per_100g, amount_g).items():
        setattr(entry, name, value)
    # The table's one check constraint (amount_g > 0, which a tiny portion × quantity can miss
    # after rounding) asked here: full_clean would ask the database, three statements an entry.
    entry.full_clean(exclude=["user", "food", "portion"], validate_constraints=False)
    if entry.amount_g <= 0:
        raise ValidationError("The amount eaten must weigh more than 0 g.", code="entry_amount_positive")
    return entry


def copy_entry(entry: IntakeEntry, *, user: AbstractBaseUser, on: date, meal: str) -> IntakeEntry:
    """A new entry of the same food and amount (portion × quantity, or grams) on a day and meal.

    The nutrients come from the food as it is now, as for any new entry: the same amount of
    the same food is logged with today's values, and the earlier entry keeps its own.
    """
    grams = None if entry.portion else entry.amount_g
    return save_entry(
        user=user,
        food=entry.food,
        on=on,
        meal=meal,
        portion=entry.portion,
        quantity=entry.quantity,
        grams=grams,
    )


@dataclass
class CopyResult:
    entries: int = 0
    supplements: int = 0
    skipped: list[str] = field(default_factory=list)  # foods no longer loggable, not copied
    supplements_left: int = 0  # supplements of the day not copied (without with_supplements)

    @property
    def is_empty(self) -> bool:
        """Nothing was there to copy."""
        return not (self.entries or self.supplements or self.skipped or self.supplements_left)


@transaction.atomic
def copy_day(
    user: AbstractBaseUser, *, source: date, target: date, meal: str | None, with_supplements: bool
) -> CopyResult:
    """Copy a user's foods of one day (or of one meal of it) to another day, into the same meals;
    for a whole day, with with_supplements, the day's supplements too. All or nothing: one
    insert for the foods and one for the supplements, refused (ValidationError on "date") when
    the target day would hold more than MAX_ENTRIES_PER_DAY of either.

    Foods the user may no longer log (archived, or a custom food no longer shared) are skipped
    and named in the result. Entries already on the target day stay: copies are added.
    """
    entries = IntakeEntry.objects.filter(user=user, date=source).select_related("food", "portion")
    if meal:
        entries = entries.filter(meal=meal)
    # Locked until the copies are in, as in save_entry (lock_food): a food deleted meanwhile
    # would fail the copies' foreign key at commit.
    loggable = set(
        visible_foods(user)
        .filter(entries__in=entries)
        .select_for_update(of=("self",))
        .values_list("pk", flat=True)
    )
    result = CopyResult()
    copies = []
    for entry in entries.order_by("created_at", "pk"):
        if entry.food_id in loggable:
            # The same amount of the same food, with the food's values as they are now (as for
            # any new entry); the earlier entry keeps its own.
            copies.append(
                filled_entry(
                    IntakeEntry(user=user),
                    food=entry.food,
                    on=target,
                    meal=entry.meal,
                    portion=entry.portion,
                    quantity=entry.quantity,
                    grams=None if entry.portion else entry.amount_g,
                )
            )
        elif entry.food.name not in result.skipped:
            result.skipped.append(entry.food.name)
    supplements = []
    if not meal:
        for supplement in SupplementEntry.objects.filter(user=user, date=source).order_by("created_at", "pk"):
            if with_supplements:
                supplements.append(supplement.copy_for(target))
                supplements[-1].work_out_magnesium()
            else:
                result.supplements_left += 1
    ensure_room(IntakeEntry, user, target, len(copies))
    ensure_room(SupplementEntry, user, target, len(supplements))
    IntakeEntry.objects.bulk_create(copies)
    SupplementEntry.objects.bulk_create(supplements)
    result.entries, result.supplements = len(copies), len(supplements)
    return result

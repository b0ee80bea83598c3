"""manage.py import_usda PATH: load the USDA SR28 ASCII release into Food and Portion."""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from foods import usda
from foods.models import NUTRIENT_FIELDS, Food, Portion, Source

FOOD_FIELDS = ["name", "category", "fdc_id", *NUTRIENT_FIELDS]
BATCH_SIZE = 500
CHUNK_SIZE = 2000  # rows saved between two progress lines


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_in_release: int = 0
    fdc_id_conflicts: list[str] = field(default_factory=list)


class Command(BaseCommand):
    help = "Import foods and portions from a USDA SR28 ASCII release folder (FOOD_DES.txt, ...)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="folder of the SR28 ASCII release")

    def handle(self, *args, path, verbosity, **options):
        progress = self.stdout.write if verbosity >= 1 else None
        try:
            records = usda.read_release(path, progress=progress)
        except usda.UsdaFormatError as error:
            raise CommandError(f"{error}. Nothing was imported.") from error

        # One transaction: a failure while saving leaves the database as it was.
        with transaction.atomic():
            foods = save_foods(records, progress)
            portions = save_portions(records, progress)

        for conflict in foods.fdc_id_conflicts:
            self.stderr.write(self.style.WARNING(conflict))
        if foods.not_in_release:
            self.stdout.write(
                f"{foods.not_in_release:,} USDA SR28 foods are not in this release; left as they are."
            )
        magnesium = sum(record.nutrients["magnesium_mg"] is not None for record in records)
        fdc = sum(record.fdc_id is not None for record in records) - len(foods.fdc_id_conflicts)
        self.stdout.write(
            f"Foods: {foods.created:,} created, {foods.updated:,} updated, {foods.unchanged:,} unchanged. "
            f"Magnesium known for {magnesium:,}; FDC id for {fdc:,}. "
            f"Portions: {portions.created:,} created, {portions.updated:,} updated, "
            f"{portions.unchanged:,} unchanged."
        )


def save_foods(records: list[usda.FoodRecord], progress: usda.Progress = None) -> Counts:
    """Create or update the USDA SR28 foods, matched on source_id (NDB number)."""
    counts = Counts()
    existing = {
        food.source_id: food
        for food in Food.objects.filter(source=Source.USDA_SR28).only("source_id", *FOOD_FIELDS)
    }
    # fdc_id is unique: an id held by a food this release does not describe (another
    # source, or an SR28 food missing from the release) stays where it is.
    release = {record.source_id for record in records}
    stale = [food for food in existing.values() if food.source_id not in release]
    counts.not_in_release = len(stale)
    others = Food.objects.exclude(source=Source.USDA_SR28).filter(fdc_id__isnull=False).only("name", "fdc_id")
    held = {food.fdc_id: food for food in [*stale, *others] if food.fdc_id is not None}

    now = timezone.now()
    new, changed, freed = [], [], []
    for record in records:
        values = {"name": record.name, "category": record.category, "fdc_id": record.fdc_id}
        values.update(record.nutrients)
        if record.fdc_id in held:
            other = held[record.fdc_id]
            counts.fdc_id_conflicts.append(
                f"NDB {record.source_id}: FDC id {record.fdc_id} already belongs to food #{other.pk} "
                f"({other.name!r}); imported without an FDC id."
            )
            values["fdc_id"] = None
        food = existing.get(record.source_id)
        if food is None:
            new.append(Food(source=Source.USDA_SR28, source_id=record.source_id, **values))
        elif changes := _changes(food, values):
            if food.fdc_id is not None and "fdc_id" in changes:
                freed.append(food.pk)
            changed.append((food.pk, changes))
        else:
            counts.unchanged += 1

    # Unique fdc_id is checked row by row, so ids that move from one food to another
    # are released first.
    for chunk in _chunks(freed, BATCH_SIZE):
        Food.objects.filter(pk__in=chunk).update(fdc_id=None)
    for pk, changes in changed:
        # One UPDATE of the changed columns per food: several times faster than
        # bulk_update(), whose CASE expressions take ~20 s for the whole release.
        Food.objects.filter(pk=pk).update(**changes, updated_at=now)
        counts.updated += 1
        if counts.updated % CHUNK_SIZE == 0 or counts.updated == len(changed):
            _report(progress, f"Foods updated: {counts.updated:,} of {len(changed):,}")
    for chunk in _chunks(new, CHUNK_SIZE):
        Food.objects.bulk_create(chunk, batch_size=BATCH_SIZE)
        counts.created += len(chunk)
        _report(progress, f"Foods created: {counts.created:,} of {len(new):,}")
    return counts


def save_portions(records: list[usda.FoodRecord], progress: usda.Progress = None) -> Counts:
    """Create or update the portions of the USDA SR28 foods, matched on (food, seq); none are deleted."""
    counts = Counts()
    food_ids = dict(Food.objects.filter(source=Source.USDA_SR28).values_list("source_id", "pk"))
    existing = {
        (portion.food_id, portion.seq): portion
        for portion in Portion.objects.filter(food__source=Source.USDA_SR28).only(
            "food_id", "seq", "description", "grams"
        )
    }
    new, changed = [], []
    for record in records:
        food_id = food_ids[record.source_id]
        for item in record.portions:
            values = {"description": item.description, "grams": item.grams}
            portion = existing.get((food_id, item.seq))
            if portion is None:
                new.append(Portion(food_id=food_id, seq=item.seq, **values))
            elif changes := _changes(portion, values):
                changed.append((portion.pk, changes))
            else:
                counts.unchanged += 1

    for pk, changes in changed:
        Portion.objects.filter(pk=pk).update(**changes)
        counts.updated += 1
        if counts.updated % CHUNK_SIZE == 0 or counts.updated == len(changed):
            _report(progress, f"Portions updated: {counts.updated:,} of {len(changed):,}")
    for chunk in _chunks(new, CHUNK_SIZE):
        Portion.objects.bulk_create(chunk, batch_size=BATCH_SIZE)
        counts.created += len(chunk)
        _report(progress, f"Portions created: {counts.created:,} of {len(new):,}")
    return counts


def _changes(instance, values: dict) -> dict:
    """The values that differ from the instance's (Decimal("592") equals the stored 592.000)."""
    return {name: value for name, value in values.items() if getattr(instance, name) != value}


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _report(progress: usda.Progress, message: str) -> None:
    if progress:
        progress(message)

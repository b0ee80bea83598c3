"""Save the foods and portions of a USDA release into Food and Portion: import_folder()."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from core import racc
from foods.importing import fdc, sr28
from foods.importing.planner import analyze_foods
from foods.importing.records import FoodRecord
from foods.importing.tables import Progress, UsdaFormatError
from foods.models import NUTRIENT_FIELDS, Food, Portion, Source

REFERENCE_FIELDS = ["reference_amount_g", "racc_category"]
FOOD_FIELDS = ["name", "category", "fdc_id", *NUTRIENT_FIELDS, *REFERENCE_FIELDS, "reference_amount_curated"]
BATCH_SIZE = 500
CHUNK_SIZE = 2000  # rows saved between two progress lines

# The file that tells a format apart, and the format's reader.
Reader = Callable[[Path, Progress], list[FoodRecord]]
READERS: dict[str, Reader] = {sr28.FOOD_DES: sr28.read_release, fdc.FOOD: fdc.read_download}
# Each reader's foods are matched to the other's by FDC id (see save_foods).
USDA_SOURCES = [Source.USDA_SR28, Source.USDA_FDC]
ID_NAMES = {Source.USDA_SR28: "NDB", Source.USDA_FDC: "FDC"}  # what a source_id is, in messages


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_in_release: int = 0
    fdc_id_conflicts: list[str] = field(default_factory=list)
    # Foods that the other USDA reader created, matched by FDC id: source_id -> Food pk.
    matched_by_fdc_id: dict[str, int] = field(default_factory=dict)
    food_ids: dict[str, int] = field(default_factory=dict)  # source_id -> Food pk, every record


@dataclass
class Imported:
    """What import_folder() did: the release's source, its counts of foods and portions."""

    source: str
    foods: Counts
    portions: Counts
    with_magnesium: int  # foods of the release whose magnesium is known
    with_fdc_id: int  # foods saved with an FDC id

    @property
    def other_source(self) -> str:
        """The USDA source whose foods this release's foods were matched to by FDC id."""
        return next(other for other in USDA_SOURCES if other != self.source)


def import_folder(folder: Path, progress: Progress = None) -> Imported:
    """Read the USDA release in `folder` (SR28 or FDC, told by its files) and save its foods and portions.

    Raises UsdaFormatError, before anything is saved, when the release cannot be read.
    """
    records = reader_for(folder)(folder, progress)

    # One transaction: a failure while saving leaves the database as it was.
    with transaction.atomic():
        foods = save_foods(records, progress)
        portions = save_portions(records, foods.food_ids, progress)
        # bulk_create() and update() skip Food.save(): the measures follow in one UPDATE.
        Food.objects.filter(source__in=USDA_SOURCES).refresh_measures()
    analyze_foods()

    return Imported(
        source=records[0].source,
        foods=foods,
        portions=portions,
        with_magnesium=sum(record.nutrients["magnesium_mg"] is not None for record in records),
        with_fdc_id=sum(record.fdc_id is not None for record in records) - len(foods.fdc_id_conflicts),
    )


def reader_for(folder: Path) -> Reader:
    """The reader of the format in `folder`, told by its files."""
    found = [name for name in READERS if (folder / name).is_file()]
    if len(found) == 1:
        return READERS[found[0]]
    if found:
        message = f"has both {' and '.join(found)}; import each release from its own folder"
    elif folder.is_dir():
        message = (
            f"no {' or '.join(READERS)}: expected a USDA SR28 ASCII release ({sr28.FOOD_DES}, ...) or a "
            f"FoodData Central CSV download, SR Legacy or Foundation Foods ({fdc.FOOD}, ...)"
        )
    else:
        message = "no such folder"
    raise UsdaFormatError(str(folder), None, message)


def save_foods(records: list[FoodRecord], progress: Progress = None) -> Counts:
    """Create or update the foods of one USDA release, matched on (source, source_id), else on FDC id.

    A food that the other USDA reader created (an SR28 food met again in an FDC SR Legacy
    download, or the reverse) is matched by its FDC id and updated in place. It keeps the
    source and source_id it was created with, so that each release finds it again next time.
    """
    counts = Counts()
    if not records:
        return counts
    source = records[0].source  # one release: one source
    existing = {
        food.source_id: food for food in Food.objects.filter(source=source).only("source_id", *FOOD_FIELDS)
    }
    # fdc_id is unique: an id held by a food this release does not describe (a custom food,
    # or one of this source missing from the release) stays where it is.
    release = {record.source_id for record in records}
    stale = [food for food in existing.values() if food.source_id not in release]
    counts.not_in_release = len(stale)
    others = list(
        Food.objects.exclude(source=source)
        .filter(fdc_id__isnull=False)
        .only("source", "source_id", *FOOD_FIELDS)
    )
    twins = {food.fdc_id: food for food in others if food.source in USDA_SOURCES}
    held = {food.fdc_id: food for food in [*stale, *others] if food.fdc_id is not None}

    now = timezone.now()
    new, changed, freed = [], [], []
    for record in records:
        values = {"name": record.name, "category": record.category, "fdc_id": record.fdc_id}
        values.update(record.nutrients)
        values.update(reference_values(record))
        food = existing.get(record.source_id)
        if food is None and record.fdc_id in twins:
            food = twins[record.fdc_id]
            counts.matched_by_fdc_id[record.source_id] = food.pk
        if food is not None and food.reference_amount_curated:
            for name in REFERENCE_FIELDS:  # a curator's reference amount outlives a re-import
                values.pop(name)
        other = held.get(record.fdc_id)
        if other is not None and other is not food:
            counts.fdc_id_conflicts.append(
                f"{ID_NAMES[source]} {record.source_id}: FDC id {record.fdc_id} already belongs to food "
                f"#{other.pk} ({other.name!r}); imported without an FDC id."
            )
            values["fdc_id"] = None
        if food is None:
            new.append(Food(source=source, source_id=record.source_id, **values))
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
    counts.food_ids = dict(Food.objects.filter(source=source).values_list("source_id", "pk"))
    counts.food_ids.update(counts.matched_by_fdc_id)
    return counts


def reference_values(record: FoodRecord) -> dict:
    """The reference amount and RACC category the rules of core.racc give a food (none: empty)."""
    assigned = racc.assign(record.category, record.name, [(p.description, p.grams) for p in record.portions])
    grams, key = assigned if assigned else (None, "")
    return {"reference_amount_g": grams, "racc_category": key}


def save_portions(records: list[FoodRecord], food_ids: dict[str, int], progress: Progress = None) -> Counts:
    """Create or update the portions of the foods that save_foods saved (food_ids: source_id -> pk).

    Portions are matched on (food, seq); none are deleted.
    """
    counts = Counts()
    existing = {
        (portion.food_id, portion.seq): portion
        for portion in Portion.objects.filter(food__source__in=USDA_SOURCES).only(
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


def _report(progress: Progress, message: str) -> None:
    if progress:
        progress(message)

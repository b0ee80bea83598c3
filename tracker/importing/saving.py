"""The preview of a checked import and its saving, all or nothing, by a worker (tracker/tasks.py).

Each row carries a fingerprint (reading.fingerprint) stored on the entry it becomes: a row
already imported by the same user is skipped, so importing a file again adds nothing, and a job
delivered twice does its work once.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import nutrition
from core.jobs import JobStatus
from foods.models import NUTRIENT_FIELDS, Food, Portion, ReviewStatus, Source
from foods.search import in_order, search, visible_foods
from tracker.importing.reading import limit_per_100g
from tracker.models import ImportFormat, IntakeEntry, LogImport, SupplementEntry, ensure_room

PROGRESS_EVERY = 500
BATCH = 1000
IMPORT_KEPT = datetime.timedelta(days=1)  # a file's rows are health data at rest


@dataclass
class DayPreview:
    date: datetime.date
    entries: int = 0
    magnesium_mg: Decimal = Decimal(0)
    magnesium_unknown: int = 0

    @property
    def magnesium_text(self) -> str:
        return nutrition.mg_text(self.magnesium_mg)


@dataclass
class Product:
    name: str
    rows: int
    file_magnesium: list[str]
    suggested_form: str


@dataclass
class Weight:
    """A food named with a unit that is not a weight ("1.00 cup"): the user gives its grams."""

    name: str
    unit: str
    rows: int = 0
    most: Decimal = Decimal(0)  # the largest number of units in one row

    @property
    def key(self) -> str:
        return weight_key(self.name, self.unit)


def weight_key(name: str, unit: str) -> str:
    return f"{name}\n{unit}"


@dataclass
class Preview:
    days: list[DayPreview] = field(default_factory=list)
    entries: int = 0
    already_imported: int = 0
    supplements_already_imported: int = 0
    products: list[Product] = field(default_factory=list)
    weights: list[Weight] = field(default_factory=list)


def existing_keys(model, user, rows: list[dict]) -> set[str]:
    """The fingerprints of these rows the user already has (one query over the file's dates)."""
    if not rows:
        return set()
    dates = [row["date"] for row in rows]
    return set(
        model.objects.filter(user=user, date__range=(min(dates), max(dates)))
        .exclude(import_key="")
        .values_list("import_key", flat=True)
    )


def suggested_form(name: str) -> str:
    """The form a product's name says ("Magnesium glycinate 120 mg": glycinate), for the user to
    confirm; empty when it names none."""
    words = set(re.findall(r"[a-z]+", name.lower()))
    if "bisglycinate" in words:
        return "glycinate"
    return next((form for form in nutrition.ELEMENTAL_PERCENT if form in words), "")


def preview_of(job: LogImport, matches: dict[str, Food | None] | None = None) -> Preview:
    """What confirming would add: per day, the entries and their magnesium (from the file's
    values; for a plain CSV, from the food each name matched: matches), and the supplement
    products."""
    preview = Preview()
    matches = matches or {}
    known = existing_keys(IntakeEntry, job.user, job.rows)
    days: dict[str, DayPreview] = {}
    weights: dict[str, Weight] = {}
    for row in job.rows:
        if row["key"] in known:
            preview.already_imported += 1
            continue
        food = None if "values" in row else matches.get(row["name"])
        if "values" not in row and food is None:
            continue  # no food found for its name: the page names it, and its rows are left out
        day = days.setdefault(row["date"], DayPreview(datetime.date.fromisoformat(row["date"])))
        day.entries += 1
        preview.entries += 1
        if food is None:
            magnesium = row["values"].get("magnesium_mg")
        else:
            magnesium = nutrition.nutrient_for_amount(food.magnesium_mg, Decimal(row["amount_g"]))
        if magnesium is None:
            day.magnesium_unknown += 1
        else:
            day.magnesium_mg += Decimal(magnesium)
        if row.get("amount_g", "") is None:
            weight = weights.setdefault(
                weight_key(row["name"], row["unit"]), Weight(row["name"], row["unit"])
            )
            weight.rows += 1
            weight.most = max(weight.most, Decimal(row["quantity"]))
    preview.days = sorted(days.values(), key=lambda day: day.date)
    preview.weights = list(weights.values())
    known = existing_keys(SupplementEntry, job.user, job.supplements)
    products: dict[str, Product] = {}
    for row in job.supplements:
        if row["key"] in known:
            preview.supplements_already_imported += 1
            continue
        product = products.setdefault(row["name"], Product(row["name"], 0, [], suggested_form(row["name"])))
        product.rows += 1
        if row["file_magnesium_mg"] is not None and row["file_magnesium_mg"] not in product.file_magnesium:
            product.file_magnesium.append(row["file_magnesium_mg"])
    preview.products = list(products.values())
    return preview


MATCHES_OFFERED = 8


def food_options(user, queries: dict[str, str]) -> list[tuple[str, list[Food]]]:
    """For a plain CSV: each distinct name with the foods the food search page finds for it (or
    for what the user searched instead: queries) among those the user may see, best first (the
    first is the match; none: unmatched)."""
    foods = visible_foods(user)
    return [
        (name, in_order(foods, search(foods, query).ids[:MATCHES_OFFERED])) for name, query in queries.items()
    ]


def plain_rows_with_foods(job: LogImport) -> list[dict]:
    """The plain CSV's rows with the food chosen for their name (job.choices["foods"], ids the
    user confirmed in the preview) and its values for the grams; rows without a food are left out."""
    chosen = job.choices.get("foods", {})
    ids = {int(pk) for pk in chosen.values() if pk}
    foods = {food.pk: food for food in visible_foods(job.user).filter(pk__in=ids)}
    rows = []
    for row in job.rows:
        food = foods.get(int(chosen.get(row["name"]) or 0))
        if food is None:
            continue
        grams = Decimal(row["amount_g"])
        per_100g = {name: getattr(food, name) for name in NUTRIENT_FIELDS}
        values = nutrition.nutrients_for_amount(per_100g, grams)
        rows.append(
            {
                **row,
                "food_id": food.pk,
                "values": {k: None if v is None else str(v) for k, v in values.items()},
            }
        )
    return rows


def rows_with_weights(job: LogImport) -> list[dict]:
    """A Cronometer file's rows with their grams: those by weight as they are; those in another
    unit ("1.00 cup") from the grams of one unit the user gave in the preview
    (job.choices["weights"]); rows of a unit without one are left out."""
    given = job.choices.get("weights", {})
    rows = []
    for row in job.rows:
        if row.get("amount_g") is not None:
            rows.append(row)
            continue
        grams = given.get(weight_key(row["name"], row["unit"]))
        if grams:
            amount = (Decimal(row["quantity"]) * Decimal(grams)).quantize(nutrition.MILLI, ROUND_HALF_UP)
            rows.append({**row, "amount_g": str(amount), "unit_g": grams})
    return rows


def unit_portion(food: Food, row: dict, made: dict) -> Portion:
    """The imported food's portion "1 cup" weighing what the user said one cup of it weighs
    (made: the portions found or made so far, by food, unit and grams)."""
    description, grams = f"1 {row['unit']}", Decimal(row["unit_g"])
    if (food.pk, description, grams) in made:
        return made[food.pk, description, grams]
    portions = list(food.portions.all())
    found = next((p for p in portions if p.description == description and p.grams == grams), None)
    if found is None:
        seq = max((portion.seq for portion in portions), default=0) + 1
        found = Portion.objects.create(food=food, seq=seq, description=description, grams=grams)
    made[food.pk, description, grams] = found
    return found


def imported_food(user, row: dict) -> Food:
    """A new imported food for a row's name, private to the user: its per-100 g values worked
    out from this row's values and grams; a value above what any food holds stays unknown."""
    grams = Decimal(row["amount_g"])
    values = {}
    for name, value in row["values"].items():
        per_100g = None if value is None else nutrition.per_100g(Decimal(value), grams)
        values[name] = per_100g if per_100g is not None and per_100g <= limit_per_100g(name) else None
    food = Food(
        name=row["name"],
        category=row.get("category", ""),
        source=Source.IMPORTED,
        status=ReviewStatus.PRIVATE,
        created_by=user,
        **values,
    )
    food._change_reason = "Imported from a Cronometer export."
    food.save()
    return food


def foods_by_name(user, rows: list[dict]) -> dict[str, Food]:
    """The user's imported food for each name, made for the names that have none yet."""
    foods = {
        food.name: food
        for food in Food.objects.filter(created_by=user, source=Source.IMPORTED, is_active=True).order_by(
            "pk"
        )
    }
    for row in rows:
        if row["name"] not in foods:
            foods[row["name"]] = imported_food(user, row)
    return foods


def ensure_days_have_room(model, user, rows: list[dict]) -> None:
    for day, count in sorted(Counter(row["date"] for row in rows).items()):
        ensure_room(model, user, datetime.date.fromisoformat(day), count)


def save_entries(job: LogImport, rows: list[dict]) -> int:
    known = existing_keys(IntakeEntry, job.user, rows)
    new = [row for row in rows if row["key"] not in known]
    ensure_days_have_room(IntakeEntry, job.user, new)
    portion_of: dict[str, Portion] = {}
    made: dict = {}
    if job.format == ImportFormat.CRONOMETER:
        foods = foods_by_name(job.user, new)
        food_of = {row["key"]: foods[row["name"]].pk for row in new}
        for row in new:
            if "unit_g" in row:
                portion_of[row["key"]] = unit_portion(foods[row["name"]], row, made)
    else:
        food_of = {row["key"]: row["food_id"] for row in new}
    for start in range(0, len(new), BATCH):
        IntakeEntry.objects.bulk_create(
            IntakeEntry(
                user=job.user,
                date=row["date"],
                meal=row["meal"],
                food_id=food_of[row["key"]],
                portion=portion_of.get(row["key"]),
                quantity=Decimal(row["quantity"]) if row["key"] in portion_of else 1,
                amount_g=Decimal(row["amount_g"]),
                import_key=row["key"],
                **{name: None if value is None else Decimal(value) for name, value in row["values"].items()},
            )
            for row in new[start : start + BATCH]
        )
        job.report_progress(start + len(new[start : start + BATCH]))
    return len(new)


def save_supplements(job: LogImport) -> tuple[int, int]:
    """The confirmed products' rows; the number saved and the number left out (unconfirmed)."""
    confirmed = job.choices.get("supplements", {})
    known = existing_keys(SupplementEntry, job.user, job.supplements)
    rows = [row for row in job.supplements if row["key"] not in known]
    chosen = [row for row in rows if row["name"] in confirmed]
    ensure_days_have_room(SupplementEntry, job.user, chosen)
    entries = []
    for row in chosen:
        product = confirmed[row["name"]]
        entry = SupplementEntry(
            user=job.user,
            date=row["date"],
            name=row["name"],
            form=product["form"],
            elemental_mg=Decimal(product["elemental_mg"]),
            doses=Decimal(row["doses"]),
            import_key=row["key"],
        )
        entry.work_out_magnesium()
        entries.append(entry)
    SupplementEntry.objects.bulk_create(entries, batch_size=BATCH)
    return len(entries), len(rows) - len(entries)


def save_all(job: LogImport, rows: list[dict]) -> tuple[int, int, int]:
    """Entries and supplements in one transaction. Another import of the same rows saved
    meanwhile (two previews of one file confirmed at once) breaks the unique fingerprint: then
    once more, from the start, skipping what that one saved."""
    for attempt in range(2):
        try:
            with transaction.atomic():
                added = save_entries(job, rows)
                supplements, skipped = save_supplements(job)
            return added, supplements, skipped
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")


def save_import(job: LogImport) -> None:
    """The confirmed import's work, in one transaction; ends done (with counts) or refused (a
    day would hold too many entries), and nothing is saved unless all is."""
    if job.is_finished or not job.is_confirmed:
        return
    rows = rows_with_weights(job) if job.format == ImportFormat.CRONOMETER else plain_rows_with_foods(job)
    LogImport.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, total=len(rows))
    job.report_progress(0)
    try:
        added, supplements, skipped = save_all(job, rows)
    except ValidationError as error:
        LogImport.objects.filter(pk=job.pk).update(
            status=JobStatus.REFUSED,
            message="Nothing was imported: " + " ".join(error.messages),
            finished_at=timezone.now(),
        )
        return
    parts = [f"Imported {counted(added, 'food entry', 'food entries')}"]
    if job.supplements:
        parts.append(counted(supplements, "supplement entry", "supplement entries"))
    message = " and ".join(parts) + "."
    already = len(rows) - added
    if already:
        message += f" {already} already imported."
    if skipped:
        rows_were = counted(skipped, "supplement row was", "supplement rows were")
        message += f" {rows_were} left out: their products were not confirmed."
    left_out = len(job.rows) - len(rows)
    if left_out and job.format == ImportFormat.CRONOMETER:
        message += (
            f" {counted(left_out, 'row was', 'rows were')} left out: no weight was given for their unit."
        )
    elif left_out:
        message += (
            f" {counted(left_out, 'row was', 'rows were')} left out: no food was chosen for their name."
        )
    LogImport.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE, message=message, total=len(rows), finished_at=timezone.now()
    )


def counted(count: int, one: str, many: str) -> str:
    """ "1 food entry", "2 food entries"."""
    return f"{count} {one if count == 1 else many}"


def remove_old_imports() -> int:
    """Delete the imports older than IMPORT_KEPT (they hold a file's rows); the number deleted."""
    deleted, _ = LogImport.objects.filter(created_at__lt=timezone.now() - IMPORT_KEPT).delete()
    return deleted

"""Read a USDA FoodData Central CSV download (SR Legacy or Foundation Foods) into records (pure: no ORM).

Format (FDC "Download & API Field Descriptions"): comma-separated, every field double-quoted,
a header line naming the columns, UTF-8. Columns are found by name, so a release that adds
columns (Foundation's food_nutrient.csv has loq and percent_daily_value) reads the same.
Nutrient amounts are per 100 g of food, in the nutrient's unit_name.

Only foods whose data_type is sr_legacy_food or foundation_food are read; the other rows of
food.csv (a Foundation download also lists its sample_food, sub_sample_food, ... rows) are
counted and skipped, and so are their nutrient and portion rows. sr_legacy_food.csv and
foundation_food.csv (fdc_id -> NDB number) are not read: foods are matched on fdc_id.
"""

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pandas as pd

from foods.importing.records import FoodRecord, PortionRecord, portion_description
from foods.importing.tables import (
    CATEGORY_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    FDC_ID_MAX,
    GRAMS_DIGITS,
    NAME_MAX_LENGTH,
    NUMBER,
    NUTRIENT_DIGITS,
    SEQ_MAX,
    Progress,
    UsdaFormatError,
    amount_problems,
    raise_first_problem,
    read_table,
    required,
    too_long,
    whole_number_problems,
)

SOURCE = "usda-fdc"  # Food.source of the foods read here; source_id is the fdc_id
DATA_TYPES = ["sr_legacy_food", "foundation_food"]

FOOD = "food.csv"
FOOD_CATEGORY = "food_category.csv"
NUTRIENT = "nutrient.csv"
FOOD_NUTRIENT = "food_nutrient.csv"
MEASURE_UNIT = "measure_unit.csv"
FOOD_PORTION = "food_portion.csv"

# FDC nutrient.id -> (Food field, nutrient.unit_name): the nutrients of sr28.SR_NUTRIENTS
# (nutrient_nbr is the SR Nutr_No; 1114 is vitamin D as D2 + D3 in µg, 1185 vitamin K as
# phylloquinone). SR Legacy gives energy as 1008; Foundation Foods mostly give only 2047
# (Atwater general factors) and 2048 (Atwater specific factors). A food's energy is the first
# of ENERGY_IDS that it has a row for.
FDC_NUTRIENTS = {
    "1090": ("magnesium_mg", "MG"),
    "1087": ("calcium_mg", "MG"),
    "1091": ("phosphorus_mg", "MG"),
    "1092": ("potassium_mg", "MG"),
    "1093": ("sodium_mg", "MG"),
    "1008": ("energy_kcal", "KCAL"),
    "2047": ("energy_kcal", "KCAL"),
    "2048": ("energy_kcal", "KCAL"),
    "1114": ("vitamin_d_ug", "UG"),
    "1185": ("vitamin_k_ug", "UG"),
    "1079": ("fiber_g", "G"),
}
ENERGY_IDS = ["1008", "2047", "2048"]

# measure_unit "undetermined": SR Legacy portions carry their unit in `modifier` instead.
UNDETERMINED_UNIT = "9999"


def read_download(folder: Path | str, progress: Progress = None) -> list[FoodRecord]:
    """Foods of an FDC CSV download folder in food.csv order; nutrients per 100 g, None = no data.

    Raises UsdaFormatError for the first bad line; `progress` gets one message per file read.
    """
    folder = Path(folder)
    report = progress or (lambda message: None)
    categories = _read_names(folder, FOOD_CATEGORY, "description", CATEGORY_MAX_LENGTH)
    report(f"Read {FOOD_CATEGORY}: {len(categories):,} food categories")
    foods, known, skipped = _read_foods(folder, categories)
    message = f"Read {FOOD}: {len(foods):,} foods to import ({_counts(foods.data_type)})"
    if skipped:
        message += f"; skipped {skipped.total():,} foods of other data types ({_counts(skipped)})"
    report(message)
    kept = set(foods.fdc_id)
    nutrient_ids = _read_nutrient_ids(folder)
    report(f"Read {NUTRIENT}: {len(nutrient_ids):,} nutrients")
    nutrients, rows = _read_food_nutrients(folder, known, kept, nutrient_ids)
    report(f"Read {FOOD_NUTRIENT}: {rows:,} rows, {len(nutrients):,} kept (tracked nutrients of these foods)")
    units = _read_names(folder, MEASURE_UNIT, "name", DESCRIPTION_MAX_LENGTH)
    report(f"Read {MEASURE_UNIT}: {len(units):,} measure units")
    portions, rows = _read_portions(folder, known, kept, units)
    report(f"Read {FOOD_PORTION}: {rows:,} rows, {len(portions):,} portions of these foods")

    records = {
        fdc_id: FoodRecord(
            SOURCE,
            str(int(fdc_id)),
            name,
            categories.get(category, ""),
            int(fdc_id),
            dict.fromkeys(field for field, _ in FDC_NUTRIENTS.values()),
        )
        for fdc_id, name, category in zip(
            *_lists(foods, ["fdc_id", "description", "food_category_id"]), strict=True
        )
    }
    for fdc_id, number, amount in zip(*_lists(nutrients, ["fdc_id", "nutrient_id", "amount"]), strict=True):
        values, field = records[fdc_id].nutrients, FDC_NUTRIENTS[number][0]
        if values[field] is None:  # rows come in ENERGY_IDS order; other nutrients have one row
            values[field] = Decimal(amount)
    for fdc_id, seq, description, grams in zip(
        *_lists(portions, ["fdc_id", "seq", "description", "gram_weight"]), strict=True
    ):
        records[fdc_id].portions.append(PortionRecord(seq, description, Decimal(grams)))
    for record in records.values():
        record.portions.sort(key=lambda portion: portion.seq)
    return list(records.values())


def portion_label(amount: str, unit: str, modifier: str, comment: str) -> str:
    """Portion label from FDC food_portion fields: amount, unit (measure_unit name), modifier,
    portion_description.

    ("1", "cup", "chopped", "") -> "1 cup, chopped"; SR Legacy has its unit in the modifier:
    ("1", "", "cup, chopped", "") -> "1 cup, chopped". A portion_description is added in
    brackets; without unit and modifier it is the whole label. Empty amount: no number.
    """
    measure = ", ".join(part for part in (unit, modifier) if part)
    if not measure:
        return comment
    label = portion_description(amount, measure) if amount else measure
    return f"{label} ({comment})" if comment else label


def _read_fdc(folder: Path, name: str, keep: list[str]) -> pd.DataFrame:
    return read_table(folder, name, None, keep, sep=",", quotechar='"', header=True, encoding="utf-8-sig")


def _lists(table: pd.DataFrame, columns: list[str]) -> list[list]:
    """Columns as lists: iterating over lists is several times faster than over Series."""
    return [table[column].tolist() for column in columns]


def _check(name: str, table: pd.DataFrame, checks: list) -> None:
    raise_first_problem(name, table, checks, first_line=2)  # line 1 is the header


def _counts(data_types) -> str:
    return ", ".join(f"{name} {count:,}" for name, count in sorted(Counter(data_types).items()))


def _read_names(folder: Path, name: str, column: str, max_length: int) -> dict[str, str]:
    """id -> `column` of a small table (food_category.csv, measure_unit.csv)."""
    table = _read_fdc(folder, name, ["id", column])
    table[column] = table[column].str.strip()
    _check(
        name,
        table,
        [
            *required(table, ["id", column]),
            *too_long(table[column], max_length),
            (table.duplicated("id"), "duplicate id {id!r}"),
        ],
    )
    return dict(zip(table.id, table[column], strict=True))


def _read_foods(folder: Path, categories: dict[str, str]) -> tuple[pd.DataFrame, set[str], Counter]:
    """The SR Legacy and Foundation foods, every fdc_id in the file, and the skipped data types."""
    table = _read_fdc(folder, FOOD, ["fdc_id", "data_type", "description", "food_category_id"])
    table["description"] = table.description.str.strip()
    kept = table.data_type.isin(DATA_TYPES)
    foods = table[kept]
    category = foods.food_category_id
    _check(
        FOOD,
        table,
        [
            *required(table, ["fdc_id", "data_type"]),
            *whole_number_problems(table.fdc_id, FDC_ID_MAX),
            (table.duplicated("fdc_id"), "duplicate fdc_id {fdc_id}"),
            *required(foods, ["description"]),
            *too_long(foods.description, NAME_MAX_LENGTH),
            (
                (category != "") & ~category.isin(categories),
                "food_category_id {food_category_id!r} is not in " + FOOD_CATEGORY,
            ),
        ],
    )
    if foods.empty:
        raise UsdaFormatError(FOOD, None, f"no foods of data type {' or '.join(DATA_TYPES)}")
    return foods, set(table.fdc_id), Counter(table.data_type[~kept])


def _read_nutrient_ids(folder: Path) -> set[str]:
    """Every nutrient id, after checking the units of the tracked nutrients."""
    table = _read_fdc(folder, NUTRIENT, ["id", "name", "unit_name"])
    table["expected"] = table.id.map(lambda number: FDC_NUTRIENTS.get(number, ("", ""))[1])
    # "mg" and "MG" are the same unit, and so are "µg" and "UG".
    unit = table.unit_name.str.strip().str.replace("µ", "u").str.replace("μ", "u").str.upper()
    tracked = table.expected != ""
    _check(
        NUTRIENT,
        table,
        [
            *required(table, ["id"]),
            (table.duplicated("id"), "duplicate id {id!r}"),
            (
                tracked & (unit != table.expected),
                "nutrient {id} ({name}) is in {unit_name!r}, expected {expected}",
            ),
        ],
    )
    return set(table.id)


def _read_food_nutrients(
    folder: Path, known: set[str], kept: set[str], nutrient_ids: set[str]
) -> tuple[pd.DataFrame, int]:
    """Rows of the tracked nutrients of the kept foods (energy in ENERGY_IDS order), and the row count."""
    table = _read_fdc(folder, FOOD_NUTRIENT, ["fdc_id", "nutrient_id", "amount"])
    tracked = table[table.nutrient_id.isin(FDC_NUTRIENTS) & table.fdc_id.isin(kept)]
    _check(
        FOOD_NUTRIENT,
        table,
        [
            *required(table, ["fdc_id", "nutrient_id"]),
            (~table.fdc_id.isin(known), "fdc_id {fdc_id!r} is not in " + FOOD),
            (~table.nutrient_id.isin(nutrient_ids), "nutrient_id {nutrient_id!r} is not in " + NUTRIENT),
            # Only the tracked nutrients of the kept foods are imported, so only their values are checked.
            *required(tracked, ["amount"]),
            *amount_problems(tracked.amount, NUTRIENT_DIGITS, allow_zero=True),
            (
                tracked.duplicated(["fdc_id", "nutrient_id"]),
                "duplicate nutrient_id {nutrient_id} for fdc_id {fdc_id}",
            ),
        ],
    )
    preference = tracked.nutrient_id.map({number: rank for rank, number in enumerate(ENERGY_IDS)}).fillna(0)
    return tracked.assign(preference=preference).sort_values("preference", kind="stable"), len(table)


def _read_portions(
    folder: Path, known: set[str], kept: set[str], units: dict[str, str]
) -> tuple[pd.DataFrame, int]:
    """Portions of the kept foods with their description and seq, and the number of rows."""
    columns = [
        "fdc_id",
        "seq_num",
        "amount",
        "measure_unit_id",
        "portion_description",
        "modifier",
        "gram_weight",
    ]
    table = _read_fdc(folder, FOOD_PORTION, columns)
    portions = table[table.fdc_id.isin(kept)].copy()
    for column in ("portion_description", "modifier"):
        portions[column] = portions[column].str.strip()
    amount, seq_num = portions.amount, portions.seq_num
    is_amount = amount.str.fullmatch(NUMBER) | (amount == "")
    undetermined = portions.measure_unit_id == UNDETERMINED_UNIT
    portions["unit"] = portions.measure_unit_id.map(units).fillna("").where(~undetermined, "")
    fields = _lists(portions, ["amount", "unit", "modifier", "portion_description"])
    labels = [
        portion_label(*values) if valid else ""
        for valid, *values in zip(is_amount.tolist(), *fields, strict=True)
    ]
    portions["description"] = pd.Series(labels, index=portions.index, dtype=str)
    _check(
        FOOD_PORTION,
        table,
        [
            *required(table, ["fdc_id"]),
            (~table.fdc_id.isin(known), "fdc_id {fdc_id!r} is not in " + FOOD),
            *required(portions, ["measure_unit_id", "gram_weight"]),
            (
                ~portions.measure_unit_id.isin(units) & (portions.measure_unit_id != ""),
                "measure_unit_id {measure_unit_id!r} is not in " + MEASURE_UNIT,
            ),
            # seq_num and amount may be empty: see _seq, portion_label.
            *whole_number_problems(seq_num[seq_num != ""], SEQ_MAX, minimum=0),
            *amount_problems(amount[amount != ""], None),
            *amount_problems(portions.gram_weight, GRAMS_DIGITS),
            (
                portions.description == "",
                "no portion description: modifier and portion_description are empty"
                " and measure_unit_id {measure_unit_id} has no name (undetermined)",
            ),
            *too_long(portions.description, DESCRIPTION_MAX_LENGTH),
        ],
    )
    portions["seq"] = _seq(portions)
    return portions, len(table)


def _seq(portions: pd.DataFrame) -> list[int]:
    """seq_num when all of a food's portions have a different one; else 1, 2, ... in file order."""
    given = portions.seq_num != ""
    clash = ~given | portions.duplicated(["fdc_id", "seq_num"], keep=False)
    renumber = portions.fdc_id.isin(set(portions.fdc_id[clash]))
    order = portions.groupby("fdc_id", sort=False).cumcount() + 1
    return [
        position if renumbered else int(seq)
        for seq, position, renumbered in zip(portions.seq_num.tolist(), order, renumber, strict=True)
    ]

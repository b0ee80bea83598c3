"""Reading a log file from elsewhere into checked rows (pandas): Cronometer's "Servings" export
and a plain CSV of date, meal, food and grams. Nothing here touches the database; every row
that cannot be taken as it is becomes a problem naming its line, and a file with any problem
is refused whole.

Line numbers are those a spreadsheet shows: the header is line 1, the first row line 2.
"""

import csv
import datetime
import hashlib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import pandas as pd
from django.core.exceptions import ValidationError

from core import nutrition
from core.spreadsheets import restored_cell
from core.validators import validate_one_line
from foods.amounts import MAX_AMOUNT_G
from foods.models import MAGNESIUM_MAX_MG, NUTRIENT_FIELDS, UNIT_MAX
from tracker.forms import EARLIEST_DAY, is_loggable, latest_day
from tracker.models import MAX_DOSES, Meal

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 500  # Cronometer's export has about 80
MAX_PROBLEMS_SHOWN = 100
# A plain CSV's names are each searched in the food database on every showing of the preview:
# more than this many different names would keep a server process busy for minutes.
MAX_PLAIN_NAMES = 200
TOO_LARGE = f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; split it into smaller files."
MILLI = Decimal("0.001")

# Cronometer's nutrient columns: our field and the factor from the file's unit to ours.
# Vitamin D: 40 IU = 1 µg (cholecalciferol and ergocalciferol alike; NIH ODS vitamin D fact sheet).
IU_PER_UG_VITAMIN_D = Decimal(40)
NUTRIENT_COLUMNS = {
    "Energy (kcal)": ("energy_kcal", Decimal(1)),
    "Magnesium (mg)": ("magnesium_mg", Decimal(1)),
    "Calcium (mg)": ("calcium_mg", Decimal(1)),
    "Phosphorus (mg)": ("phosphorus_mg", Decimal(1)),
    "Potassium (mg)": ("potassium_mg", Decimal(1)),
    "Sodium (mg)": ("sodium_mg", Decimal(1)),
    "Vitamin D (IU)": ("vitamin_d_ug", 1 / IU_PER_UG_VITAMIN_D),
    "Vitamin D (µg)": ("vitamin_d_ug", Decimal(1)),
    "Vitamin K (µg)": ("vitamin_k_ug", Decimal(1)),
    "Vitamin K (mcg)": ("vitamin_k_ug", Decimal(1)),
    "Fiber (g)": ("fiber_g", Decimal(1)),
}
CRONOMETER_REQUIRED = ("Day", "Group", "Food Name", "Amount", "Magnesium (mg)")
PLAIN_REQUIRED = ("date", "meal", "food", "grams")

# Cronometer's diary groups; "Uncategorized" (and an empty group) goes to Snack, the one meal
# that names no time of day.
GROUPS = {
    "breakfast": Meal.BREAKFAST,
    "lunch": Meal.LUNCH,
    "dinner": Meal.DINNER,
    "snacks": Meal.SNACK,
    "snack": Meal.SNACK,
    "uncategorized": Meal.SNACK,
    "": Meal.SNACK,
}
MEALS = {**GROUPS, **{meal.value: meal for meal in Meal}}
del MEALS[""]

# Units of weight, to grams (exact by definition). A cup, a slice or "1 large" has no weight
# without the food's density or size, which the file does not give: such rows are refused.
GRAMS_PER_UNIT = {
    "g": Decimal(1),
    "gram": Decimal(1),
    "grams": Decimal(1),
    "kg": Decimal(1000),
    "mg": Decimal("0.001"),
    "oz": Decimal("28.349523125"),
    "lb": Decimal("453.59237"),
    "lbs": Decimal("453.59237"),
}
MIN_UNITS = Decimal("0.01")  # Cronometer writes amounts to two decimals
MAX_UNITS = Decimal(1000)  # "1000 cups": beyond any serving
MAX_UNIT_LENGTH = 60
AMOUNT = re.compile(r"^\s*(\d{1,9}(?:\.\d+)?)\s*(.*?)\s*$")
# A number in exponent notation ("1.00e9 tablet", "1e3 g", "2E-1"): AMOUNT would read its
# mantissa as the number and the rest as the unit (1 "e9 tablet"), so an amount so written is
# refused, by line, whatever it comes to. Nutrient values may be so written (read exactly, then
# checked against what any food holds).
EXPONENT = re.compile(r"^\s*[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d")

# What marks a row as a supplement: Cronometer's group, or its name.
SUPPLEMENT_FORMS = (
    "oxide|citrate|glycinate|bisglycinate|hydroxide|chloride|lactate|malate|carbonate|sulfate|"
    "sulphate|aspartate|threonate|taurate|orotate"
)
SUPPLEMENT_NAME = re.compile(rf"supplement|\bmagnesium\s+(?:{SUPPLEMENT_FORMS})\b", re.IGNORECASE)


@dataclass
class Reading:
    """A file's checked rows: foods eaten, supplement rows, and the problems that refuse it."""

    rows: list[dict] = field(default_factory=list)
    supplements: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def problems_shown(self) -> list[str]:
        extra = len(self.problems) - MAX_PROBLEMS_SHOWN
        return self.problems[:MAX_PROBLEMS_SHOWN] + ([f"… and {extra} more problems."] if extra > 0 else [])


class RowProblem(ValueError):
    pass


def table_of(data: bytes, required: tuple[str, ...]) -> tuple[pd.DataFrame | None, str]:
    """The file's table as text cells, or None and what is wrong with the file as a whole."""
    if not data.strip():
        return None, "The file is empty."
    if len(data) > MAX_FILE_BYTES:
        return (
            None,
            f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; split it into smaller files.",
        )
    if b"\x00" in data:
        return None, "This is not a CSV file (it holds binary data)."
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, f"Line {line}: the file is not UTF-8 text; save it as CSV (UTF-8) and try again."
    # pandas spends minutes on a line of a million commas (as columns, or as index levels when
    # a row is longer than the header): such a file is refused before pandas reads it.
    try:
        for line, cells in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            if len(cells) > MAX_COLUMNS:
                return None, f"Line {line}: {len(cells):,} cells; at most {MAX_COLUMNS} can be read."
    except csv.Error as error:  # a cell over 128 KB
        return None, f"The file could not be read as CSV: {str(error).strip()[:200]}"
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, csv.Error) as error:
        return None, f"The file could not be read as CSV: {str(error).strip()[:200]}"
    table.columns = [str(name).strip() for name in table.columns]
    missing = [name for name in required if name not in table.columns]
    if missing:
        found = ", ".join(f"“{name}”" for name in table.columns[:20])
        return None, (
            "Line 1: the file has no column "
            + ", ".join(f"“{name}”" for name in missing)
            + f" (columns found: {found})."
        )
    if len(table) > MAX_ROWS:
        return None, f"The file has {len(table):,} rows; at most {MAX_ROWS:,} can be imported at once."
    if table.empty:
        return None, "The file has a header but no rows."
    return table, ""


def cell(row, column: str) -> str:
    value = row.get(column, "")
    return restored_cell(" ".join(str(value).split()))


def parse_day(text: str) -> datetime.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise RowProblem(f"the date “{text[:40]}” is not YYYY-MM-DD")
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise RowProblem(f"“{text}” is not a real date") from None
    if not is_loggable(day):
        raise RowProblem(
            f"the date {text} is outside {EARLIEST_DAY.isoformat()} to {latest_day().isoformat()}"
        )
    return day


def parse_name(text: str, what: str) -> str:
    if not text:
        raise RowProblem(f"the {what} is empty")
    if len(text) > 255:
        raise RowProblem(f"the {what} is longer than 255 characters")
    try:
        validate_one_line(text)
    except ValidationError as error:
        raise RowProblem(f"the {what}: {error.messages[0]}") from None
    return text


def parse_number(text: str, what: str) -> Decimal | None:
    """A non-negative number, or None for an empty cell (unknown)."""
    if text == "":
        return None
    try:
        value = Decimal(text.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text) else text)
    except InvalidOperation:
        raise RowProblem(f"{what} “{text[:40]}” is not a number") from None
    if not value.is_finite():
        raise RowProblem(f"{what} “{text[:40]}” is not a number")
    if value < 0:
        raise RowProblem(f"{what} is negative ({text})")
    if value >= Decimal(10) ** 9:
        raise RowProblem(f"{what} {text} is far too large")
    return value


def refuse_exponent(text: str, what: str) -> None:
    if EXPONENT.match(text):
        raise RowProblem(
            f"{what} “{text[:40]}” is in exponent notation; write the number in plain digits "
            "(such as 1500 or 0.25)"
        )


def amount_match(text: str, what: str = "Amount") -> re.Match:
    """The number and the unit of an amount ("2.00 tablet"); a RowProblem when it is not so."""
    refuse_exponent(text, what)
    match = AMOUNT.match(text)
    if not match:
        raise RowProblem(f"{what} “{text[:40]}” is not a number and a unit")
    return match


def parse_amount(text: str, what: str = "Amount") -> tuple[Decimal | None, Decimal, str]:
    """An amount such as "28.35 g", "2 oz" or "1.00 cup": its grams (None when the unit is not a
    weight: the app does not guess what a cup or a piece weighs), its number and its unit."""
    match = amount_match(text, what)
    if not match.group(2):
        raise RowProblem(f"{what} “{text[:40]}” is not a number and a unit")
    number, unit = Decimal(match.group(1)), match.group(2)
    if unit.lower() not in GRAMS_PER_UNIT:
        if number < MIN_UNITS:
            raise RowProblem(f"{what} must be at least {MIN_UNITS}")
        if number > MAX_UNITS:
            raise RowProblem(f"{what} is more than {MAX_UNITS:,} {unit[:40]}")
        if len(unit) > MAX_UNIT_LENGTH:
            raise RowProblem(f"{what}: the unit is longer than {MAX_UNIT_LENGTH} characters")
        return None, number, unit
    grams = (number * GRAMS_PER_UNIT[unit.lower()]).quantize(MILLI, ROUND_HALF_UP)
    check_grams(grams, what)
    return grams, number, unit


def check_grams(grams: Decimal, what: str) -> None:
    if grams <= 0:
        raise RowProblem(f"{what} must be more than 0 g")
    if grams > MAX_AMOUNT_G:
        raise RowProblem(f"{what} is more than {MAX_AMOUNT_G:,} g")


def limit_per_100g(name: str) -> Decimal:
    return MAGNESIUM_MAX_MG if name == "magnesium_mg" else UNIT_MAX[NUTRIENT_FIELDS[name]]


def parse_values(row, columns: dict[str, tuple[str, Decimal]], grams: Decimal | None) -> dict:
    """The row's nutrients in our units (text, None = unknown). With the grams, a value more than
    twice what any food holds (twice: a file rounds the values of small amounts) is a problem."""
    values: dict[str, str | None] = {}
    for column, (name, factor) in columns.items():
        value = parse_number(cell(row, column), column)
        if value is not None:
            value = (value * factor).quantize(MILLI, ROUND_HALF_UP)
            if grams is not None and value * 100 / grams > 2 * limit_per_100g(name):
                amount = f"{nutrition.plain_decimal(grams)} g"
                raise RowProblem(f"{column} {cell(row, column)} in {amount} is more than any food holds")
        if values.get(name) is None:
            values[name] = None if value is None else str(value)
    return values


def is_supplement(group: str, name: str) -> bool:
    return group.lower() in ("supplements", "supplement") or bool(SUPPLEMENT_NAME.search(name))


def fingerprint(kind: str, parts: list, seen: Counter) -> str:
    """A row's fingerprint: its content and how many alike rows came before it in the file, so
    two identical servings on one day are two entries, and a second import finds both."""
    text = json.dumps([kind, *parts], sort_keys=True, default=str)
    seen[text] += 1
    return hashlib.sha256(f"{text}#{seen[text]}".encode()).hexdigest()


def read_cronometer(data: bytes) -> Reading:
    """Cronometer's "Servings" export: one row a food (or supplement) eaten, its values for the
    amount eaten."""
    reading = Reading()
    table, problem = table_of(data, CRONOMETER_REQUIRED)
    if table is None:
        reading.problems.append(problem)
        return reading
    columns = {name: NUTRIENT_COLUMNS[name] for name in table.columns if name in NUTRIENT_COLUMNS}
    seen: Counter = Counter()
    for index, row in enumerate(table.to_dict("records")):
        line = index + 2
        try:
            day = parse_day(cell(row, "Day"))
            group = cell(row, "Group")
            name = parse_name(cell(row, "Food Name"), "food name")
            amount = cell(row, "Amount")
            if is_supplement(group, name):
                reading.supplements.append(supplement_row(row, line, day, name, amount, seen))
                continue
            if group.lower() not in GROUPS:
                raise RowProblem(
                    f"the group “{group[:40]}” is not Breakfast, Lunch, Dinner, Snacks or Uncategorized"
                )
            grams, number, unit = parse_amount(amount)
            values = parse_values(row, columns, grams)
        except RowProblem as error:
            reading.problems.append(f"Line {line}: {error}")
            continue
        meal = GROUPS[group.lower()]
        reading.rows.append(
            {
                "line": line,
                "date": day.isoformat(),
                "meal": meal.value,
                "name": name,
                "category": cell(row, "Category")[:100],
                "amount": amount,
                # Without a weight, the user gives the grams of one unit in the preview.
                "amount_g": None if grams is None else str(grams),
                "quantity": str(number),
                "unit": unit,
                "values": values,
                "key": fingerprint("food", [day, meal.value, name, amount, values], seen),
            }
        )
    return reading


def supplement_row(row, line: int, day: datetime.date, name: str, amount: str, seen: Counter) -> dict:
    """A supplement row: its doses are the Amount's number ("2.00 tablet"); an amount by weight
    ("400 mg") is one dose. The file's magnesium is shown in the preview, never saved."""
    match = amount_match(amount)
    number, unit = Decimal(match.group(1)), match.group(2).lower()
    doses = Decimal(1) if unit in GRAMS_PER_UNIT else number
    if doses < MIN_UNITS:  # stored to two decimals: less would be 0 doses
        raise RowProblem(f"Amount must be at least {MIN_UNITS} doses")
    if doses > MAX_DOSES:
        raise RowProblem(f"Amount is more than {MAX_DOSES} doses")
    magnesium = parse_number(cell(row, "Magnesium (mg)"), "Magnesium (mg)")
    doses = doses.quantize(Decimal("0.01"), ROUND_HALF_UP)
    return {
        "line": line,
        "date": day.isoformat(),
        "name": name[:120],
        "amount": amount,
        "doses": str(doses),
        "file_magnesium_mg": None if magnesium is None else str(magnesium),
        "key": fingerprint("supplement", [day, name, amount], seen),
    }


def read_plain_csv(data: bytes) -> Reading:
    """A plain CSV: date (YYYY-MM-DD), meal (breakfast, lunch, dinner, snack), food (a name to
    find in the food database) and grams."""
    reading = Reading()
    table, problem = table_of(data, PLAIN_REQUIRED)
    if table is None:
        reading.problems.append(problem)
        return reading
    seen: Counter = Counter()
    for index, row in enumerate(table.to_dict("records")):
        line = index + 2
        try:
            day = parse_day(cell(row, "date"))
            meal = cell(row, "meal").lower()
            if meal not in MEALS:
                raise RowProblem(f"the meal “{meal[:40]}” is not breakfast, lunch, dinner or snack")
            name = parse_name(cell(row, "food"), "food")
            refuse_exponent(cell(row, "grams"), "grams")
            grams = parse_number(cell(row, "grams"), "grams")
            if grams is None:
                raise RowProblem("grams is empty")
            grams = grams.quantize(MILLI, ROUND_HALF_UP)
            check_grams(grams, "grams")
        except RowProblem as error:
            reading.problems.append(f"Line {line}: {error}")
            continue
        meal_value = MEALS[meal].value
        reading.rows.append(
            {
                "line": line,
                "date": day.isoformat(),
                "meal": meal_value,
                "name": name,
                "amount_g": str(grams),
                "key": fingerprint("csv", [day, meal_value, name, grams], seen),
            }
        )
    names = len({row["name"] for row in reading.rows})
    if names > MAX_PLAIN_NAMES:
        reading.problems.append(
            f"The file names {names:,} different foods; at most {MAX_PLAIN_NAMES} can be matched at once: "
            "split it into smaller files."
        )
    return reading

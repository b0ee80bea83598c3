"""Read the USDA SR28 ASCII release into plain records (pure: no ORM).

Format (SR28 documentation, chapter 2): no header row, fields separated by ``^``,
text wrapped in ``~``, Latin-1, CRLF. Nutrient amounts are per 100 g edible portion.
``NDB_TO_FDC.csv`` (optional) is an ordinary CSV with the header ``NDB_No,fdc_id``.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd

SOURCE = "usda-sr28"  # Food.source of the foods read here; source_id is the NDB number

# SR Nutr_No -> Food field. 328 is vitamin D as D2 + D3 in µg (not 324, IU);
# 430 is vitamin K as phylloquinone (not 428/429, the other K forms).
SR_NUTRIENTS = {
    "304": "magnesium_mg",
    "301": "calcium_mg",
    "305": "phosphorus_mg",
    "306": "potassium_mg",
    "307": "sodium_mg",
    "208": "energy_kcal",
    "328": "vitamin_d_ug",
    "430": "vitamin_k_ug",
    "291": "fiber_g",
}

# Column limits of Food and Portion (max_length; max_digits, decimal_places), checked
# here so that a bad value is reported with its line instead of failing in the database.
NAME_MAX_LENGTH = 255
CATEGORY_MAX_LENGTH = 100
NUTRIENT_DIGITS = (10, 3)
GRAMS_DIGITS = (9, 3)
SEQ_MAX = 32767
FDC_ID_MAX = 2147483647

FOOD_DES = "FOOD_DES.txt"
FD_GROUP = "FD_GROUP.txt"
NUT_DATA = "NUT_DATA.txt"
WEIGHT = "WEIGHT.txt"
NDB_TO_FDC = "NDB_TO_FDC.csv"

FOOD_DES_COLUMNS = [
    "NDB_No", "FdGrp_Cd", "Long_Desc", "Shrt_Desc", "ComName", "ManufacName", "Survey",
    "Ref_desc", "Refuse", "SciName", "N_Factor", "Pro_Factor", "Fat_Factor", "CHO_Factor",
]  # fmt: skip
FD_GROUP_COLUMNS = ["FdGrp_Cd", "FdGrp_Desc"]
NUT_DATA_COLUMNS = [
    "NDB_No", "Nutr_No", "Nutr_Val", "Num_Data_Pts", "Std_Error", "Src_Cd", "Deriv_Cd",
    "Ref_NDB_No", "Add_Nutr_Mark", "Num_Studies", "Min", "Max", "DF", "Low_EB", "Up_EB",
    "Stat_cmt", "AddMod_Date", "CC",
]  # fmt: skip
WEIGHT_COLUMNS = ["NDB_No", "Seq", "Amount", "Msre_Desc", "Gm_Wgt", "Num_Data_Pts", "Std_Dev"]
NDB_TO_FDC_COLUMNS = ["NDB_No", "fdc_id"]

NUMBER = r"-?(?:\d+\.?\d*|\.\d+)"
WHOLE_NUMBER = r"\d+"

Progress = Callable[[str], None] | None


class UsdaFormatError(Exception):
    """A release file that cannot be imported; line is 1-based (None: the whole file)."""

    def __init__(self, file: str, line: int | None, message: str):
        self.file, self.line, self.message = file, line, message
        super().__init__(f"{file} line {line}: {message}" if line else f"{file}: {message}")


@dataclass(frozen=True)
class PortionRecord:
    seq: int
    description: str
    grams: Decimal


@dataclass
class FoodRecord:
    """A food as a reader found it; `source` and `source_id` say where it came from (Food.source)."""

    source: str
    source_id: str
    name: str
    category: str
    fdc_id: int | None
    nutrients: dict[str, Decimal | None]
    portions: list[PortionRecord] = field(default_factory=list)


def read_release(folder: Path | str, progress: Progress = None) -> list[FoodRecord]:
    """Foods of an SR28 ASCII release folder in FOOD_DES order; nutrients per 100 g, None = no data.

    Raises UsdaFormatError for the first bad line; `progress` gets one message per file read.
    """
    folder = Path(folder)
    report = progress or (lambda message: None)
    groups = _read_groups(folder)
    report(f"Read {FD_GROUP}: {len(groups):,} food groups")
    foods = _read_foods(folder, set(groups))
    report(f"Read {FOOD_DES}: {len(foods):,} foods")
    known = set(foods.NDB_No)
    nutrients, rows = _read_nutrients(folder, known)
    report(f"Read {NUT_DATA}: {rows:,} rows, {len(nutrients):,} kept ({len(SR_NUTRIENTS)} tracked nutrients)")
    weights = _read_weights(folder, known)
    report(f"Read {WEIGHT}: {len(weights):,} portions")
    fdc_ids = _read_fdc_ids(folder, known)
    if fdc_ids is None:
        report(f"No FDC ids: no {NDB_TO_FDC}")
    else:
        report(f"Read {NDB_TO_FDC}: {len(fdc_ids):,} FDC ids")
    fdc_ids = fdc_ids or {}

    records = {
        ndb: FoodRecord(
            SOURCE, ndb, name, groups[group], fdc_ids.get(ndb), dict.fromkeys(SR_NUTRIENTS.values())
        )
        for ndb, group, name in zip(foods.NDB_No, foods.FdGrp_Cd, foods.Long_Desc, strict=True)
    }
    for ndb, number, value in zip(nutrients.NDB_No, nutrients.Nutr_No, nutrients.Nutr_Val, strict=True):
        records[ndb].nutrients[SR_NUTRIENTS[number]] = Decimal(value)
    for ndb, seq, description, grams in zip(
        weights.NDB_No, weights.Seq, weights.description, weights.Gm_Wgt, strict=True
    ):
        records[ndb].portions.append(PortionRecord(int(seq), description, Decimal(grams)))
    for record in records.values():
        record.portions.sort(key=lambda portion: portion.seq)
    return list(records.values())


def portion_description(amount: str, measure: str) -> str:
    """Portion label from SR Amount and Msre_Desc: (".5", "cup") -> "0.5 cup"."""
    return f"{Decimal(amount).normalize():f} {measure}"


def _read_groups(folder: Path) -> dict[str, str]:
    groups = _read_sr(folder, FD_GROUP, FD_GROUP_COLUMNS, FD_GROUP_COLUMNS)
    groups["FdGrp_Desc"] = groups.FdGrp_Desc.str.strip()
    checks = [
        *required(groups, FD_GROUP_COLUMNS),
        *too_long(groups.FdGrp_Desc, CATEGORY_MAX_LENGTH),
        (groups.duplicated("FdGrp_Cd"), "duplicate FdGrp_Cd {FdGrp_Cd!r}"),
    ]
    raise_first_problem(FD_GROUP, groups, checks)
    return dict(zip(groups.FdGrp_Cd, groups.FdGrp_Desc, strict=True))


def _read_foods(folder: Path, groups: set[str]) -> pd.DataFrame:
    foods = _read_sr(folder, FOOD_DES, FOOD_DES_COLUMNS, ["NDB_No", "FdGrp_Cd", "Long_Desc"])
    foods["Long_Desc"] = foods.Long_Desc.str.strip()
    checks = [
        *required(foods, ["NDB_No", "FdGrp_Cd", "Long_Desc"]),
        (~foods.NDB_No.str.fullmatch(r"\d{5}"), "NDB_No {NDB_No!r} is not 5 digits"),
        (~foods.FdGrp_Cd.isin(groups), "unknown food group FdGrp_Cd {FdGrp_Cd!r}"),
        *too_long(foods.Long_Desc, NAME_MAX_LENGTH),
        (foods.duplicated("NDB_No"), "duplicate NDB_No {NDB_No!r}"),
    ]
    raise_first_problem(FOOD_DES, foods, checks)
    return foods


def _read_nutrients(folder: Path, known: set[str]) -> tuple[pd.DataFrame, int]:
    """Rows of the tracked nutrients, and the number of rows in the file."""
    nutrients = _read_sr(folder, NUT_DATA, NUT_DATA_COLUMNS, ["NDB_No", "Nutr_No", "Nutr_Val"])
    tracked = nutrients[nutrients.Nutr_No.isin(SR_NUTRIENTS)]
    checks = [
        *required(nutrients, ["NDB_No", "Nutr_No", "Nutr_Val"]),
        (~nutrients.NDB_No.isin(known), "NDB_No {NDB_No!r} is not in " + FOOD_DES),
        # Only the tracked nutrients are imported, so only their values are checked.
        *amount_problems(tracked.Nutr_Val, NUTRIENT_DIGITS, allow_zero=True),
        (tracked.duplicated(["NDB_No", "Nutr_No"]), "duplicate nutrient {Nutr_No} for NDB_No {NDB_No}"),
    ]
    raise_first_problem(NUT_DATA, nutrients, checks)
    return tracked, len(nutrients)


def _read_weights(folder: Path, known: set[str]) -> pd.DataFrame:
    weights = _read_sr(folder, WEIGHT, WEIGHT_COLUMNS, ["NDB_No", "Seq", "Amount", "Msre_Desc", "Gm_Wgt"])
    weights["Msre_Desc"] = weights.Msre_Desc.str.strip()
    weights["description"] = [
        portion_description(amount, measure) if re.fullmatch(NUMBER, amount) else ""
        for amount, measure in zip(weights.Amount, weights.Msre_Desc, strict=True)
    ]
    checks = [
        *required(weights, ["NDB_No", "Seq", "Amount", "Msre_Desc", "Gm_Wgt"]),
        (~weights.NDB_No.isin(known), "NDB_No {NDB_No!r} is not in " + FOOD_DES),
        *whole_number_problems(weights.Seq, SEQ_MAX),
        *amount_problems(weights.Amount, None),
        *amount_problems(weights.Gm_Wgt, GRAMS_DIGITS),
        *too_long(weights.description, NAME_MAX_LENGTH),
        (weights.duplicated(["NDB_No", "Seq"]), "duplicate Seq {Seq} for NDB_No {NDB_No}"),
    ]
    raise_first_problem(WEIGHT, weights, checks)
    return weights


def _read_fdc_ids(folder: Path, known: set[str]) -> dict[str, int] | None:
    """NDB_No -> fdc_id; None when the optional NDB_TO_FDC.csv is missing."""
    if not (folder / NDB_TO_FDC).exists():
        return None
    columns = NDB_TO_FDC_COLUMNS
    table = read_table(folder, NDB_TO_FDC, columns, columns, sep=",", quotechar='"', header=True)
    table = table.apply(lambda column: column.str.strip())
    # FDC writes NDB numbers without the leading zero (9040 for 09040).
    table["NDB_No"] = table.NDB_No.str.zfill(5).where(table.NDB_No != "", "")
    checks = [
        *required(table, NDB_TO_FDC_COLUMNS),
        *whole_number_problems(table.fdc_id, FDC_ID_MAX),
        (~table.NDB_No.isin(known), "NDB_No {NDB_No!r} is not in " + FOOD_DES),
        (table.duplicated("NDB_No"), "duplicate NDB_No {NDB_No!r}"),
        (table.duplicated("fdc_id"), "duplicate fdc_id {fdc_id}"),
    ]
    raise_first_problem(NDB_TO_FDC, table, checks, first_line=2)
    return dict(zip(table.NDB_No, table.fdc_id.astype(int), strict=True))


def _read_sr(folder: Path, name: str, columns: list[str], keep: list[str]) -> pd.DataFrame:
    return read_table(folder, name, columns, keep, sep="^", quotechar="~", header=False)


# Reading and checking tables; foods/fdc.py reads the FoodData Central CSV files with these too.


def read_table(
    folder: Path,
    name: str,
    columns: list[str] | None,
    keep: list[str],
    *,
    sep: str,
    quotechar: str,
    header: bool,
    encoding: str = "latin-1",
) -> pd.DataFrame:
    """Columns `keep` of a file as strings; row i comes from line i + 1 (+ 1 more with a header).

    With columns=None the header line names the columns, in any order and with any others,
    as long as it names every column in `keep`.
    """
    path = folder / name
    if not path.is_file():
        raise UsdaFormatError(name, None, f"file not found in {folder}")
    text = _decode(name, path.read_bytes(), encoding)
    if not text.strip():
        raise UsdaFormatError(name, 1, "file is empty")
    if header:
        columns = _header(name, text, columns, keep, sep=sep, quotechar=quotechar)
    rows = _check_fields(name, text, columns, sep=sep, quotechar=quotechar, header=header)
    try:
        table = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            quotechar=quotechar,
            header=None,
            names=columns,
            usecols=keep,
            skiprows=1 if header else 0,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            index_col=False,
        )
    except pd.errors.ParserError as error:
        raise _parser_error(name, error) from None
    if len(table) != rows:
        raise UsdaFormatError(name, None, f"pandas read {len(table):,} rows, expected {rows:,}")
    return table


def _decode(name: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        label = encoding.removesuffix("-sig").upper()
        raise UsdaFormatError(name, line, f"cannot be read as {label} text ({error.reason})") from None


def _reader(text: str, sep: str, quotechar: str):
    return csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar=quotechar, strict=True)


def _header(
    name: str, text: str, columns: list[str] | None, keep: list[str], *, sep: str, quotechar: str
) -> list[str]:
    """The column names on line 1: exactly `columns`, or (columns=None) any that include `keep`."""
    try:
        found = [value.strip() for value in next(_reader(text, sep, quotechar))]
    except csv.Error as error:
        raise UsdaFormatError(name, 1, f"cannot split the header into fields ({error})") from None
    if columns is not None:
        if found != columns:
            raise UsdaFormatError(name, 1, f"expected the header {','.join(columns)}")
        return columns
    if missing := [column for column in keep if column not in found]:
        raise UsdaFormatError(name, 1, f"no column {', '.join(missing)} in the header")
    if repeated := sorted({column for column in found if found.count(column) > 1}):
        raise UsdaFormatError(name, 1, f"column {', '.join(repeated)} appears more than once in the header")
    return found


def _check_fields(name: str, text: str, columns: list[str], *, sep: str, quotechar: str, header: bool) -> int:
    """Number of data rows, after checking that every line has exactly len(columns) fields.

    pandas cannot do this check: with keep_default_na=False it fills missing trailing
    fields with "" (the same as an empty field) and silently drops extra fields of the
    first line, so a truncated or garbled file would slip through.
    """
    # Fast path for a good file; the loop below finds the first bad line otherwise.
    rows, skip = _reader(text, sep, quotechar), 1 if header else 0
    try:
        counts = list(map(len, rows))
        if rows.line_num == len(counts) and set(counts[skip:]) <= {len(columns)}:
            return len(counts) - skip
    except csv.Error:
        pass
    rows, line = _reader(text, sep, quotechar), 1
    try:
        for row in rows:
            if rows.line_num != line:
                raise UsdaFormatError(name, line, "line break inside a text field")
            if line > skip and len(row) != len(columns):
                raise UsdaFormatError(name, line, f"expected {len(columns)} fields, found {len(row)}")
            line += 1
    except csv.Error as error:
        raise UsdaFormatError(name, line, f"cannot split the line into fields ({error})") from None
    return line - 1 - skip


def _parser_error(name: str, error: pd.errors.ParserError) -> UsdaFormatError:
    # "Expected 18 fields in line 7, saw 19" (1-based) or "EOF inside string starting at row 6" (0-based).
    text = str(error).strip()
    if found := re.search(r"line (\d+)", text):
        return UsdaFormatError(name, int(found[1]), text)
    if found := re.search(r"row (\d+)", text):
        return UsdaFormatError(name, int(found[1]) + 1, text)
    return UsdaFormatError(name, None, text)


Check = tuple[pd.Series, str]


def raise_first_problem(name: str, table: pd.DataFrame, checks: list[Check], first_line: int = 1) -> None:
    """Raise for the earliest row that fails a check.

    A check is (mask of bad rows, message template formatted with that row); a mask may
    cover only some rows of the table (rows it lacks pass).
    """
    first = None
    for mask, message in checks:
        bad = mask.reindex(table.index, fill_value=False).to_numpy(dtype=bool)
        if bad.any() and (first is None or bad.argmax() < first[0]):
            first = (int(bad.argmax()), message)
    if first is not None:
        position, message = first
        raise UsdaFormatError(name, position + first_line, message.format(**table.iloc[position].to_dict()))


def required(table: pd.DataFrame, columns: list[str]) -> list[Check]:
    return [(table[column] == "", f"{column} is empty") for column in columns]


def too_long(values: pd.Series, limit: int) -> list[Check]:
    return [(values.str.len() > limit, f"{values.name} is longer than {limit} characters")]


def whole_number_problems(values: pd.Series, maximum: int, minimum: int = 1) -> list[Check]:
    is_whole = values.str.fullmatch(WHOLE_NUMBER)
    in_range = is_whole & pd.to_numeric(values.where(is_whole, "0")).between(minimum, maximum)
    message = f"{values.name} {{{values.name}!r}} is not a whole number from {minimum} to {maximum:,}"
    return [(~in_range, message)]


def amount_problems(values: pd.Series, digits: tuple[int, int] | None, *, allow_zero=False) -> list[Check]:
    """Checks that values are numbers > 0 (>= 0 with allow_zero) that fit (max_digits, decimal_places)."""
    column = values.name
    is_number = values.str.fullmatch(NUMBER)
    numbers = pd.to_numeric(values.where(is_number, "1"))
    too_small = numbers < 0 if allow_zero else numbers <= 0
    checks = [
        (~is_number, f"{column} {{{column}!r}} is not a number"),
        (too_small, f"{column} {{{column}}} must be {'0 or more' if allow_zero else 'more than 0'}"),
    ]
    if digits:
        max_digits, places = digits
        fits = values.str.fullmatch(rf"-?0*\d{{0,{max_digits - places}}}(?:\.\d{{0,{places}}})?")
        message = f"{column} {{{column}}} has more than {max_digits} digits or {places} decimal places"
        checks.append((is_number & ~fits, message))
    return checks

"""Read the USDA SR28 ASCII release into plain records (pure: no ORM).

Format (SR28 documentation, chapter 2): no header row, fields separated by ``^``,
text wrapped in ``~``, Latin-1, CRLF. Nutrient amounts are per 100 g edible portion.
``NDB_TO_FDC.csv`` (optional) is an ordinary CSV with the header ``NDB_No,fdc_id``.
"""

import re
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
    amount_problems,
    raise_first_problem,
    read_table,
    required,
    too_long,
    whole_number_problems,
)

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
        *too_long(weights.description, DESCRIPTION_MAX_LENGTH),
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

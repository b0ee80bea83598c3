"""A user's log over a range of days as a table (pandas), for the CSV export."""

from datetime import date

import pandas as pd
from django.db.models import QuerySet

from core.spreadsheets import neutral_cell
from tracker import queries

# The CSV's columns, documented in README.md ("Exports"). An empty cell is unknown, never 0.
COLUMNS = (
    "date",
    "kind",  # "food" or "supplement"
    "meal",
    "food",
    "fdc_id",
    "amount_g",
    "magnesium_mg",
    "calcium_mg",
    "phosphorus_mg",
    "potassium_mg",
    "supplement",
    "form",
    "doses",
)
FOOD_FIELDS = (
    "date",
    "meal",
    "food__name",
    "food__fdc_id",
    "amount_g",
    "magnesium_mg",
    "calcium_mg",
    "phosphorus_mg",
    "potassium_mg",
)
SUPPLEMENT_FIELDS = ("date", "name", "form", "doses", "magnesium_mg")


def rows_frame(rows: QuerySet, start: date, end: date, fields: tuple, kind: str) -> pd.DataFrame:
    """The rows from start to end in the order they were logged, as a frame of `fields`."""
    in_range = rows.filter(date__range=(start, end)).order_by("date", "created_at", "pk")
    # dtype=object keeps the stored Decimals and whole FDC ids (no conversion to float).
    frame = pd.DataFrame(list(in_range.values(*fields)), columns=list(fields), dtype=object)
    frame["kind"] = kind
    return frame


def entries_frame(user, start: date, end: date) -> pd.DataFrame:
    """One row per food entry and per supplement entry from start to end, by date, foods first
    (two queries). Amounts are the Decimals stored on each entry, so nothing is rounded twice."""
    foods = rows_frame(queries.user_entries(user), start, end, FOOD_FIELDS, "food")
    supplements = rows_frame(queries.user_supplements(user), start, end, SUPPLEMENT_FIELDS, "supplement")
    frame = pd.concat(
        [
            foods.rename(columns={"food__name": "food", "food__fdc_id": "fdc_id"}),
            supplements.rename(columns={"name": "supplement"}),
        ],
        ignore_index=True,
    )
    return frame.sort_values("date", kind="stable").reindex(columns=list(COLUMNS))


def entries_csv(user, start: date, end: date) -> str:
    """The CSV file; names beginning as a formula (a custom food "=HYPERLINK(...)") are text."""
    frame = entries_frame(user, start, end)
    # Cell by cell into an object frame: DataFrame.map would infer the dtypes again and write a
    # column of FDC ids with gaps (a custom food, a supplement row) as floats, "170567.0".
    cells = [[neutral_cell(value) for value in row] for row in frame.itertuples(index=False)]
    return pd.DataFrame(cells, columns=frame.columns, dtype=object).to_csv(index=False)

"""Read a USDA table file into strings and check its rows (pure: no ORM).

The SR28 and FDC readers (sr28.py, fdc.py) read every file with read_table() and report
the first bad line with raise_first_problem(), so a bad release fails before anything is saved.
"""

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

# Column limits of Food and Portion (max_length; max_digits, decimal_places; the integer
# field's range), checked here so that a bad value is reported with its line instead of
# failing in the database. tests/foods/test_tables.py ties them to foods.models.
NAME_MAX_LENGTH = 255  # Food.name
CATEGORY_MAX_LENGTH = 100  # Food.category
DESCRIPTION_MAX_LENGTH = 255  # Portion.description
NUTRIENT_DIGITS = (10, 3)  # Food.magnesium_mg and the other nutrient fields
GRAMS_DIGITS = (9, 3)  # Portion.grams
SEQ_MAX = 32767  # Portion.seq
FDC_ID_MAX = 2147483647  # Food.fdc_id

NUMBER = r"-?(?:\d+\.?\d*|\.\d+)"
WHOLE_NUMBER = r"\d+"

Progress = Callable[[str], None] | None


class UsdaFormatError(Exception):
    """A release file that cannot be imported; line is 1-based (None: the whole file)."""

    def __init__(self, file: str, line: int | None, message: str):
        self.file, self.line, self.message = file, line, message
        super().__init__(f"{file} line {line}: {message}" if line else f"{file}: {message}")


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

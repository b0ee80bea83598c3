"""The reference tables of DESIGN.md, typed here by hand so that tests never derive
expected values from the code's own tables.

Each row: (first month of age, last month of age, male, female, pregnant, lactating,
kind). Ages are completed months; None = the table has no value.
"""

from datetime import date

OLDEST = 120 * 12

# NIH ODS / IOM 1997. Infants: AI; everyone else: RDA.
NIH_ROWS = [
    (0, 6, 30, 30, None, None, "AI"),
    (7, 11, 75, 75, None, None, "AI"),
    (12, 47, 80, 80, None, None, "RDA"),
    (48, 107, 130, 130, None, None, "RDA"),
    (108, 167, 240, 240, None, None, "RDA"),
    (168, 227, 410, 360, 400, 360, "RDA"),
    (228, 371, 400, 310, 350, 310, "RDA"),
    (372, 611, 420, 320, 360, 320, "RDA"),
    (612, OLDEST, 420, 320, None, None, "RDA"),
]

# EFSA 2015 adequate intakes: 80 (7–11 mo); 170 (1 to <3 y); 230 (3 to <10 y);
# 300 M / 250 F (10 to <18 y); 350 M / 300 F (18 y+); pregnancy and lactation 300.
# Nothing is set under 7 months.
EFSA_ROWS = [
    (0, 6, None, None, None, None, None),
    (7, 11, 80, 80, None, None, "AI"),
    (12, 35, 170, 170, None, None, "AI"),
    (36, 119, 230, 230, None, None, "AI"),
    (120, 215, 300, 250, 300, 300, "AI"),
    (216, OLDEST, 350, 300, 300, 300, "AI"),
]

# UK 1991 RNI: 55 (0–3 mo), 60 (4–6 mo), 75 (7–9 mo), 80 (10–12 mo), 85 (1–3 y),
# 120 (4–6 y), 200 (7–10 y), 280 (11–14 y), 300 (15–18 y), men 300, women 270,
# lactation +50, pregnancy no increment.
UK_ROWS = [
    (0, 3, 55, 55, None, None, "RNI"),
    (4, 6, 60, 60, None, None, "RNI"),
    (7, 9, 75, 75, None, None, "RNI"),
    (10, 11, 80, 80, None, None, "RNI"),
    (12, 47, 85, 85, None, None, "RNI"),
    (48, 83, 120, 120, None, None, "RNI"),
    (84, 131, 200, 200, None, None, "RNI"),
    (132, 179, 280, 280, 280, 330, "RNI"),
    (180, 227, 300, 300, 300, 350, "RNI"),
    (228, OLDEST, 300, 270, 270, 320, "RNI"),
]

TABLES = {"nih": NIH_ROWS, "efsa": EFSA_ROWS, "uk": UK_ROWS}

# The ages in months at which each table moves to its next row.
BOUNDARIES = [(standard, first) for standard, rows in TABLES.items() for first, *_ in rows if first]


def cases():
    """(standard, months, sex, life stage, expected mg or None, kind) at both edges of every row."""
    for standard, rows in TABLES.items():
        for first, last, male, female, pregnant, lactating, kind in rows:
            for months in (first, last):
                for sex, stage, expected in (
                    ("male", "none", male),
                    ("female", "none", female),
                    ("female", "pregnant", pregnant),
                    ("female", "lactating", lactating),
                ):
                    yield standard, months, sex, stage, expected, kind


def born_months_before(months: int, on: date) -> date:
    """A birth date exactly `months` completed months before `on` (same day of the month)."""
    total = on.year * 12 + on.month - 1 - months
    return date(total // 12, total % 12 + 1, on.day)


def value_at(standard: str, months: int, sex: str = "male") -> int | None:
    """The typed value for a non-pregnant person of this age and sex."""
    for first, last, male, female, *_ in TABLES[standard]:
        if first <= months <= last:
            return male if sex == "male" else female
    raise AssertionError(f"no typed row for {months} months")

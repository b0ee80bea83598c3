"""The measures a food can be logged in and the amount a new entry starts from (pure; no ORM,
no requests). Grams are Decimal.

A new entry starts from the FDA reference amount (core.racc), or the portion nearest it, never
from whatever portion USDA happens to list first (a cup of pumpkin seeds is 129 g, four
reference amounts)."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

# The avoirdupois ounce, exactly (international yard and pound agreement, 1959).
OUNCE_G = Decimal("28.349523125")
TABLESPOONS_PER_CUP = 16
# A portion this close to the reference amount (either way) stands for it: "1 oz" (28.35 g)
# for the 30 g of nuts and seeds, "1 tbsp" (5.4 g) for cocoa's tablespoon.
NEAREST_PORTION_TOLERANCE = Decimal("0.25")

OUNCE, TABLESPOON, GRAM = "oz", "tbsp", "g"


@dataclass(frozen=True)
class Measure:
    """A measure the app adds to a food's own portions: key, what it is, its weight in grams."""

    key: str
    description: str
    grams: Decimal

    def __str__(self) -> str:
        return self.description


CUP = re.compile(r"^1 cup\b")
TBSP = re.compile(r"\btbsp\b|\btablespoon")
OZ = re.compile(r"^1 oz\b")


def extra_measures(portions: Sequence[tuple[str, Decimal]]) -> list[Measure]:
    """Measures to offer beside a food's portions ((description, grams) pairs): ounces always
    (a weight), a tablespoon worked out from a plain cup when the food lists none, and grams."""
    descriptions = [description.lower() for description, _ in portions]
    measures = []
    if not any(OZ.search(d) for d in descriptions):
        measures.append(Measure(OUNCE, "1 oz (28.35 g)", OUNCE_G))
    cups = [grams for description, grams in portions if CUP.search(description.lower()) and grams > 0]
    if cups and not any(TBSP.search(d) for d in descriptions):
        tablespoon = (cups[0] / TABLESPOONS_PER_CUP).quantize(Decimal("0.1"))
        if tablespoon > 0:
            measures.append(Measure(TABLESPOON, f"1 tbsp ({tablespoon} g, from the cup)", tablespoon))
    measures.append(Measure(GRAM, "grams", Decimal(1)))
    return measures


def nearest_measure(reference_g: Decimal, measures: Sequence[tuple[str, Decimal]]) -> str | None:
    """The key of the measure ((key, grams) pairs) nearest reference_g, if within
    NEAREST_PORTION_TOLERANCE of it; None when none is that close."""
    if reference_g <= 0:
        return None
    close = [
        (abs(grams - reference_g), index, key)
        for index, (key, grams) in enumerate(measures)
        if key != GRAM and grams > 0 and abs(grams - reference_g) <= reference_g * NEAREST_PORTION_TOLERANCE
    ]
    return min(close)[2] if close else None


def starting_measure(
    reference_g: Decimal | None, measures: Sequence[tuple[str, Decimal]]
) -> tuple[str, Decimal]:
    """(measure key, quantity) a new entry starts from: the measure nearest the reference amount
    × 1, else the reference amount in grams; without a reference amount, the first measure × 1
    (grams × 100 when there is none)."""
    if reference_g is not None and reference_g > 0:
        key = nearest_measure(reference_g, measures)
        return (key, Decimal(1)) if key else (GRAM, reference_g)
    for key, grams in measures:
        if key != GRAM and grams > 0:
            return key, Decimal(1)
    return GRAM, Decimal(100)

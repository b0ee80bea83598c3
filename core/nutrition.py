"""Nutrient maths for logged amounts (pure; no ORM, no requests). Amounts are Decimal."""

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
MILLI = Decimal("0.001")


def amount_in_grams(
    portion_grams: Decimal | None, quantity: Decimal | None, grams: Decimal | None
) -> Decimal:
    """Grams eaten: portion weight × quantity when a portion is chosen, else the grams given."""
    if portion_grams is not None:
        if quantity is None or quantity <= 0:
            raise ValueError("quantity must be more than 0")
        return (portion_grams * quantity).quantize(MILLI, ROUND_HALF_UP)
    if grams is None or grams <= 0:
        raise ValueError("grams must be more than 0")
    return grams


def nutrient_for_amount(per_100g: Decimal | None, amount_g: Decimal) -> Decimal | None:
    """Amount of a nutrient in amount_g of a food, from its value per 100 g; None stays unknown."""
    if per_100g is None:
        return None
    return (per_100g * amount_g / HUNDRED).quantize(MILLI, ROUND_HALF_UP)


def per_100g(amount: Decimal, portion_grams: Decimal) -> Decimal:
    """Amount per 100 g of a food, from the amount in a portion weighing portion_grams."""
    if portion_grams <= 0:
        raise ValueError("portion_grams must be more than 0")
    return (amount * HUNDRED / portion_grams).quantize(MILLI, ROUND_HALF_UP)


def nutrients_for_amount(
    per_100g: Mapping[str, Decimal | None], amount_g: Decimal
) -> dict[str, Decimal | None]:
    """Every nutrient of a food (values per 100 g) scaled to amount_g."""
    return {name: nutrient_for_amount(value, amount_g) for name, value in per_100g.items()}


def plain_decimal(value: Decimal) -> Decimal:
    """The same number without trailing zeros or an exponent: 50.000 -> 50, 28.350 -> 28.35."""
    return Decimal(f"{value.normalize():f}")


def mg_text(value: Decimal) -> str:
    """An amount in mg to one decimal place, without a trailing .0: "400 mg", "301.5 mg"."""
    return f"{Decimal(value).quantize(Decimal('0.1'), ROUND_HALF_UP).normalize():f} mg"


def percent_of_target(amount_mg: Decimal, target_mg: int | Decimal | None) -> int | None:
    """Whole percent of the target reached; None without a target."""
    if not target_mg:
        return None
    return int((Decimal(amount_mg) * HUNDRED / Decimal(target_mg)).quantize(Decimal(1), ROUND_HALF_UP))


# The magnesium compounds a supplement may hold, with the names shown for them (the
# supplement form's choices, and the learning page's table).
COMPOUND_NAMES = {
    "oxide": "Oxide",
    "citrate": "Trimagnesium citrate (anhydrous)",
    "glycinate": "Glycinate (bisglycinate)",
    "hydroxide": "Hydroxide",
    "chloride": "Chloride (anhydrous)",
    "chloride_hexahydrate": "Chloride hexahydrate",
    "lactate": "Lactate",
    "malate": "Malate",
    "carbonate": "Carbonate",
    "sulfate": "Sulfate (anhydrous)",
    "sulfate_heptahydrate": "Sulfate heptahydrate (Epsom salt)",
    "aspartate": "Aspartate",
    "other": "Other or a mix",
}

# Elemental magnesium as a percentage of each compound's weight, from DESIGN.md
# ("Elemental magnesium by weight"): Mg 24.305 g/mol over the compound's molar mass.
# Chloride and sulfate are anhydrous; their common hydrates are separate forms because
# they hold about half as much magnesium. "other" has no figure: the label's is needed.
ELEMENTAL_PERCENT = {
    "oxide": Decimal("60.3"),
    "hydroxide": Decimal("41.7"),
    "carbonate": Decimal("28.8"),
    "chloride": Decimal("25.5"),
    "chloride_hexahydrate": Decimal("12.0"),
    "sulfate": Decimal("20.2"),
    "sulfate_heptahydrate": Decimal("9.9"),  # Epsom salt
    "citrate": Decimal("16.2"),  # trimagnesium citrate, anhydrous
    "malate": Decimal("15.5"),
    "glycinate": Decimal("14.1"),
    "lactate": Decimal("12.0"),
    "aspartate": Decimal("8.4"),
}


def elemental_mg_per_dose(label_mg: Decimal | None, compound_mg: Decimal | None, form: str) -> Decimal:
    """Elemental magnesium (mg) in one dose: the label's figure if given, else compound mg × the form's %."""
    if label_mg is not None:
        return label_mg
    if compound_mg is None:
        raise ValueError("give the elemental magnesium from the label or the compound amount")
    if form not in ELEMENTAL_PERCENT:
        raise ValueError(f"no elemental percentage for form {form!r}; give the label's figure")
    return (compound_mg * ELEMENTAL_PERCENT[form] / HUNDRED).quantize(MILLI, ROUND_HALF_UP)


def supplement_magnesium_mg(elemental_per_dose_mg: Decimal, doses: Decimal) -> Decimal:
    """Magnesium (mg) from a number of doses of a supplement."""
    if doses <= 0:
        raise ValueError("doses must be more than 0")
    return (elemental_per_dose_mg * doses).quantize(MILLI, ROUND_HALF_UP)


def over_supplement_limit(supplement_mg: Decimal, limit_mg: int | None) -> bool:
    """True when supplemental magnesium passes the upper limit; at the limit, or with none set, False."""
    return limit_mg is not None and supplement_mg > limit_mg


def average(amounts: Sequence[Decimal]) -> Decimal | None:
    """Mean of the amounts to 0.001 (same unit); None when there are none."""
    if not amounts:
        return None
    return (sum(amounts, Decimal(0)) / len(amounts)).quantize(MILLI, ROUND_HALF_UP)


def dish_totals(
    parts: Sequence[tuple[Decimal, Mapping[str, Decimal | None]]], names: Sequence[str]
) -> tuple[dict[str, Decimal | None], dict[str, int]]:
    """The nutrients (names) in a dish made of parts ((grams, values per 100 g) pairs): the total
    of each, and how many parts have no value for it. A total is None as soon as one part's value
    is unknown: a sum without it would be a guess shown as a fact."""
    totals: dict[str, Decimal | None] = {}
    unknown: dict[str, int] = {}
    for name in names:
        amounts = [nutrient_for_amount(values.get(name), grams) for grams, values in parts]
        known = [amount for amount in amounts if amount is not None]
        unknown[name] = len(amounts) - len(known)
        totals[name] = sum(known, Decimal(0)) if parts and not unknown[name] else None
    return totals, unknown


def amount_text(grams: Decimal, portion: str | None, quantity: Decimal) -> str:
    """ "180 g", or with a portion "2 × 1 cup (60 g)"."""
    weight = f"{plain_decimal(grams)} g"
    return weight if portion is None else f"{plain_decimal(quantity)} × {portion} ({weight})"

"""FDA nutrient-content claims for magnesium (pure; no ORM, no requests). Amounts in mg.

21 CFR 101.54: "high in" (also "rich in", "excellent source of") needs at least 20 % of the
Daily Value per serving, "good source of" 10-19 %. The magnesium Daily Value is 420 mg
(21 CFR 101.9), so the thresholds are 84 mg and 42 mg. They apply per reference amount
customarily consumed (RACC, 21 CFR 101.12 Table 2; core.racc), never per an arbitrary portion:
a food without a reference amount makes no claim.
"""

from decimal import Decimal

from core import ckd
from core.reference import DAILY_VALUE

HIGH, GOOD = "high", "good"
HIGH_MIN_MG = Decimal(DAILY_VALUE.mg) * Decimal("0.20")  # 84 mg
GOOD_MIN_MG = Decimal(DAILY_VALUE.mg) * Decimal("0.10")  # 42 mg

# The label-claim wording, and the same facts without the praise of "good" for users with
# CKD, who must not be nudged towards more magnesium.
LABELS = {HIGH: "High in magnesium", GOOD: "Good source of magnesium"}
NEUTRAL_LABELS = {HIGH: "Magnesium 20 % DV or more", GOOD: "Magnesium 10–19 % DV"}


def magnesium_claim(reference_mg: Decimal | None) -> str | None:
    """HIGH (≥ 84 mg in the food's reference amount), GOOD (42 mg to under 84 mg) or None (less,
    unknown, or no reference amount).

    The unrounded amount decides: 83.9 mg is GOOD although it is shown as "84 mg", and
    41.9 mg earns no claim although it is shown as "42 mg".
    """
    if reference_mg is None:
        return None
    if reference_mg >= HIGH_MIN_MG:
        return HIGH
    if reference_mg >= GOOD_MIN_MG:
        return GOOD
    return None


def claim_label(claim: str | None, has_ckd: bool) -> str | None:
    """The words shown for a claim: the FDA wording, or a neutral one for users with CKD."""
    if claim is None:
        return None
    return (NEUTRAL_LABELS if ckd.uses_neutral_claims(has_ckd) else LABELS)[claim]

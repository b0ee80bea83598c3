"""Reference intakes for magnesium by life stage (pure; no ORM, no requests).

Source: NIH Office of Dietary Supplements, Magnesium fact sheet for health
professionals, Table 1 (Recommended Dietary Allowances), which reproduces the
Institute of Medicine, Dietary Reference Intakes for Calcium, Phosphorus,
Magnesium, Vitamin D, and Fluoride (National Academy Press, 1997). Values for
infants are Adequate Intakes (AI); all others are RDAs.
"""

from dataclasses import dataclass
from datetime import date

FEMALE, MALE = "female", "male"
NONE, PREGNANT, LACTATING = "none", "pregnant", "lactating"
NIH = "nih"


class NoReferenceValue(ValueError):
    """The table has no value for this combination (e.g. pregnancy at age 12)."""


@dataclass(frozen=True)
class ReferenceIntake:
    mg: int
    kind: str  # "RDA", "AI" or "DV"
    source: str  # "nih" (later: "efsa", "uk", "clinician")
    label: str  # e.g. "NIH RDA, women 31–50 years"


@dataclass(frozen=True)
class Band:
    min_months: int  # inclusive, completed months of age
    max_months: int | None  # exclusive; None = no upper bound
    label: str
    male: int
    female: int
    pregnant: int | None
    lactating: int | None
    kind: str


Y = 12  # months per year
NIH_TABLE = (
    Band(0, 7, "birth to 6 months", 30, 30, None, None, "AI"),
    Band(7, 1 * Y, "7–12 months", 75, 75, None, None, "AI"),
    Band(1 * Y, 4 * Y, "1–3 years", 80, 80, None, None, "RDA"),
    Band(4 * Y, 9 * Y, "4–8 years", 130, 130, None, None, "RDA"),
    Band(9 * Y, 14 * Y, "9–13 years", 240, 240, None, None, "RDA"),
    Band(14 * Y, 19 * Y, "14–18 years", 410, 360, 400, 360, "RDA"),
    Band(19 * Y, 31 * Y, "19–30 years", 400, 310, 350, 310, "RDA"),
    Band(31 * Y, 51 * Y, "31–50 years", 420, 320, 360, 320, "RDA"),
    Band(51 * Y, None, "51 years and over", 420, 320, None, None, "RDA"),
)

# The US Daily Value for food labels (21 CFR 101.9), assumed when no profile is set.
DAILY_VALUE = ReferenceIntake(420, "DV", NIH, "US Daily Value (food labels)")

# Upper limit for magnesium from supplements and medicines only, not food
# (IOM 1997): none set under 1 year.
SUPPLEMENT_UPPER_LIMITS = ((1 * Y, 65), (4 * Y, 110), (9 * Y, 350))


def age_in_months(birth_date: date, on_date: date) -> int:
    """Completed months of age on on_date."""
    if on_date < birth_date:
        raise ValueError("the date is before the birth date")
    months = (on_date.year - birth_date.year) * 12 + on_date.month - birth_date.month
    if on_date.day < birth_date.day:
        months -= 1
    return months


def nih_band(age_months: int) -> Band:
    for band in NIH_TABLE:
        if age_months >= band.min_months and (band.max_months is None or age_months < band.max_months):
            return band
    raise ValueError(f"negative age: {age_months} months")


def reference_intake(birth_date: date, sex: str, life_stage: str, on_date: date) -> ReferenceIntake:
    """NIH magnesium RDA or AI, in mg/day, for a person on on_date."""
    if sex not in (FEMALE, MALE):
        raise ValueError(f"unknown sex {sex!r}")
    if life_stage not in (NONE, PREGNANT, LACTATING):
        raise ValueError(f"unknown life stage {life_stage!r}")
    if life_stage != NONE and sex != FEMALE:
        raise ValueError(f"life stage {life_stage!r} needs sex 'female'")
    band = nih_band(age_in_months(birth_date, on_date))
    if life_stage == NONE:
        # Below 14 years the table has one value for both sexes.
        who = band.label if band.min_months < 14 * Y else f"{sex}s, {band.label}"
        return ReferenceIntake(getattr(band, sex), band.kind, NIH, f"NIH {band.kind}, {who}")
    mg = getattr(band, life_stage)
    if mg is None:
        raise NoReferenceValue(f"no NIH value for {life_stage} at {band.label}")
    return ReferenceIntake(mg, band.kind, NIH, f"NIH {band.kind}, {life_stage}, {band.label}")


def supplement_upper_limit_mg(age_months: int) -> int | None:
    """Upper limit in mg/day for supplemental magnesium; None when none is set (under 1 year)."""
    limit = None
    for min_months, mg in SUPPLEMENT_UPPER_LIMITS:
        if age_months >= min_months:
            limit = mg
    return limit

"""Reference intakes for magnesium by life stage (pure; no ORM, no requests).

Three standards, each a table of age bands in completed months, with its source:

- NIH (default): NIH Office of Dietary Supplements, Magnesium fact sheet for health
  professionals, Table 1, which reproduces the Institute of Medicine, Dietary Reference
  Intakes for Calcium, Phosphorus, Magnesium, Vitamin D, and Fluoride (National Academy
  Press, 1997). Infants: Adequate Intakes (AI); everyone else: RDAs.
- EFSA: EFSA Panel on Dietetic Products, Nutrition and Allergies, Scientific Opinion on
  Dietary Reference Values for magnesium, EFSA Journal 2015;13(7):4186. All values are
  Adequate Intakes; none is set under 7 months.
- UK: Department of Health, Dietary Reference Values for Food Energy and Nutrients for
  the United Kingdom (COMA), Report on Health and Social Subjects 41, HMSO, 1991.
  Reference Nutrient Intakes (RNI); lactation adds 50 mg, pregnancy adds nothing.
"""

from dataclasses import dataclass
from datetime import date

FEMALE, MALE = "female", "male"
NONE, PREGNANT, LACTATING = "none", "pregnant", "lactating"
NIH, EFSA, UK, CLINICIAN = "nih", "efsa", "uk", "clinician"

KIND_NAMES = {
    "RDA": "Recommended Dietary Allowance",
    "AI": "Adequate Intake",
    "RNI": "Reference Nutrient Intake",
    "DV": "Daily Value",
    "clinician": "personal target",
}

TABLE_KINDS = ("RDA", "AI", "RNI")  # abbreviated in the labels of table values

CITATIONS = {
    NIH: "NIH Office of Dietary Supplements, Magnesium fact sheet for health professionals; "
    "Institute of Medicine, Dietary Reference Intakes for Calcium, Phosphorus, Magnesium, "
    "Vitamin D, and Fluoride (National Academy Press, 1997).",
    EFSA: "EFSA Panel on Dietetic Products, Nutrition and Allergies, Scientific Opinion on "
    "Dietary Reference Values for magnesium, EFSA Journal 2015;13(7):4186.",
    UK: "Department of Health, Dietary Reference Values for Food Energy and Nutrients for the "
    "United Kingdom (COMA), Report on Health and Social Subjects 41 (HMSO, 1991).",
    CLINICIAN: "Entered in your profile from your clinician's advice.",
}
DAILY_VALUE_CITATION = "US Daily Value for food labels (21 CFR 101.9)."


class NoReferenceValue(ValueError):
    """The table has no value for this combination (e.g. pregnancy at age 12)."""


@dataclass(frozen=True)
class ReferenceIntake:
    mg: int
    kind: str  # "RDA", "AI", "RNI", "DV" or "clinician"
    source: str  # "nih", "efsa", "uk" or "clinician"
    label: str  # e.g. "NIH RDA, females, 31–50 years"

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]

    @property
    def description(self) -> str:
        """The label, with the kind spelled out where the label only abbreviates it."""
        return f"{self.label} ({self.kind_name})" if self.kind in TABLE_KINDS else self.label

    @property
    def citation(self) -> str:
        return DAILY_VALUE_CITATION if self.kind == "DV" else CITATIONS[self.source]


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

# EFSA 2015 sets 300 mg for pregnancy and lactation, the adult women's value.
EFSA_TABLE = (
    Band(7, 1 * Y, "7–11 months", 80, 80, None, None, "AI"),
    Band(1 * Y, 3 * Y, "1 to under 3 years", 170, 170, None, None, "AI"),
    Band(3 * Y, 10 * Y, "3 to under 10 years", 230, 230, None, None, "AI"),
    Band(10 * Y, 18 * Y, "10 to under 18 years", 300, 250, 300, 300, "AI"),
    Band(18 * Y, None, "18 years and over", 350, 300, 300, 300, "AI"),
)

UK_LACTATION_INCREMENT = 50  # COMA 1991: +50 mg while breastfeeding; no increment in pregnancy


def uk_band(min_months: int, max_months: int | None, label: str, male: int, female: int) -> Band:
    return Band(min_months, max_months, label, male, female, female, female + UK_LACTATION_INCREMENT, "RNI")


UK_TABLE = (
    Band(0, 4, "0–3 months", 55, 55, None, None, "RNI"),
    Band(4, 7, "4–6 months", 60, 60, None, None, "RNI"),
    Band(7, 10, "7–9 months", 75, 75, None, None, "RNI"),
    Band(10, 1 * Y, "10–12 months", 80, 80, None, None, "RNI"),
    Band(1 * Y, 4 * Y, "1–3 years", 85, 85, None, None, "RNI"),
    Band(4 * Y, 7 * Y, "4–6 years", 120, 120, None, None, "RNI"),
    Band(7 * Y, 11 * Y, "7–10 years", 200, 200, None, None, "RNI"),
    uk_band(11 * Y, 15 * Y, "11–14 years", 280, 280),
    uk_band(15 * Y, 19 * Y, "15–18 years", 300, 300),
    uk_band(19 * Y, None, "19 years and over", 300, 270),
)

STANDARD_TABLES = {NIH: NIH_TABLE, EFSA: EFSA_TABLE, UK: UK_TABLE}
STANDARD_NAMES = {NIH: "NIH", EFSA: "EFSA", UK: "UK"}

# The US Daily Value for food labels (21 CFR 101.9), assumed when no profile is set.
DAILY_VALUE = ReferenceIntake(420, "DV", NIH, "US Daily Value (food labels)")

# Upper limits for magnesium from supplements (and medicines), never food, by standard; each
# applies to the user who chose that standard. Where a standard sets none for an age, the IOM
# figure applies and the page says so (SupplementLimit.fallback).
# - NIH: IOM 1997 Tolerable Upper Intake Level, set because of diarrhoea: none under 1 year.
# - EFSA: SCF 2001, 250 mg a day from 4 years, for readily dissociable magnesium salts and
#   magnesium oxide in supplements, water and fortified foods.
# - UK: EVM 2003 guidance level, 400 mg a day of supplemental magnesium, for adults.
IOM_SUPPLEMENT_LIMITS = ((1 * Y, 65), (4 * Y, 110), (9 * Y, 350))
ADULT_AGE_MONTHS = 18 * Y  # assumed for the supplement limit when nobody told us an age
STANDARD_SUPPLEMENT_LIMITS = {
    NIH: IOM_SUPPLEMENT_LIMITS,
    EFSA: ((4 * Y, 250),),
    UK: ((ADULT_AGE_MONTHS, 400),),
}
SUPPLEMENT_LIMIT_CITATIONS = {
    NIH: "Institute of Medicine, Dietary Reference Intakes for Calcium, Phosphorus, Magnesium, "
    "Vitamin D, and Fluoride (1997): Tolerable Upper Intake Level for magnesium from "
    "supplements and medicines.",
    EFSA: "Scientific Committee on Food, Opinion on the Tolerable Upper Intake Level of magnesium "
    "(2001): a tolerable upper level of 250 mg a day from age 4 for readily dissociable magnesium "
    "salts and magnesium oxide in supplements, water and fortified foods, not for the magnesium "
    "naturally in food.",
    UK: "Expert Group on Vitamins and Minerals, Safe Upper Levels for Vitamins and Minerals "
    "(Food Standards Agency, 2003): a guidance level of 400 mg a day of magnesium from "
    "supplements for adults.",
}
SUPPLEMENT_LIMIT_CITATION = SUPPLEMENT_LIMIT_CITATIONS[NIH]
SUPPLEMENT_LIMIT_NAMES = {NIH: "US, IOM 1997", EFSA: "EU, SCF 2001", UK: "UK guidance level, EVM 2003"}


@dataclass(frozen=True)
class SupplementLimit:
    """The limit for supplemental magnesium a user is warned at, with where it comes from."""

    mg: int
    source: str  # the standard whose figure this is: "nih", "efsa" or "uk"
    chosen: str  # the standard the user chose

    @property
    def fallback(self) -> bool:
        """Whether the chosen standard sets none for this age, so the IOM figure stands in."""
        return self.source != self.chosen

    @property
    def name(self) -> str:
        return SUPPLEMENT_LIMIT_NAMES[self.source]

    @property
    def citation(self) -> str:
        return SUPPLEMENT_LIMIT_CITATIONS[self.source]

    @property
    def note(self) -> str | None:
        """Said when the chosen standard sets no limit for the age and the IOM's is used."""
        if not self.fallback:
            return None
        return (
            f"The {STANDARD_NAMES[self.chosen]} standard you chose sets no supplement limit at your "
            "age, so the US figure (IOM 1997) is shown."
        )


def limit_from(table: tuple[tuple[int, int], ...], age_months: int) -> int | None:
    limit = None
    for min_months, mg in table:
        if age_months >= min_months:
            limit = mg
    return limit


def supplement_limit(age_months: int, standard: str = NIH) -> SupplementLimit | None:
    """The supplemental-magnesium limit (mg/day) of the chosen standard at an age; where it
    sets none, the IOM's (fallback); None when neither sets one (under 1 year)."""
    if standard not in STANDARD_SUPPLEMENT_LIMITS:
        raise ValueError(f"unknown reference standard {standard!r}")
    mg = limit_from(STANDARD_SUPPLEMENT_LIMITS[standard], age_months)
    if mg is not None:
        return SupplementLimit(mg, standard, standard)
    mg = limit_from(IOM_SUPPLEMENT_LIMITS, age_months)
    return None if mg is None else SupplementLimit(mg, NIH, standard)


def age_in_months(birth_date: date, on_date: date) -> int:
    """Completed months of age on on_date."""
    if on_date < birth_date:
        raise ValueError("the date is before the birth date")
    months = (on_date.year - birth_date.year) * 12 + on_date.month - birth_date.month
    if on_date.day < birth_date.day:
        months -= 1
    return months


def band_for(standard: str, age_months: int) -> Band:
    """The band of a standard's table that holds age_months; NoReferenceValue outside the table."""
    if age_months < 0:
        raise ValueError(f"negative age: {age_months} months")
    for band in STANDARD_TABLES[standard]:
        if age_months >= band.min_months and (band.max_months is None or age_months < band.max_months):
            return band
    raise NoReferenceValue(f"no {STANDARD_NAMES[standard]} value at {age_months} months")


def reference_intake(
    birth_date: date, sex: str, life_stage: str, on_date: date, standard: str = NIH
) -> ReferenceIntake:
    """Magnesium reference intake in mg/day from a standard's table, for a person on on_date."""
    if standard not in STANDARD_TABLES:
        raise ValueError(f"unknown reference standard {standard!r}")
    if sex not in (FEMALE, MALE):
        raise ValueError(f"unknown sex {sex!r}")
    if life_stage not in (NONE, PREGNANT, LACTATING):
        raise ValueError(f"unknown life stage {life_stage!r}")
    if life_stage != NONE and sex != FEMALE:
        raise ValueError(f"life stage {life_stage!r} needs sex 'female'")
    band = band_for(standard, age_in_months(birth_date, on_date))
    name = f"{STANDARD_NAMES[standard]} {band.kind}"
    if life_stage == NONE:
        # Where the table has one value for both sexes, the label does not name one.
        who = band.label if band.male == band.female else f"{sex}s, {band.label}"
        return ReferenceIntake(getattr(band, sex), band.kind, standard, f"{name}, {who}")
    mg = getattr(band, life_stage)
    if mg is None:
        raise NoReferenceValue(f"no {STANDARD_NAMES[standard]} value for {life_stage} at {band.label}")
    return ReferenceIntake(mg, band.kind, standard, f"{name}, {life_stage}, {band.label}")


def clinician_target(mg: int) -> ReferenceIntake:
    """A personal target set by the user's clinician, which replaces every table."""
    return ReferenceIntake(mg, "clinician", CLINICIAN, "Personal target from your clinician")


def supplement_upper_limit_mg(age_months: int) -> int | None:
    """The IOM upper limit in mg/day for supplemental magnesium; None under 1 year."""
    return limit_from(IOM_SUPPLEMENT_LIMITS, age_months)

"""The target and the supplement limit shown for a day, with the notices that explain them
(pure; no Django). They take plain profile values, so every case is a row in a table test."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core import ckd, nutrition, reference


@dataclass(frozen=True)
class Notice:
    code: str
    message: str


@dataclass(frozen=True)
class ProfileFacts:
    """What the rules need of a profile."""

    birth_date: date
    sex: str
    life_stage: str = reference.NONE
    has_ckd: bool = False
    reference_standard: str = reference.NIH
    clinician_target_mg: int | None = None


NO_PROFILE = Notice(
    "no_profile",
    "No profile yet, so the target is the US Daily Value of 420 mg used on food "
    "labels. Set your birth date and sex in your profile for your own reference intake.",
)
BEFORE_BIRTH = Notice("before_birth", "This date is before your birth date.")


def day_target(
    profile: ProfileFacts | None, day: date
) -> tuple[reference.ReferenceIntake | None, list[Notice]]:
    """The target shown for a day, with the notices that explain it.

    A clinician's target wins everywhere; with CKD it is the only target shown.
    """
    if profile is None:
        return reference.DAILY_VALUE, [NO_PROFILE]
    notices = [Notice("ckd", ckd.NOTICE)] if profile.has_ckd else []
    if profile.clinician_target_mg:
        return reference.clinician_target(profile.clinician_target_mg), notices
    if not ckd.shows_standard_goal(profile.has_ckd):
        return None, [*notices, Notice("ckd_no_target", ckd.NO_TARGET)]
    if day < profile.birth_date:
        return None, [BEFORE_BIRTH]
    standard = profile.reference_standard
    try:
        target = reference.reference_intake(
            profile.birth_date, profile.sex, profile.life_stage, day, standard
        )
    except reference.NoReferenceValue:
        return None, [
            Notice(
                "no_reference",
                f"The {reference.STANDARD_NAMES[standard]} table has no reference intake for your "
                "life stage at your age. Ask your clinician for a personal target; you can enter it "
                "in your profile.",
            )
        ]
    return target, []


def supplement_limit(profile: ProfileFacts | None, day: date) -> reference.SupplementLimit | None:
    """The limit for supplemental magnesium on a day, by the chosen standard (an adult's NIH
    limit without a profile); None under 1 year, before birth, and always with CKD."""
    if profile is None:
        return reference.supplement_limit(reference.ADULT_AGE_MONTHS)
    if not ckd.shows_supplement_limit(profile.has_ckd) or day < profile.birth_date:
        return None
    age = reference.age_in_months(profile.birth_date, day)
    return reference.supplement_limit(age, profile.reference_standard)


def supplement_limit_mg(profile: ProfileFacts | None, day: date) -> int | None:
    """supplement_limit's figure in mg/day, or None."""
    limit = supplement_limit(profile, day)
    return limit.mg if limit else None


def over_limit_notice(
    supplement_mg: Decimal, limit: reference.SupplementLimit, has_ckd: bool = False
) -> Notice:
    return Notice(
        "over_supplement_limit",
        f"Your supplements on this day add up to {nutrition.mg_text(supplement_mg)} of magnesium, more "
        f"than the upper limit of {limit.mg} mg a day for your age ({limit.name}). This limit "
        "concerns magnesium from supplements and medicines (such as antacids and laxatives) only; "
        "magnesium in food "
        "does not count towards it. Too much can cause diarrhoea, nausea and stomach cramps. The "
        f"limit is not a target. {ckd.who_to_ask(has_ckd)}",
    )


CKD_SUPPLEMENT = Notice("ckd_supplement", ckd.SUPPLEMENT_NOTICE)


def supplement_notices(
    profile: ProfileFacts | None, supplement_mg: Decimal, limit: reference.SupplementLimit | None
) -> list[Notice]:
    """The notices a day's supplemental magnesium raises: with CKD any amount (ckd_supplement),
    otherwise an amount above the limit."""
    has_ckd = bool(profile and profile.has_ckd)
    if has_ckd:
        return [CKD_SUPPLEMENT] if supplement_mg > 0 else []
    if nutrition.over_supplement_limit(supplement_mg, limit.mg if limit else None):
        assert limit is not None
        return [over_limit_notice(supplement_mg, limit)]
    return []

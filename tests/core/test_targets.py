"""The day's target and supplement limit from plain profile values: every table row, the
clinician's target, CKD and the Daily Value without a profile. No database."""

from datetime import date
from decimal import Decimal

import pytest

from core import ckd, reference
from core.targets import (
    ProfileFacts,
    day_target,
    over_limit_notice,
    supplement_limit,
    supplement_limit_mg,
    supplement_notices,
)
from tests.core.reference_tables import born_months_before, cases

ON = date(2026, 6, 15)
CASES = [pytest.param(*case, id="{}-{}mo-{}-{}".format(*case[:4])) for case in cases()]


def facts(**changes) -> ProfileFacts:
    return ProfileFacts(**{"birth_date": date(1990, 1, 1), "sex": "female", **changes})


@pytest.mark.parametrize(("standard", "months", "sex", "stage", "expected", "kind"), CASES)
def test_day_target_for_every_row_of_every_table(standard, months, sex, stage, expected, kind):
    profile = facts(
        birth_date=born_months_before(months, ON), sex=sex, life_stage=stage, reference_standard=standard
    )
    target, notices = day_target(profile, ON)
    if expected is None:
        assert target is None and [notice.code for notice in notices] == ["no_reference"]
    else:
        assert (target.mg, target.source, target.kind, notices) == (expected, standard, kind, [])


@pytest.mark.parametrize(
    ("profile", "target_mg", "codes"),
    [
        (None, 420, ["no_profile"]),
        (facts(), 320, []),
        (facts(clinician_target_mg=250), 250, []),
        (facts(has_ckd=True), None, ["ckd", "ckd_no_target"]),
        (facts(has_ckd=True, clinician_target_mg=250), 250, ["ckd"]),
        (facts(birth_date=date(2027, 1, 1)), None, ["before_birth"]),
    ],
    ids=["no-profile", "table", "clinician", "ckd", "ckd-with-clinician", "before-birth"],
)
def test_day_target_rules(profile, target_mg, codes):
    target, notices = day_target(profile, ON)
    assert (target.mg if target else None) == target_mg
    assert [notice.code for notice in notices] == codes


def test_the_ckd_notices_carry_the_ckd_wording():
    _, notices = day_target(facts(has_ckd=True), ON)
    assert [notice.message for notice in notices] == [ckd.NOTICE, ckd.NO_TARGET]


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        (None, 350),
        (facts(birth_date=born_months_before(11, ON)), None),
        (facts(birth_date=born_months_before(12, ON)), 65),
        (facts(birth_date=born_months_before(4 * 12, ON)), 110),
        (facts(birth_date=born_months_before(9 * 12, ON)), 350),
        (facts(birth_date=date(2027, 1, 1)), None),
    ],
)
def test_supplement_limit_by_age(profile, expected):
    assert supplement_limit_mg(profile, ON) == expected


def test_over_limit_notice_names_the_amount_and_the_limit():
    notice = over_limit_notice(Decimal("400"), reference.supplement_limit(40 * 12))
    assert notice.code == "over_supplement_limit"
    assert "400 mg" in notice.message and "350 mg" in notice.message
    assert "(US, IOM 1997)" in notice.message and "doctor or pharmacist" in notice.message


FORTY = born_months_before(40 * 12, ON)


@pytest.mark.parametrize(
    ("standard", "months", "mg", "source"),
    [
        ("nih", 11, None, None),
        ("nih", 12, 65, "nih"),
        ("nih", 4 * 12, 110, "nih"),
        ("nih", 9 * 12, 350, "nih"),
        ("efsa", 11, None, None),
        ("efsa", 12, 65, "nih"),  # SCF sets none under 4: the IOM figure, said so
        ("efsa", 4 * 12 - 1, 65, "nih"),
        ("efsa", 4 * 12, 250, "efsa"),
        ("efsa", 40 * 12, 250, "efsa"),
        ("uk", 4 * 12, 110, "nih"),  # EVM: adults only
        ("uk", 18 * 12 - 1, 350, "nih"),
        ("uk", 18 * 12, 400, "uk"),
    ],
)
def test_each_standard_has_its_own_supplement_limit(standard, months, mg, source):
    limit = reference.supplement_limit(months, standard)
    assert (limit and limit.mg, limit and limit.source) == (mg, source)
    if limit:
        assert limit.fallback is (source != standard)
        assert (limit.note is not None) is limit.fallback


@pytest.mark.parametrize(
    ("standard", "supplement_mg", "limit_mg", "codes"),
    [
        ("efsa", "300", 250, ["over_supplement_limit"]),
        ("uk", "380", 400, []),
        ("nih", "360", 350, ["over_supplement_limit"]),
        ("nih", "350", 350, []),
    ],
)
def test_acceptance_the_warning_follows_the_chosen_standard(standard, supplement_mg, limit_mg, codes):
    profile = facts(birth_date=FORTY, reference_standard=standard)
    limit = supplement_limit(profile, ON)
    assert limit.mg == limit_mg
    assert [n.code for n in supplement_notices(profile, Decimal(supplement_mg), limit)] == codes


@pytest.mark.parametrize("standard", ["nih", "efsa", "uk"])
@pytest.mark.parametrize("supplement_mg", ["0.1", "100", "5000"])
def test_with_ckd_no_limit_is_theirs_and_any_supplement_raises_the_kidney_team_notice(
    standard, supplement_mg
):
    profile = facts(birth_date=FORTY, reference_standard=standard, has_ckd=True)
    assert supplement_limit(profile, ON) is None and supplement_limit_mg(profile, ON) is None
    [notice] = supplement_notices(profile, Decimal(supplement_mg), None)
    assert notice.code == "ckd_supplement"
    assert "kidney team" in notice.message and "doctor" not in notice.message
    assert supplement_notices(profile, Decimal(0), None) == []


def test_the_pure_rules_need_no_database():
    # reference, targets and ckd are plain functions: this test module runs without django_db.
    assert reference.DAILY_VALUE.mg == 420

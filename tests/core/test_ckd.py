"""Every CKD rule as a table: what a user with chronic kidney disease is shown and never shown."""

import pytest

from core import ckd, claims


@pytest.mark.parametrize(
    ("rule", "without_ckd", "with_ckd"),
    [
        (ckd.shows_standard_goal, True, False),
        (ckd.suggests_foods, True, False),
        (ckd.uses_neutral_claims, False, True),
        (ckd.may_log_supplements_in_one_click, True, False),
        (ckd.minerals_shown, ("magnesium_mg",), ("magnesium_mg", "phosphorus_mg", "potassium_mg")),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_ckd_rules(rule, without_ckd, with_ckd):
    assert rule(False) == without_ckd
    assert rule(True) == with_ckd


@pytest.mark.parametrize(
    ("claim", "has_ckd", "label"),
    [
        (claims.HIGH, False, "High in magnesium"),
        (claims.GOOD, False, "Good source of magnesium"),
        (claims.HIGH, True, "Magnesium 20 % DV or more"),
        (claims.GOOD, True, "Magnesium 10–19 % DV"),
        (None, True, None),
    ],
)
def test_claims_are_plain_facts_for_users_with_ckd(claim, has_ckd, label):
    assert claims.claim_label(claim, has_ckd) == label


@pytest.mark.parametrize("text", [ckd.NOTICE, ckd.SUPPLEMENT_WARNING, ckd.NO_TARGET])
def test_the_wording_sends_users_to_their_kidney_team_and_never_gives_a_dose(text):
    assert "kidney team" in text or "nephrologist" in text
    assert "take " not in text.lower().replace("take no ", "")

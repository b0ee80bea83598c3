from decimal import Decimal

import pytest

from core.claims import GOOD, GOOD_MIN_MG, HIGH, HIGH_MIN_MG, claim_label, magnesium_claim


def test_thresholds_are_20_and_10_percent_of_the_420_mg_daily_value():
    assert (HIGH_MIN_MG, GOOD_MIN_MG) == (Decimal(84), Decimal(42))


@pytest.mark.parametrize(
    ("portion_mg", "claim"),
    [
        (None, None),  # unknown magnesium earns nothing, it is not 0 either
        ("0", None),
        ("41.9", None),
        ("41.999", None),  # shown as "42 mg", but the unrounded amount decides
        ("42", GOOD),
        ("42.001", GOOD),
        ("83", GOOD),
        ("83.9", GOOD),  # shown as "84 mg", still only a good source
        ("83.999", GOOD),
        ("84", HIGH),
        ("84.001", HIGH),
        ("763.7", HIGH),
    ],
)
def test_magnesium_claim_boundaries(portion_mg, claim):
    assert magnesium_claim(None if portion_mg is None else Decimal(portion_mg)) == claim


def test_labels_use_the_fda_wording():
    assert claim_label(HIGH, has_ckd=False) == "High in magnesium"
    assert claim_label(GOOD, has_ckd=False) == "Good source of magnesium"
    assert claim_label(None, has_ckd=False) is None


@pytest.mark.parametrize("claim", [HIGH, GOOD])
def test_labels_for_ckd_state_the_daily_value_share_without_praise(claim):
    label = claim_label(claim, has_ckd=True)
    assert "% DV" in label
    assert "good" not in label.lower() and "high" not in label.lower() and "source" not in label.lower()

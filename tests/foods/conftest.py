import pytest

from tests.foods.samples import FDC_FOUNDATION_SAMPLE, FDC_SR_LEGACY_SAMPLE, SR28_SAMPLE, copy


@pytest.fixture
def release(tmp_path):
    """A copy of the SR28 sample to spoil."""
    return copy(SR28_SAMPLE, tmp_path)


@pytest.fixture
def sr_legacy(tmp_path):
    """A copy of the FDC SR Legacy sample to spoil."""
    return copy(FDC_SR_LEGACY_SAMPLE, tmp_path)


@pytest.fixture
def foundation(tmp_path):
    """A copy of the FDC Foundation Foods sample to spoil."""
    return copy(FDC_FOUNDATION_SAMPLE, tmp_path)

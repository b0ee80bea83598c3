import pytest

from tests.foods.samples import (
    FDC_FOUNDATION_SAMPLE,
    FDC_SR_LEGACY_SAMPLE,
    FULL_SR28_RELEASE,
    SR28_SAMPLE,
    copy,
    sr28_as_fdc,
)


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


@pytest.fixture(scope="session")
def full_sr28_as_fdc(tmp_path_factory):
    """The full SR28 release written as an FDC SR Legacy download (7,488 foods), built once."""
    if not FULL_SR28_RELEASE.is_dir():
        pytest.skip(f"no SR28 release at {FULL_SR28_RELEASE}")
    return sr28_as_fdc(FULL_SR28_RELEASE, tmp_path_factory.mktemp("sr28") / "fdc")

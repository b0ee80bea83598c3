import pytest

from tests.foods.samples import (
    FDC_FOUNDATION_SAMPLE,
    FDC_SR_LEGACY_SAMPLE,
    FULL_SR28_RELEASE,
    copy,
    cut_sr28,
    sr28_as_fdc,
)


def needs_full_release():
    if not FULL_SR28_RELEASE.is_dir():
        pytest.skip(f"no SR28 release at {FULL_SR28_RELEASE}")


@pytest.fixture(scope="session")
def sr28_sample(tmp_path_factory):
    """Four foods' rows of the real SR28 release (tests.foods.samples.SR28_SAMPLE_FOODS)."""
    needs_full_release()
    return cut_sr28(FULL_SR28_RELEASE, tmp_path_factory.mktemp("sr28") / "sr28_sample")


@pytest.fixture
def release(sr28_sample, tmp_path):
    """A copy of the SR28 sample to spoil."""
    return copy(sr28_sample, tmp_path)


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
    needs_full_release()
    return sr28_as_fdc(FULL_SR28_RELEASE, tmp_path_factory.mktemp("sr28") / "fdc")

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.models import Profile
from tests.factories import make_profile

pytestmark = pytest.mark.django_db
PROFILE = "/api/v1/profile/"
FIELDS = {
    "birth_date",
    "sex",
    "life_stage",
    "has_ckd",
    "reference_standard",
    "clinician_target_mg",
    "time_zone",
}


def test_no_profile_is_a_404_until_the_first_save_creates_it(alice_api, user):
    assert alice_api.get(PROFILE).status_code == 404

    created = alice_api.patch(PROFILE, {"birth_date": "1990-06-15", "sex": "female"})

    assert created.status_code == 201
    assert created.json() == {
        "birth_date": "1990-06-15",
        "sex": "female",
        "life_stage": "none",
        "has_ckd": False,
        "reference_standard": "nih",
        "clinician_target_mg": None,
        "time_zone": "UTC",
    }
    assert Profile.objects.get().user == user
    assert alice_api.get(PROFILE).json() == created.json()


def test_the_first_save_needs_birth_date_and_sex(alice_api):
    response = alice_api.patch(PROFILE, {"has_ckd": True})
    assert response.status_code == 400
    assert set(response.json()) == {"birth_date", "sex"}
    assert not Profile.objects.exists()


def test_patch_changes_only_the_fields_sent(alice_api, user):
    make_profile(user, birth_date=date(1990, 6, 15), sex="female")

    response = alice_api.patch(PROFILE, {"has_ckd": True})

    assert response.status_code == 200
    assert set(response.json()) == FIELDS
    profile = Profile.objects.get()
    assert (profile.has_ckd, profile.birth_date, profile.sex) == (True, date(1990, 6, 15), "female")


def test_put_needs_every_required_field(alice_api, user):
    make_profile(user)
    assert set(alice_api.put(PROFILE, {"has_ckd": True}).json()) == {"birth_date", "sex"}
    response = alice_api.put(PROFILE, {"birth_date": "1980-01-01", "sex": "male"})
    assert (response.status_code, response.json()["sex"]) == (200, "male")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"birth_date": "future"}, "birth_date"),
        ({"birth_date": "1890-01-01"}, "birth_date"),
        ({"sex": "other"}, "sex"),
        ({"life_stage": "pregnant", "sex": "male"}, "life_stage"),
        ({"life_stage": "lactating", "birth_date": "1950-01-01"}, "life_stage"),
        ({"has_ckd": "yes"}, "has_ckd"),
        ({"has_ckd": 1}, "has_ckd"),
        ({"reference_standard": "who"}, "reference_standard"),
    ],
)
def test_the_profile_page_rules_apply(alice_api, user, body, field):
    make_profile(user, birth_date=date(1990, 6, 15), sex="female")
    if body.get("birth_date") == "future":
        body["birth_date"] = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = alice_api.patch(PROFILE, body)

    assert response.status_code == 400
    assert field in response.json()
    assert Profile.objects.get().sex == "female"


def test_a_life_stage_is_checked_against_the_stored_sex(alice_api, user):
    make_profile(user, sex="male")
    response = alice_api.patch(PROFILE, {"life_stage": "pregnant"})
    assert response.json() == {"life_stage": ["Pregnancy and breastfeeding apply only with sex 'Female'."]}


def test_the_api_profile_reads_and_writes_the_time_zone(alice_api, user):
    make_profile(user)
    assert alice_api.get(PROFILE).json()["time_zone"] == "UTC"
    answer = alice_api.patch(PROFILE, {"time_zone": "Pacific/Kiritimati"}, format="json")
    assert answer.status_code == 200 and answer.json()["time_zone"] == "Pacific/Kiritimati"
    bad = alice_api.patch(PROFILE, {"time_zone": "Nowhere/Land"}, format="json")
    assert bad.status_code == 400 and "time_zone" in bad.json()

"""The user's own time zone (issue 14): "today", the day page, the summary and the log follow it."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.forms import ProfileForm
from accounts.tokens import issue_token
from tests.factories import make_food, make_portion, make_profile
from tracker.models import IntakeEntry

pytestmark = pytest.mark.django_db

# 10:30 UTC on 1 March: 2 March 00:30 in Kiritimati (UTC+14), still 1 March in UTC.
KIRITIMATI_JUST_AFTER_MIDNIGHT = datetime(2026, 3, 1, 10, 30, tzinfo=UTC)
# 04:00 UTC on 10 March: 20:00 on 9 March in Los Angeles (PDT begins on 8 March, UTC-7: 21:00);
# 10 March 03:00 UTC is 20:00 PDT on 9 March.
LOS_ANGELES_EVENING = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)


def test_a_profile_without_a_time_zone_is_in_utc(user):
    assert make_profile(user).time_zone == "UTC"


def test_kiritimati_sees_its_own_date_as_today_on_the_day_page(alice_client, user):
    make_profile(user, time_zone="Pacific/Kiritimati")
    with time_machine.travel(KIRITIMATI_JUST_AFTER_MIDNIGHT, tick=False):
        page = alice_client.get(reverse("tracker:today"))
        assert page.context["day"] == date(2026, 3, 2)
        assert page.context["is_today"]
        own_day = alice_client.get(reverse("tracker:day", args=["2026-03-02"]))
        assert own_day.context["is_today"]


def test_kiritimati_gets_its_own_date_from_the_summary_api_by_token(user):
    make_profile(user, time_zone="Pacific/Kiritimati")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user)[1]}")
    with time_machine.travel(KIRITIMATI_JUST_AFTER_MIDNIGHT, tick=False):
        assert client.get(reverse("api:summary")).json()["date"] == "2026-03-02"


def test_kiritimati_gets_its_own_date_from_the_summary_api_by_session(alice_client, user):
    make_profile(user, time_zone="Pacific/Kiritimati")
    with time_machine.travel(KIRITIMATI_JUST_AFTER_MIDNIGHT, tick=False):
        assert alice_client.get(reverse("api:summary")).json()["date"] == "2026-03-02"


def test_a_utc_user_at_the_same_moment_is_still_on_the_first(alice_client, user):
    make_profile(user)
    with time_machine.travel(KIRITIMATI_JUST_AFTER_MIDNIGHT, tick=False):
        assert alice_client.get(reverse("api:summary")).json()["date"] == "2026-03-01"


def test_los_angeles_logging_dinner_at_eight_logs_on_the_local_date(alice_client, user):
    make_profile(user, time_zone="America/Los_Angeles")
    food = make_food("Spinach, raw")
    portion = make_portion(food, "1 cup", "30")
    with time_machine.travel(LOS_ANGELES_EVENING, tick=False):
        form = alice_client.get(reverse("tracker:entry_new", args=[food.pk])).context["form"]
        assert form.initial["date"] == date(2026, 3, 9)
        assert form.initial["meal"] == "dinner"
        body = {
            "date": form.initial["date"].isoformat(),
            "meal": "dinner",
            "portion": portion.pk,
            "quantity": "1",
        }
        alice_client.post(reverse("tracker:entry_new", args=[food.pk]), body)
        assert alice_client.get(reverse("api:summary")).json()["date"] == "2026-03-09"
    assert IntakeEntry.objects.get(user=user).date == date(2026, 3, 9)


def test_the_latest_loggable_day_follows_the_users_date(alice_client, user):
    make_profile(user, time_zone="Pacific/Kiritimati")
    with time_machine.travel(KIRITIMATI_JUST_AFTER_MIDNIGHT, tick=False):
        # a year and a day ahead of the user's 2 March, a day past UTC's limit
        assert alice_client.get(reverse("tracker:day", args=["2027-03-03"])).status_code == 200
        assert alice_client.get(reverse("tracker:day", args=["2027-03-04"])).status_code == 404


def test_trends_end_on_the_users_today(alice_client, user):
    make_profile(user, time_zone="Pacific/Kiritimati")
    with time_machine.travel(KIRITIMATI_JUST_AFTER_MIDNIGHT, tick=False):
        trend = alice_client.get(reverse("tracker:trends"), {"days": 7}).context["trend"]
        assert trend.end == date(2026, 3, 2)
        report = alice_client.get(reverse("tracker:report")).context["trend"]
        assert report.end == date(2026, 3, 2)


def test_sign_up_keeps_the_browsers_time_zone_for_the_new_profile(client):
    body = {
        "username": "carol",
        "email": "carol@example.com",
        "password1": "a-long-test-password",
        "password2": "a-long-test-password",
        "time_zone": "Asia/Tokyo",
    }
    assert client.post(reverse("accounts:signup"), body).status_code == 302
    form = client.get(reverse("accounts:profile")).context["form"]
    assert form["time_zone"].value() == "Asia/Tokyo"


@pytest.mark.parametrize("sent", ["", "Mars/Olympus_Mons", "x" * 500, "UTC\x00"])
def test_sign_up_with_no_or_an_unknown_browser_time_zone_still_signs_up_in_utc(client, sent):
    body = {
        "username": "carol",
        "email": "carol@example.com",
        "password1": "a-long-test-password",
        "password2": "a-long-test-password",
        "time_zone": sent,
    }
    assert client.post(reverse("accounts:signup"), body).status_code == 302
    assert client.get(reverse("accounts:profile")).context["form"]["time_zone"].value() == "UTC"


def test_the_sign_up_page_loads_the_time_zone_script_not_an_inline_one(client):
    page = client.get(reverse("accounts:signup")).content.decode()
    assert 'name="time_zone"' in page and "js/time_zone" in page


def test_the_profile_form_refuses_an_unknown_time_zone(user):
    form = ProfileForm(
        {
            "birth_date": "1990-01-01",
            "sex": "female",
            "life_stage": "none",
            "reference_standard": "nih",
            "time_zone": "Europe/Atlantis",
        }
    )
    assert not form.is_valid() and "time_zone" in form.errors

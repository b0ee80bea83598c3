from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from tests.factories import make_profile

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def signup(client, **overrides):
    data = {
        "username": "carol",
        "email": "carol@example.com",
        "password1": "Kale&Quinoa-2026",
        "password2": "Kale&Quinoa-2026",
    }
    return client.post(reverse("accounts:signup"), {**data, **overrides})


def test_signup_logs_in_and_leads_to_the_profile(client):
    response = signup(client)
    assert response.url == reverse("accounts:profile")
    assert User.objects.get().email == "carol@example.com"
    assert "Set up your profile" in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"password1": "password", "password2": "password"}, "password2"),
        ({"password1": "12345678901", "password2": "12345678901"}, "password2"),
        ({"password2": "something-else-entirely"}, "password2"),
        ({"email": ""}, "email"),
        ({"email": "not-an-email"}, "email"),
        ({"username": ""}, "username"),
    ],
)
def test_signup_refuses_bad_input_with_a_field_error(client, overrides, field):
    response = signup(client, **overrides)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert User.objects.count() == 0


def test_login_and_logout_by_post(client, user):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.url == reverse("tracker:today")
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get("/day/2026-01-01/").status_code == 302


def test_login_with_a_wrong_password_says_so(client, user):
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "enter a correct username and password" in response.content.decode()


def test_password_change(alice_client, user):
    response = alice_client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Another-Long-Pass-42",
            "new_password2": "Another-Long-Pass-42",
        },
    )
    assert response.url == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password("Another-Long-Pass-42")


def test_password_reset_by_email(client, user):
    response = client.post(reverse("password_reset"), {"email": "alice@example.com"})
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line)
    form_url = client.get(link.replace("http://testserver", "")).url
    done = client.post(form_url, {"new_password1": "Brand-New-Pass-77", "new_password2": "Brand-New-Pass-77"})
    assert done.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("Brand-New-Pass-77")


def test_profile_is_created_then_updated(alice_client, user):
    data = {"birth_date": "1990-06-15", "sex": "female", "life_stage": "none", "reference_standard": "nih"}
    assert alice_client.post(reverse("accounts:profile"), data).url == reverse("tracker:today")
    alice_client.post(reverse("accounts:profile"), {**data, "has_ckd": "on"})
    profile = Profile.objects.get(user=user)
    assert (profile.birth_date, profile.sex, profile.has_ckd) == (date(1990, 6, 15), "female", True)
    assert Profile.objects.count() == 1


def test_profile_page_explains_why_sex_is_asked(alice_client):
    assert "used only to pick yours" in alice_client.get(reverse("accounts:profile")).content.decode()


def years_ago(years):
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"birth_date": (timezone.localdate() + timedelta(days=1)).isoformat()}, "birth_date"),
        ({"birth_date": "1800-01-01"}, "birth_date"),
        ({"birth_date": "15/06/1990"}, "birth_date"),
        ({"sex": "other"}, "sex"),
        ({"sex": "male", "life_stage": "pregnant"}, "life_stage"),
        ({"life_stage": "lactating", "birth_date": years_ago(60).isoformat()}, "life_stage"),
        ({"life_stage": "pregnant", "birth_date": years_ago(12).isoformat()}, "life_stage"),
        ({"reference_standard": "who"}, "reference_standard"),
    ],
)
def test_profile_refuses_bad_input(alice_client, changes, field):
    data = {"birth_date": "1990-06-15", "sex": "female", "life_stage": "none", "reference_standard": "nih"}
    response = alice_client.post(reverse("accounts:profile"), {**data, **changes})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Profile.objects.count() == 0


def test_profile_page_shows_only_your_own_profile(client, user, other_user):
    make_profile(user, birth_date=date(1971, 3, 3))
    client.force_login(other_user)
    response = client.get(reverse("accounts:profile"))
    assert response.context["form"].instance.pk is None
    assert "1971-03-03" not in response.content.decode()


def test_profile_needs_login(client):
    assert client.get(reverse("accounts:profile")).url.startswith(reverse("login"))


def test_logout_says_so(alice_client):
    response = alice_client.post(reverse("logout"), follow=True)
    assert "You have been logged out." in response.content.decode()


def test_not_found_page_is_the_sites_own(alice_client, settings):
    settings.DEBUG = False
    response = alice_client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    ("standard", "target", "saved"), [("efsa", "", None), ("uk", "250", 250), ("nih", "1", 1)]
)
def test_profile_saves_the_standard_and_an_optional_clinician_target(
    alice_client, user, standard, target, saved
):
    data = {"birth_date": "1990-06-15", "sex": "female", "life_stage": "none"}
    response = alice_client.post(
        reverse("accounts:profile"), {**data, "reference_standard": standard, "clinician_target_mg": target}
    )
    assert response.url == reverse("tracker:today")
    profile = Profile.objects.get(user=user)
    assert (profile.reference_standard, profile.clinician_target_mg) == (standard, saved)


def test_profile_offers_the_three_standards(alice_client):
    page = alice_client.get(reverse("accounts:profile")).content.decode()
    for label in (
        "NIH Office of Dietary Supplements",
        "European Food Safety Authority",
        "UK Department of Health",
    ):
        assert label in page
    assert "Magnesium target from your clinician (mg a day)" in page


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("0", "greater than or equal to 1"),
        ("-20", "greater than or equal to 1"),
        ("2001", "less than or equal to 2000"),
        ("abc", "Enter a whole number."),
        ("250.5", "Enter a whole number."),
    ],
)
def test_profile_refuses_a_bad_clinician_target(alice_client, target, message):
    data = {"birth_date": "1990-06-15", "sex": "female", "life_stage": "none", "reference_standard": "nih"}
    response = alice_client.post(reverse("accounts:profile"), {**data, "clinician_target_mg": target})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["clinician_target_mg"])
    assert Profile.objects.count() == 0


def test_a_new_profile_defaults_to_nih_without_a_clinician_target(user):
    profile = make_profile(user)
    assert (profile.reference_standard, profile.clinician_target_mg) == ("nih", None)


def test_profile_sex_choice_has_no_blank_option(alice_client):
    page = alice_client.get(reverse("accounts:profile")).content.decode()
    assert 'name="sex" value=""' not in page
    assert 'name="sex" value="female"' in page


def test_an_overlong_username_at_login_is_a_form_error(client, user):
    """Found by the bad-input corpus on PostgreSQL: django-axes failed to store it (a 500)."""
    response = client.post(reverse("login"), {"username": "u" * 5000, "password": "x"})
    assert response.status_code == 200
    assert "at most 150 characters" in " ".join(response.context["form"].errors["username"])


def test_the_data_section_names_everything_the_export_holds_and_links_the_import(alice_client):
    profile = alice_client.get("/accounts/profile/").content.decode()
    assert "favourites, recipes and the shares of your report" in profile
    assert 'href="/import/">Import your log</a>' in profile
    export = alice_client.get("/accounts/export/").content.decode()
    assert "recipes and the shares of your report (without their links)" in export

"""Your data: the JSON export of everything of a user's, and deleting an account."""

import json
from datetime import date
from decimal import Decimal

import pytest
from axes.models import AccessLog
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import serializers
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Profile
from foods.models import Food, Portion, Recipe
from tests.factories import (
    make_custom_food,
    make_entry,
    make_food,
    make_portion,
    make_profile,
    make_recipe,
    make_supplement,
)
from tracker.data import LEFT_BY_AUTHOR, user_data
from tracker.models import Favourite, IntakeEntry, Share, SupplementEntry
from tracker.shares import create_share

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"
ON = date(2026, 4, 20)


def log_in(username: str, ip: str = "10.0.0.1") -> Client:
    """A browser logged in through the login form (a session row, an axes access record)."""
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD}, REMOTE_ADDR=ip)
    assert response.status_code == 302
    return client


def someones_data(user, label: str) -> dict:
    """A profile, entries, a supplement, favourites, custom foods with portions, and a share."""
    make_profile(user)
    shared = make_food(f"Shared food for {label}")
    portion = make_portion(shared, "1 cup", "100")
    own = make_custom_food(user, f"{label}'s bread")
    make_portion(own, "1 slice", "30")
    make_entry(user, shared, on=ON, portion=portion)
    make_entry(user, own, on=ON, amount_g="60")
    make_supplement(user, on=ON)
    Favourite.objects.create(user=user, food=shared)
    Favourite.objects.create(user=user, food=own)
    make_recipe(user, [(shared, "50"), (own, "30")], name=f"{label}'s porridge")
    create_share(user, days=30)
    return {"shared": shared, "own": own}


# The export: a job (here run in the request), then its file.
def export_download(client):
    assert client.post(reverse("accounts:export")).url == reverse("accounts:export")
    job = client.get(reverse("accounts:export")).context["job"]
    assert job.status == "done"
    return client.get(reverse("accounts:export_file", args=[job.pk]))


def export(client) -> dict:
    response = export_download(client)
    assert response.status_code == 200
    return json.loads(response.content)


def test_export_is_a_json_file_download(alice_client, user):
    response = export_download(alice_client)
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="magnesium-tracker-alice-')
    assert response["Content-Disposition"].endswith('.json"')
    assert "no-store" in response["Cache-Control"]


def test_export_needs_login(client):
    assert client.get(reverse("accounts:export")).url.startswith(reverse("login"))
    assert client.post(reverse("accounts:export")).url.startswith(reverse("login"))


def test_an_export_is_downloaded_only_by_its_owner(alice_client, other_user, client):
    response = export_download(alice_client)
    assert response.status_code == 200
    client.force_login(other_user)
    job_id = response.wsgi_request.resolver_match.kwargs["job_id"]
    assert client.get(reverse("accounts:export_file", args=[job_id])).status_code == 404


# Issue 16, item 3: the export is a job whose state the page shows, a failure included.
def test_a_queued_export_says_it_is_being_prepared_and_reloads(alice_client):
    from unittest import mock

    from tracker.tasks import export_data

    with mock.patch.object(export_data, "delay") as queued:  # a worker will take it
        alice_client.post(reverse("accounts:export"))
    queued.assert_called_once()
    page = alice_client.get(reverse("accounts:export")).content.decode()
    assert "Your file is being prepared (queued)" in page and 'http-equiv="refresh"' in page


def test_an_export_that_fails_or_cannot_be_queued_says_so(alice_client):
    from unittest import mock

    from kombu.exceptions import OperationalError as BrokerDown

    from core.jobs import FAILED_MESSAGE, NOT_QUEUED_MESSAGE
    from tracker.tasks import export_data

    with mock.patch("tracker.tasks.build_export", side_effect=RuntimeError("bug")):
        alice_client.post(reverse("accounts:export"))
    page = alice_client.get(reverse("accounts:export")).content.decode()
    assert escape(FAILED_MESSAGE) in page and 'http-equiv="refresh"' not in page

    with mock.patch.object(export_data, "delay", side_effect=BrokerDown("connection refused")):
        alice_client.post(reverse("accounts:export"))
    assert escape(NOT_QUEUED_MESSAGE) in alice_client.get(reverse("accounts:export")).content.decode()


def exported_rows(user) -> dict:
    """The rows of a user each list of the export holds."""
    return {
        "entries": IntakeEntry.objects.filter(user=user),
        "supplements": SupplementEntry.objects.filter(user=user),
        "custom_foods": Food.objects.filter(created_by=user),
        "favourites": Favourite.objects.filter(user=user),
        "recipes": Recipe.objects.filter(user=user),
        "shares": Share.objects.filter(user=user),
    }


def test_export_counts_exactly_the_users_rows_and_no_one_elses(alice_client, user, other_user):
    someones_data(user, "Alice")
    someones_data(other_user, "Bob")
    make_portion(make_custom_food(user, "Alice's archived soup", is_active=False), "1 bowl", "250")
    data = export(alice_client)
    for key, rows in exported_rows(user).items():
        assert data["counts"][key] == len(data[key]) == rows.count(), key
        assert {row["id"] for row in data[key]} == set(rows.values_list("pk", flat=True)), key
    portions = Portion.objects.filter(food__created_by=user)
    exported_portions = [portion["id"] for food in data["custom_foods"] for portion in food["portions"]]
    # The bread's slice, the soup's bowl and the porridge recipe's serving.
    assert data["counts"]["portions"] == len(exported_portions) == portions.count() == 3
    assert sorted(exported_portions) == sorted(portions.values_list("pk", flat=True))
    assert not {"portion_magnesium_mg", "reference_magnesium_mg"} & set(data["custom_foods"][0])  # derived
    assert data["counts"]["profile"] == Profile.objects.filter(user=user).count() == 1
    # Nothing of bob's: no id of his rows, not his name.
    for key, rows in exported_rows(other_user).items():
        assert not {row["id"] for row in data[key]} & set(rows.values_list("pk", flat=True)), key
    assert "bob" not in json.dumps(data).lower()
    # A share is listed without its link's token or the token's hash.
    assert data["shares"][0]["days"] == 30 and "token_hash" not in data["shares"][0]


def test_export_keeps_exact_amounts_and_names_the_foods(alice_client, user):
    pumpkin = make_food(fdc_id=170556)
    make_entry(user, pumpkin, on=ON, amount_g="28.35")
    make_profile(user, clinician_target_mg=300)
    data = export(alice_client)
    entry = data["entries"][0]
    assert (entry["date"], entry["amount_g"], entry["magnesium_mg"]) == ("2026-04-20", "28.350", "167.832")
    assert (entry["food_name"], entry["food_fdc_id"], entry["portion_description"]) == (
        pumpkin.name,
        170556,
        None,
    )
    assert (data["profile"]["birth_date"], data["profile"]["clinician_target_mg"]) == ("1990-06-15", 300)
    assert data["account"]["username"] == "alice"
    assert "password" not in json.dumps(data)


def test_export_of_a_new_account_is_empty_not_an_error(alice_client):
    data = export(alice_client)
    assert data["profile"] is None
    assert set(data["counts"].values()) == {0}


def test_export_query_count_does_not_grow_with_data(alice_client, user, django_assert_num_queries):
    someones_data(user, "Alice")
    # What the export job runs: profile, entries, supplements, foods (2), favourites, recipes (3),
    # shares.
    with django_assert_num_queries(10):
        user_data(user)
    for n in range(10):
        someones_data(User.objects.create_user(f"user{n}"), f"User {n}")  # other users' data
        food = make_custom_food(user, f"Soup {n}")
        make_portion(food)
        make_entry(user, food, on=ON)
        make_supplement(user, on=ON)
        Favourite.objects.create(user=user, food=food)
        create_share(user, days=7 + n)
    with django_assert_num_queries(10):
        assert user_data(user)["counts"]["entries"] == 12


# Deleting an account.
def user_relations() -> list[tuple]:
    """Every (model, field) in the app registry that points at a user (FK or one-to-one),
    many-to-many tables and history models included."""
    return [
        (model, field)
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.get_fields()
        if field.concrete and (field.many_to_one or field.one_to_one) and field.related_model is User
    ]


def rows_of(user_id: int) -> dict[str, int]:
    """How many rows of each model point at a user, by model and field."""
    counts = {}
    for model, field in user_relations():
        count = model._base_manager.filter(**{field.attname: user_id}).count()
        if count:
            counts[f"{model._meta.label}.{field.name}"] = count
    return counts


def session_users() -> list[str]:
    return sorted(session.get_decoded().get(SESSION_KEY, "") for session in Session.objects.all())


def dump_of(user) -> list:
    """Every row that points at a user, their user row and sessions, and the foods they logged."""
    rows = serializers.serialize("python", [user])
    for model, field in user_relations():
        rows += serializers.serialize(
            "python", model._base_manager.filter(**{field.attname: user.pk}).order_by("pk")
        )
    foods = Food.objects.filter(entries__user=user).distinct().order_by("pk")
    nutrients = list(foods.values_list("pk", "name", "magnesium_mg", "portions__grams"))
    sessions = sorted(
        session.session_data
        for session in Session.objects.all()
        if session.get_decoded()[SESSION_KEY] == str(user.pk)
    )
    return [rows, nutrients, sessions]


@pytest.fixture
def two_accounts(user, other_user, curators_group):
    """Alice and bob with all kinds of rows; bob logs and stars foods alice added."""
    alice_foods = someones_data(user, "Alice")
    someones_data(other_user, "Bob")
    granola = make_custom_food(user, "Alice's granola", status="approved")
    make_portion(granola, "1 bowl", "60")
    retired = make_custom_food(user, "Alice's old bread", status="approved")
    for food in (granola, retired):
        make_entry(other_user, food, on=ON)
    Favourite.objects.create(user=other_user, food=granola)
    retired.status, retired.rejection_reason = "rejected", "A duplicate of a USDA food"
    retired.save()
    make_custom_food(user, "Alice's idea", status="suggested")
    # Alice as a food curator: a group, an admin log entry, a recorded change to a shared food.
    user.groups.add(curators_group)
    shared = alice_foods["shared"]
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Food),
        object_id=str(shared.pk),
        object_repr=shared.name,
        action_flag=ADDITION,
    )
    shared.magnesium_mg = Decimal("101")
    shared._history_user = user
    shared.save()
    return {"granola": granola, "retired": retired, "shared": shared, **alice_foods}


def delete_account(client, password=PASSWORD):
    return client.post(reverse("accounts:delete"), {"password": password})


def test_acceptance_deleting_leaves_no_row_of_the_user_and_changes_no_one_elses(
    user, other_user, two_accounts
):
    laptop, phone = log_in("alice"), log_in("alice", ip="10.0.0.2")
    bobs_browser = log_in("bob", ip="10.0.0.3")
    alice_id = user.pk
    before = rows_of(alice_id)
    for must_exist in (
        "tracker.IntakeEntry.user",
        "tracker.SupplementEntry.user",
        "tracker.Favourite.user",
        "accounts.Profile.user",
        "foods.Food.created_by",
        "foods.HistoricalFood.created_by",
        "foods.HistoricalFood.history_user",
        "admin.LogEntry.user",
        "auth.User_groups.user",
    ):
        assert before.get(must_exist), f"the test data has no {must_exist}"
    assert session_users().count(str(alice_id)) == 2
    bob_before = dump_of(other_user)
    others_foods = list(Food.objects.exclude(created_by=user).order_by("pk"))
    others_foods_before = serializers.serialize("python", others_foods)

    response = delete_account(laptop)

    assert response.url == reverse("tracker:today")
    assert rows_of(alice_id) == {}
    assert not User.objects.filter(pk=alice_id).exists()
    assert str(alice_id) not in session_users()
    assert phone.get(reverse("accounts:profile")).status_code == 302  # the other device is logged out
    assert dump_of(other_user) == bob_before
    after = Food.objects.filter(pk__in=[food.pk for food in others_foods]).order_by("pk")
    assert serializers.serialize("python", after) == others_foods_before
    assert bobs_browser.get(f"/day/{ON.isoformat()}/").status_code == 200


def test_foods_others_use_stay_without_their_author_and_private_ones_go(user, other_user, two_accounts):
    granola, retired, own = two_accounts["granola"], two_accounts["retired"], two_accounts["own"]
    delete_account(log_in("alice"))
    granola.refresh_from_db()
    assert (granola.created_by, granola.status, granola.is_active) == (None, "", True)  # still shared
    assert granola.portions.count() == 1
    assert granola.history.first().history_change_reason == LEFT_BY_AUTHOR
    assert not granola.history.filter(created_by__isnull=False).exists()
    retired.refresh_from_db()  # in bob's log but no longer approved: kept there, archived
    assert (retired.created_by, retired.status, retired.rejection_reason, retired.is_active) == (
        None,
        "",
        "",
        False,
    )
    assert IntakeEntry.objects.filter(user=other_user, food__in=[granola, retired]).count() == 2
    assert Favourite.objects.filter(user=other_user, food=granola).exists()
    gone = Food.objects.filter(name__in=["Alice's bread", "Alice's idea"])
    assert not gone.exists()
    assert not Food.history.filter(id=own.pk).exists()  # nor its history
    assert not Portion.history.filter(food_id=own.pk).exists()
    client = Client()
    client.force_login(other_user)
    assert client.get(reverse("foods:detail", args=[granola.pk])).status_code == 200


def test_history_of_changes_the_user_made_keeps_the_change_without_the_name(user, two_accounts):
    shared = two_accounts["shared"]
    delete_account(log_in("alice"))
    change = shared.history.get(magnesium_mg=Decimal("101"))
    assert change.history_user_id is None


def test_log_in_records_stay_for_security_checks(user):
    delete_account(log_in("alice"))
    assert AccessLog.objects.filter(username="alice").count() == 1


def test_deleting_removes_the_api_tokens(user):
    from accounts.models import ApiToken
    from accounts.tokens import issue_token

    issue_token(user)
    delete_account(log_in("alice"))
    assert not ApiToken.objects.exists()


def test_delete_page_says_what_goes_and_what_stays(alice_client, user, other_user, two_accounts):
    page = alice_client.get(reverse("accounts:delete")).content.decode()
    assert "2 food entries and 1 supplement entry" in page
    assert "Your own foods under My foods (4), with their change history, except the ones below" in page
    assert "Your recipes (1)" in page
    assert "2 of your foods are shared with or logged by other people." in page
    assert "The record of attempts to log in" in page
    assert f'href="{reverse("accounts:export")}"' in page


def test_delete_page_query_count_does_not_grow_with_data(alice_client, user, django_assert_num_queries):
    with django_assert_num_queries(8) as one:  # session, user, six counts
        alice_client.get(reverse("accounts:delete"))
    someones_data(user, "Alice")
    for n in range(8):
        food = make_custom_food(user, f"Soup {n}", status="approved")
        make_entry(user, food, on=ON)
        Favourite.objects.create(user=user, food=food)
        create_share(user, days=7 + n)
    with django_assert_num_queries(len(one.captured_queries)):
        page = alice_client.get(reverse("accounts:delete")).content.decode()
    assert "10 food entries" in page and "8 of your foods are shared" in page


@pytest.mark.parametrize("password", ["", "wrong-password", PASSWORD.upper()])
def test_wrong_password_deletes_nothing(alice_client, user, two_accounts, password):
    before = rows_of(user.pk)
    response = delete_account(alice_client, password)
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assert rows_of(user.pk) == before
    assert alice_client.get(reverse("accounts:profile")).status_code == 200


def test_delete_needs_login_and_the_csrf_token(client, user):
    assert client.get(reverse("accounts:delete")).url.startswith(reverse("login"))
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(user)
    assert delete_account(guarded).status_code == 403
    assert User.objects.filter(pk=user.pk).exists()


def test_password_guesses_on_the_delete_form_are_limited(alice_client, user, settings):
    settings.ACCOUNT_THROTTLE_RATES = {**settings.ACCOUNT_THROTTLE_RATES, "account_delete": "3/hour"}
    for _ in range(3):
        assert delete_account(alice_client, "guess").status_code == 200
    response = delete_account(alice_client)
    assert response.status_code == 429
    assert User.objects.filter(pk=user.pk).exists()


def test_after_deleting_the_visitor_is_logged_out_and_told(user):
    client = log_in("alice")
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD}, follow=True)
    page = response.content.decode()
    assert "Your account and all your data have been deleted." in page
    assert "Sign up" in page  # the landing page
    assert not response.wsgi_request.user.is_authenticated


def test_profile_links_to_export_and_delete(alice_client):
    page = alice_client.get(reverse("accounts:profile")).content.decode()
    assert f'href="{reverse("accounts:export")}"' in page
    assert f'href="{reverse("accounts:delete")}"' in page

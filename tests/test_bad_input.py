"""The bad-input corpus (tests/bad_input.py) against every form and API write: each bad value of
each field answers below 500, with an error naming the field, and leaves every row as it was."""

import json
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.forms import BaseForm, BaseFormSet
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from rest_framework.test import APIClient

from core.once import FIELD as ONCE
from foods.models import NUTRIENT_FIELDS
from tests.bad_input import (
    API_CREATES,
    DUPLICATE_MESSAGES,
    IMPORTED_PRODUCT,
    MISSING,
    TALLY,
    TARGETS,
    Target,
)
from tests.factories import (
    make_custom_food,
    make_entry,
    make_food,
    make_portion,
    make_profile,
    make_supplement,
)
from tracker.models import LogImport

PASSWORD = "a-long-test-password"
NEW_PASSWORD = "Kale&Quinoa-2026"
# Rows every input could touch. Failed logins are recorded by django-axes on purpose.
WATCHED_APPS = ("accounts", "tracker", "foods", "auth", "authtoken")


def table_rows(*, content_only=False) -> dict[str, list[tuple]]:
    """Every row of every watched model, to compare before and after a request. content_only
    leaves out when a row was saved: its save times, and the change history, which records
    every save, even one changing nothing."""
    rows = {}
    for app in WATCHED_APPS:
        for model in apps.get_app_config(app).get_models():
            if content_only and model._meta.label.split(".")[1].startswith("Historical"):
                continue
            names = [
                field.attname
                for field in model._meta.concrete_fields
                if not (content_only and field.name in ("updated_at", "last_login"))
            ]
            rows[model._meta.label] = list(model.objects.order_by("pk").values_list(*names))
    return rows


@pytest.fixture
def world(db):
    """A user with some of everything, another user with a private food, and each target's
    URL and valid input (tests/bad_input.py names them)."""
    alice = User.objects.create_user("alice", "alice@example.com", PASSWORD)
    bob = User.objects.create_user("bob", "bob@example.com", PASSWORD)
    make_profile(alice)
    pumpkin = make_food(fdc_id=170188)
    ounce = make_portion(pumpkin, "1 oz", "28.35")
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    entry = make_entry(alice, pumpkin, on=today, portion=ounce, quantity="2", amount_g="56.7")
    supplement = make_supplement(alice, on=today)
    own_food = make_custom_food(alice)
    own_portion = make_portion(own_food, "1 glass", "250")
    bobs_food = make_custom_food(bob, name="Bob's secret bar")
    bobs_portion = make_portion(bobs_food, "1 bar", "40")
    custom_food = {
        "name": "Mineral water, Brand Y",
        "basis": "100g",
        **{name: "" for name in NUTRIENT_FIELDS},
        "magnesium_mg": "12",
        "portions-TOTAL_FORMS": "2",
        "portions-MAX_NUM_FORMS": "20",
        "portions-0-description": "1 bottle",
        "portions-0-grams": "500",
    }
    return SimpleNamespace(
        alice=alice,
        other={"food": bobs_food.pk, "portion": bobs_portion.pk},
        # Accounts
        signup_url=reverse("accounts:signup"),
        signup_data={
            "username": "newuser",
            "email": "new@example.com",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
        login_url=reverse("login"),
        login_data={"username": "alice", "password": PASSWORD},
        password_reset_url=reverse("password_reset"),
        password_change_url=reverse("password_change"),
        password_change_data={
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        profile_url=reverse("accounts:profile"),
        profile_data={
            "birth_date": "1990-06-15",
            "sex": "female",
            "life_stage": "none",
            "reference_standard": "nih",
            "clinician_target_mg": "",
        },
        delete_url=reverse("accounts:delete"),
        # The food log
        entry_new_url=reverse("tracker:entry_new", args=[pumpkin.pk]),
        entry_edit_url=reverse("tracker:entry_edit", args=[entry.pk]),
        entry_portion_data={
            "date": today,
            "meal": "lunch",
            "portion": ounce.pk,
            "quantity": "2",
            "grams": "",
        },
        entry_grams_data={"date": today, "meal": "lunch", "portion": "", "quantity": "", "grams": "100"},
        supplement_new_url=reverse("tracker:supplement_new"),
        supplement_edit_url=reverse("tracker:supplement_edit", args=[supplement.pk]),
        supplement_data={
            "date": today,
            "name": "Magnesium glycinate",
            "form": "glycinate",
            "elemental_mg": "100",
            "compound_mg": "",
            "doses": "2",
        },
        supplement_again_url=reverse("tracker:supplement_again", args=[supplement.pk]),
        tomorrow_data={"date": tomorrow},
        log_again_url=reverse("tracker:log_again", args=[pumpkin.pk]),
        log_again_data={"date": tomorrow, "meal": "lunch"},
        copy_day_url=reverse("tracker:copy_day", args=[today.isoformat()]),
        copy_data={"date": tomorrow, "meal": ""},
        custom_new_url=reverse("foods:custom_new"),
        custom_new_data={**custom_food, "portions-INITIAL_FORMS": "0"},
        custom_edit_url=reverse("foods:custom_edit", args=[own_food.pk]),
        custom_edit_data={
            **custom_food,
            "portions-INITIAL_FORMS": "1",
            "portions-0-id": own_portion.pk,
            "portions-0-food": own_food.pk,
        },
        # Forms in a query string
        jump_url=reverse("tracker:jump"),
        supplements_url=reverse("tracker:supplements"),
        trends_url=reverse("tracker:trends"),
        report_url=reverse("tracker:report"),
        export_url=reverse("tracker:export_entries"),
        range_data={"start": today - timedelta(days=6), "end": today},
        shares_url=reverse("tracker:shares"),
        range_share_data={"start": today - timedelta(days=6), "end": today, "expires_in_days": "30"},
        range_share_json={"start": (today - timedelta(days=6)).isoformat(), "end": today.isoformat()},
        foods_url=reverse("foods:list"),
        # The API
        profile_json={
            "birth_date": "1990-06-15",
            "sex": "female",
            "life_stage": "none",
            "has_ckd": False,
            "reference_standard": "nih",
        },
        entry_api_url=reverse("api:entry-detail", args=[entry.pk]),
        entry_portion_json={
            "date": today.isoformat(),
            "meal": "lunch",
            "food": pumpkin.pk,
            "portion": ounce.pk,
            "quantity": "2",
        },
        entry_grams_json={"date": today.isoformat(), "meal": "lunch", "food": pumpkin.pk, "amount_g": "100"},
        supplement_api_url=reverse("api:supplement-detail", args=[supplement.pk]),
        supplement_json={
            "date": today.isoformat(),
            "name": "Magnesium glycinate",
            "form": "glycinate",
            "elemental_mg": "100",
            "doses": "2",
        },
        custom_food_json={
            "name": "Mineral water, Brand Y",
            "magnesium_mg": "12",
            "portions": [{"description": "1 bottle", "grams": "500"}],
        },
        # An import's preview, with one supplement product to confirm
        import_url=reverse("tracker:import_preview", args=[import_preview(alice).pk]),
        import_data={f"form_{IMPORTED_PRODUCT}": "glycinate", f"elemental_{IMPORTED_PRODUCT}": "120"},
    )


def import_preview(user) -> LogImport:
    row = {
        "line": 2,
        "date": timezone.localdate().isoformat(),
        "name": "Magnesium glycinate 120 mg",
        "amount": "1.00 capsule",
        "doses": "1.00",
        "file_magnesium_mg": "120",
        "key": "0" * 64,
    }
    return LogImport.objects.create(
        user=user, format="cronometer", file_name="servings.csv", supplements=[row]
    )


def resolve(world, value):
    return getattr(world, value) if isinstance(value, str) and hasattr(world, value) else value


def logged_in_client(world, target: Target):
    client = APIClient() if target.api else Client()
    if target.login:
        client.force_login(getattr(world, target.login))
    return client


def request(client, world, target: Target, data: dict):
    url = resolve(world, target.url)
    if target.api:
        body = json.dumps({name: value for name, value in data.items() if value is not MISSING})
        return getattr(client, target.method)(url, body, content_type="application/json")
    prefixed = {name: name if name == ONCE else target.prefix + name for name in data}
    sent = {prefixed[name]: value for name, value in data.items() if value is not MISSING}
    return getattr(client, target.method)(url, sent, follow=True)


def valid_data(world, target: Target) -> dict:
    data = resolve(world, target.data)
    return dict(data) if target.api else {key: str(value) for key, value in data.items()}


def bad_cases():
    for target in TARGETS:
        for field, corpus in target.fields.items():
            for label, value in corpus:
                yield pytest.param(target, field, value, id=f"{target.name}-{field}-{label}")


def form_errors(response) -> dict[str, list[str]]:
    """The errors of every form and formset the page was rendered with, by field name."""
    errors: dict[str, list[str]] = {}
    contexts = response.context or []
    contexts = contexts if isinstance(contexts, list) else [contexts]
    seen = {id(value): value for context in contexts for value in context.flatten().values()}
    for value in seen.values():
        if isinstance(value, BaseFormSet):
            forms = value.forms
        else:
            forms = [value] if isinstance(value, BaseForm) else []
        if isinstance(value, BaseFormSet) and value.non_form_errors():
            errors.setdefault("__all__", []).extend(value.non_form_errors())
        for form in forms:
            prefix = f"{form.prefix}-" if isinstance(value, BaseFormSet) else ""
            for name, messages in form.errors.items():
                errors.setdefault(name if name == "__all__" else prefix + name, []).extend(messages)
    return errors


def complaint(response, target: Target, field: str) -> str | None:
    """What is wrong with the answer to a bad value, None when it refuses it clearly."""
    if target.api:
        body = response.json()
        if response.status_code != 400:
            return f"status {response.status_code}"
        named = field in body or (target.general_errors and "non_field_errors" in body)
        if named or "JSON parse error" in str(body.get("detail", "")):
            return None
        return f"the errors do not name {field}: {body}"
    content = response.content.decode()
    if response["Content-Type"].startswith("text/plain"):
        return None if response.status_code == 400 and f"{field}:" in content else f"not named: {content}"
    errors = form_errors(response)
    shown = errors.get(field) or errors.get(target.errors_under.get(field, field))
    if target.general_errors:
        shown = shown or errors.get("__all__")
    if shown:
        missing = [message for message in shown if escape(message) not in content]
        return f"errors not on the page: {missing}" if missing else None
    if target.method == "get" or not errors:
        # Query-string forms and one-button forms answer with a message on the page they lead to.
        if 'class="message error"' in content:
            return None
    return f"no error for {field} (errors: {errors}, status {response.status_code})"


@pytest.mark.parametrize("target", TARGETS, ids=lambda target: target.name)
def test_valid_input_is_accepted(world, target):
    """The corpus changes one field of input that works, so the field is what gets refused."""
    response = request(logged_in_client(world, target), world, target, valid_data(world, target))
    assert response.status_code in (200, 201), response.content[:500]
    if not target.api:
        assert form_errors(response) == {}
        assert 'class="message error"' not in response.content.decode()


@pytest.mark.parametrize(("target", "field", "value"), bad_cases())
def test_bad_input_is_refused_with_a_message_and_nothing_written(world, target, field, value):
    data = valid_data(world, target)
    data[field] = world.other[field] if value == "OTHER" else value
    client = logged_in_client(world, target)
    before = table_rows()
    response = request(client, world, target, data)
    written = table_rows() != before
    TALLY["inputs"] += 1
    TALLY["server_errors"] += response.status_code >= 500
    TALLY["writes"] += written
    assert response.status_code < 500
    assert not written, {label: rows for label, rows in table_rows().items() if rows != before[label]}
    assert complaint(response, target, field) is None, complaint(response, target, field)


@pytest.mark.parametrize(
    "target", [target for target in TARGETS if target.method != "get"], ids=lambda target: target.name
)
def test_a_form_sent_twice_writes_once(world, target):
    client = logged_in_client(world, target)
    data = {**valid_data(world, target), **({} if target.api else {ONCE: "one-token"})}
    first = request(client, world, target, data)
    after_first = table_rows(content_only=True)
    second = request(client, world, target, data)
    after_second = table_rows(content_only=True)

    assert first.status_code < 400 and second.status_code < 500
    if target.name in API_CREATES:
        model = API_CREATES[target.name]
        assert len(after_second[model]) == len(after_first[model]) + 1
        assert second.status_code == first.status_code in (200, 201)
        return
    assert after_second == after_first
    if target.name in DUPLICATE_MESSAGES:
        assert escape(DUPLICATE_MESSAGES[target.name]) in second.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "entry_new_url",
        "supplement_new_url",
        "custom_new_url",
        "copy_day_url",
        "supplements_url",
        "shares_url",
    ],
)
def test_forms_that_add_carry_a_one_time_token(world, url):
    client = logged_in_client(world, TARGETS[-1])
    page = client.get(getattr(world, url)).content.decode()
    assert f'name="{ONCE}"' in page


API_WRITES = [target for target in TARGETS if target.api]
# Bodies no JSON write may choke on (RELIABILITY.md check 23): each is a 400, never a 500.
HOSTILE_BODIES = {
    "nested 1,000 deep": "[" * 1000 + "]" * 1000,  # acceptance 2 of issue 15
    "objects nested 1,000 deep": '{"a":' * 1000 + "1" + "}" * 1000,
    "nested 50 deep": "[" * 50 + "]" * 50,
    "200,000 keys": json.dumps({f"k{number}": 1 for number in range(200_000)}),
    "3 MB body": json.dumps({"name": "x" * 3_000_000}),
    "not UTF-8": b'{"name": "\xff"}',
    "number with a huge exponent": '{"amount_g": 1e999999999}',
}


@pytest.mark.parametrize("body", HOSTILE_BODIES, ids=list(HOSTILE_BODIES))
@pytest.mark.parametrize("target", API_WRITES, ids=lambda target: target.name)
def test_a_hostile_json_body_is_a_400_and_writes_nothing(world, target, body):
    client = logged_in_client(world, target)
    before = table_rows()

    response = getattr(client, target.method)(
        resolve(world, target.url), HOSTILE_BODIES[body], content_type="application/json"
    )

    assert response.status_code == 400, response.content[:300]
    answer = response.json()
    assert "amount_g" in answer or any(
        reason in answer["detail"] for reason in ("JSON parse error", "larger than")
    ), answer
    assert table_rows() == before


@pytest.mark.parametrize("target", API_WRITES, ids=lambda target: target.name)
def test_an_unknown_field_is_a_400_naming_it_and_writes_nothing(world, target):
    client = logged_in_client(world, target)
    data = {**valid_data(world, target), "amount": "30", "is_staff": True}
    before = table_rows()

    response = request(client, world, target, data)

    assert response.status_code == 400
    assert {"amount", "is_staff"} <= set(response.json())
    assert table_rows() == before


def test_a_body_in_an_unknown_charset_is_a_400(world):
    client = logged_in_client(world, next(t for t in API_WRITES if t.login))
    response = client.post(
        "/api/v1/entries/", b'{"date": "x"}', content_type="application/json; charset=no-such-charset"
    )
    assert response.status_code == 400

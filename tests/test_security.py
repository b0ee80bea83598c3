import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone as django_timezone

from config import settings as base_settings

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def login(client, password=PASSWORD, ip="10.0.0.1", username="alice"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_new_passwords_are_hashed_with_argon2id(settings, django_user_model):
    settings.PASSWORD_HASHERS = base_settings.PASSWORD_HASHERS
    user = django_user_model.objects.create_user("carol", password="Kale&Quinoa-2026")
    assert user.password.startswith("argon2$argon2id$")


def test_an_old_pbkdf2_hash_is_upgraded_at_login(settings, django_user_model):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user = django_user_model.objects.create_user("carol", password="Kale&Quinoa-2026")
    settings.PASSWORD_HASHERS = base_settings.PASSWORD_HASHERS
    assert login(Client(), "Kale&Quinoa-2026", username="carol").status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


def test_passwords_need_twelve_characters_and_allow_long_ones(client):
    data = {"username": "dave", "email": "dave@example.com"}
    short = client.post(
        reverse("accounts:signup"), {**data, "password1": "Xk4#mq9Lp2z", "password2": "Xk4#mq9Lp2z"}
    )
    assert "at least 12 characters" in " ".join(short.context["form"].errors["password2"])
    long_password = "correct horse battery staple " * 4 + "extra"  # 121 characters
    ok = client.post(
        reverse("accounts:signup"), {**data, "password1": long_password, "password2": long_password}
    )
    assert ok.status_code == 302


def test_five_failures_lock_that_username_from_that_address_for_15_minutes(user):
    client = Client()
    for _ in range(4):
        assert login(client, "wrong-password").status_code == 200
    assert login(client, "wrong-password").status_code == 429  # the fifth failure locks
    locked = login(client)  # even with the right password
    assert locked.status_code == 429
    assert "Too many failed log-ins" in locked.content.decode()
    assert login(Client(), ip="10.0.0.2").status_code == 302  # same user, another address
    with time_machine.travel(timedelta(minutes=16)):
        assert login(Client()).status_code == 302


@pytest.mark.parametrize(
    ("url_name", "scope"), [("accounts:signup", "signup"), ("password_reset", "password_reset")]
)
def test_account_forms_are_throttled_with_retry_after(client, settings, url_name, scope):
    settings.ACCOUNT_THROTTLE_RATES = {**settings.ACCOUNT_THROTTLE_RATES, scope: "2/hour"}
    for _ in range(2):
        assert client.post(reverse(url_name), {"email": "x@example.com"}).status_code != 429
    response = client.post(reverse(url_name), {"email": "x@example.com"})
    assert response.status_code == 429
    assert 3500 <= int(response["Retry-After"]) <= 3600
    assert client.get(reverse(url_name)).status_code == 200  # reading the form is not limited


def test_every_page_sends_a_strict_content_security_policy(alice_client):
    pages = ["/", reverse("tracker:trends"), reverse("tracker:report"), reverse("foods:list")]
    for url in [*pages, reverse("accounts:profile"), reverse("login"), "/admin/login/"]:
        policy = alice_client.get(url)["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["object-src"] == "'none'"
        assert directives["base-uri"] == "'none'"
        assert directives["frame-ancestors"] == "'none'"
        assert "unsafe-inline" not in directives["script-src"]
        assert "unsafe-inline" not in directives["style-src"]


def test_pages_send_the_other_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_pages_for_a_logged_in_user_are_never_stored(alice_client, client):
    assert "no-store" in alice_client.get(reverse("accounts:profile"))["Cache-Control"]
    assert "no-store" in alice_client.get("/")["Cache-Control"]
    assert "no-store" in alice_client.get(reverse("tracker:export_entries"))["Cache-Control"]


def test_login_rotates_the_session_and_logout_ends_it(user):
    client = Client()
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    login(client)
    after = client.session.session_key
    assert after != before
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=after).exists()


def test_password_change_ends_the_other_sessions(user):
    phone, laptop = Client(), Client()
    login(phone)
    login(laptop, ip="10.0.0.9")
    laptop.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Another-Long-Pass-42",
            "new_password2": "Another-Long-Pass-42",
        },
    )
    assert laptop.get(reverse("accounts:profile")).status_code == 200
    assert phone.get(reverse("accounts:profile")).status_code == 302


def test_forms_need_a_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(reverse("accounts:profile"), {}).status_code == 403
    assert client.post(reverse("logout")).status_code == 403


# Routes anyone may open without logging in. Everything else must send a visitor
# to the login page or refuse them.
PUBLIC_ROUTES = {
    "tracker:today",
    "foods:list",
    "foods:detail",
    "foods:rich",
    "learn:index",
    "learn:mechanisms",
    "learn:cofactors",
    "learn:evidence",
    "learn:foods",
    "learn:supplements",
    "learn:kidney",
    "login",
    "accounts:signup",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "admin:login",
    "admin:index",  # redirects to its login
    "admin:view_on_site",
    "admin:app_list",
    "logout",
    "admin:logout",  # sends a visitor back to the admin's login
    "api:token",  # POST username and password for a token
    "api-schema",  # the OpenAPI document, and its Swagger UI
    "api-docs",
    "tracker:shared_report",  # a report shared by its link's token; an unknown token is a 404
    "service_worker",  # the app on the home screen (config/pwa.py): the same for everyone
    "manifest",
    "offline",
}


def walk(resolver, prefix="", namespace=None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            name_ns = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else ns
            yield from walk(pattern, prefix + str(pattern.pattern), name_ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name


def sample_path(route: str) -> str:
    """A concrete URL for a route pattern: 1 for ids and regex groups, a date for days, x for the rest."""
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    for converter, value in [("<int:", "1"), ("<str:day>", "2026-01-01"), ("<path:", "x"), ("<", "x")]:
        while converter in path:
            start = path.index(converter)
            path = path[:start] + value + path[path.index(">", start) + 1 :]
    return "/" + path


def test_every_route_is_closed_to_anonymous_visitors_unless_listed(client, pumpkin_food):
    opened = []
    for route, name in walk(get_resolver()):
        if name in PUBLIC_ROUTES or route.startswith("static/"):
            continue
        url = sample_path(route)
        response = client.get(url)
        redirects_to_login = response.status_code == 302 and "login" in response.url
        if not (redirects_to_login or response.status_code in (401, 403, 405)):
            opened.append((name, url, response.status_code, getattr(response, "url", "")))
    assert opened == []


@pytest.fixture
def pumpkin_food():
    from tests.factories import make_food

    return make_food()


def test_production_settings_pass_the_deploy_check():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings_production",
        "DJANGO_SECRET_KEY": "k" * 30 + "-production-secret-for-the-check-" + "7Qz9",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_the_development_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_production", "DJANGO_SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("redis_url", "expected"),
    [
        ("", "DatabaseCache django.contrib.sessions.backends.db"),
        ("redis://127.0.0.1:6379/5", "RedisCache django.contrib.sessions.backends.cached_db sessions"),
    ],
)
def test_production_settings_use_redis_when_redis_url_is_set_else_the_database(redis_url, expected):
    """Acceptance 1 of issue 16: with REDIS_URL the cache is Redis (sessions cached there and
    kept in the database); without it, the database table every worker shares."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_production",
        "DJANGO_SECRET_KEY": "k" * 30 + "-production-secret-for-the-check-" + "7Qz9",
        "REDIS_URL": redis_url,
    }
    code = (
        "from django.conf import settings as s; from django.core.cache import caches; "
        "print(type(caches['default']).__name__, s.SESSION_ENGINE, getattr(s, 'SESSION_CACHE_ALIAS', '') "
        "if 'cached' in s.SESSION_ENGINE else '')"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == expected, result.stdout + result.stderr


def test_the_shared_cache_claims_a_form_token_once_for_every_worker(settings):
    """Each gunicorn worker opens its own cache handle; the claim is a database row they all see."""
    settings.CACHES = {"default": django_settings.SHARED_CACHE}
    call_command("createcachetable", verbosity=0)
    first_worker, second_worker = (caches.create_connection("default") for _ in range(2))

    assert first_worker.add("once:1:token", True, 60) is True
    assert second_worker.add("once:1:token", True, 60) is False
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_cache")
        assert cursor.fetchone() == (1,)


# Issue 15, item 1: one client address for every limit, from a configured number of proxies.
def forged(number: int) -> dict:
    return {"REMOTE_ADDR": "10.9.9.9", "HTTP_X_FORWARDED_FOR": f"203.0.113.{number}"}


def test_forged_forwarded_for_values_do_not_reset_the_token_limit(user):
    """Acceptance 1: 15 token requests, 15 different X-Forwarded-For values, one address."""
    client = Client()
    codes = [
        client.post(
            reverse("api:token"),
            {"username": "alice", "password": "wrong"},
            content_type="application/json",
            **forged(number),
        ).status_code
        for number in range(15)
    ]
    assert codes[:10] == [400] * 10
    assert codes[10] == 429


def test_forged_forwarded_for_values_do_not_reset_the_page_limits(client, settings):
    settings.ACCOUNT_THROTTLE_RATES = {**settings.ACCOUNT_THROTTLE_RATES, "password_reset": "5/hour"}
    codes = [
        client.post(reverse("password_reset"), {"email": "x@example.com"}, **forged(number)).status_code
        for number in range(8)
    ]
    assert codes.count(429) == 3


def test_forged_forwarded_for_values_do_not_unlock_a_locked_login(user):
    client = Client()
    for number in range(5):
        client.post(reverse("login"), {"username": "alice", "password": "wrong"}, **forged(number))
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, **forged(99))
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("count", "header", "expected"),
    [
        (0, "203.0.113.7", "10.9.9.9"),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # what the client wrote first is ignored
        (2, "198.51.100.1, 203.0.113.7", "198.51.100.1"),
        (3, "203.0.113.7", "203.0.113.7"),
        (1, "", "10.9.9.9"),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(rf, settings, count, header, expected):
    from core.clients import client_address

    settings.TRUSTED_PROXY_COUNT = count
    request = rf.get("/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR=header)
    assert client_address(request) == expected


def test_behind_one_proxy_each_client_has_its_own_limit(user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    client = Client()
    for number in range(11):
        response = client.post(
            reverse("api:token"),
            {"username": "alice", "password": "wrong"},
            content_type="application/json",
            **forged(number),
        )
        assert response.status_code == 400


# Issue 15, item 7: what clients send. Acceptance 5.
def test_amounts_as_json_numbers_are_accepted_and_answered_as_exact_strings(user, pumpkin):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(user)
    today = str(django_timezone.localdate())

    entry = api.post(
        "/api/v1/entries/",
        {"date": today, "meal": "lunch", "food": pumpkin.pk, "portion": None, "amount_g": 28.35},
        format="json",
    )
    supplement = api.post(
        "/api/v1/supplements/",
        {"date": today, "name": "Magnesium citrate", "form": "citrate", "elemental_mg": 100, "doses": 2},
        format="json",
    )

    assert entry.status_code == 201, entry.json()
    assert entry.json()["amount_g"] == "28.350"
    assert supplement.status_code == 201, supplement.json()
    assert (supplement.json()["doses"], supplement.json()["magnesium_mg"]) == ("2.00", "200.000")


def test_the_clinician_target_is_read_and_written_through_the_profile_api(user):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(user)
    api.patch("/api/v1/profile/", {"birth_date": "1990-06-15", "sex": "female"}, format="json")

    response = api.patch("/api/v1/profile/", {"clinician_target_mg": 250}, format="json")

    assert response.status_code == 200
    assert api.get("/api/v1/profile/").json()["clinician_target_mg"] == 250
    summary = api.get("/api/v1/summary/").json()
    assert (summary["target_mg"], summary["target_source"]) == (250, "clinician")
    for bad in (0, 2001, "lots", True, 250.5):
        refused = api.patch("/api/v1/profile/", {"clinician_target_mg": bad}, format="json")
        assert refused.status_code == 400 and "clinician_target_mg" in refused.json(), bad
    assert api.patch("/api/v1/profile/", {"clinician_target_mg": None}, format="json").status_code == 200
    assert api.get("/api/v1/summary/").json()["target_source"] == "nih"


# Issue 15, item 4: no CSV cell the app writes starts a formula (acceptance 3).
FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx=1", "\r=1"]


def starts_a_formula(cell: str) -> bool:
    return cell.startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("cell", FORMULAS)
def test_a_cell_beginning_as_a_formula_is_written_as_text_and_read_back(cell):
    from core.spreadsheets import neutral_cell, restored_cell

    assert neutral_cell(cell) == "'" + cell
    assert restored_cell(neutral_cell(cell)) == cell
    assert neutral_cell("Pumpkin seeds") == "Pumpkin seeds"
    assert neutral_cell(None) is None


# No name holds a line break (validate_one_line), so "\r=1" cannot reach an export.
@pytest.mark.parametrize("name", FORMULAS[:5])
def test_the_entries_csv_writes_no_formula(alice_client, user, name):
    import csv
    import io

    from tests.factories import make_custom_food, make_entry, make_supplement

    food = make_custom_food(user, name)
    make_entry(user, food, amount_g="100")
    make_supplement(user, name=name)

    response = alice_client.get(reverse("tracker:export_entries"))

    cells = [cell for row in csv.reader(io.StringIO(response.content.decode(), newline="")) for cell in row]
    assert not [cell for cell in cells if starts_a_formula(cell)]
    assert cells.count("'" + name) == 2  # the food's and the supplement's name, as text


@pytest.mark.parametrize("name", FORMULAS[:4])
def test_the_admin_food_export_writes_no_formula_and_imports_back_unchanged(admin_client, user, name):
    import csv
    import io

    from foods.models import Food
    from foods.resources import COLUMNS
    from tests.factories import make_custom_food

    food = make_custom_food(user, name, status="suggested")
    fields = {f"foodresource_{column}": "on" for column in COLUMNS}
    response = admin_client.post(
        reverse("admin:foods_food_export"), {"resource": "0", "format": "0", **fields}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert not [cell for row in rows for cell in row if starts_a_formula(cell)]
    assert ["'" + name] == [row[1] for row in rows[1:]]
    assert food.name == Food.objects.get(pk=food.pk).name
    from core.spreadsheets import restored_cell

    assert restored_cell(rows[1][1]) == name


# Issue 15, item 3: no account can make work that starves the others.
def fill_day(user, food, on, count):
    from tests.factories import make_entry
    from tracker.models import IntakeEntry

    entry = make_entry(user, food, on=on)
    copies = [IntakeEntry(**{**model_fields(entry), "id": None}) for _ in range(count - 1)]
    IntakeEntry.objects.bulk_create(copies)


def model_fields(entry) -> dict:
    return {field.attname: getattr(entry, field.attname) for field in entry._meta.concrete_fields}


def test_a_day_takes_at_most_500_entries_by_page_and_api(alice_client, user, pumpkin):
    from rest_framework.test import APIClient

    from tracker.models import MAX_ENTRIES_PER_DAY, IntakeEntry

    today = django_timezone.localdate()
    fill_day(user, pumpkin, today, MAX_ENTRIES_PER_DAY)
    api = APIClient()
    api.force_authenticate(user)

    by_api = api.post(
        "/api/v1/entries/",
        {"date": str(today), "meal": "lunch", "food": pumpkin.pk, "amount_g": 10},
        format="json",
    )
    by_page = alice_client.post(
        reverse("tracker:entry_new", args=[pumpkin.pk]),
        {"date": today, "meal": "lunch", "portion": "", "quantity": "", "grams": "10"},
    )
    supplements = [
        api.post(
            "/api/v1/supplements/",
            {"date": str(today), "name": "Citrate", "form": "citrate", "elemental_mg": 100},
            format="json",
        ).status_code
        for _ in range(2)
    ]

    assert by_api.status_code == 400 and "at most 500" in by_api.json()["date"][0]
    assert by_page.status_code == 200 and "at most 500" in " ".join(by_page.context["form"].errors["date"])
    assert IntakeEntry.objects.filter(user=user, date=today).count() == MAX_ENTRIES_PER_DAY
    assert supplements == [201, 201]  # supplements are counted apart


def test_a_copy_that_would_pass_500_entries_copies_nothing(alice_client, user, pumpkin):
    from datetime import timedelta

    from tracker.models import IntakeEntry

    today = django_timezone.localdate()
    fill_day(user, pumpkin, today, 300)
    fill_day(user, pumpkin, today - timedelta(days=1), 201)

    response = alice_client.post(
        reverse("tracker:copy_day", args=[(today - timedelta(days=1)).isoformat()]),
        {"copy-date": today.isoformat(), "copy-meal": ""},
    )

    assert "Nothing was copied: A day holds at most 500 food entries" in " ".join(
        response.context["form"].non_field_errors()
    )
    assert IntakeEntry.objects.filter(user=user, date=today).count() == 300


def test_a_day_is_copied_with_one_insert(alice_client, user, pumpkin):
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_supplement
    from tracker.models import IntakeEntry

    today = django_timezone.localdate()
    fill_day(user, pumpkin, today - timedelta(days=1), 40)
    for _ in range(5):
        make_supplement(user, on=today - timedelta(days=1))

    with CaptureQueriesContext(connection) as queries:
        alice_client.post(
            reverse("tracker:copy_day", args=[(today - timedelta(days=1)).isoformat()]),
            {"copy-date": today.isoformat(), "copy-meal": ""},
        )

    inserts = [query["sql"] for query in queries if query["sql"].startswith('INSERT INTO "tracker_')]
    assert len(inserts) == 2  # one for the foods, one for the supplements
    assert IntakeEntry.objects.filter(user=user, date=today).count() == 40


def test_a_users_form_posts_are_limited(alice_client, settings, user, pumpkin, django_user_model):
    settings.ACCOUNT_THROTTLE_RATES = {**settings.ACCOUNT_THROTTLE_RATES, "page_writes": "3/minute"}
    url = reverse("tracker:favourite_add", args=[pumpkin.pk])

    codes = [alice_client.post(url).status_code for _ in range(4)]

    assert codes == [302, 302, 302, 429]
    assert int(alice_client.post(url)["Retry-After"]) <= 60
    other = Client()
    other.force_login(django_user_model.objects.create_user("carol"))
    assert other.post(url).status_code == 302  # each user has a limit of their own


# Issue 15, item 5: API tokens hashed, expiring, listed, revocable, ended by a new password.
def token_for(client, password=PASSWORD) -> str:
    response = client.post(
        reverse("api:token"), {"username": "alice", "password": password}, content_type="application/json"
    )
    return response.json()["token"]


def api_status(token: str) -> int:
    return Client().get("/api/v1/entries/", HTTP_AUTHORIZATION=f"Token {token}").status_code


def test_after_a_password_change_the_old_token_gets_401(user):
    """Acceptance 4."""
    client = Client()
    token = token_for(client)
    assert api_status(token) == 200
    login(client)
    client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Another-Long-Pass-42",
            "new_password2": "Another-Long-Pass-42",
        },
    )
    assert api_status(token) == 401


def test_a_password_reset_revokes_every_token(user):
    tokens = [token_for(Client()) for _ in range(2)]
    user.set_password("Another-Long-Pass-42")  # what the reset form's save() does
    user.save()
    assert [api_status(token) for token in tokens] == [401, 401]


def test_a_password_reset_through_the_emailed_link_revokes_the_old_token(user):
    from django.core import mail

    token = token_for(Client())
    client = Client()
    client.post(reverse("password_reset"), {"email": "alice@example.com"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line)
    form_url = client.get(link.replace("http://testserver", "")).url
    new = "Brand-New-Pass-77"
    done = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert done.url == reverse("password_reset_complete")
    assert api_status(token) == 401


def test_tokens_are_stored_hashed_and_expire(user, settings):
    from accounts.models import ApiToken

    token = token_for(Client())
    assert not ApiToken.objects.filter(digest=token).exists()
    assert not ApiToken.objects.filter(prefix=token).exists()
    with time_machine.travel(django_settings.API_TOKEN_LIFETIME + timedelta(minutes=1)):
        assert api_status(token) == 401


def test_the_tokens_page_lists_and_revokes_only_your_own(user, other_user):
    from accounts.tokens import issue_token

    mine, key = issue_token(user)
    theirs, their_key = issue_token(other_user)
    api_status(key)  # records the use
    client = Client()
    client.force_login(user)

    page = client.get(reverse("accounts:tokens")).content.decode()
    assert mine.prefix in page and theirs.prefix not in page
    assert "never" not in page  # last used: just now
    assert client.post(reverse("accounts:token_revoke", args=[theirs.pk])).status_code == 404
    assert api_status(their_key) == 200
    assert client.post(reverse("accounts:token_revoke", args=[mine.pk])).status_code == 302
    assert api_status(key) == 401


# Issue 15, item 6: wrong old passwords on the password change form are limited like log-ins.
def test_five_wrong_old_passwords_lock_the_password_change_for_15_minutes(user):
    client = Client()
    client.force_login(user)
    data = {"new_password1": "Another-Long-Pass-42", "new_password2": "Another-Long-Pass-42"}
    codes = [
        client.post(reverse("password_change"), {**data, "old_password": "wrong"}).status_code
        for _ in range(5)
    ]
    locked = client.post(reverse("password_change"), {**data, "old_password": PASSWORD})
    assert codes == [200] * 5
    assert locked.status_code == 429 and int(locked["Retry-After"]) == 900
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    with time_machine.travel(timedelta(minutes=16)):
        assert client.post(reverse("password_change"), {**data, "old_password": PASSWORD}).status_code == 302


# Issue 15, item 6: RFC 6266 file names, visible names, request logs, one-time tokens given back.
def test_the_data_export_names_its_file_for_any_user_name(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_user("zoë_李\u00e9"))
    client.post(reverse("accounts:export"))  # the export job runs in the request without a broker
    job = client.get(reverse("accounts:export")).context["job"]
    header = client.get(reverse("accounts:export_file", args=[job.pk]))["Content-Disposition"]
    assert header.isascii()
    assert "filename*=utf-8''magnesium-tracker-zo%C3%AB_%E6%9D%8E%C3%A9-" in header


@pytest.mark.parametrize("name", ["\u200b", "\u200b\u200d", "\ufeff \u2060"])
def test_a_name_of_only_invisible_characters_is_refused(alice_client, name):
    from tracker.models import SupplementEntry

    today = django_timezone.localdate()
    data = {"date": today, "name": name, "form": "citrate", "elemental_mg": "100", "doses": "1"}
    response = alice_client.post(reverse("tracker:supplement_new"), data)
    assert "at least one visible character" in " ".join(response.context["form"].errors["name"])
    assert not SupplementEntry.objects.exists()


def test_each_request_is_one_json_log_line_with_its_id_and_no_personal_data(alice_client, user):
    import io
    import json as json_module
    import logging

    from config.logging import JsonFormatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("magnesium.request")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        response = alice_client.get("/day/2026-03-02/?secret=1", HTTP_X_REQUEST_ID="abc-123")
        other = alice_client.get("/day/2026-03-03/")
    finally:
        logger.removeHandler(handler)
    lines = [json_module.loads(line) for line in stream.getvalue().splitlines()]
    assert len(lines) == 2
    assert lines[0]["request_id"] == response["X-Request-ID"] == "abc-123"
    assert lines[1]["request_id"] == other["X-Request-ID"] and len(other["X-Request-ID"]) == 32
    assert (lines[0]["method"], lines[0]["route"], lines[0]["status"]) == ("GET", "/day/<str:day>/", 200)
    assert isinstance(lines[0]["duration_ms"], float)
    assert not {"alice", "2026-03-02", "secret", "127.0.0.1"} & set(stream.getvalue().split('"'))
    assert "alice" not in stream.getvalue() and "2026-03-02" not in stream.getvalue()


def test_a_server_error_is_logged_as_json_with_the_request_id(rf):
    import io
    import json as json_module
    import logging
    import sys

    from config.logging import JsonFormatter, request_id

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    request = rf.get("/accounts/reset/MQ/secret-token/")
    token = request_id.set("req-1")
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            # What Django's handler logs for an uncaught exception.
            logger.error(
                "%s: %s",
                "Internal Server Error",
                request.path,
                extra={"status_code": 500, "request": request},
                exc_info=sys.exc_info(),
            )
    finally:
        request_id.reset(token)
        logger.removeHandler(handler)
    [line] = [json_module.loads(text) for text in stream.getvalue().splitlines()]
    assert (line["request_id"], line["message"], line["level"]) == ("req-1", "Internal Server Error", "ERROR")
    assert "RuntimeError: boom" in line["exception"]
    assert "secret-token" not in stream.getvalue()


def test_production_settings_log_json_to_stdout():
    from config.logging import PRODUCTION_LOGGING

    assert PRODUCTION_LOGGING["handlers"]["stdout"]["stream"] == "ext://sys.stdout"
    assert PRODUCTION_LOGGING["loggers"]["magnesium.request"]["level"] == "INFO"
    source = (django_settings.BASE_DIR / "config" / "settings_production.py").read_text()
    assert "LOGGING = PRODUCTION_LOGGING" in source


def test_a_one_time_token_comes_back_when_the_worker_dies_mid_write(
    settings, alice_client, user, monkeypatch
):
    """The claim is in the write's transaction (the database cache): when the write never
    finishes, no code of ours gives the token back, the rollback does."""
    from core import once
    from tracker.models import SupplementEntry

    settings.CACHES = {"default": django_settings.SHARED_CACHE}
    call_command("createcachetable", verbosity=0)
    monkeypatch.setattr(once, "release", lambda request: None)  # a killed worker runs nothing
    data = {
        "date": django_timezone.localdate(),
        "name": "Citrate",
        "form": "citrate",
        "elemental_mg": "100",
        "doses": "1",
        once.FIELD: "token-1",
    }
    original_save = SupplementEntry.save

    def die(self, *args, **kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(SupplementEntry, "save", die)
    with pytest.raises(SystemExit):
        alice_client.post(reverse("tracker:supplement_new"), data)
    monkeypatch.setattr(SupplementEntry, "save", original_save)

    response = alice_client.post(reverse("tracker:supplement_new"), data, follow=True)

    assert once.REPEATED not in response.content.decode()
    assert SupplementEntry.objects.count() == 1

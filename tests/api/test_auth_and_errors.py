import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from accounts.models import ApiToken
from accounts.tokens import digest_of
from tests.api.routes import api_routes
from tests.factories import make_entry
from tracker.models import IntakeEntry

pytestmark = pytest.mark.django_db
TOKEN = "/api/v1/auth/token/"
PASSWORD = "a-long-test-password"
OPEN_ROUTES = {"token"}


def test_every_api_route_needs_a_login_and_says_so_in_json(api_client):
    routes = [route for route in api_routes() if route.name not in OPEN_ROUTES]
    assert {route.name for route in routes} >= {
        "entry-list",
        "entry-detail",
        "food-list",
        "summary",
        "profile",
    }
    for route in routes:
        for method in route.methods:
            response = getattr(api_client, method)(route.url(pk=1), {}, format="json")
            assert response.status_code == 401, (route, method)
            assert response["WWW-Authenticate"] == "Token"
            assert "detail" in response.json()


def test_the_routes_methods_do_not_change_once_a_view_has_answered(alice_api):
    before = api_routes()
    for route in before:
        if "get" in route.methods:
            alice_api.get(route.url(pk=1))
    assert api_routes() == before


def test_a_token_for_username_and_password_opens_the_api(api_client, user, pumpkin):
    response = api_client.post(TOKEN, {"username": "alice", "password": PASSWORD})

    assert response.status_code == 200
    assert set(response.json()) == {"token", "expires_at"}
    stored = ApiToken.objects.get(user=user)
    assert stored.digest == digest_of(response.json()["token"])  # only a digest is kept
    assert response.json()["token"] not in str(list(ApiToken.objects.values_list()))
    make_entry(user, pumpkin)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert api_client.get("/api/v1/entries/").json()["count"] == 1
    # Each request for a token makes a new one; the first keeps working.
    assert api_client.post(TOKEN, {"username": "alice", "password": PASSWORD}).json() != response.json()
    assert api_client.get("/api/v1/entries/").status_code == 200


def test_the_token_endpoint_takes_a_form_too(api_client, user):
    response = api_client.post(TOKEN, {"username": "alice", "password": PASSWORD}, format="multipart")
    assert response.status_code == 415
    response = api_client.post(
        TOKEN,
        "username=alice&password=a-long-test-password",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200


@pytest.mark.parametrize("password", ["wrong", "", "A-LONG-TEST-PASSWORD", PASSWORD[:-1]])
def test_wrong_credentials_get_a_400_and_no_token(api_client, user, password):
    response = api_client.post(TOKEN, {"username": "alice", "password": password})
    assert response.status_code == 400
    assert "token" not in response.json()
    assert not ApiToken.objects.exists()


def test_a_bad_or_basic_authorization_header_is_a_401(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert api_client.get("/api/v1/entries/").status_code == 401
    api_client.credentials(
        HTTP_AUTHORIZATION="Basic YWxpY2U6YS1sb25nLXRlc3QtcGFzc3dvcmQ="
    )  # alice:<password>
    assert api_client.get("/api/v1/entries/").status_code == 401


def test_session_writes_need_the_csrf_token(user, pumpkin):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    body = {"date": "2026-03-02", "meal": "lunch", "food": pumpkin.pk, "amount_g": "10"}

    refused = client.post("/api/v1/entries/", body, format="json")
    client.get(reverse("tracker:today"))  # the page sets the csrftoken cookie
    accepted = client.post(
        "/api/v1/entries/", body, format="json", HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value
    )

    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert accepted.status_code == 201
    assert IntakeEntry.objects.count() == 1
    assert client.get("/api/v1/entries/").status_code == 200  # reads need no token


@pytest.fixture
def low_rates(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"token": "3/minute", "writes": "2/minute"})


def test_token_requests_are_throttled_with_retry_after(api_client, user, low_rates):
    for _ in range(3):
        assert api_client.post(TOKEN, {"username": "alice", "password": "wrong"}).status_code == 400

    response = api_client.post(TOKEN, {"username": "alice", "password": PASSWORD})

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "detail" in response.json()


def test_writes_are_throttled_per_user_but_reads_are_not(alice_api, bob_api, pumpkin, low_rates):
    body = {"date": "2026-03-02", "meal": "lunch", "food": pumpkin.pk, "amount_g": "10"}
    assert [alice_api.post("/api/v1/entries/", body).status_code for _ in range(3)] == [201, 201, 429]
    assert int(alice_api.post("/api/v1/entries/", body)["Retry-After"]) > 0
    assert [alice_api.get("/api/v1/entries/").status_code for _ in range(5)] == [200] * 5
    assert bob_api.post("/api/v1/entries/", body).status_code == 201
    assert IntakeEntry.objects.count() == 3


def test_an_empty_rate_turns_its_limit_off_and_is_never_a_500(
    api_client, alice_api, user, pumpkin, monkeypatch
):
    """DJANGO_API_TOKEN_RATE= or DJANGO_API_WRITE_RATE= (empty), as the forms' limits read it."""
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"token": "", "writes": ""})
    statuses = [
        api_client.post(TOKEN, {"username": "alice", "password": "wrong"}).status_code for _ in range(12)
    ]
    assert statuses == [400] * 12
    body = {"date": "2026-03-02", "meal": "lunch", "food": pumpkin.pk, "amount_g": "10"}
    assert [alice_api.post("/api/v1/entries/", body).status_code for _ in range(4)] == [201] * 4


@pytest.mark.parametrize("path", ["/api/v1/nothing-here/", "/api/", "/api/v2/entries/", "/api/v1/entries/x/"])
def test_unknown_api_paths_get_a_json_404(alice_api, path):
    response = alice_api.get(path)
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")
    assert response.json() == {"detail": "Not found."}


def test_pages_outside_the_api_keep_the_html_404(client):
    response = client.get("/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_server_error_under_the_api_is_json_without_a_traceback(user, monkeypatch):
    def broken(self, request):
        raise RuntimeError("secret detail")

    monkeypatch.setattr("tracker.api.SummaryView.get", broken)
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(user)

    response = client.get("/api/v1/summary/")

    assert (response.status_code, response["Content-Type"]) == (500, "application/json")
    assert response.json() == {"detail": "Server error."}


def test_a_server_error_on_a_page_stays_html(client, user, monkeypatch):
    monkeypatch.setattr("tracker.views.day_summary", lambda *args: 1 / 0)
    client.raise_request_exception = False
    client.force_login(user)

    response = client.get("/day/2026-03-02/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


def test_the_schema_and_docs_are_public_and_the_docs_load_no_outside_assets(api_client):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    docs = api_client.get("/api/docs/")
    script = api_client.get("/api/docs/?script=")

    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "http://" not in page and "https://" not in page
    assert "<script>" not in page  # the start-up script is its own file (no inline script)
    assert script.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert len(assets) >= 4
    assert {asset: api_client.get(asset).status_code for asset in assets} == dict.fromkeys(assets, 200)


def test_an_overlong_username_for_a_token_is_a_400(api_client):
    """Found by the bad-input corpus on PostgreSQL: django-axes failed to store it (a 500)."""
    credentials = {"username": "u" * 5000, "password": "x"}
    response = api_client.post("/api/v1/auth/token/", credentials, format="json")
    assert response.status_code == 400
    assert "username" in response.json()

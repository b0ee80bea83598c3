"""Two app nodes on one PostgreSQL and one Redis (issue 16): a session made on one works on the
other, a request limit counts requests to both, a one-time token spent on one is spent on the
other, and 200 concurrent writes spread over both lose nothing."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.utils import timezone

from accounts.tokens import issue_token
from tests.factories import make_food, make_portion
from tests.scale.services import app_nodes, flush_redis, skip_unless_services
from tracker.models import IntakeEntry

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password"


@pytest.fixture
def nodes():
    skip_unless_services()
    flush_redis()
    with app_nodes(DJANGO_SIGNUP_RATE="4/hour", DJANGO_API_WRITE_RATE="100000/minute") as urls:
        yield urls


def csrf(session: requests.Session, url: str) -> str:
    page = session.get(url).text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def log_in(session, node):
    token = csrf(session, f"{node}/accounts/login/")
    response = session.post(
        f"{node}/accounts/login/",
        {"username": "alice", "password": PASSWORD, "csrfmiddlewaretoken": token},
        allow_redirects=False,
    )
    assert response.status_code == 302


def test_two_nodes_share_sessions_limits_tokens_and_lose_no_write(nodes, django_user_model, settings):
    a, b = nodes
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # one the nodes know
    user = django_user_model.objects.create_user("alice", "alice@example.com", PASSWORD)
    food = make_food("Pumpkin seeds")
    portion = make_portion(food, "1 oz", "28.35")

    # A session made on A works on B.
    browser = requests.Session()
    log_in(browser, a)
    profile = browser.get(f"{b}/accounts/profile/", allow_redirects=False)
    assert profile.status_code == 200 and "alice" in profile.text

    # A one-time token spent on A is spent on B.
    form = {
        "date": timezone.localdate().isoformat(),
        "meal": "lunch",
        "portion": portion.pk,
        "quantity": "1",
        "once": "one-token",
    }
    for node in (a, b):
        form["csrfmiddlewaretoken"] = csrf(browser, f"{node}/log/{food.pk}/")
        assert browser.post(f"{node}/log/{food.pk}/", form).status_code == 200
    assert IntakeEntry.objects.filter(user=user).count() == 1

    # The sign-up limit (4 an hour per address) counts posts to both nodes.
    visitor = requests.Session()
    statuses = []
    for node in (a, b, a, b, a):
        token = csrf(visitor, f"{node}/accounts/signup/")
        statuses.append(visitor.post(f"{node}/accounts/signup/", {"csrfmiddlewaretoken": token}).status_code)
    assert statuses == [200, 200, 200, 200, 429]

    # 200 concurrent API writes, alternating nodes: every one stored.
    headers = {"Authorization": f"Token {issue_token(user)[1]}"}

    def write(n):
        entry = {"date": f"2026-01-{n % 28 + 1:02}", "meal": "snack", "food": food.pk, "amount_g": str(n + 1)}
        return requests.post(
            f"{nodes[n % 2]}/api/v1/entries/", json=entry, headers=headers, timeout=60
        ).status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(write, range(200)))
    assert statuses == [201] * 200
    written = IntakeEntry.objects.filter(user=user, meal="snack")
    assert written.count() == 200
    assert sorted(int(e.amount_g) for e in written) == list(range(1, 201))

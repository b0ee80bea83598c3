"""/api/v1/shares/: read-only links to the report for a clinician (issue 17, item 2)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import make_entry, make_food, make_profile
from tracker.models import SHARE_MAX_ACTIVE, Share
from tracker.shares import create_share, revoke, token_hash

pytestmark = pytest.mark.django_db
SHARES = "/api/v1/shares/"
LISTED_FIELDS = {
    "id",
    "days",
    "start",
    "end",
    "created_at",
    "expires_at",
    "last_opened_at",
    "open_count",
}
TODAY = timezone.localdate()


@pytest.fixture
def seeds(user):
    make_profile(user)
    food = make_food()
    make_entry(user, food, amount_g="50", on=TODAY)
    return food


def test_acceptance_a_share_opens_without_login_until_deleted_and_is_404_to_others(
    alice_api, bob_api, user, seeds
):
    """Issue 17, acceptance 2."""
    created = alice_api.post(SHARES, {"days": 30})
    assert created.status_code == 201
    body = created.json()
    assert set(body) == {"url", *LISTED_FIELDS}
    anyone = Client()
    page = anyone.get(body["url"])
    assert page.status_code == 200
    assert "Magnesium intake report" in page.content.decode() and seeds.name in page.content.decode()
    assert page.context["trend"].entries == 1

    # Another user's share id is 404 to everyone else: reading and deleting alike.
    detail = f"{SHARES}{body['id']}/"
    assert bob_api.get(detail).status_code == 404
    assert bob_api.delete(detail).status_code == 404
    assert anyone.get(body["url"]).status_code == 200

    assert alice_api.delete(detail).status_code == 204
    assert anyone.get(body["url"]).status_code == 404
    assert alice_api.get(detail).status_code == 404
    assert alice_api.get(SHARES).json()["count"] == 0
    assert Share.objects.get(pk=body["id"]).revoked_at is not None  # still on the Shares page


def test_the_answer_to_a_post_holds_the_link_and_nothing_else_does(alice_api, user):
    body = alice_api.post(SHARES, {"days": 7, "expires_in_days": 90}).json()
    token = body["url"].rstrip("/").rsplit("/", 1)[1]
    assert body["url"] == f"http://testserver/shared/{token}/"
    share = Share.objects.get(pk=body["id"])
    assert share.token_hash == token_hash(token)
    assert (share.days, share.expires_at - share.created_at) == (7, timedelta(days=90))
    listed = alice_api.get(SHARES).json()
    assert listed["count"] == 1 and set(listed["results"][0]) == LISTED_FIELDS
    assert set(alice_api.get(f"{SHARES}{body['id']}/").json()) == LISTED_FIELDS
    assert token not in str(listed) and share.token_hash not in str(listed)


def test_expiry_defaults_to_30_days(alice_api):
    body = alice_api.post(SHARES, {"days": 30}).json()
    share = Share.objects.get(pk=body["id"])
    assert share.expires_at - share.created_at == timedelta(days=30)


def test_a_fixed_range_can_be_shared(alice_api):
    start, end = TODAY - timedelta(days=364), TODAY
    body = alice_api.post(SHARES, {"start": start.isoformat(), "end": end.isoformat()}).json()
    assert (body["days"], body["start"], body["end"]) == (None, start.isoformat(), end.isoformat())


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"days": 6}, "days", "greater than or equal to 7"),
        ({"days": 366}, "days", "less than or equal to 365"),
        ({"days": 30, "expires_in_days": 91}, "expires_in_days", "less than or equal to 90"),
        ({"days": 30, "expires_in_days": 0}, "expires_in_days", "greater than or equal to 1"),
        ({}, "days", "Give days, or start and end."),
        ({"days": 30, "start": "2026-01-01"}, "days", "not both"),
        ({"start": "2026-01-01"}, "end", "last day"),
        ({"end": "2026-01-01"}, "start", "first day"),
        ({"start": "2026-01-10", "end": "2026-01-09"}, "end", "before the start"),
        ({"start": "2025-01-01", "end": "2026-01-01"}, "end", "365 days at most"),
        ({"days": "thirty"}, "days", "valid integer"),
        ({"days": 30, "token": "mine"}, "token", "Unknown field"),
        ({"days": 30, "user": 1}, "user", "Unknown field"),
    ],
)
def test_out_of_limit_or_unknown_values_are_a_400_naming_the_field(alice_api, data, field, message):
    response = alice_api.post(SHARES, data)
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])
    assert not Share.objects.exists()


@pytest.mark.parametrize(("days", "expires"), [(7, 1), (365, 90)])
def test_the_limits_themselves_are_accepted(alice_api, days, expires):
    assert alice_api.post(SHARES, {"days": days, "expires_in_days": expires}).status_code == 201


def test_a_share_beyond_the_cap_on_active_shares_is_a_400_naming_it(alice_api, user):
    made = [create_share(user, days=30)[0] for _ in range(SHARE_MAX_ACTIVE)]
    response = alice_api.post(SHARES, {"days": 30})
    assert response.status_code == 400
    assert "20 active shares" in " ".join(response.json()["non_field_errors"])
    assert Share.objects.filter(user=user).count() == SHARE_MAX_ACTIVE
    revoke(made[0])
    assert alice_api.post(SHARES, {"days": 30}).status_code == 201


def test_the_list_is_paginated_and_only_the_users_own(alice_api, user, other_user):
    mine = [create_share(user, days=30)[0].pk for _ in range(2)]
    create_share(other_user, days=30)
    listed = alice_api.get(SHARES).json()
    assert {"count", "next", "previous", "results"} <= set(listed)
    assert sorted(share["id"] for share in listed["results"]) == sorted(mine)


def test_the_list_says_how_often_and_when_a_share_was_opened(alice_api, user, seeds):
    share, token = create_share(user, days=30)
    Client().get(f"/shared/{token}/")
    listed = alice_api.get(SHARES).json()["results"][0]
    assert listed["open_count"] == 1 and listed["last_opened_at"] is not None


def test_shares_cannot_be_changed_only_revoked(alice_api, user):
    share, _ = create_share(user, days=30)
    assert alice_api.patch(f"{SHARES}{share.pk}/", {"days": 90}).status_code == 405
    assert alice_api.put(f"{SHARES}{share.pk}/", {"days": 90}).status_code == 405
    share.refresh_from_db()
    assert share.days == 30


def test_a_revoked_share_is_gone_from_the_api_and_keeps_its_first_revocation(alice_api, user):
    share, _ = create_share(user, days=30)
    assert alice_api.delete(f"{SHARES}{share.pk}/").status_code == 204
    first = Share.objects.get(pk=share.pk).revoked_at
    assert alice_api.delete(f"{SHARES}{share.pk}/").status_code == 404
    assert Share.objects.get(pk=share.pk).revoked_at == first


def test_shares_need_a_login(api_client):
    assert api_client.get(SHARES).status_code == 401
    assert api_client.post(SHARES, {"days": 30}).status_code == 401

"""Read-only shares of the report for a clinician (issue 17, item 2): the owner's page, the
shared link's page, its headers, limits and what it never shows."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_entry, make_food, make_profile, make_supplement
from tracker.models import SHARE_MAX_ACTIVE, Share
from tracker.shares import TOO_MANY_SHARES, create_share, open_share, revoke, token_hash

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def link(token: str) -> str:
    return reverse("tracker:shared_report", args=[token])


@pytest.fixture
def logged(user):
    """Alice's log: pumpkin seeds today and a supplement yesterday."""
    make_profile(user)
    seeds = make_food()
    make_entry(user, seeds, amount_g="50", on=TODAY)
    make_supplement(user, on=TODAY - timedelta(days=1), name="Alice's citrate")
    return seeds


def test_the_token_is_random_long_and_only_its_hash_is_stored(user):
    share, token = create_share(user, days=30)
    other, other_token = create_share(user, days=30)
    assert len(token) >= 43 and token != other_token  # 32 random bytes, base64
    assert share.token_hash == token_hash(token) and len(share.token_hash) == 64
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM tracker_share")
        stored = repr(cursor.fetchall())
    assert token not in stored and other_token not in stored
    assert share.token_hash in stored


@pytest.mark.parametrize(("days", "ok"), [(6, False), (7, True), (365, True), (366, False), (0, False)])
def test_a_share_covers_7_to_365_days(user, days, ok):
    if ok:
        assert create_share(user, days=days)[0].days == days
    else:
        with pytest.raises(ValidationError, match="days"):
            create_share(user, days=days)


@pytest.mark.parametrize(("expires_in_days", "ok"), [(1, True), (90, True), (91, False), (0, False)])
def test_a_share_expires_within_90_days(user, expires_in_days, ok):
    if ok:
        share, _ = create_share(user, days=30, expires_in_days=expires_in_days)
        assert share.expires_at - share.created_at == timedelta(days=expires_in_days)
    else:
        with pytest.raises(ValidationError) as error:
            create_share(user, days=30, expires_in_days=expires_in_days)
        assert "expires_at" in error.value.message_dict


@pytest.mark.parametrize(("length", "ok"), [(1, True), (365, True), (366, False)])
def test_a_fixed_range_covers_at_most_365_days(user, length, ok):
    end = TODAY
    start = end - timedelta(days=length - 1)
    if ok:
        assert create_share(user, start=start, end=end)[0].period(TODAY) == (start, end)
    else:
        with pytest.raises(ValidationError, match="365 days"):
            create_share(user, start=start, end=end)


def test_a_user_holds_at_most_20_active_shares_revoked_and_expired_ones_do_not_count(user, other_user):
    assert SHARE_MAX_ACTIVE == 20
    made = [create_share(user, days=30)[0] for _ in range(SHARE_MAX_ACTIVE)]
    create_share(other_user, days=30)  # another user's shares are theirs
    with pytest.raises(ValidationError) as error:
        create_share(user, days=30)
    assert error.value.messages == [TOO_MANY_SHARES] and "20 active shares" in TOO_MANY_SHARES
    assert Share.objects.filter(user=user).count() == SHARE_MAX_ACTIVE
    revoke(made[0])
    create_share(user, days=30)
    Share.objects.filter(pk=made[1].pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    create_share(user, days=30)
    with pytest.raises(ValidationError):
        create_share(user, days=30)
    assert Share.objects.filter(user=user).count() == SHARE_MAX_ACTIVE + 2


def test_a_share_needs_days_or_a_range_not_both_nor_neither(user):
    for values in ({}, {"days": 30, "start": TODAY, "end": TODAY}, {"start": TODAY}):
        with pytest.raises(ValidationError):
            create_share(user, **values)
    assert not Share.objects.exists()


def test_the_shared_link_shows_the_report_without_logging_in(client, user, logged):
    share, token = create_share(user, days=30)
    response = client.get(link(token))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Magnesium intake report" in page
    assert logged.name in page  # top foods
    assert "Alice&#x27;s citrate" in page  # supplements
    assert response.context["trend"].start == TODAY - timedelta(days=29)
    assert response.context["trend"].logged_days == 2


def test_the_shared_page_names_no_one_and_leads_nowhere_into_the_account(client, user, logged):
    user.first_name, user.last_name = "Alice", "Liddell"
    user.save()
    _, token = create_share(user, days=30)
    page = client.get(link(token)).content.decode()
    assert "alice" not in page.lower().replace("alice&#x27;s citrate", "")
    assert "Liddell" not in page and "example.com" not in page
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert all(href.startswith("/static/") for href in hrefs), hrefs
    assert "<form" not in page and "csrfmiddlewaretoken" not in page


def test_the_shared_page_keeps_out_of_search_engines_caches_and_referrers(client, user, logged):
    _, token = create_share(user, days=30)
    response = client.get(link(token))
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"] == "private, no-store"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_the_shared_page_sends_the_apps_strict_content_security_policy(client, user, logged):
    _, token = create_share(user, days=30)
    policy = client.get(link(token))["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy


def test_the_shared_page_sets_no_cookie(client, user, logged):
    _, token = create_share(user, days=30)
    response = client.get(link(token))
    assert response.status_code == 200
    assert not response.cookies


def test_opening_counts_and_dates_the_openings(client, user, logged):
    share, token = create_share(user, days=30)
    assert (share.open_count, share.last_opened_at) == (0, None)
    client.get(link(token))
    client.get(link(token))
    share.refresh_from_db()
    assert share.open_count == 2
    assert timezone.now() - share.last_opened_at < timedelta(minutes=1)


def test_a_head_request_is_not_counted_as_an_opening(client, user, logged):
    share, token = create_share(user, days=30)
    response = client.head(link(token))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    share.refresh_from_db()
    assert (share.open_count, share.last_opened_at) == (0, None)
    assert client.get(link(token)).status_code == 200
    share.refresh_from_db()
    assert share.open_count == 1 and share.last_opened_at is not None
    assert client.head(link("x")).status_code == 404


def test_unknown_expired_and_revoked_links_are_the_same_404(client, user, logged):
    _, expired = create_share(user, days=30, expires_in_days=1)
    past = timezone.now() - timedelta(seconds=1)
    Share.objects.filter(token_hash=token_hash(expired)).update(expires_at=past)
    revoked_share, revoked = create_share(user, days=30)
    alice = Client()
    alice.force_login(user)
    alice.post(reverse("tracker:share_revoke", args=[revoked_share.pk]))
    _, valid = create_share(user, days=30)
    pages = set()
    for token in (expired, revoked, valid[:-1] + ("A" if valid[-1] != "A" else "B"), "x"):
        response = client.get(link(token))
        assert response.status_code == 404
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        pages.add(response.content)
    assert len(pages) == 1
    assert Share.objects.get(pk=revoked_share.pk).open_count == 0


def test_the_shared_page_shows_only_the_owners_data(client, user, other_user, logged):
    make_entry(other_user, make_food("Bob's almonds", magnesium_mg=Decimal("270")), on=TODAY)
    make_supplement(other_user, on=TODAY, name="Bob's oxide")
    _, token = create_share(user, days=30)
    page = client.get(link(token)).content.decode()
    assert "almonds" not in page and "oxide" not in page


def test_with_ckd_the_shared_page_has_the_kidney_note_and_no_nudge(client, django_user_model):
    owner = django_user_model.objects.create_user("carol", "carol@example.com", "a-long-test-password")
    make_profile(owner, has_ckd=True)
    make_entry(owner, make_food(), amount_g="20", on=TODAY)
    make_supplement(owner, on=TODAY)
    _, token = create_share(owner, days=7)
    response = client.get(link(token))
    page = response.content.decode()
    assert response.status_code == 200
    assert "says in their profile that they have chronic kidney disease" in page
    assert "Potassium" in page and "Phosphorus" in page
    assert "No target is shown" in page
    assert "No upper limit is shown:" in page and "350 mg" not in page
    assert "eat more" not in page.lower() and "Enter a target" not in page


def test_the_shared_range_ends_on_the_owners_today(client, user):
    make_profile(user, time_zone="Pacific/Kiritimati")  # UTC+14: often a day ahead of the server
    _, token = create_share(user, days=7)
    owners_today = timezone.localdate(timezone=timezone.get_fixed_timezone(14 * 60))
    assert client.get(link(token)).context["trend"].end == owners_today


def test_a_fixed_range_share_shows_that_range(client, user, logged):
    start, end = TODAY - timedelta(days=10), TODAY - timedelta(days=1)
    _, token = create_share(user, start=start, end=end)
    trend = client.get(link(token)).context["trend"]
    assert (trend.start, trend.end, trend.logged_days) == (start, end, 1)


def test_too_many_openings_from_one_address_answer_429(client, user, logged, settings):
    settings.ACCOUNT_THROTTLE_RATES = {**settings.ACCOUNT_THROTTLE_RATES, "shared_report": "3/hour"}
    _, token = create_share(user, days=30)
    statuses = [client.get(link(token)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get(link(token))
    assert int(response["Retry-After"]) > 0
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get(link(token), REMOTE_ADDR="10.9.9.9").status_code == 200  # another address


def test_the_shared_page_answers_only_reads(client, user, logged):
    _, token = create_share(user, days=30)
    assert client.post(link(token)).status_code == 405


# The owner's page.
def test_the_report_page_links_to_the_shares_page(alice_client):
    assert reverse("tracker:shares") in alice_client.get(reverse("tracker:report")).content.decode()


def test_the_shares_page_needs_a_login(client):
    assert client.get(reverse("tracker:shares")).url.startswith(reverse("login"))


def test_creating_a_share_shows_its_link_once(alice_client, user, logged):
    response = alice_client.post(reverse("tracker:shares"), {"days": "30", "expires_in_days": "30"})
    assert response.status_code == 200
    url = response.context["new_link"]
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert url.startswith("http://testserver/shared/")
    assert f'value="{url}"' in response.content.decode()
    share = Share.objects.get(user=user)
    assert share.token_hash == token_hash(token) and share.days == 30
    assert url not in alice_client.get(reverse("tracker:shares")).content.decode()
    assert Client().get(url).status_code == 200


def test_the_shares_page_lists_shares_with_their_openings(alice_client, user, logged):
    _, token = create_share(user, days=90)
    create_share(user, start=TODAY - timedelta(days=13), end=TODAY)
    open_share(token)
    page = alice_client.get(reverse("tracker:shares")).content.decode()
    assert "Last 90 days" in page and "1 time" in page and "Never" in page and "0 times" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"days": "6", "expires_in_days": "30"}, "days", "greater than or equal to 7"),
        ({"days": "366", "expires_in_days": "30"}, "days", "less than or equal to 365"),
        ({"days": "30", "expires_in_days": "91"}, "expires_in_days", "less than or equal to 90"),
        ({"expires_in_days": "30"}, "days", "Give a number of days"),
        ({"end": "2026-01-01", "expires_in_days": "30"}, "start", "first day"),
        ({"start": "2026-01-01", "end": "2027-01-01", "expires_in_days": "30"}, "end", "at most 365 days"),
    ],
)
def test_the_shares_form_refuses_out_of_limit_values_with_clear_errors(
    alice_client, user, data, field, message
):
    response = alice_client.post(reverse("tracker:shares"), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Share.objects.exists()


def test_the_shares_page_refuses_a_share_beyond_the_cap_with_a_form_error(alice_client, user):
    for _ in range(SHARE_MAX_ACTIVE):
        create_share(user, days=30)
    response = alice_client.post(reverse("tracker:shares"), {"days": "30", "expires_in_days": "30"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [TOO_MANY_SHARES]
    assert response.context["new_link"] is None
    assert "Revoke one you no longer need" in response.content.decode()
    assert Share.objects.filter(user=user).count() == SHARE_MAX_ACTIVE


def test_revoking_from_the_page_closes_the_link(alice_client, client, user, logged):
    share, token = create_share(user, days=30)
    assert client.get(link(token)).status_code == 200
    alice_client.post(reverse("tracker:share_revoke", args=[share.pk]))
    assert client.get(link(token)).status_code == 404
    assert "Revoked" in alice_client.get(reverse("tracker:shares")).content.decode()


def test_another_users_share_cannot_be_revoked_or_seen(client, user, other_user):
    share, token = create_share(user, days=30)
    client.force_login(other_user)
    assert client.post(reverse("tracker:share_revoke", args=[share.pk])).status_code == 404
    assert "Last 30 days" not in client.get(reverse("tracker:shares")).content.decode()
    share.refresh_from_db()
    assert share.revoked_at is None


def test_deleting_the_account_deletes_its_shares(user, other_user):
    create_share(user, days=30)
    create_share(other_user, days=30)
    user.delete()
    assert list(Share.objects.values_list("user", flat=True)) == [other_user.pk]


def test_a_share_of_an_owner_without_a_profile_opens(client, user):
    _, token = create_share(user, days=7)
    response = client.get(link(token))
    assert response.status_code == 200
    assert response.context["trend"].logged_days == 0


@pytest.mark.django_db
def test_share_this_report_opens_the_form_with_the_reports_days(alice_client):
    report = alice_client.get(reverse("tracker:report")).content.decode()
    assert 'href="/report/shares/?days=30">Share this report' in report
    ranged = alice_client.get(reverse("tracker:report"), {"start": "2026-10-01", "end": "2026-10-31"})
    assert (
        'href="/report/shares/?start=2026-10-01&amp;end=2026-10-31">Share this report'
        in ranged.content.decode()
    )
    form = alice_client.get(reverse("tracker:shares"), {"days": "30"}).content.decode()
    assert re.search(r'<input type="number" name="days" value="30"', form)
    form = alice_client.get(
        reverse("tracker:shares"), {"start": "2026-10-01", "end": "2026-10-31"}
    ).content.decode()
    assert 'name="start" value="2026-10-01"' in form and 'name="end" value="2026-10-31"' in form

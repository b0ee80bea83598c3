"""The one-time form token (core.once): a token is spent only by a write that happened."""

from datetime import date
from unittest import mock

from django.db import DatabaseError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import once
from tests.factories import make_profile, make_supplement
from tests.pages import text
from tracker.models import IntakeEntry, SupplementEntry

REPEATED = "sent twice; it was saved only once"


def log_pumpkin(client, pumpkin, token="token-1"):
    data = {
        "date": timezone.localdate().isoformat(),
        "meal": "lunch",
        "portion": pumpkin.portions.first().pk,
        "quantity": "1",
        "once": token,
    }
    return client.post(reverse("tracker:entry_new", args=[pumpkin.pk]), data, follow=True)


def test_a_claim_the_database_refused_is_not_taken_for_a_repeat(alice_client, pumpkin):
    """The database cache's add() answers False on any database error, not only for a key
    that is there (SQLite: "database is locked"); the entry is saved all the same."""
    with mock.patch.object(once.cache, "add", return_value=False):
        page = log_pumpkin(alice_client, pumpkin)

    assert IntakeEntry.objects.count() == 1
    assert REPEATED not in text(page.content.decode())


def test_a_write_that_failed_gives_its_token_back(user, pumpkin):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    with mock.patch("tracker.views.save_from_form", side_effect=DatabaseError("deadlock")):
        assert log_pumpkin(client, pumpkin).status_code == 500

    page = log_pumpkin(client, pumpkin)  # the error page, Back, and the form sent again

    assert IntakeEntry.objects.count() == 1
    assert REPEATED not in text(page.content.decode())
    assert REPEATED in text(log_pumpkin(client, pumpkin).content.decode())
    assert IntakeEntry.objects.count() == 1


def test_a_ckd_user_clicking_log_again_twice_reaches_the_warning_form_both_times(alice_client, user):
    """For a CKD user "log again" writes nothing (it opens the form with the kidney warning),
    so it spends no token."""
    make_profile(user, has_ckd=True)
    earlier = make_supplement(user, name="Prescribed", on=date(2026, 3, 1))
    url = reverse("tracker:supplement_again", args=[earlier.pk])
    data = {"date": timezone.localdate().isoformat(), "once": "token-1"}

    first, second = alice_client.post(url, data), alice_client.post(url, data)

    assert (
        first.url
        == second.url
        == f"{reverse('tracker:supplement_new')}?date={data['date']}&from={earlier.pk}"
    )
    assert SupplementEntry.objects.count() == 1


def test_the_hidden_field_carries_a_posted_token_as_text_and_a_new_one_otherwise(rf):
    posted = rf.post("/", {"once": '"><script>x</script>'})
    assert once.hidden_field(posted) == (
        '<input type="hidden" name="once" value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;">'
    )
    fresh = once.hidden_field(rf.get("/"))
    assert fresh.startswith('<input type="hidden" name="once" value="') and fresh != once.hidden_field(None)

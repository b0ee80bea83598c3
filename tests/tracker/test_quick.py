"""Faster logging: favourites, recent foods, logging again with last time's amount, copying a day."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    make_custom_food,
    make_entry,
    make_food,
    make_portion,
    make_profile,
    make_supplement,
)
from tests.pages import section, text
from tracker import queries
from tracker.models import Favourite, IntakeEntry, SupplementEntry

pytestmark = pytest.mark.django_db

ON = date(2026, 4, 20)
NEXT = ON + timedelta(days=1)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def star(client, food, action="add", **data):
    return client.post(reverse(f"tracker:favourite_{action}", args=[food.pk]), data)


# Recent foods and favourites (queries).
def test_recent_foods_are_distinct_newest_first_with_the_last_amount(user, other_user, pumpkin):
    almonds, water = make_food("Almonds"), make_food("Water")
    cup = pumpkin.portions.get(description="1 cup")
    make_entry(user, pumpkin, amount_g="10")
    make_entry(user, almonds, amount_g="20")
    make_entry(user, pumpkin, portion=cup, quantity="2")
    make_entry(other_user, water, amount_g="30")  # someone else's
    recent = queries.recent_foods(user)
    assert [item.name for item in recent] == [pumpkin.name, "Almonds"]
    assert recent[0].amount_label == "2 × 1 cup (276 g)"
    assert recent[1].amount_label == "20 g"


def test_recent_foods_are_one_query_and_keep_the_last_n(user, django_assert_num_queries):
    """One query of plain values, however many foods and entries there are."""
    foods = [make_food(f"Food {n}") for n in range(queries.RECENT_FOODS + 3)]
    for food in foods:
        make_entry(user, food)
        make_entry(user, food)
    Favourite.objects.create(user=user, food=foods[-1])
    with django_assert_num_queries(1):
        recent = queries.recent_foods(user)
        names = [(item.name, item.amount_label, item.is_favourite) for item in recent]
    expected = [food.name for food in reversed(foods)][: queries.RECENT_FOODS]
    assert [name for name, _, _ in names] == expected
    assert [starred for _, _, starred in names] == [True] + [False] * (queries.RECENT_FOODS - 1)


def test_recent_foods_come_from_the_latest_entries_and_skip_foods_no_longer_logged(user, monkeypatch):
    """Found among the latest RECENT_SCAN entries (not the whole log); an archived food among
    them is left out, and the scan does not reach further back for it."""
    monkeypatch.setattr(queries, "RECENT_SCAN", 4)
    long_ago, archived, kale, oats = (make_food(name) for name in ("Long ago", "Archived", "Kale", "Oats"))
    make_entry(user, long_ago)
    for food in (kale, archived, oats, oats):
        make_entry(user, food)
    archived.is_active = False
    archived.save()
    assert [item.name for item in queries.recent_foods(user, 3)] == ["Oats", "Kale"]
    monkeypatch.setattr(queries, "RECENT_SCAN", 5)
    assert [item.name for item in queries.recent_foods(user, 3)] == ["Oats", "Kale", "Long ago"]


def test_recent_foods_without_stars_ask_nothing_of_favourites(user, django_assert_num_queries):
    """The day page's "Log again" shows no stars, so it does not ask which foods are favourites."""
    kale = make_food("Kale")
    make_entry(user, kale)
    Favourite.objects.create(user=user, food=kale)
    with django_assert_num_queries(1) as captured:
        recent = queries.recent_foods(user, starred=False)
    assert [(item.name, item.is_favourite) for item in recent] == [("Kale", False)]
    assert not any("tracker_favourite" in query["sql"] for query in captured.captured_queries)


def test_recent_and_favourite_lists_leave_out_foods_that_can_no_longer_be_logged(user, other_user):
    archived = make_food("Old food")
    withdrawn = make_custom_food(other_user, "Bob's bread", status="approved")
    for food in (archived, withdrawn):
        make_entry(user, food)
        Favourite.objects.create(user=user, food=food)
    archived.is_active = False
    archived.save()
    withdrawn.status = "rejected"
    withdrawn.rejection_reason = "A duplicate"
    withdrawn.save()
    assert queries.recent_foods(user) == []
    assert queries.favourite_foods(user) == []


def test_favourites_are_by_name_with_the_last_amount_in_two_queries(
    user, other_user, pumpkin, django_assert_num_queries
):
    almonds, never = make_food("Almonds"), make_food("Zucchini")
    for food in (pumpkin, almonds, never):
        Favourite.objects.create(user=user, food=food)
    Favourite.objects.create(user=other_user, food=make_food("Water"))
    make_entry(user, almonds, amount_g="15")
    make_entry(user, almonds, amount_g="25")
    make_entry(other_user, pumpkin, amount_g="99")  # not alice's last amount
    with django_assert_num_queries(2):
        favourites = queries.favourite_foods(user)
    assert [(item.name, item.amount_label) for item in favourites] == [
        ("Almonds", "25 g"),
        (pumpkin.name, None),
        ("Zucchini", None),
    ]


# Starring foods.
def test_star_and_unstar_a_food_from_its_page(alice_client, user, pumpkin):
    url = reverse("foods:detail", args=[pumpkin.pk])
    assert f"Add {pumpkin.name} to favourites" in text(alice_client.get(url).content.decode())
    response = star(alice_client, pumpkin, next=url)
    assert response.url == url
    assert star(alice_client, pumpkin).status_code == 302  # twice is still one favourite
    assert Favourite.objects.filter(user=user, food=pumpkin).count() == 1
    page = alice_client.get(url).content.decode()
    assert f"Remove {pumpkin.name} from favourites" in text(page)
    star(alice_client, pumpkin, "remove")
    assert not Favourite.objects.exists()


def test_star_buttons_return_only_to_pages_of_this_site(alice_client, pumpkin):
    response = star(alice_client, pumpkin, next="https://evil.example.com/")
    assert response.url == reverse("foods:detail", args=[pumpkin.pk])


def test_anonymous_visitors_see_no_star_and_cannot_star(client, pumpkin):
    assert "favourites" not in client.get(reverse("foods:detail", args=[pumpkin.pk])).content.decode()
    assert star(client, pumpkin).url.startswith(reverse("login"))
    assert not Favourite.objects.exists()


def test_favourites_are_scoped_to_their_user(client, user, other_user, pumpkin):
    private = make_custom_food(user, "Alice's bread")
    Favourite.objects.create(user=user, food=pumpkin)
    client.force_login(other_user)
    assert star(client, private).status_code == 404  # not visible to bob
    assert star(client, pumpkin, "remove").status_code == 404  # bob has no such favourite
    assert list(Favourite.objects.values_list("user__username", "food__name")) == [("alice", pumpkin.name)]
    page = client.get(reverse("foods:detail", args=[pumpkin.pk])).content.decode()
    assert f"Add {pumpkin.name} to favourites" in text(page)


@pytest.mark.parametrize("action", ["add", "remove"])
def test_starring_is_post_only_and_needs_the_csrf_token(user, pumpkin, action):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    if action == "remove":
        Favourite.objects.create(user=user, food=pumpkin)
    assert client.get(reverse(f"tracker:favourite_{action}", args=[pumpkin.pk])).status_code == 405
    assert star(client, pumpkin, action).status_code == 403
    assert Favourite.objects.count() == (1 if action == "remove" else 0)


def test_food_detail_query_count_does_not_grow_with_favourites(
    alice_client, user, pumpkin, django_assert_num_queries
):
    url = reverse("foods:detail", args=[pumpkin.pk])
    with django_assert_num_queries(5) as one:  # session, user and profile, food, portions, favourite
        alice_client.get(url)
    for n in range(20):
        Favourite.objects.create(user=user, food=make_food(f"Food {n}"))
    Favourite.objects.create(user=user, food=pumpkin)
    with django_assert_num_queries(len(one.captured_queries)):
        assert f"Remove {pumpkin.name} from favourites" in text(alice_client.get(url).content.decode())


# The food list when logging: favourites and recent foods.
def test_food_list_offers_favourites_and_recent_foods_for_the_day_and_meal(alice_client, user, pumpkin):
    almonds = make_food("Almonds")
    Favourite.objects.create(user=user, food=almonds)
    make_entry(user, pumpkin, portion=pumpkin.portions.get(description="1 cup"), quantity="0.5")
    page = alice_client.get(reverse("foods:list"), {"date": "2026-03-04", "meal": "snack"}).content.decode()
    favourites, recent = section(page, "favourites-title"), section(page, "recent-title")
    assert "Almonds" in favourites and "Log again" not in favourites  # never logged: the form
    assert f'href="/log/{almonds.pk}/?date=2026-03-04&amp;meal=snack"' in page
    assert f"{pumpkin.name} Last time: 0.5 × 1 cup (69 g) Log again" in recent
    assert f'action="/log/{pumpkin.pk}/again/"' in page
    assert '<input type="hidden" name="date" value="2026-03-04">' in page
    assert '<input type="hidden" name="meal" value="snack">' in page
    assert "to Snack on Wednesday 4 March 2026" in text(page)


def test_food_list_logs_again_to_today_without_a_day_and_hides_the_lists_when_searching(
    alice_client, user, pumpkin
):
    make_entry(user, pumpkin)
    page = alice_client.get(reverse("foods:list")).content.decode()
    assert f'name="date" value="{timezone.localdate().isoformat()}"' in page
    searching = alice_client.get(reverse("foods:list"), {"q": "pumpkin"}).content.decode()
    assert 'id="recent-title"' not in searching


def test_anonymous_food_list_has_no_personal_lists(client):
    assert 'id="recent-title"' not in client.get(reverse("foods:list")).content.decode()


def test_food_list_query_count_does_not_grow_with_favourites_and_recent_foods(
    alice_client, user, django_assert_num_queries
):
    url = reverse("foods:list") + "?date=2026-03-04&meal=snack"
    food = make_food("Food")
    make_entry(user, food)
    Favourite.objects.create(user=user, food=food)
    # session, user, profile, food groups, favourites (2), recent foods
    with django_assert_num_queries(6) as one:
        alice_client.get(url)
    for n in range(30):
        other = make_food(f"Food {n}")
        make_portion(other)
        make_entry(user, other, portion=other.portions.get())
        Favourite.objects.create(user=user, food=other)
    with django_assert_num_queries(len(one.captured_queries)):
        alice_client.get(url)


# The log form remembers the last amount; "log again" logs it in one click.
def test_log_form_starts_from_the_last_portion_and_quantity_of_that_food(alice_client, user, pumpkin):
    cup = pumpkin.portions.get(description="1 cup")
    make_entry(user, pumpkin, portion=cup, quantity="1.5", on=ON)
    url = reverse("tracker:entry_new", args=[pumpkin.pk])
    form = alice_client.get(url, {"date": "2026-04-22", "meal": "dinner"}).context["form"]
    assert (form.initial["portion"], form.initial["quantity"], form.initial["grams"]) == (
        str(cup.pk),
        Decimal("1.5"),
        None,
    )
    assert (form.initial["date"], form.initial["meal"]) == (date(2026, 4, 22), "dinner")
    make_entry(user, pumpkin, amount_g="42.5")
    form = alice_client.get(url).context["form"]
    assert (form.initial["portion"], form.initial["quantity"], form.initial["grams"]) == (
        "",
        1,
        Decimal("42.5"),
    )


def test_log_form_ignores_another_users_amounts(alice_client, other_user, pumpkin):
    make_entry(other_user, pumpkin, portion=pumpkin.portions.get(description="1 cup"), quantity="3")
    form = alice_client.get(reverse("tracker:entry_new", args=[pumpkin.pk])).context["form"]
    oz = pumpkin.portions.get(description="1 oz")
    assert (form.initial["portion"], form.initial["quantity"]) == (str(oz.pk), 1)


def log_again(client, food, **data):
    return client.post(
        reverse("tracker:log_again", args=[food.pk]), {"date": NEXT.isoformat(), "meal": "dinner", **data}
    )


def test_log_again_logs_the_last_amount_with_the_foods_current_values(alice_client, user, pumpkin):
    cup = pumpkin.portions.get(description="1 cup")
    earlier = make_entry(user, pumpkin, portion=cup, quantity="0.5", on=ON)
    pumpkin.magnesium_mg = Decimal("500")  # curated since
    pumpkin.save()
    response = log_again(alice_client, pumpkin)
    assert response.url == f"/day/{NEXT.isoformat()}/"
    entry = IntakeEntry.objects.get(date=NEXT)
    assert (entry.meal, entry.portion, entry.quantity, entry.amount_g) == ("dinner", cup, Decimal("0.5"), 69)
    assert entry.magnesium_mg == Decimal("345")  # 500 mg/100 g × 69 g
    earlier.refresh_from_db()
    assert earlier.magnesium_mg == Decimal("408.48")  # the earlier entry keeps its own
    assert f"Logged {pumpkin.name}, 0.5 × 1 cup (69 g), to dinner." in messages_of(response)


def test_log_again_by_weight(alice_client, user, pumpkin):
    make_entry(user, pumpkin, amount_g="12.5")
    log_again(alice_client, pumpkin)
    entry = IntakeEntry.objects.get(date=NEXT)
    assert (entry.portion, entry.amount_g, entry.magnesium_mg) == (None, Decimal("12.5"), Decimal("74"))


def test_log_again_of_a_food_never_logged_opens_the_form(alice_client, other_user, pumpkin):
    make_entry(other_user, pumpkin)  # bob's amount is not alice's
    response = log_again(alice_client, pumpkin)
    assert response.url == f"/log/{pumpkin.pk}/?date={NEXT.isoformat()}&meal=dinner"
    assert IntakeEntry.objects.filter(user__username="alice").count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [({"date": "1800-01-01"}, "Choose a date between"), ({"meal": "brunch"}, "Select a valid choice")],
)
def test_log_again_with_a_bad_date_or_meal_says_so_and_logs_nothing(
    alice_client, user, pumpkin, data, message
):
    make_entry(user, pumpkin, on=ON)
    response = log_again(alice_client, pumpkin, **data)
    assert response.status_code == 302
    assert message in " ".join(messages_of(response))
    assert IntakeEntry.objects.count() == 1


def test_log_again_refuses_foods_the_user_cannot_log(alice_client, user, other_user):
    archived = make_food("Old food")
    make_entry(user, archived)
    archived.is_active = False
    archived.save()
    private = make_custom_food(other_user, "Bob's bread")
    make_entry(other_user, private)
    assert log_again(alice_client, archived).status_code == 404
    assert log_again(alice_client, private).status_code == 404
    assert IntakeEntry.objects.filter(date=NEXT).count() == 0


def test_log_again_is_post_only_and_needs_the_csrf_token(user, pumpkin):
    make_entry(user, pumpkin)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get(reverse("tracker:log_again", args=[pumpkin.pk])).status_code == 405
    assert log_again(client, pumpkin).status_code == 403
    assert IntakeEntry.objects.count() == 1


# Copying a day or a meal.
def copy(client, day=ON, **data):
    fields = {"date": NEXT.isoformat(), "meal": "", **data}
    return client.post(
        reverse("tracker:copy_day", args=[day.isoformat()]), {f"copy-{k}": v for k, v in fields.items()}
    )


@pytest.fixture
def day_logged(user, pumpkin):
    """Alice's day: pumpkin seeds at breakfast (1 cup) and lunch (40 g), one supplement."""
    make_entry(user, pumpkin, on=ON, meal="breakfast", portion=pumpkin.portions.get(description="1 cup"))
    make_entry(user, pumpkin, on=ON, meal="lunch", amount_g="40")
    make_supplement(user, on=ON, elemental_mg="150", doses="2")


def amounts(day: date) -> list[tuple]:
    return list(
        IntakeEntry.objects.filter(date=day)
        .order_by("pk")
        .values_list("meal", "food__name", "portion__description", "quantity", "amount_g", "magnesium_mg")
    )


def test_copy_a_whole_day_with_its_supplements(alice_client, user, day_logged, pumpkin):
    pumpkin.magnesium_mg = Decimal("100")  # the copies get the food's values of today
    pumpkin.save()
    response = copy(alice_client)
    assert response.url == f"/day/{NEXT.isoformat()}/"
    assert amounts(NEXT) == [
        ("breakfast", pumpkin.name, "1 cup", Decimal(1), Decimal(138), Decimal(138)),
        ("lunch", pumpkin.name, None, Decimal(1), Decimal(40), Decimal(40)),
    ]
    supplement = SupplementEntry.objects.get(date=NEXT)
    assert (supplement.name, supplement.elemental_mg, supplement.doses, supplement.magnesium_mg) == (
        "Magnesium citrate 200",
        150,
        2,
        300,
    )
    assert messages_of(response) == ["Copied 2 foods and 1 supplement to Tuesday 21 April 2026."]
    assert len(amounts(ON)) == 2  # the day copied from is unchanged


def test_copy_one_meal_copies_only_its_foods(alice_client, day_logged, pumpkin):
    response = copy(alice_client, meal="lunch")
    assert amounts(NEXT) == [("lunch", pumpkin.name, None, Decimal(1), Decimal(40), Decimal("236.8"))]
    assert not SupplementEntry.objects.filter(date=NEXT).exists()
    assert messages_of(response) == ["Copied 1 food to Tuesday 21 April 2026."]


def test_copy_adds_to_what_the_other_day_holds(alice_client, user, day_logged, pumpkin):
    make_entry(user, pumpkin, on=NEXT, meal="dinner")
    copy(alice_client)
    assert [meal for meal, *_ in amounts(NEXT)] == ["dinner", "breakfast", "lunch"]


def test_copy_skips_foods_that_can_no_longer_be_logged_and_names_them(alice_client, user, day_logged):
    old = make_food("Old food")
    make_entry(user, old, on=ON, meal="dinner")
    make_entry(user, old, on=ON, meal="snack")
    old.is_active = False
    old.save()
    response = copy(alice_client)
    assert len(amounts(NEXT)) == 2
    assert messages_of(response)[1] == (
        "Not copied, as they can no longer be logged (archived or no longer shared): Old food."
    )


def test_ckd_user_copies_foods_but_not_supplements(alice_client, user, day_logged):
    make_profile(user, has_ckd=True)
    page = alice_client.get(f"/day/{ON.isoformat()}/").content.decode()
    assert "Supplements are not copied" in section(page, "copy-title")
    response = copy(alice_client)
    assert len(amounts(NEXT)) == 2
    assert not SupplementEntry.objects.filter(date=NEXT).exists()
    assert (
        "1 supplement not copied: with kidney disease, log each supplement on the supplements page"
        in (messages_of(response)[1])
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"date": ON.isoformat()}, "date", "Choose another date than the day you copy from."),
        ({"date": "1800-01-01"}, "date", "Choose a date between 1 January 1900 and"),
        ({"date": "soon"}, "date", "Enter a valid date."),
        ({"meal": "brunch"}, "meal", "Select a valid choice."),
        (
            {"meal": "dinner"},
            "meal",
            "Nothing is logged for dinner on this day, so there is nothing to copy.",
        ),
    ],
)
def test_bad_copy_input_is_a_form_error_and_copies_nothing(alice_client, day_logged, data, field, message):
    response = copy(alice_client, **data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert IntakeEntry.objects.count() == 2
    assert SupplementEntry.objects.count() == 1


def test_copy_is_all_or_nothing(alice_client, day_logged, monkeypatch):
    inserted = []
    insert_entries = IntakeEntry.objects.bulk_create

    def insert_then_fail(rows):
        inserted.extend(insert_entries(rows))

    def refuse(rows):
        raise ValidationError("The database refused the amount.")

    monkeypatch.setattr(IntakeEntry.objects, "bulk_create", insert_then_fail)
    monkeypatch.setattr(SupplementEntry.objects, "bulk_create", refuse)
    response = copy(alice_client)
    assert inserted  # the foods were written, then rolled back
    assert (
        "Nothing was copied: The database refused the amount." in response.context["form"].non_field_errors()
    )
    assert amounts(NEXT) == []
    assert not SupplementEntry.objects.filter(date=NEXT).exists()


def test_copy_takes_only_the_users_own_entries(client, user, other_user, day_logged):
    client.force_login(other_user)
    response = copy(client)
    assert "nothing to copy" in " ".join(response.context["form"].errors["meal"])
    assert IntakeEntry.objects.filter(date=NEXT).count() == 0


def test_copy_page_needs_login_csrf_and_a_real_day(user, day_logged):
    assert copy(Client()).url.startswith(reverse("login"))
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert copy(client).status_code == 403
    assert client.get("/day/2026-02-30/copy/").status_code == 404
    page = client.get(f"/day/{ON.isoformat()}/copy/").content.decode()
    assert "Copy from Monday 20 April 2026" in page
    assert IntakeEntry.objects.filter(date=NEXT).count() == 0


def test_an_empty_day_has_no_copy_form(alice_client):
    page = alice_client.get(f"/day/{ON.isoformat()}/").content.decode()
    assert "copy-title" not in page and "/copy/" not in page


def test_day_page_has_the_copy_form_for_the_next_day_folded_away(alice_client, day_logged):
    page = alice_client.get(f"/day/{ON.isoformat()}/").content.decode()
    assert '<details class="copy">' in page and '<details class="copy" open' not in page
    assert f'action="/day/{ON.isoformat()}/copy/"' in page
    assert f'name="copy-date" value="{NEXT.isoformat()}"' in page
    assert "The whole day brings its supplements too." in section(page, "copy-title")


def test_a_copy_refused_with_an_error_can_be_sent_again_with_its_token(alice_client, user, pumpkin):
    """The one-time token (core.once) is spent only by a copy that happened."""
    make_entry(user, pumpkin, on=ON, meal="lunch")
    url = reverse("tracker:copy_day", args=[ON.isoformat()])
    data = {"copy-date": (ON + timedelta(days=1)).isoformat(), "once": "token-1"}

    refused = alice_client.post(url, {**data, "copy-meal": "dinner"})
    assert "Nothing is logged for dinner on this day" in text(refused.content.decode())
    assert 'name="once" value="token-1"' in refused.content.decode()
    alice_client.post(url, {**data, "copy-meal": "lunch"})
    again = alice_client.post(url, {**data, "copy-meal": "lunch"}, follow=True)

    assert IntakeEntry.objects.filter(date=ON + timedelta(days=1)).count() == 1
    assert "sent twice; it was saved only once" in text(again.content.decode())

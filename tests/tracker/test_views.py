from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_entry, make_food, make_portion, make_profile
from tests.pages import section
from tracker.models import IntakeEntry

pytestmark = pytest.mark.django_db


def log(client, food, **data):
    today = timezone.localdate().isoformat()
    return client.post(reverse("tracker:entry_new", args=[food.pk]), {"date": today, "meal": "lunch", **data})


def test_anonymous_visitor_sees_the_landing_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Sign up" in response.content.decode()


@pytest.mark.parametrize("url", ["/day/2026-01-01/", "/day/?date=2026-01-01", "/log/1/", "/entries/1/edit/"])
def test_log_pages_need_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_acceptance_day_shows_324_of_320_mg(alice_client, user, pumpkin, spinach):
    make_profile(user, birth_date=date(1990, 6, 15), sex="female")
    assert (
        log(
            alice_client, pumpkin, portion=pumpkin.portions.get(description="1 oz").pk, quantity="1"
        ).status_code
        == 302
    )
    assert log(alice_client, spinach, portion=spinach.portions.get().pk, quantity="1").status_code == 302

    page = alice_client.get("/").content.decode()

    assert "<strong>324 mg</strong> of 320 mg" in page
    assert "(101 %)" in page
    assert "NIH RDA, females, 31–50 years" in page
    assert "Magnesium known for 2 of 2 foods" in page
    entry = IntakeEntry.objects.get(food=pumpkin)
    assert (entry.amount_g, entry.magnesium_mg) == (Decimal("28.350"), Decimal("167.832"))


def test_entry_by_grams_copies_every_known_nutrient_and_keeps_unknowns(alice_client, pumpkin):
    log(alice_client, pumpkin, grams="50")
    entry = IntakeEntry.objects.get()
    assert entry.portion is None
    assert (entry.magnesium_mg, entry.potassium_mg, entry.vitamin_k_ug) == (
        Decimal("296"),
        Decimal("404.5"),
        None,
    )


def test_an_amount_that_rounds_to_zero_grams_is_refused_with_a_message(alice_client, pumpkin):
    seed = make_portion(pumpkin, "1 seed, crumb", "0.001")
    response = log(alice_client, pumpkin, portion=seed.pk, quantity="0.01")  # 0.00001 g: 0.000
    assert response.status_code == 200
    assert "The amount eaten must weigh more than 0 g." in response.content.decode()
    assert not IntakeEntry.objects.exists()


def test_the_one_entry_constraint_is_the_one_the_service_checks_without_a_query():
    # tracker.services.filled_entry checks amount_g > 0 itself; another constraint needs a check there too.
    # entry_unique_import_key binds only imported entries (a non-empty import_key, which the services
    # never set); the import skips the keys it finds (tracker/importing/saving.py).
    assert [constraint.name for constraint in IntakeEntry._meta.constraints] == [
        "entry_amount_positive",
        "entry_unique_import_key",
    ]


def test_editing_a_food_later_does_not_rewrite_logged_entries(user, pumpkin):
    entry = make_entry(user, pumpkin, amount_g="100")
    pumpkin.magnesium_mg = Decimal("1")
    pumpkin.save()
    entry.refresh_from_db()
    assert entry.magnesium_mg == Decimal("592")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "grams", "Choose a portion or enter the weight in grams."),
        ({"grams": "-5"}, "grams", "greater than or equal to 0.1"),
        ({"grams": "abc"}, "grams", "Enter a number."),
        ({"grams": "20000"}, "grams", "less than or equal to 10000"),
        ({"portion": "PORTION", "quantity": ""}, "quantity", "Enter how many of the portion you had."),
        ({"portion": "PORTION", "quantity": "0"}, "quantity", "greater than or equal to 0.01"),
        ({"portion": "PORTION", "quantity": "99"}, "quantity", "more than 10 kg"),
        ({"portion": "999999", "quantity": "1"}, "portion", "Select a valid choice"),
        ({"portion": "PORTION", "quantity": "2", "grams": "50"}, "grams", "Leave grams empty"),
        ({"quantity": "2", "grams": "50"}, "quantity", "A quantity needs a portion"),
        ({"grams": "99999999"}, "grams", "less than or equal to 10000."),
    ],
)
def test_bad_entry_input_gives_a_form_error_and_saves_nothing(alice_client, pumpkin, data, field, message):
    if data.get("portion") == "PORTION":
        data["portion"] = pumpkin.portions.get(description="1 cup").pk
    response = log(alice_client, pumpkin, **data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert IntakeEntry.objects.count() == 0


def test_a_portion_of_another_food_is_refused(alice_client, pumpkin, spinach):
    response = log(alice_client, pumpkin, portion=spinach.portions.get().pk, quantity="1")
    assert response.status_code == 200
    assert "portion" in response.context["form"].errors
    assert IntakeEntry.objects.count() == 0


def test_bad_date_and_meal_are_form_errors(alice_client, pumpkin):
    response = alice_client.post(
        reverse("tracker:entry_new", args=[pumpkin.pk]),
        {"date": "2026-13-40", "meal": "brunch", "grams": "10"},
    )
    assert set(response.context["form"].errors) == {"date", "meal"}
    assert IntakeEntry.objects.count() == 0


def test_new_entry_form_starts_with_the_day_meal_and_the_portion_nearest_the_reference_amount(
    alice_client, pumpkin
):
    response = alice_client.get(
        reverse("tracker:entry_new", args=[pumpkin.pk]) + "?date=2026-02-03&meal=dinner"
    )
    form = response.context["form"]
    assert form.initial["date"] == date(2026, 2, 3)
    assert form.initial["meal"] == "dinner"
    assert form.initial["portion"] == str(pumpkin.portions.get(description="1 oz").pk)
    assert 'href="/day/2026-02-03/">Cancel</a>' in response.content.decode()


@pytest.mark.parametrize(
    ("hour", "meal"),
    [(4, "breakfast"), (10, "breakfast"), (11, "lunch"), (16, "dinner"), (22, "snack"), (3, "snack")],
)
def test_new_entry_guesses_the_meal_from_the_time_of_day(alice_client, pumpkin, monkeypatch, hour, meal):
    now = timezone.localtime().replace(hour=hour)
    monkeypatch.setattr(timezone, "localtime", lambda *args: now)
    response = alice_client.get(reverse("tracker:entry_new", args=[pumpkin.pk]))
    assert response.context["form"].initial["meal"] == meal


def test_edit_form_shows_plain_numbers(alice_client, user, pumpkin):
    entry = make_entry(user, pumpkin, amount_g="50")
    form = alice_client.get(reverse("tracker:entry_edit", args=[entry.pk])).context["form"]
    assert (str(form.initial["grams"]), form.initial["quantity"]) == ("50", 1)


def test_edit_changes_amount_and_recomputes_nutrients(alice_client, user, pumpkin):
    entry = make_entry(user, pumpkin, amount_g="10")
    response = alice_client.post(
        reverse("tracker:entry_edit", args=[entry.pk]),
        {"date": "2026-03-01", "meal": "dinner", "grams": "100"},
    )
    assert response.url == "/day/2026-03-01/"
    entry.refresh_from_db()
    assert (entry.date, entry.meal, entry.magnesium_mg) == (date(2026, 3, 1), "dinner", Decimal("592"))


def test_delete_asks_first_then_removes_the_entry(alice_client, user, pumpkin):
    entry = make_entry(user, pumpkin)
    url = reverse("tracker:entry_delete", args=[entry.pk])
    page = alice_client.get(url).content.decode()
    assert f"{pumpkin.name}, 100 g, lunch on" in page
    assert IntakeEntry.objects.count() == 1
    response = alice_client.post(url, follow=True)
    assert f"Deleted {pumpkin.name} from" in response.content.decode()
    assert IntakeEntry.objects.count() == 0


def test_another_users_entries_are_never_shown_or_editable(client, user, other_user, pumpkin):
    entry = make_entry(user, pumpkin, amount_g="10")
    client.force_login(other_user)
    for name in ("tracker:entry_edit", "tracker:entry_delete"):
        url = reverse(name, args=[entry.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"date": "2026-01-01", "meal": "snack", "grams": "500"}).status_code == 404
    page = client.get(reverse("tracker:day", args=[entry.date.isoformat()]))
    assert pumpkin.name not in page.content.decode()
    assert page.context["summary"].entries == 0
    entry.refresh_from_db()
    assert (entry.amount_g, entry.meal) == (Decimal("10"), "lunch")


def test_archived_and_other_users_custom_foods_cannot_be_logged(alice_client, other_user):
    archived = make_food("Old food", is_active=False)
    private = make_food("Bob's bread", source="custom", created_by=other_user)
    for food in (archived, private):
        assert log(alice_client, food, grams="10").status_code == 404
    assert IntakeEntry.objects.count() == 0


def test_day_page_groups_entries_by_meal_with_links_between_days(alice_client, user, pumpkin):
    make_entry(user, pumpkin, on=date(2026, 5, 10), meal="dinner")
    response = alice_client.get("/day/2026-05-10/")
    meals = {value: entries for value, _label, entries, _totals in response.context["meals"]}
    assert [len(meals[m]) for m in ("breakfast", "lunch", "dinner", "snack")] == [0, 0, 1, 0]
    page = response.content.decode()
    assert 'href="/day/2026-05-09/"' in page and 'href="/day/2026-05-11/"' in page


def test_day_without_profile_assumes_the_daily_value_and_says_so(alice_client):
    response = alice_client.get("/")
    summary = response.context["summary"]
    assert summary.target.mg == 420
    assert [n.code for n in summary.notices] == ["no_profile"]
    assert "US Daily Value of 420 mg" in response.content.decode()


def test_ckd_user_sees_the_clinician_notice_and_no_goal_bar(alice_client, user, spinach):
    make_profile(user, has_ckd=True)
    make_entry(user, spinach, amount_g="180")
    page = alice_client.get("/").content.decode()
    assert "Kidney disease: ask your clinician" in page
    assert "<meter" not in page
    summary = section(page, "summary-title")  # shown beside magnesium for kidney patients
    assert "Phosphorus 101 mg Potassium 839 mg" in summary


def test_unknown_magnesium_is_counted_as_unknown(alice_client, user, pumpkin):
    mystery = make_food("Mystery food", magnesium_mg=None)
    make_entry(user, mystery, amount_g="100")
    make_entry(user, pumpkin, amount_g="100")
    response = alice_client.get("/")
    page = response.content.decode()
    assert "Magnesium known for 1 of 2 foods" in page
    assert "unknown" in page
    assert response.context["summary"].food_magnesium_mg == Decimal("592")


def test_date_picker_jumps_to_the_day_and_rejects_nonsense(alice_client):
    assert alice_client.get("/day/?date=2026-04-01").url == "/day/2026-04-01/"
    response = alice_client.get("/day/?date=yesterday", follow=True)
    assert "Enter a valid date." in response.content.decode()
    assert alice_client.get("/day/2026-02-30/").status_code == 404


@pytest.mark.parametrize("far", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_dates_outside_the_log_range_are_refused_not_crashing(alice_client, pumpkin, far):
    assert alice_client.get(f"/day/{far}/").status_code == 404
    response = alice_client.get(f"/day/?date={far}", follow=True)
    assert response.status_code == 200
    assert "Choose a date between 1 January 1900 and" in response.content.decode()
    response = alice_client.post(
        reverse("tracker:entry_new", args=[pumpkin.pk]), {"date": far, "meal": "lunch", "grams": "10"}
    )
    assert "Choose a date between" in response.context["form"].errors["date"][0]
    assert IntakeEntry.objects.count() == 0


def test_a_year_ahead_is_still_loggable(alice_client, pumpkin):
    ahead = (timezone.localdate() + timedelta(days=366)).isoformat()
    assert alice_client.get(f"/day/{ahead}/").status_code == 200
    assert log(alice_client, pumpkin, date=ahead, grams="10").status_code == 302


def test_day_page_query_count_does_not_grow_with_entries(
    alice_client, user, pumpkin, django_assert_num_queries
):
    make_profile(user)
    day = date(2026, 1, 5)
    make_entry(user, pumpkin, on=day)
    # session, user, entries (the food's sums come from them), supplements, profile, the
    # supplements' sum, recent foods
    with django_assert_num_queries(6) as one:
        alice_client.get(f"/day/{day}/")
    for _ in range(20):
        make_entry(user, pumpkin, on=day, portion=pumpkin.portions.first())
    with django_assert_num_queries(len(one.captured_queries)):
        alice_client.get(f"/day/{day}/")


def test_today_is_the_local_date(alice_client):
    response = alice_client.get("/")
    assert response.context["day"] == timezone.localdate()
    assert response.context["next_day"] == timezone.localdate() + timedelta(days=1)


@pytest.mark.parametrize("has_ckd", [False, True])
def test_the_log_form_shows_phosphorus_and_potassium_beside_magnesium_with_ckd(
    alice_client, user, pumpkin, has_ckd
):
    make_profile(user, has_ckd=has_ckd)
    page = alice_client.get(reverse("tracker:entry_new", args=[pumpkin.pk])).content.decode()
    minerals = page[page.index('<p class="minerals">') :].split("</p>")[0]
    assert "Magnesium: 592 mg" in minerals
    assert ("Phosphorus: 1,233 mg" in minerals) is has_ckd  # pumpkin seeds, per 100 g
    assert ("Potassium: 809 mg" in minerals) is has_ckd


def test_a_food_never_logged_starts_at_its_reference_amount_not_the_first_cup(alice_client, db):
    seeds = make_food(reference_amount_g=Decimal(30), racc_category="nuts_seeds")
    make_portion(seeds, "1 cup", "129")  # listed first, as USDA does
    oz = make_portion(seeds, "1 oz", "28.35")
    form = alice_client.get(reverse("tracker:entry_new", args=[seeds.pk])).context["form"]
    assert (form.initial["portion"], form.initial["quantity"], form.initial["grams"]) == (str(oz.pk), 1, None)


def test_without_a_portion_near_it_the_form_starts_at_the_reference_amount_in_grams(alice_client, spinach):
    form = alice_client.get(reverse("tracker:entry_new", args=[spinach.pk])).context["form"]
    assert (form.initial["portion"], form.initial["grams"]) == ("", Decimal(85))


@pytest.mark.parametrize(
    ("measure", "quantity", "grams"),
    [("oz", "2", Decimal("56.699")), ("tbsp", "1", Decimal("11.2")), ("g", "30", Decimal("30.000"))],
)
def test_ounces_tablespoons_and_grams_are_logged_as_grams(alice_client, spinach, measure, quantity, grams):
    log(alice_client, spinach, portion=measure, quantity=quantity)
    entry = IntakeEntry.objects.get()
    assert (entry.portion, entry.amount_g) == (None, grams)


def test_the_grams_measure_takes_up_to_10_kg_and_other_measures_up_to_100(alice_client, spinach):
    log(alice_client, spinach, portion="g", quantity="240")
    assert IntakeEntry.objects.get().amount_g == Decimal(240)
    response = log(alice_client, spinach, portion="oz", quantity="101")
    assert "less than or equal to 100" in " ".join(response.context["form"].errors["quantity"])
    assert IntakeEntry.objects.count() == 1

"""Search as you type (htmx) on the food list, and logging straight from its results."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import make_entry, make_food, make_portion
from tracker.models import IntakeEntry

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def seeds(db):
    food = make_food(reference_amount_g=Decimal(30), racc_category="nuts_seeds")
    make_portion(food, "1 cup", "129")  # first, as USDA lists it
    make_portion(food, "1 oz", "28.35")
    return food


def test_an_htmx_search_answers_with_the_results_only(alice_client, seeds):
    response = alice_client.get(reverse("foods:list"), {"q": "pumpkin"}, **HTMX)
    html = response.content.decode()
    assert "<html" not in html and "Seeds, pumpkin" in html
    assert "HX-Request" in response["Vary"]
    page = alice_client.get(reverse("foods:list"), {"q": "pumpkin"}).content.decode()
    assert "<html" in page and 'id="results"' in page and "htmx-2.0.11.min.js" in page


def test_a_history_restore_gets_the_whole_page(alice_client, seeds):
    response = alice_client.get(
        reverse("foods:list"), {"q": "pumpkin"}, **HTMX, HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


def test_each_result_logs_from_its_reference_amount_not_the_first_cup(alice_client, seeds):
    food = alice_client.get(reverse("foods:list"), {"q": "pumpkin"}).context["page"].object_list[0]
    oz = seeds.portions.get(description="1 oz")
    assert (food.log_measure, food.log_quantity) == (str(oz.pk), Decimal(1))
    assert [key for key, _ in food.log_measures][-2:] == ["tbsp", "g"]


def test_each_result_shows_the_amount_its_log_button_logs(alice_client, user, seeds):
    """The portion column and its magnesium are the Log button's amount (1 oz), not the cup USDA
    lists first; after a logged 2 × 1 cup, they say 2 × 1 cup."""
    response = alice_client.get(reverse("foods:list"), {"q": "pumpkin"})
    food = response.context["page"].object_list[0]
    assert (food.portion_description, food.portion_grams) == ("1 oz", Decimal("28.350"))
    expected = (seeds.magnesium_mg * Decimal("0.2835")).quantize(Decimal("0.001"))
    assert food.amounts[0].per_portion.quantize(Decimal("0.001")) == expected
    assert '1 oz <span class="nowrap">(28.35 g)</span>' in response.content.decode()
    make_entry(user, seeds, portion=seeds.portions.get(description="1 cup"), quantity="2")
    food = alice_client.get(reverse("foods:list"), {"q": "pumpkin"}).context["page"].object_list[0]
    assert (food.portion_description, food.portion_grams) == ("2 × 1 cup", Decimal("258.000"))
    make_entry(user, seeds, amount_g="45")
    food = alice_client.get(reverse("foods:list"), {"q": "pumpkin"}).context["page"].object_list[0]
    assert (food.portion_description, food.portion_grams) == ("", Decimal("45.000"))


def test_each_result_starts_from_the_users_last_amount(alice_client, user, other_user, seeds):
    make_entry(other_user, seeds, amount_g="99")
    make_entry(user, seeds, amount_g="42.5")
    food = alice_client.get(reverse("foods:list"), {"q": "pumpkin"}).context["page"].object_list[0]
    assert (food.log_measure, food.log_quantity) == ("g", Decimal("42.5"))


def test_the_log_button_of_a_result_logs_one_ounce_to_the_meal_being_added_to(alice_client, user, seeds):
    query = {"q": "pumpkin", "date": "2026-04-22", "meal": "snack"}
    html = alice_client.get(reverse("foods:list"), query).content.decode()
    assert 'name="meal" value="snack"' in html and 'name="date" value="2026-04-22"' in html
    oz = seeds.portions.get(description="1 oz")
    response = alice_client.post(
        reverse("tracker:entry_new", args=[seeds.pk]),
        {"date": "2026-04-22", "meal": "snack", "portion": str(oz.pk), "quantity": "1"},
    )
    assert response.status_code == 302 and response["Location"] == "/day/2026-04-22/"
    entry = IntakeEntry.objects.get(user=user)
    assert (entry.meal, entry.amount_g, entry.magnesium_mg) == (
        "snack",
        Decimal("28.350"),
        Decimal("167.832"),
    )


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_nonsense_says_no_foods_match_and_offers_my_foods(alice_client, seeds, headers):
    html = alice_client.get(reverse("foods:list"), {"q": "xqzzyv"}, **headers).content.decode()
    assert "No foods match “xqzzyv”" in html
    assert reverse("foods:custom_list") in html and reverse("foods:custom_new") in html
    assert "Showing results for" not in html and "Type part of a food" not in html


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_a_misspelling_shows_the_results_of_the_spelling_the_names_use(alice_client, seeds, headers):
    response = alice_client.get(reverse("foods:list"), {"q": "pumkin seeds"}, **headers)
    assert response.context["showing_results_for"] == "pumpkin seeds"
    html = response.content.decode()
    assert "Showing results for “<strong>pumpkin seeds</strong>”" in html and "Seeds, pumpkin" in html


def test_anyone_may_search_without_log_buttons(client, seeds):
    html = client.get(reverse("foods:list"), {"q": "pumpkin"}).content.decode()
    assert "Seeds, pumpkin" in html and "log-row" not in html


def test_the_spelling_never_comes_from_another_users_private_food(alice_client, other_user, seeds):
    make_food("Zucchinoberry", source="custom", created_by=other_user)
    response = alice_client.get(reverse("foods:list"), {"q": "zucchinobery"})
    assert response.context["showing_results_for"] == "" and "Zucchinoberry" not in response.content.decode()

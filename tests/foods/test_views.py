from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import make_food, make_portion

pytestmark = pytest.mark.django_db


def names(response):
    return [food.name for food in response.context["page"]]


def test_search_needs_every_word_in_any_order_and_any_case(client):
    make_food("Seeds, pumpkin and squash seed kernels, dried")
    make_food("Pumpkin, raw")
    make_food("Seeds, sunflower seed kernels, dried")
    response = client.get(reverse("foods:list"), {"q": "SEEDS pumpkin"})
    assert names(response) == ["Seeds, pumpkin and squash seed kernels, dried"]


def test_search_ranks_exact_then_prefix_then_the_rest(client):
    for name in ("Pie, pumpkin", "Pumpkin, canned", "Pumpkin", "Seeds, pumpkin kernels", "Pumpkin pie spice"):
        make_food(name)
    response = client.get(reverse("foods:list"), {"q": "pumpkin"})
    assert names(response) == [
        "Pumpkin",
        "Pumpkin, canned",
        "Pumpkin pie spice",
        "Pie, pumpkin",
        "Seeds, pumpkin kernels",
    ]


def test_search_rows_show_magnesium_per_100_g_and_per_first_portion(client):
    food = make_food("Seeds, pumpkin and squash seed kernels, dried")
    make_portion(food, "1 oz", "28.35")
    make_portion(food, "1 cup", "138")
    make_food("Pumpkin mystery", magnesium_mg=None)
    page = client.get(reverse("foods:list"), {"q": "pumpkin"}).content.decode()
    assert '<td class="num">592 mg</td>' in page
    assert "168 mg<br><small>1 oz (28.35 g)</small>" in page
    assert '<td class="num">unknown</td>' in page


def test_search_hides_archived_and_other_users_custom_foods(client, user, other_user):
    make_food("Bread, shared")
    make_food("Bread, archived", is_active=False)
    make_food("Bread, Bob's own", source="custom", created_by=other_user)
    make_food("Bread, Alice's own", source="custom", created_by=user)
    assert names(client.get(reverse("foods:list"), {"q": "bread"})) == ["Bread, shared"]
    client.force_login(user)
    assert names(client.get(reverse("foods:list"), {"q": "bread"})) == ["Bread, shared", "Bread, Alice's own"]


def test_empty_search_shows_help_not_the_whole_database(client):
    make_food("Anything")
    response = client.get(reverse("foods:list"))
    assert names(response) == []
    assert "Every word must match" in response.content.decode()


def test_search_is_paginated_and_keeps_the_query(client):
    for number in range(30):
        make_food(f"Bean {number:02}")
    first = client.get(reverse("foods:list"), {"q": "bean"})
    assert len(names(first)) == 25
    assert "q=bean&amp;page=2" in first.content.decode()
    assert len(names(client.get(reverse("foods:list"), {"q": "bean", "page": 2}))) == 5


def test_search_query_count_is_constant(client, django_assert_num_queries):
    for number in range(10):
        make_portion(make_food(f"Lentil {number}"))
    with django_assert_num_queries(3):  # count, page of foods, their portions
        client.get(reverse("foods:list"), {"q": "lentil"})


def test_log_links_carry_the_day_and_meal(client, user):
    food = make_food("Almonds")
    client.force_login(user)
    page = client.get(
        reverse("foods:list"), {"q": "almonds", "date": "2026-03-04", "meal": "snack"}
    ).content.decode()
    assert f"/log/{food.pk}/?date=2026-03-04&amp;meal=snack" in page
    assert "Adding to <strong>Snack</strong>" in page


def test_detail_page_lists_nutrients_with_unknowns_and_portions(client):
    food = make_food("Spinach, boiled", magnesium_mg=Decimal("87"), vitamin_k_ug=None, fdc_id=168463)
    make_portion(food, "1 cup", "180")
    page = client.get(reverse("foods:detail", args=[food.pk])).content.decode()
    assert "FDC id 168463" in page
    assert '<th scope="row">Magnesium</th><td class="num">87 mg</td>' in page
    assert '<th scope="row">Vitamin K, phylloquinone</th><td class="num">unknown</td>' in page
    assert '<td>1 cup</td><td class="num">180 g</td><td class="num">157 mg</td>' in page


def test_detail_of_another_users_custom_food_is_404(client, user, other_user):
    food = make_food("Bob's bread", source="custom", created_by=other_user)
    client.force_login(user)
    assert client.get(reverse("foods:detail", args=[food.pk])).status_code == 404

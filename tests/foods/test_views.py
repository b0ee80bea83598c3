from decimal import Decimal

import pytest
from django.urls import reverse

from foods.models import SearchSynonym
from tests.factories import make_food, make_portion, make_profile
from tests.foods.usda_rows import usda_food, usda_foods

pytestmark = pytest.mark.django_db


def names(response):
    """The foods listed; none when the page shows help or errors instead of results."""
    return [food.name for food in response.context["page"] or []]


def test_search_needs_every_word_in_any_order_and_any_case(client):
    make_food("Seeds, pumpkin and squash seed kernels, dried")
    make_food("Pumpkin, raw")
    make_food("Seeds, sunflower seed kernels, dried")
    response = client.get(reverse("foods:list"), {"q": "SEEDS pumpkin"})
    assert names(response) == ["Seeds, pumpkin and squash seed kernels, dried"]


def test_search_ranks_the_food_itself_then_its_group_then_dishes_of_it(client):
    for name in ("Pie, pumpkin", "Pumpkin, canned", "Pumpkin", "Seeds, pumpkin kernels", "Pumpkin pie spice"):
        make_food(name)
    response = client.get(reverse("foods:list"), {"q": "pumpkins"})
    assert names(response) == [
        "Pumpkin",
        "Pumpkin, canned",
        "Seeds, pumpkin kernels",  # "Seeds" names the group, "pumpkin" the food
        "Pumpkin pie spice",
        "Pie, pumpkin",
    ]


def test_the_page_says_what_it_searched_for_a_typo_or_an_everyday_name(client):
    make_food("Broccoli, raw")
    make_food("Soymilk, original and vanilla, unfortified")
    typo = client.get(reverse("foods:list"), {"q": "brocoli"})
    assert names(typo) == ["Broccoli, raw"]
    assert "Showing results for “<strong>broccoli</strong>”" in typo.content.decode()
    SearchSynonym.objects.get_or_create(phrase="soy milk", defaults={"means": "soymilk"})
    synonym = client.get(reverse("foods:list"), {"q": "soy milk"})
    assert names(synonym) == ["Soymilk, original and vanilla, unfortified"]
    assert "Showing results for “<strong>soymilk</strong>”" in synonym.content.decode()
    plain = client.get(reverse("foods:list"), {"q": "broccoli"})
    assert "Showing results for" not in plain.content.decode()


def test_search_rows_show_magnesium_per_first_portion_and_per_100_g(client):
    food = make_food("Seeds, pumpkin and squash seed kernels, dried")
    make_portion(food, "1 oz", "28.35")
    make_portion(food, "1 cup", "138")
    make_food("Pumpkin mystery", magnesium_mg=None)
    make_food("Pumpkin, weighed only", magnesium_mg=Decimal("12"))
    page = client.get(reverse("foods:list"), {"q": "pumpkin"}).content.decode()
    assert '1 oz <span class="nowrap">(28.35 g)</span>' in page
    assert '168 mg <small class="per-100g">592 mg/100 g</small>' in page
    assert '<td class="num" data-label="Magnesium">unknown</td>' in page
    assert "No portion listed" in page
    assert '<small class="per-100g">12 mg/100 g</small>' in page
    assert "Phosphorus" not in page  # only for users with CKD


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


@pytest.mark.parametrize("foods", [1, 50])
@pytest.mark.parametrize("sort", ["relevance", "portion", "energy"])
def test_search_query_count_is_constant(client, django_assert_num_queries, foods, sort):
    for number in range(foods):
        food = make_food(f"Lentil {number}", category=f"Group {number % 7}")
        make_portion(food, "1 cup", "198")
        make_portion(food, "1 tbsp", "12")
    # food groups for the select, the synonyms and the matches to rank (one query, no COUNT), the page
    with django_assert_num_queries(3):
        response = client.get(reverse("foods:list"), {"q": "lentil", "sort": sort})
    assert len(names(response)) == min(foods, 25)


@pytest.mark.parametrize("foods", [1, 50])
def test_search_query_count_for_a_ckd_user_is_constant(client, user, django_assert_num_queries, foods):
    make_profile(user, has_ckd=True)
    client.force_login(user)
    for number in range(foods):
        make_portion(make_food(f"Lentil {number}"), "1 cup", "198")
    # session, user and profile, food groups, synonyms and matches, page, then for the Log
    # buttons the page's portions and the user's last entries of its foods
    with django_assert_num_queries(7):
        response = client.get(reverse("foods:list"), {"q": "lentil", "sort": "portion"})
    assert "Phosphorus" in response.content.decode()


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
    assert (
        '<td>1 cup</td><td class="num" data-label="Weight">180 g</td>'
        '<td class="num" data-label="Magnesium">157 mg</td>' in page
    )


def test_detail_of_another_users_custom_food_is_404(client, user, other_user):
    food = make_food("Bob's bread", source="custom", created_by=other_user)
    client.force_login(user)
    assert client.get(reverse("foods:detail", args=[food.pk])).status_code == 404


def test_food_group_select_lists_the_groups_and_filters(client):
    usda_foods()
    response = client.get(reverse("foods:list"), {"category": "Nut and Seed Products", "sort": "portion"})
    page = response.content.decode()
    assert '<option value="Nut and Seed Products" selected>Nut and Seed Products</option>' in page
    assert '<option value="Vegetables and Vegetable Products">' in page
    assert names(response)[:2] == [
        "Seeds, pumpkin and squash seed kernels, dried",
        "Nuts, brazilnuts, dried, unblanched",
    ]
    assert "4 foods in Nut and Seed Products." in page


def test_pagination_keeps_the_query_group_and_order(client):
    for number in range(30):
        make_food(f"Bean {number:02}", magnesium_mg=Decimal(number))
    page = client.get(
        reverse("foods:list"), {"q": "bean", "category": "Nut and Seed Products", "sort": "magnesium"}
    )
    assert (
        "q=bean&amp;category=Nut%20and%20Seed%20Products&amp;sort=magnesium&amp;page=2"
        in page.content.decode()
    )
    assert names(page)[0] == "Bean 29"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "bean", "sort": "sweetest"}, "Sort by: Select a valid choice. sweetest is not one of"),
        ({"category": "Candy"}, "Food group: Select a valid choice. Candy is not one of"),
        ({"q": "x" * 101}, "Search foods: Ensure this value has at most 100 characters"),
    ],
)
def test_bad_search_input_is_named_not_a_server_error(client, params, message):
    make_food("Bean")
    response = client.get(reverse("foods:list"), params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["page"] is None


def test_sort_by_energy_shows_magnesium_per_100_kcal(client):
    usda_food("Nuts, almonds")
    page = client.get(reverse("foods:list"), {"q": "almonds", "sort": "energy"}).content.decode()
    assert '<small class="per-100g">47 mg/100 kcal</small>' in page  # 270 mg in 579 kcal


def test_badges_follow_the_fda_claim_rule_per_reference_amount_not_per_first_portion(client):
    # almonds: 386 mg in 1 cup, whole, but 81 mg in their 30 g reference amount: a good source;
    # raw spinach: 24 mg in 1 cup, 67 mg in 85 g: a good source too
    usda_foods(
        "Nuts, almonds", "Spinach, raw", "Seeds, pumpkin and squash seed kernels, dried"
    )  # 178 mg: high
    # 49 mg/100 g makes 88 mg in the 1 cup (180 g) of cooked spinach, but 41.7 mg in 85 g: no claim
    usda_food("Spinach, cooked, boiled, drained, without salt", magnesium_mg=Decimal("49"))
    page = "".join(
        client.get(reverse("foods:list"), {"q": q}).content.decode()
        for q in ("almonds", "spinach", "pumpkin seeds")
    )
    assert page.count('<span class="badge badge-high">High in magnesium</span>') == 1
    assert page.count('<span class="badge badge-good">Good source of magnesium</span>') == 2
    assert "81 mg in the reference amount, 30 g (nuts, seeds)" in page
    assert "“High in magnesium” means at least 84 mg in the reference amount" in page


def kidney_pages(client, user):
    make_profile(user, has_ckd=True)
    client.force_login(user)
    almonds = usda_food("Nuts, almonds")
    usda_food("Seeds, pumpkin and squash seed kernels, dried")  # 178 mg in 30 g: 20 % DV or more
    return {
        "list": "".join(
            client.get(reverse("foods:list"), {"q": q}).content.decode()
            for q in ("almonds", "spinach", "pumpkin seeds")
        ),
        "rich": client.get(reverse("foods:rich")).content.decode(),
        "detail": client.get(reverse("foods:detail", args=[almonds.pk])).content.decode(),
    }


def test_ckd_user_sees_the_notice_and_neutral_badges_on_every_foods_page(client, user):
    for name, page in kidney_pages(client, user).items():
        assert "Kidney disease: ask your clinician" in page, name
        if name != "detail":
            assert "Magnesium 20 % DV or more" in page, name
        else:  # almonds: 81 mg in 30 g
            assert "Magnesium 10–19 % DV" in page, name
        for praise in ("High in magnesium", "Good source", "good source", "rich in", "eat more"):
            assert praise not in page, (name, praise)


def test_ckd_user_sees_phosphorus_and_potassium_per_portion_and_per_100_g(client, user):
    pages = kidney_pages(client, user)
    # almonds, 1 cup, whole (143 g): 481 mg P and 733 mg K per 100 g
    assert '688 mg <small class="per-100g">481 mg/100 g</small>' in pages["rich"]
    assert '1,048 mg <small class="per-100g">733 mg/100 g</small>' in pages["rich"]
    # the list shows the amount its Log button starts from: 1 oz (28.35 g) for nuts (30 g)
    assert '136 mg <small class="per-100g">481 mg/100 g</small>' in pages["list"]
    assert '208 mg <small class="per-100g">733 mg/100 g</small>' in pages["list"]
    assert "Magnesium 10–19 % DV" in pages["list"]
    assert "This is a table of facts, not advice to eat" in pages["rich"]


def test_users_without_ckd_see_no_kidney_notice(client, user):
    make_profile(user)
    client.force_login(user)
    seeds = usda_food("Seeds, pumpkin and squash seed kernels, dried")
    for url in (reverse("foods:list") + "?q=pumpkin", reverse("foods:rich"), seeds.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Kidney disease" not in page, url
        assert "High in magnesium" in page, url


def test_rich_page_lists_the_top_foods_of_each_group_with_their_badge(client):
    usda_foods()
    response = client.get(reverse("foods:rich"))
    page = response.content.decode()
    assert [(category, [food.name for food in foods]) for category, foods in response.context["groups"]] == [
        (
            "Nut and Seed Products",
            [
                "Seeds, pumpkin and squash seed kernels, dried",
                "Nuts, brazilnuts, dried, unblanched",
                "Nuts, almonds",
            ],
        ),
        (
            "Vegetables and Vegetable Products",
            ["Spinach, cooked, boiled, drained, without salt", "Spinach, raw"],
        ),
    ]
    assert '<h2 id="group-1">Nut and Seed Products</h2>' in page
    assert '<a href="#group-2">Vegetables and Vegetable Products</a>' in page
    # pumpkin seeds: 764 mg in the first portion (1 cup), the badge on 178 mg in 30 g
    assert "764 mg" in page and "178 mg in the reference amount, 30 g (nuts, seeds)" in page
    assert page.count("High in magnesium") == 2 + 1  # two badges and the legend
    assert page.count("Good source of magnesium") == 3 + 1


def test_rich_page_shows_at_most_five_foods_per_group(client):
    for number in range(7):
        make_portion(make_food(f"Seed {number}", magnesium_mg=Decimal(200 + number)), "1 cup", "100")
    groups = client.get(reverse("foods:rich")).context["groups"]
    assert [[food.name for food in foods] for _, foods in groups] == [
        ["Seed 6", "Seed 5", "Seed 4", "Seed 3", "Seed 2"]
    ]


@pytest.mark.parametrize("foods", [1, 50])
def test_rich_page_query_count_is_constant(client, user, django_assert_num_queries, foods):
    make_profile(user, has_ckd=True)
    client.force_login(user)
    for number in range(foods):
        food = make_food(
            f"Seed {number}",
            category=f"Group {number % 9}",
            reference_amount_g=30,
            racc_category="nuts_seeds",
        )
        make_portion(food, "1 cup", "129")
    with django_assert_num_queries(3):  # session, user and profile, the ranked foods
        response = client.get(reverse("foods:rich"))
    assert sum(len(foods) for _, foods in response.context["groups"]) == min(foods, 45)


def test_detail_lists_every_portion_with_four_minerals_and_links_the_usda_record(client):
    food = usda_food("Candies, ALMOND JOY Candy Bar")  # magnesium unknown
    make_portion(food, "1 snack size bar", "17")
    page = client.get(reverse("foods:detail", args=[food.pk])).content.decode()
    assert (
        '<tr><td>1 package 1.76 oz</td><td class="num" data-label="Weight">49 g</td>'
        '<td class="num" data-label="Magnesium">unknown</td><td class="num" data-label="Calcium">31 mg</td>'
        '<td class="num" data-label="Phosphorus">55 mg</td>'
        '<td class="num" data-label="Potassium">124 mg</td></tr>'
    ) in page
    assert '<tr><td>1 snack size bar</td><td class="num" data-label="Weight">17 g</td>' in page
    assert '<a href="https://fdc.nal.usda.gov/food-details/167562/nutrients">FDC id 167562' in page
    assert "Source: USDA SR28" in page


def test_detail_without_fdc_id_has_no_usda_link(client):
    food = usda_food("Cereals ready-to-eat, KELLOGG'S SPECIAL K Chocolate Almond")
    page = client.get(reverse("foods:detail", args=[food.pk])).content.decode()
    assert "fdc.nal.usda.gov" not in page


def test_detail_shows_the_reference_amount_and_the_claim_it_earns(client):
    food = usda_food("Nuts, almonds")  # 386 mg in its first portion, 1 cup, whole
    page = client.get(reverse("foods:detail", args=[food.pk])).content.decode()
    claim = page[page.index('<p class="claim">') :]
    assert '<span class="badge badge-good">Good source of magnesium</span>' in claim
    assert "FDA reference amount: 30 g (nuts, seeds), with 81 mg of magnesium." in claim


def test_detail_of_a_food_without_a_reference_amount_says_it_makes_no_claim(client):
    food = usda_food("Candies, sugar-coated almonds")  # 137 mg/100 g
    page = client.get(reverse("foods:detail", args=[food.pk])).content.decode()
    assert "No FDA reference amount fits this food, so it makes no magnesium claim." in page
    assert "badge-" not in page

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from foods.amounts import food_measures
from foods.models import Food, SearchSynonym
from foods.search import (
    find_foods,
    food_groups,
    magnesium_rich_foods,
    portions_by_food,
    search,
    visible_foods,
)
from tests.factories import make_custom_food, make_food, make_portion
from tests.foods.usda_rows import usda_food, usda_foods

pytestmark = pytest.mark.django_db


def found(query="", category="", sort="relevance"):
    return [food.name for food in find_foods(visible_foods(AnonymousUser()), query, category, sort)]


def test_almond_lists_plain_almonds_before_almond_flavoured_products():
    usda_foods()
    names = found("almonds")
    assert names[0] == "Nuts, almonds"
    # brands and sweets after the nuts and the oil
    assert names.index("Oil, almond") < names.index("Candies, ALMOND JOY Candy Bar")
    assert names.index("Nuts, almond paste") < names.index(
        "Cereals ready-to-eat, KELLOGG'S SPECIAL K Chocolate Almond"
    )


def test_pumpkin_lists_the_vegetable_first_and_the_fish_last():
    usda_foods()
    make_food("Pumpkin pie mix, canned")
    names = found("pumpkin")
    assert names[0] == "Pumpkin, raw"
    assert names[-1] == "Fish, sunfish, pumpkin seed, raw"  # "pumpkin" only in the third segment
    assert set(names) == {
        "Pumpkin, raw",
        "Pumpkin pie mix, canned",
        "Spices, pumpkin pie spice",
        "Pie, pumpkin, commercially prepared",
        "Seeds, pumpkin and squash seed kernels, dried",
        "Fish, sunfish, pumpkin seed, raw",
    }


def test_spinach_lists_spinach_itself_first():
    usda_foods()
    assert found("spinach") == [
        "Spinach, raw",
        "Spinach, cooked, boiled, drained, without salt",
        "Malabar spinach, cooked",
    ]


@pytest.mark.parametrize(
    ("names", "query", "expected"),
    [
        (["Oats, rolled", "Oats"], "oats", ["Oats", "Oats, rolled"]),  # exact name first
        (["Pepper, banana, raw", "Bananas, raw"], "banana", ["Bananas, raw", "Pepper, banana, raw"]),
        (["Eggplant, raw", "Egg, whole, raw, fresh"], "egg", ["Egg, whole, raw, fresh", "Eggplant, raw"]),
        (
            ["Tomatoes, red, ripe, raw", "Tomato powder"],
            "tomato",
            ["Tomatoes, red, ripe, raw", "Tomato powder"],
        ),
        # a word inside another word is no match
        (["Licorice", "Rice, brown, long-grain, cooked"], "rice", ["Rice, brown, long-grain, cooked"]),
        (
            ["Restaurant, Latino, rice and black beans", "Beans, black, mature seeds, cooked, boiled"],
            "black beans",
            ["Beans, black, mature seeds, cooked, boiled", "Restaurant, Latino, rice and black beans"],
        ),
        # a word start anywhere beats a match inside a word
        (["Cereals, granola, oat", "Beverages, coconut water"], "oat", ["Cereals, granola, oat"]),
    ],
)
def test_rank_rules(names, query, expected):
    for name in names:
        make_food(name)
    assert found(query)[: len(expected)] == expected


def test_every_word_must_match_in_any_order():
    usda_foods()
    assert found("SEEDS pumpkin")[0] == "Seeds, pumpkin and squash seed kernels, dried"
    assert found("pumpkin seeds almond") == []


@pytest.mark.parametrize("query", ["a(b", "c++", "50%", "[x]", "a_b", "x'"])
def test_characters_special_to_regexes_like_or_full_text_are_plain_text(query):
    make_food("Soup, a(b c++ 50% [x] \\ a_b * ^$ . ' ?")
    make_food("Soup, plain")
    assert found(query) == ["Soup, a(b c++ 50% [x] \\ a_b * ^$ . ' ?"]


@pytest.mark.parametrize(
    "query", ["[", "\\", "*", "^$", ".", "'", "?", '"', "AND", "NEAR(", "-", ":*", "&|!"]
)
def test_a_query_of_punctuation_or_search_syntax_finds_nothing_and_fails_nothing(query):
    make_food("Soup, a(b c++ 50% [x] \\ a_b * ^$ . ' ?")
    assert found(query) in ([], ["Soup, a(b c++ 50% [x] \\ a_b * ^$ . ' ?"])


def test_sorting_by_magnesium_per_portion_puts_pumpkin_seeds_above_almonds():
    usda_foods()
    assert found("nuts", sort="relevance")[0] == "Nuts, almonds"
    assert found(category="Nut and Seed Products", sort="portion") == [
        "Seeds, pumpkin and squash seed kernels, dried",  # 764 mg in 1 cup (129 g)
        "Nuts, brazilnuts, dried, unblanched",  # 500 mg in 1 cup, whole (133 g)
        "Nuts, almonds",  # 386 mg in 1 cup, whole (143 g)
        "Nuts, almond paste",  # 37 mg in 1 oz
    ]


def test_sorting_by_magnesium_per_100_g_puts_unknown_last_and_zero_before_it():
    usda_foods()
    assert found("almond", sort="magnesium") == [
        "Nuts, almonds",
        "Candies, sugar-coated almonds",
        "Nuts, almond paste",
        "Snacks, granola bars, hard, almond",
        "Cereals ready-to-eat, KELLOGG'S SPECIAL K Chocolate Almond",
        "Beverages, almond milk, unsweetened, shelf stable",
        "Oil, almond",  # 0 mg is known
        "Candies, ALMOND JOY Candy Bar",  # unknown, never sorted as 0
    ]


def test_sorting_by_magnesium_per_portion_puts_foods_without_a_portion_or_magnesium_last():
    usda_food("Nuts, almonds")
    usda_food("Oil, almond")
    usda_food("Candies, ALMOND JOY Candy Bar")  # magnesium unknown
    usda_food("Nuts, almond paste", with_portion=False)  # 130 mg/100 g, but no portion
    assert found("almond", sort="portion") == [
        "Nuts, almonds",
        "Oil, almond",
        "Candies, ALMOND JOY Candy Bar",
        "Nuts, almond paste",
    ]


def test_sorting_per_portion_uses_the_first_portion_by_seq():
    food = usda_food("Nuts, almond paste", with_portion=False)
    make_portion(food, "1 cup", "227", seq=2)
    make_portion(food, "1 oz", "28.35", seq=1)
    usda_food("Candies, sugar-coated almonds", magnesium_mg=Decimal(137))  # 4.8 mg in 1 piece
    assert found("almond", sort="portion") == ["Nuts, almond paste", "Candies, sugar-coated almonds"]
    assert find_foods(visible_foods(AnonymousUser()), "paste", "", "portion")[0].portion_description == "1 oz"


def test_sorting_by_magnesium_per_100_kcal_puts_zero_and_unknown_energy_last():
    usda_foods()
    make_food("Beverages, mystery", category="Beverages", magnesium_mg=Decimal(5), energy_kcal=None)
    assert found(category="Beverages", sort="energy") == [
        "Beverages, tea, black, brewed, prepared with tap water",  # 300 mg per 100 kcal
        "Beverages, almond milk, unsweetened, shelf stable",  # 47 mg per 100 kcal
        "Beverages, mystery",  # energy unknown
        "Beverages, water, tap, drinking",  # 0 kcal
    ]


@pytest.mark.parametrize(
    ("sort", "slightly_less", "slightly_more"),
    [
        # Whole-number decimals: SQLite stores them as integers; integer division would tie both at 49.
        ("energy", {"magnesium_mg": 99, "energy_kcal": 200}, {"magnesium_mg": 100, "energy_kcal": 201}),
        ("portion", {"magnesium_mg": 99, "grams": 50}, {"magnesium_mg": 199, "grams": 25}),
    ],
)
def test_sorting_maths_keeps_fractions(sort, slightly_less, slightly_more):
    for name, values in (("Bean A", slightly_less), ("Bean B", slightly_more)):
        grams = values.pop("grams", 100)
        make_portion(
            make_food(name, **{key: Decimal(value) for key, value in values.items()}), "1 cup", grams
        )
    assert found("bean", sort=sort) == ["Bean B", "Bean A"]


def test_category_filter_alone_lists_the_group_by_name():
    usda_foods()
    assert found(category="Vegetables and Vegetable Products") == [
        "Malabar spinach, cooked",
        "Pumpkin, raw",
        "Spinach, cooked, boiled, drained, without salt",
        "Spinach, raw",
    ]
    assert found("spinach", category="Vegetables and Vegetable Products", sort="portion") == [
        "Spinach, cooked, boiled, drained, without salt",
        "Spinach, raw",
        "Malabar spinach, cooked",
    ]


def rich(per_category=2, min_mg=Decimal(42)):
    foods = magnesium_rich_foods(visible_foods(AnonymousUser()), per_category, min_mg)
    return [(food.category, food.name) for food in foods]


def test_rich_foods_are_the_top_of_each_group_per_reference_amount_from_the_live_database():
    usda_foods()
    assert rich() == [
        ("Nut and Seed Products", "Seeds, pumpkin and squash seed kernels, dried"),  # 178 mg in 30 g
        ("Nut and Seed Products", "Nuts, brazilnuts, dried, unblanched"),  # 113 mg
        # groups where no food reaches 42 mg in its reference amount are left out
        (
            "Vegetables and Vegetable Products",
            "Spinach, cooked, boiled, drained, without salt",
        ),  # 74 mg in 85 g
        ("Vegetables and Vegetable Products", "Spinach, raw"),  # 67 mg in 85 g, though 24 mg in its 1 cup
    ]
    # A small first portion does not hide a food: 5 mg in its tablespoon, 83 mg in its 85 g.
    make_portion(
        make_food(
            "Beet greens, cooked", category="Vegetables and Vegetable Products", magnesium_mg=Decimal(98)
        ),
        "1 tbsp",
        "5",
    )
    assert rich()[2:] == [
        ("Vegetables and Vegetable Products", "Beet greens, cooked"),
        ("Vegetables and Vegetable Products", "Spinach, cooked, boiled, drained, without salt"),
    ]


def test_a_food_without_a_reference_amount_is_not_rich_however_large_its_portion():
    # Raw dried beans: no Table 2 row the app uses, so no reference amount, whatever a cup holds.
    make_portion(
        make_food("Mothbeans, mature seeds, raw", category="Legumes and Legume Products"), "1 cup", "196"
    )
    assert rich() == []


def test_rich_foods_leave_out_archived_and_private_foods_and_unknown_magnesium(other_user):
    usda_food("Nuts, almonds")
    usda_food("Nuts, brazilnuts, dried, unblanched", is_active=False)
    make_portion(make_food("Bob's seed mix", source="custom", created_by=other_user), "1 cup", "140")
    usda_food("Seeds, pumpkin and squash seed kernels, dried", magnesium_mg=None)
    assert rich() == [("Nut and Seed Products", "Nuts, almonds")]


def test_the_index_follows_every_change_of_a_food_name():
    food = make_food("Kohlrabi, raw")
    assert found("kohlrabi") == ["Kohlrabi, raw"]
    food.name = "Turnip greens, raw"
    food.save()
    assert found("kohlrabi") == [] and found("turnip") == ["Turnip greens, raw"]
    Food.objects.filter(pk=food.pk).update(name="Rutabagas, raw")  # a bulk write, as the import's
    assert found("turnip") == [] and found("rutabaga") == ["Rutabagas, raw"]
    food.delete()
    assert found("rutabaga") == []


def test_a_curators_synonym_is_used_as_soon_as_it_is_saved():
    make_food("Rutabagas, raw")
    assert found("swedes") == []
    SearchSynonym.objects.create(phrase="  Swedes ", means="Rutabagas")
    assert found("swedes") == ["Rutabagas, raw"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("brocoli", "broccoli"),
        ("choclate", "chocolate"),
        ("blackbeans", "black beans"),
        ("bananna", "banana"),
    ],
)
def test_typos_are_corrected_and_said(typed, meant):
    for name in ("Broccoli, raw", "Chocolate, dark", "Beans, black, mature seeds, raw", "Bananas, raw"):
        make_food(name)
    result = search(visible_foods(AnonymousUser()), typed)
    assert result.ids and result.because == "typo" and result.showing_results_for == meant


def test_a_word_no_food_is_near_finds_nothing_without_a_correction():
    make_food("Bananas, raw")
    result = search(visible_foods(AnonymousUser()), "xylophone")
    assert result.ids == [] and result.showing_results_for == ""


def test_portions_by_food_lists_each_foods_portions_by_seq_in_one_query(django_assert_num_queries):
    almonds, salt = make_food("Nuts, almonds"), make_food("Salt, table")
    make_portion(almonds, "1 oz", "28.35", seq=2)
    make_portion(almonds, "1 cup", "143", seq=1)
    with django_assert_num_queries(1):
        portions = portions_by_food([almonds, salt])
    assert {pk: [p.description for p in listed] for pk, listed in portions.items()} == {
        almonds.pk: ["1 cup", "1 oz"],
        salt.pk: [],
    }

    def shown(measures):
        return {key: (str(m), m.description, m.grams) for key, m in measures.items()}

    assert shown(food_measures(almonds, portions[almonds.pk])) == shown(food_measures(almonds))
    assert str(portions[almonds.pk][1]) == "1 oz (28.35 g)" == str(almonds.portions.get(seq=2))


def groups_by_orm(user) -> list[str]:
    foods = visible_foods(user).exclude(category="").order_by("category")
    return list(foods.values_list("category", flat=True).distinct())


def test_food_groups_are_those_of_the_foods_each_user_may_see_read_fresh_each_time(user, other_user):
    make_food("Nuts, almonds", category="Nut and Seed Products")
    make_food("Nuts, cashews", category="Nut and Seed Products")
    make_food("Spinach, raw", category="Vegetables")
    make_food("Old bread", category="Baked Products", is_active=False)
    make_custom_food(user, "My porridge", category="Recipes")
    make_custom_food(other_user, "Their stew", category="Stews")
    make_custom_food(other_user, "Their bar", category="Bars", status="approved")
    anonymous = AnonymousUser()
    for someone in (user, other_user, anonymous):
        assert food_groups(someone) == groups_by_orm(someone)
    assert food_groups(user) == ["Bars", "Nut and Seed Products", "Recipes", "Vegetables"]
    assert food_groups(anonymous) == ["Bars", "Nut and Seed Products", "Vegetables"]
    make_food("Fish, salmon", category="Finfish")  # the SQL is kept, never the groups
    assert "Finfish" in food_groups(user) and "Finfish" in food_groups(anonymous)

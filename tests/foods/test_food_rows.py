"""The food table's rows, built in Python (foods/templatetags/food_rows.py): what a row shows and
that a name is text, never markup."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy

from foods.display import default_portions, nutrient_label
from foods.forms import FoodSearchForm
from foods.models import Food
from foods.search import portions_by_food, with_magnesium_measures
from foods.templatetags.food_rows import esc
from tests.factories import make_custom_food, make_food, make_portion

pytestmark = pytest.mark.django_db
NAME = 'Granola <img src=x onerror="alert(1)">&Co'


def test_a_name_with_markup_is_escaped_in_every_part_of_its_row(alice_client, user):
    food = make_custom_food(user, NAME, magnesium_mg=100)
    make_portion(food, "1 <b>bar</b>", "40")
    page = alice_client.get(reverse("foods:list"), {"q": "granola"}).content.decode()
    assert "<img" not in page and "<b>bar" not in page
    escaped = "Granola &lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;Co"
    # the link, the Log form's two labels and its button's hidden text, "More options"
    assert page.count(escaped) == 5
    assert '1 &lt;b&gt;bar&lt;/b&gt; <span class="nowrap">(40 g)</span>' in page


def test_a_row_has_the_log_form_posting_to_the_chosen_day_and_meal(alice_client, user, pumpkin):
    page = alice_client.get(reverse("foods:list"), {"q": "pumpkin", "date": "2026-03-02", "meal": "dinner"})
    html = page.content.decode()
    action = f"{reverse('tracker:entry_new', args=[pumpkin.pk])}?date=2026-03-02&amp;meal=dinner"
    assert f'<form method="post" action="{action}" class="log-row">' in html
    assert 'name="csrfmiddlewaretoken"' in html and 'name="once"' in html
    ounce = pumpkin.portions.get(description="1 oz")  # the portion nearest the 30 g reference amount
    assert f'<option value="{ounce.pk}" selected>1 oz (28.35 g)</option>' in html


def test_the_search_forms_lists_are_written_out_with_the_choice_selected():
    form = FoodSearchForm(
        {"q": "oats", "category": "Nuts & <Seeds>", "sort": "energy"}, ["Nuts & <Seeds>", "Oils"]
    )
    assert form.is_valid()
    assert str(form["category"]) == (
        '<select name="category" id="id_category"><option value="">All food groups</option>'
        '<option value="Nuts &amp; &lt;Seeds&gt;" selected>Nuts &amp; &lt;Seeds&gt;</option>'
        '<option value="Oils">Oils</option></select>'
    )
    assert '<option value="energy" selected>Magnesium per 100 kcal</option>' in str(form["sort"])


def test_default_portions_from_the_fetched_portions_equal_the_sql_annotations(user, pumpkin, spinach):
    custom = make_custom_food(user, "Bar, Brand X", magnesium_mg=100)
    make_portion(custom, "1 bar", "40")
    bare = make_custom_food(user, "Water, Brand Y", magnesium_mg=5)
    no_portion = make_food("Salt, table", category="Spices and Herbs", magnesium_mg=1)
    ids = [pumpkin.pk, spinach.pk, custom.pk, bare.pk, no_portion.pk]
    names = ("portion_description", "portion_grams", "reference_grams")
    annotated = {
        f.pk: [getattr(f, n) for n in names] for f in with_magnesium_measures(Food.objects.filter(pk__in=ids))
    }
    fetched = list(Food.objects.filter(pk__in=ids))
    default_portions(fetched, portions_by_food(fetched))
    assert {f.pk: [getattr(f, n) for n in names] for f in fetched} == annotated
    assert annotated[custom.pk] == ["1 bar", Decimal("40.000"), Decimal("40.000")]  # a custom food's serving
    assert annotated[no_portion.pk][:2] == [None, None]


@pytest.mark.parametrize(
    "value", [NAME, "Fish & chips 'n' \"peas\"", 12, Decimal("0.5"), gettext_lazy("Log")]
)
def test_esc_writes_text_as_djangos_escape_does(value):
    assert esc(value) == escape(value)


def test_the_search_forms_lists_escape_what_they_write():
    form = FoodSearchForm({"q": "", "category": 'A "B" & <C>', "sort": ""}, ['A "B" & <C>'])
    assert form.is_valid()
    assert (
        '<option value="A &quot;B&quot; &amp; &lt;C&gt;" selected>A &quot;B&quot; &amp; &lt;C&gt;</option>'
        in str(form["category"])
    )


@pytest.mark.parametrize(
    ("name", "label"),
    [("magnesium_mg", "Magnesium"), ("vitamin_d_ug", "Vitamin D, D2 + D3"), ("energy_kcal", "Energy")],
)
def test_a_nutrients_label_is_its_verbose_name_without_the_unit(name, label):
    assert nutrient_label(Food(), name) == label == nutrient_label(Food(), name)

"""Importing a plain CSV (date, meal, food, grams): each name matched with the food search, the
user choosing the food for each name before anything is saved."""

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import make_custom_food, make_food
from tests.tracker.test_cronometer_import import upload
from tracker.importing import reading
from tracker.importing.forms import key_of
from tracker.importing.reading import MAX_PLAIN_NAMES
from tracker.models import IntakeEntry, LogImport

PUMPKIN = "Seeds, pumpkin and squash seed kernels, dried"
SPINACH = "Spinach, cooked, boiled, drained, without salt"
STEW = "Grandma's stew"
CSV = b"""date,meal,food,grams
2026-03-02,breakfast,pumpkin seeds,28.35
2026-03-02,lunch,spinach boiled,180
2026-03-03,Dinner,Grandma's stew,300
2026-03-03,snack,pumpkin seeds,10
"""


@pytest.fixture
def foods():
    return make_food(PUMPKIN, magnesium_mg=Decimal("592")), make_food(SPINACH, magnesium_mg=Decimal("87"))


@pytest.mark.django_db
def test_the_preview_shows_each_match_and_lists_the_unmatched_names(alice_client, foods):
    response = upload(alice_client, CSV, fmt="csv")
    page = alice_client.get(response.url).content.decode()
    pumpkin, spinach = foods
    assert f'<option value="{pumpkin.pk}" selected>{PUMPKIN}</option>' in page
    assert f'<option value="{spinach.pk}" selected>{SPINACH}</option>' in page
    assert "No food found for: “Grandma&#x27;s stew”" in page
    assert "3 food entries on 2 days" in page  # the stew's row is left out, not counted as unknown
    assert "(unknown for" not in page
    assert "324.4 mg" in page  # 2 March: 167.8 mg of pumpkin seeds and 156.6 mg of spinach
    assert IntakeEntry.objects.count() == 0


@pytest.mark.django_db
def test_confirmed_rows_are_logged_with_the_chosen_foods_values_and_unmatched_rows_left_out(
    alice_client, user, foods
):
    pumpkin, spinach = foods
    response = upload(alice_client, CSV, fmt="csv")
    alice_client.post(
        response.url,
        {
            f"food_{key_of('pumpkin seeds')}": pumpkin.pk,
            f"food_{key_of('spinach boiled')}": spinach.pk,
            f"food_{key_of(STEW)}": "",
        },
    )
    entries = IntakeEntry.objects.filter(user=user).order_by("date", "meal")
    assert [(e.date, e.meal, e.food, e.amount_g, e.magnesium_mg) for e in entries] == [
        (date(2026, 3, 2), "breakfast", pumpkin, Decimal("28.35"), Decimal("167.832")),
        (date(2026, 3, 2), "lunch", spinach, Decimal("180"), Decimal("156.6")),
        (date(2026, 3, 3), "snack", pumpkin, Decimal("10"), Decimal("59.2")),
    ]
    assert "1 row was left out: no food was chosen for their name" in LogImport.objects.get().message
    # Again: nothing more.
    again = upload(alice_client, CSV, fmt="csv")
    alice_client.post(again.url, {f"food_{key_of('pumpkin seeds')}": pumpkin.pk})
    assert IntakeEntry.objects.filter(user=user).count() == 3


@pytest.mark.django_db
def test_another_users_private_food_is_never_matched_nor_accepted(alice_client, user, other_user, foods):
    theirs = make_custom_food(other_user, name="Grandma's stew", magnesium_mg=Decimal("40"))
    response = upload(alice_client, CSV, fmt="csv")
    page = alice_client.get(response.url).content.decode()
    assert f'value="{theirs.pk}"' not in page and "No food found for: “Grandma&#x27;s stew”" in page
    answer = alice_client.post(response.url, {f"food_{key_of(theirs.name)}": theirs.pk})
    assert "Select a valid choice" in answer.content.decode()  # the form again: not one of the choices
    assert not LogImport.objects.get().is_confirmed
    assert not IntakeEntry.objects.filter(food=theirs).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"date,meal,food\n2026-03-02,lunch,x\n", "Line 1: the file has no column “grams”"),
        (b"date,meal,food,grams\n2026-03-02,brunch,x,10\n", "Line 2: the meal “brunch” is not"),
        (b"date,meal,food,grams\n2026-03-02,lunch,x,-10\n", "Line 2: grams is negative"),
        (b"date,meal,food,grams\n2026-03-02,lunch,x,\n", "Line 2: grams is empty"),
        (b"date,meal,food,grams\n2026-03-02,lunch,x,1e3\n", "Line 2: grams “1e3” is in exponent notation"),
        (
            b"date,meal,food,grams\n2026-03-02,lunch,x,10\n2026-03-02,lunch,x,1.00E+9\n",
            "Line 3: grams “1.00E+9” is in exponent notation; write the number in plain digits",
        ),
        (
            b"date,meal,food,grams\n2026-03-02,lunch,x,10\n2026-13-02,lunch,x,10\n",
            "Line 3: “2026-13-02” is not a real date",
        ),
    ],
)
@pytest.mark.django_db
def test_a_bad_plain_csv_is_refused_naming_the_line(alice_client, data, message):
    response = upload(alice_client, data, fmt="csv")
    assert response.status_code == 200  # the form again, with the problem
    assert message in response.content.decode()
    assert not LogImport.objects.exists()


@pytest.mark.parametrize(
    ("grams", "read"), [("28.35", "28.350"), ("180", "180.000"), ("1,234.5", "1234.500"), ("0.0005", "0.001")]
)
def test_plain_decimal_grams_are_read(grams, read):
    result = reading.read_plain_csv(f'date,meal,food,grams\n2026-03-02,lunch,x,"{grams}"\n'.encode())
    assert result.problems == []
    assert result.rows[0]["amount_g"] == read


@pytest.mark.django_db
def test_a_plain_csv_naming_too_many_different_foods_is_refused(alice_client):
    # Each name is searched on every showing of the preview: thousands would tie up the server.
    lines = [f"2026-03-02,lunch,food number {i},10" for i in range(MAX_PLAIN_NAMES + 1)]
    response = upload(alice_client, "\n".join(["date,meal,food,grams", *lines]).encode(), fmt="csv")
    assert response.status_code == 200
    assert f"The file names {MAX_PLAIN_NAMES + 1} different foods; at most {MAX_PLAIN_NAMES}" in (
        response.content.decode()
    )
    assert not LogImport.objects.exists()


@pytest.mark.django_db
def test_an_unmatched_name_can_be_searched_as_other_words_and_then_chosen(alice_client, user, foods):
    pumpkin, _ = foods
    stew = key_of(STEW)
    response = upload(alice_client, CSV, fmt="csv")
    page = alice_client.post(response.url, {"search_again": "1", f"search_{stew}": "pumpkin"})
    assert page.status_code == 200 and not LogImport.objects.get().is_confirmed
    assert (
        f'<option value="{pumpkin.pk}" selected>{PUMPKIN}</option>'
        in page.content.decode().split(f'name="food_{stew}"')[1]
    )
    alice_client.post(response.url, {f"search_{stew}": "pumpkin", f"food_{stew}": pumpkin.pk})
    assert IntakeEntry.objects.filter(user=user, food=pumpkin, amount_g=300).exists()

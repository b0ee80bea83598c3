"""The day page and its summary: food, supplements and total apart; the cofactor panel;
the CKD safeguard."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from tests.factories import make_entry, make_food, make_portion, make_profile, make_supplement
from tests.pages import section, text
from tracker.queries import entries_shown_for_day
from tracker.summary import day_summary

pytestmark = pytest.mark.django_db

ON = date(2026, 4, 20)
DAY = f"/day/{ON.isoformat()}/"
# Wording the app must never show a user with CKD (CONTENT.md, red lines and point 5).
NUDGES = ("eat more", "close your gap", "take more", "try a supplement", "consider a supplement", "boost")


@pytest.fixture
def foods():
    """Seven foods; vitamin K is unknown for three, vitamin D for two."""
    return [
        make_food(
            f"Food {n}",
            magnesium_mg=Decimal(10),
            vitamin_d_ug=None if n < 2 else Decimal("1.5"),
            vitamin_k_ug=None if n < 3 else Decimal(20),
        )
        for n in range(7)
    ]


def test_day_shows_food_supplement_and_total_magnesium_apart(alice_client, user):
    make_profile(user, birth_date=date(1986, 1, 1), sex="male")
    make_entry(user, make_food(magnesium_mg=Decimal(100)), amount_g="100", on=ON)
    make_supplement(user, elemental_mg="150", on=ON)
    summary = day_summary(user, ON)
    assert (summary.food_magnesium_mg, summary.supplement_magnesium_mg, summary.total_magnesium_mg) == (
        100,
        150,
        250,
    )
    assert (summary.target_mg, summary.percent_of_target) == (420, 60)
    page = alice_client.get(DAY).content.decode()
    assert "250 mg of 420 mg (60 %)" in section(page, "summary-title")
    assert "Food 100 mg Supplements 150 mg Total 250 mg" in section(page, "summary-title")
    assert "Magnesium citrate 200" in section(page, "supplements-title")


def test_cofactor_panel_totals_and_counts_unknowns(alice_client, user, foods):
    for food in foods:
        make_entry(user, food, amount_g="200", on=ON)
    summary = day_summary(user, ON)
    assert {c.field: (c.total, c.unknown) for c in summary.cofactors} == {
        "calcium_mg": (Decimal("644"), 0),  # 46 mg per 100 g × 2 × 7
        "phosphorus_mg": (Decimal("17262"), 0),
        "potassium_mg": (Decimal("11326"), 0),
        "vitamin_d_ug": (Decimal("15"), 2),
        "vitamin_k_ug": (Decimal("160"), 3),
    }
    panel = section(alice_client.get(DAY).content.decode(), "cofactors-title")
    assert "Vitamin K (K1, phylloquinone) 160 µg unknown for 3 of 7 foods" in panel
    assert "Vitamin D (D2 + D3) 15 µg unknown for 2 of 7 foods" in panel
    assert "Calcium 644 mg Phosphorus" in panel  # nothing unknown, nothing said
    page = alice_client.get(DAY).content.decode()
    assert 'href="/learn/cofactors/"' in page


def test_day_summary_is_three_queries_whatever_the_day_holds(user, foods, django_assert_num_queries):
    make_profile(user)
    with django_assert_num_queries(2):  # food and supplement aggregates; the profile is on the user
        day_summary(user, ON)
    for food in foods:
        make_entry(user, food, on=ON)
        make_supplement(user, on=ON)
    with django_assert_num_queries(2):
        summary = day_summary(user, ON)
    assert (summary.entries, summary.supplement_entries, summary.supplement_magnesium_mg) == (7, 7, 1400)


def test_a_day_summary_from_the_entries_the_page_has_equals_the_one_it_reads(
    user, foods, django_assert_num_queries
):
    """The day page passes the entries it lists (tracker.queries.entries_shown_for_day), whose
    nutrients the summary adds up instead of reading them again: the same totals and unknowns."""
    make_profile(user)
    for food in foods:
        make_entry(user, food, on=ON, amount_g="33.3")
    make_entry(user, foods[0], on=ON.replace(day=21))  # another day
    entries = list(entries_shown_for_day(user, ON))
    with django_assert_num_queries(1):  # the supplements; the food comes from the entries
        given = day_summary(user, ON, entries)
    read = day_summary(user, ON)
    assert (given.totals, given.missing, given.entries) == (read.totals, read.missing, read.entries)
    assert given.entries == 7 and given.missing["vitamin_k_ug"] == 3


def test_day_page_query_count_is_constant_with_food_and_supplements(
    alice_client, user, foods, django_assert_num_queries
):
    make_profile(user)
    # session, user, entries, supplements, the supplements' sum (the profile is read with the user,
    # the food's sums come from the entries), gap suggestions below the target, and the recent
    # foods to log again
    with django_assert_num_queries(7):
        alice_client.get(DAY)
    for food in foods:
        make_entry(user, food, on=ON)
        make_supplement(user, on=ON, name=food.name)
    with django_assert_num_queries(6):  # above the target: no suggestions to look up
        alice_client.get(DAY)


# The CKD safeguard.
@pytest.mark.parametrize("url", ["/", DAY, "/supplements/", f"/supplements/?date={ON}", "/supplements/new/"])
def test_ckd_user_sees_the_notice_on_every_page_and_no_nudge(alice_client, user, url, foods):
    make_profile(user, has_ckd=True)
    make_entry(user, foods[0], on=ON)
    make_supplement(user, on=ON)
    page = alice_client.get(url).content.decode()
    assert "Kidney disease: ask your clinician" in page
    assert "notice-ckd" in page
    lowered = text(page).lower()
    assert not [nudge for nudge in NUDGES if nudge in lowered]


@pytest.mark.parametrize("url", ["/", DAY, "/supplements/", "/supplements/new/"])
def test_user_without_ckd_does_not_see_the_ckd_notice(alice_client, user, url):
    make_profile(user)
    page = alice_client.get(url).content.decode()
    assert "Kidney disease: ask your clinician" not in page
    assert "notice-ckd" not in page


def test_ckd_user_without_clinician_target_gets_no_goal_bar_but_a_prompt(alice_client, user, foods):
    make_profile(user, has_ckd=True, reference_standard="efsa")
    make_entry(user, foods[0], amount_g="100", on=ON)
    response = alice_client.get(DAY)
    summary, page = response.context["summary"], response.content.decode()
    assert (summary.target, summary.percent_of_target, summary.target_source) == (None, None, None)
    assert [notice.code for notice in summary.notices] == ["ckd", "ckd_no_target"]
    assert "<meter" not in page
    assert " of 300 mg" not in page  # no EFSA value either
    assert "Ask your kidney team (nephrologist or renal dietitian) for a personal magnesium target" in text(
        page
    )
    assert "Phosphorus 1,233 mg Potassium 809 mg" in section(page, "summary-title")
    assert 'href="/learn/kidney/"' in page


def test_ckd_user_with_a_clinician_target_sees_the_figures_against_it_and_no_bar(alice_client, user, foods):
    make_profile(user, has_ckd=True, clinician_target_mg=200)
    make_entry(user, foods[0], amount_g="500", on=ON)
    response = alice_client.get(DAY)
    summary, page = response.context["summary"], response.content.decode()
    assert (summary.target_mg, summary.target_source, summary.target_kind) == (200, "clinician", "clinician")
    assert [notice.code for notice in summary.notices] == ["ckd"]
    assert "50 mg of 200 mg (25 %)" in section(page, "summary-title")
    # no bar to fill: the app never rewards a CKD user for more
    assert "<meter" not in page and "past-target" not in page


def meter_of(page: str) -> dict[str, float]:
    tag = re.search(r'<meter id="progress"([^>]*)>', page).group(1)
    return {name: float(value) for name, value in re.findall(r'(\w+)="([\d.]+)"', tag)}


@pytest.mark.parametrize(
    "grams, past",
    [("100", False), ("400", False), ("600", True), ("2000", True)],  # 80, 320 (= target), 480, 1600 mg
)
def test_the_bar_is_the_meters_optimum_up_to_the_target_and_not_past_it(
    alice_client, user, foods, grams, past
):
    """A <meter> is shown green (optimum) while its value is in the region that holds `optimum`,
    and not green in the region above `high`: past the target, the bar stops rewarding more."""
    make_profile(user, sex="female", birth_date=date(1990, 1, 1))
    make_entry(user, make_food("Seeds", magnesium_mg=Decimal("80")), amount_g=grams, on=ON)
    page = alice_client.get(DAY).content.decode()
    meter = meter_of(page)
    assert meter["min"] == meter["low"] == 0 and meter["high"] == 320
    assert meter["low"] < meter["optimum"] < meter["high"]  # the optimum is the region up to the target
    assert (meter["value"] > meter["high"]) is past
    assert meter["value"] <= meter["max"]  # the bar shows how far past, not a full bar
    assert ("Past your target" in page) is past


def test_ckd_user_with_any_supplement_gets_the_kidney_team_notice_not_a_limit(user):
    make_profile(user, has_ckd=True, birth_date=date(1960, 1, 1))
    make_supplement(user, elemental_mg="400", on=ON)
    summary = day_summary(user, ON)
    assert [notice.code for notice in summary.notices] == ["ckd", "ckd_no_target", "ckd_supplement"]
    assert (summary.supplement_limit_mg, summary.over_supplement_limit) == (None, False)
    assert "doctor or pharmacist" not in summary.notices[-1].message


def test_the_day_page_offers_the_recent_foods_to_log_again_to_their_last_meal(alice_client, user, other_user):
    seeds = make_food("Seeds, pumpkin and squash seed kernels, dried")
    make_entry(user, seeds, amount_g="30", on=date(2026, 4, 19), meal="breakfast")
    make_entry(other_user, make_food("Bob's secret bar"), amount_g="50", on=date(2026, 4, 19))
    page = alice_client.get("/day/2026-04-20/").content.decode()
    recent = section(page, "recent-title")
    assert "Seeds, pumpkin" in recent and "Bob" not in recent
    assert "30 g, to breakfast" in recent
    assert 'name="date" value="2026-04-20"' in page and 'name="meal" value="breakfast"' in page


def test_each_meal_and_the_day_show_magnesium_and_kcal_subtotals(alice_client, user):
    make_profile(user)
    seeds = make_food("Seeds, pumpkin", magnesium_mg=Decimal(592), energy_kcal=Decimal(559))
    unknown = make_food("Mystery bar", magnesium_mg=Decimal(100), energy_kcal=None)
    make_entry(user, seeds, amount_g="30", on=ON, meal="breakfast")  # 177.6 mg, 167.7 kcal
    make_entry(user, unknown, amount_g="50", on=ON, meal="breakfast")  # 50 mg, kcal unknown
    make_entry(user, seeds, amount_g="10", on=ON, meal="dinner")  # 59.2 mg, 55.9 kcal
    page = alice_client.get(DAY).content.decode()
    breakfast = section(page, "meal-breakfast")
    assert "Breakfast 228 mg · 168 kcal" in breakfast
    assert "Breakfast total 168 kcal 228 mg" in breakfast
    assert "Dinner 59 mg · 56 kcal" in section(page, "meal-dinner")
    assert "Energy 224 kcal" in section(page, "summary-title")


def test_the_days_kcal_is_unknown_when_no_food_logged_has_an_energy_value(alice_client, user):
    make_profile(user)
    make_entry(user, make_food("Mystery bar", energy_kcal=None), amount_g="50", on=ON)
    assert "Energy unknown" in section(alice_client.get(DAY).content.decode(), "summary-title")


def amount_form(page: str, entry) -> str:
    match = re.search(
        rf'<form[^>]*action="/entries/{entry.pk}/edit/"[^>]*class="amount-form">(.*?)</form>', page, re.S
    )
    assert match, f"no amount form for entry {entry.pk}"
    return match.group(1)


def test_each_amount_is_changed_in_place_on_the_day_page(alice_client, user, foods):
    portion = make_portion(foods[0], "1 cup", "30")
    by_portion = make_entry(user, foods[0], on=ON, meal="lunch", portion=portion, quantity="2")
    by_grams = make_entry(user, foods[1], on=ON, meal="dinner", amount_g="45.5")
    page = alice_client.get(DAY).content.decode()
    assert 'name="quantity" value="2"' in amount_form(page, by_portion)
    assert f'name="portion" value="{portion.pk}"' in amount_form(page, by_portion)
    assert 'name="grams" value="45.5"' in amount_form(page, by_grams)

    fields = {"date": ON.isoformat(), "meal": "lunch", "portion": str(portion.pk), "quantity": "0.5"}
    response = alice_client.post(f"/entries/{by_portion.pk}/edit/", fields)
    assert response.status_code == 302 and response["Location"] == DAY
    by_portion.refresh_from_db()
    assert (by_portion.quantity, by_portion.amount_g, by_portion.meal) == (
        Decimal("0.5"),
        (portion.grams / 2).quantize(Decimal("0.001")),
        "lunch",
    )
    fields = {"date": ON.isoformat(), "meal": "dinner", "portion": "", "grams": "60"}
    assert alice_client.post(f"/entries/{by_grams.pk}/edit/", fields).status_code == 302
    by_grams.refresh_from_db()
    assert by_grams.amount_g == Decimal("60")


def test_a_wrong_amount_typed_in_place_is_a_form_error_and_changes_nothing(alice_client, user, foods):
    entry = make_entry(user, foods[1], on=ON, meal="dinner", amount_g="45.5")
    fields = {"date": ON.isoformat(), "meal": "dinner", "portion": "", "grams": "-3"}
    response = alice_client.post(f"/entries/{entry.pk}/edit/", fields)
    assert response.status_code == 200 and response.context["form"].errors["grams"]
    entry.refresh_from_db()
    assert entry.amount_g == Decimal("45.5")


def test_another_users_entry_cannot_be_changed_in_place(alice_client, other_user, foods):
    entry = make_entry(other_user, foods[1], on=ON, meal="dinner", amount_g="45.5")
    fields = {"date": ON.isoformat(), "meal": "dinner", "portion": "", "grams": "60"}
    assert alice_client.post(f"/entries/{entry.pk}/edit/", fields).status_code == 404
    entry.refresh_from_db()
    assert entry.amount_g == Decimal("45.5")


def test_entry_rows_escape_names_carry_the_csrf_token_and_show_p_and_k_with_ckd(user, foods):
    """The rows are written in Python (tracker/templatetags/entry_rows.py): every name is escaped,
    each amount form carries the CSRF token, and a user with CKD sees phosphorus and potassium."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    food = make_food('<script>alert("x")</script> & "bars"', phosphorus_mg=Decimal(300))
    portion = make_portion(food, '1 <b>bar</b> & "more"', "40")
    entry = make_entry(user, food, on=ON, meal="lunch", portion=portion, quantity="1")
    page = client.get(DAY).content.decode()
    assert "<script>alert" not in page and "<b>bar</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;bars&quot;" in page
    portion_text = "× 1 &lt;b&gt;bar&lt;/b&gt; &amp; &quot;more&quot; <small>(40 g)</small>"
    assert portion_text in amount_form(page, entry)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', amount_form(page, entry)).group(1)
    fields = {"date": ON.isoformat(), "meal": "lunch", "portion": str(portion.pk), "quantity": "2"}
    response = client.post(f"/entries/{entry.pk}/edit/", {**fields, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert 'data-label="P"' not in page

    make_profile(user, has_ckd=True)
    page = client.get(DAY).content.decode()
    assert '<td class="num" data-label="P">240 mg</td><td class="num" data-label="K">' in page

"""The trends page: averages of the logged days against the target, the SVG chart and its table,
top food sources, and range_summaries, the one code path behind them."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pandas as pd
import pytest
from django.test import Client
from django.utils import timezone

from core import ckd
from foods.templatetags.nutrients import amount
from tests.factories import make_entry, make_food, make_profile, make_supplement
from tests.pages import section, text
from tracker import summary, trends
from tracker.models import IntakeEntry, SupplementEntry

pytestmark = pytest.mark.django_db


def log_year(user, foods):
    """A year of entries ending today: each day one or two foods, a supplement every fifth day,
    and nothing at all on every seventh day."""
    today = timezone.localdate()
    for offset in range(365):
        on = today - timedelta(days=offset)
        if offset % 7 == 3:
            continue
        make_entry(user, foods[offset % len(foods)], amount_g=str(20 + offset % 50), on=on)
        if offset % 2:
            make_entry(user, foods[(offset + 1) % len(foods)], amount_g="35", on=on, meal="dinner")
        if offset % 5 == 0:
            make_supplement(user, elemental_mg="120", on=on)


@pytest.fixture
def foods():
    return [
        make_food("Nuts, almonds", magnesium_mg=Decimal(270), phosphorus_mg=Decimal(481)),
        make_food("Spinach, raw", magnesium_mg=Decimal(79), potassium_mg=Decimal(558)),
        make_food("Bananas, raw", magnesium_mg=Decimal(27)),
        make_food("Mystery bar", magnesium_mg=None),
    ]


def pandas_daily(user, start, end) -> pd.DataFrame:
    """Food, supplement and total magnesium a day over the logged days, straight from the rows."""
    food = pd.DataFrame(
        list(IntakeEntry.objects.filter(user=user, date__range=(start, end)).values("date", "magnesium_mg"))
    )
    food["magnesium_mg"] = food["magnesium_mg"].astype(float)
    supplements = pd.DataFrame(
        list(
            SupplementEntry.objects.filter(user=user, date__range=(start, end)).values("date", "magnesium_mg")
        )
    )
    supplements["magnesium_mg"] = supplements["magnesium_mg"].astype(float)
    daily = pd.concat(
        [
            food.groupby("date")["magnesium_mg"].sum().rename("food"),
            supplements.groupby("date")["magnesium_mg"].sum().rename("supplement"),
        ],
        axis=1,
    ).fillna(0.0)
    daily["total"] = daily["food"] + daily["supplement"]
    return daily


@pytest.mark.parametrize("days", [7, 365])
def test_trends_page_runs_constant_queries_and_matches_pandas(
    alice_client, user, foods, days, django_assert_num_queries
):
    make_profile(user)
    log_year(user, foods)
    # session, user and profile, food aggregate, supplement aggregate, top foods
    with django_assert_num_queries(5):
        response = alice_client.get(f"/trends/?days={days}")
    assert response.status_code == 200
    end = timezone.localdate()
    start = end - timedelta(days=days - 1)
    daily = pandas_daily(user, start, end)
    trend = response.context["trend"]
    assert trend.logged_days == len(daily)
    for name, column in (
        ("food_magnesium_mg", "food"),
        ("supplement_magnesium_mg", "supplement"),
        ("total_magnesium_mg", "total"),
    ):
        assert float(trend.averages[name]) == pytest.approx(daily[column].mean(), abs=0.001)
    headline = section(response.content.decode(), "period-title")
    assert f"{round(daily['total'].mean()):,} mg a day, of 320 mg" in headline
    assert f"Averages of the {len(daily)} days with something logged, out of {days}" in headline


def test_range_summaries_is_three_queries_and_agrees_with_day_summary(user, foods, django_assert_num_queries):
    make_profile(user)
    log_year(user, foods)
    end = timezone.localdate()
    for days in (7, 365):
        with django_assert_num_queries(2):  # the profile is already on the user
            summaries = summary.range_summaries(user, end - timedelta(days=days - 1), end)
        assert [s.date for s in summaries] == [end - timedelta(days=days - 1 - n) for n in range(days)]
    for day in summaries[-10:]:
        alone = summary.day_summary(user, day.date)
        assert (day.total_magnesium_mg, day.entries, day.missing, day.is_logged) == (
            alone.total_magnesium_mg,
            alone.entries,
            alone.missing,
            alone.entries > 0,
        )
    unlogged = [s for s in summaries if not s.is_logged]
    assert len(unlogged) == 52 and all(s.total_magnesium_mg == 0 for s in unlogged)


def test_unlogged_days_are_gaps_left_out_of_averages(alice_client, user, foods):
    make_profile(user)
    today = timezone.localdate()
    make_entry(user, foods[0], amount_g="100", on=today)  # 270 mg
    make_entry(user, foods[1], amount_g="100", on=today - timedelta(days=2))  # 79 mg
    response = alice_client.get("/trends/?days=7")
    assert response.context["trend"].averages["total_magnesium_mg"] == Decimal("174.5")
    page = response.content.decode()
    assert "175 mg a day" in section(page, "period-title")
    assert len(response.context["chart"].bars) == 2  # no zero-height bars for the 5 empty days
    assert page.count("Not logged") == 5
    assert "Magnesium known for 2 of 2 foods." in section(page, "period-title")


def test_nothing_logged_says_so(alice_client, user):
    make_profile(user)
    page = alice_client.get("/trends/").content.decode()
    assert "Nothing logged from" in section(page, "period-title")
    assert "<rect" not in page


def test_chart_is_accessible_inline_svg_without_style_attributes(alice_client, user, foods):
    make_profile(user)
    make_entry(user, foods[0], on=timezone.localdate())
    make_supplement(user, on=timezone.localdate())
    page = alice_client.get("/trends/").content.decode()
    svg = re.search(r"<svg[^>]*>.*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="chart-title chart-desc"' in svg
    assert "viewBox" not in svg  # a viewBox scales the text with the width: 5 px labels on a phone
    assert '<title id="chart-title">' in svg and '<desc id="chart-desc">' in svg
    assert "dashed line is your target of 320 mg" in text(svg)
    assert 'stroke-dasharray="6 4"' in svg  # the target line
    assert svg.count('fill="#8fc1a9"') == 1  # one supplement bar
    assert "style=" not in page
    assert re.findall(r"<script(?![^>]* src=)", page) == []  # scripts only from static files
    table = re.search(r"<details.*?</details>", page, re.S).group(0)
    assert table.count("<tr>") == 31  # header and every day of the 30


@pytest.mark.parametrize("clinician_target", [None, 250])
def test_ckd_user_sees_notice_and_phosphorus_potassium_and_only_a_clinician_target(
    alice_client, user, foods, clinician_target
):
    make_profile(user, has_ckd=True, clinician_target_mg=clinician_target)
    make_entry(user, foods[0], amount_g="100", on=timezone.localdate())
    page = alice_client.get("/trends/").content.decode()
    assert ckd.NOTICE in page
    headline = section(page, "period-title")
    assert "Phosphorus 481 mg" in headline and "Potassium 809 mg" in headline
    if clinician_target:
        assert "270 mg a day, of 250 mg (108 %)" in headline
        assert 'stroke-dasharray="6 4"' in page
    else:
        assert "270 mg of magnesium a day" in headline and "a day, of" not in headline
        assert 'stroke-dasharray="6 4"' not in page
        assert "Ask your kidney team" in headline


def test_top_foods_rank_by_magnesium_with_share_of_food_total(alice_client, user, other_user, foods):
    make_profile(user)
    today = timezone.localdate()
    make_entry(user, foods[0], amount_g="50", on=today)  # 135 mg
    make_entry(user, foods[1], amount_g="100", on=today)  # 79 mg
    make_entry(user, foods[1], amount_g="100", on=today - timedelta(days=1))  # 79 mg
    make_entry(user, foods[3], amount_g="100", on=today)  # unknown: not ranked
    make_entry(other_user, foods[2], amount_g="1000", on=today)
    make_supplement(user, on=today)
    response = alice_client.get("/trends/")
    ranked = [(f.name, f.magnesium_mg, f.share_percent, f.entries) for f in response.context["top_foods"]]
    assert ranked == [("Spinach, raw", 158, 54, 2), ("Nuts, almonds", 135, 46, 1)]
    assert "Spinach, raw 158 mg 54 % 2" in section(response.content.decode(), "top-foods-title")


def test_a_bad_period_is_refused_with_a_message(alice_client, user):
    response = alice_client.get("/trends/?days=12", follow=True)
    assert response.redirect_chain == [("/trends/", 302)]
    assert "Choose a period of 7, 30, 90 or 365 days." in response.content.decode()
    assert response.context["days"] == 30


def test_trends_link_in_navigation_and_login_required(alice_client):
    assert 'href="/trends/"' in alice_client.get("/").content.decode()
    assert Client().get("/trends/").status_code == 302


@pytest.mark.parametrize(
    ("top", "step"), [(1, 1), (5, 1), (6, 2), (320, 100), (420, 100), (501, 200), (1100, 500), (2600, 1000)]
)
def test_nice_step_gives_at_most_five_round_gridlines(top, step):
    assert trends.nice_step(top) == step


def test_chart_target_line_follows_a_target_that_changes_in_the_period(user, foods):
    # A man turns 31 on 14 June: his NIH RDA goes from 400 mg (19–30 y) to 420 mg (31–50 y).
    end = date(2026, 6, 15)
    make_profile(user, birth_date=date(1995, 6, 14), sex="male")
    trend = trends.trend(user, end - timedelta(days=6), end)
    chart = trends.chart(trend)
    assert [s.target_mg for s in trend.days] == [400] * 5 + [420] * 2
    assert len(chart.targets) == 2 and chart.targets[0].x2 == chart.targets[1].x1


def test_chart_target_line_breaks_over_days_without_a_target(user, foods):
    end = date(2026, 6, 15)
    make_profile(user, birth_date=date(1990, 1, 1), sex="female")
    trend = trends.trend(user, end - timedelta(days=6), end)
    for day in trend.days[2:4]:
        day.target = None
    chart = trends.chart(trend)
    slot = 100 / 7  # percent of the plot's width
    assert [(line.x1, line.x2) for line in chart.targets] == [
        (0, round(2 * slot, 3)),
        (round(4 * slot, 3), 100),
    ]
    assert chart.targets[0].y == chart.targets[1].y


def test_chart_y_axis_is_as_wide_as_its_longest_label(user, foods):
    end = date(2026, 6, 15)
    make_profile(user)
    make_entry(user, make_food(magnesium_mg=Decimal(290)), amount_g="500", on=end)  # 1,450 mg
    chart = trends.chart(trends.trend(user, end - timedelta(days=29), end))
    assert [label.text for label in chart.y_labels] == ["0 mg", "500 mg", "1,000 mg", "1,500 mg"]
    assert chart.axis_width == len("1,500 mg") * trends.CHAR_PX + trends.AXIS_GAP_PX
    assert all(label.x == chart.axis_width - trends.AXIS_GAP_PX for label in chart.y_labels)
    assert chart.font_px >= 11


@pytest.mark.parametrize(("days", "shown_narrow"), [(30, 4), (7, 4), (4, 4), (2, 2)])
def test_chart_dates_stay_inside_the_plot_and_a_phone_shows_at_most_four(user, foods, days, shown_narrow):
    end = date(2026, 6, 15)
    make_profile(user)
    chart = trends.chart(trends.trend(user, end - timedelta(days=days - 1), end))
    first, last = chart.x_labels[0], chart.x_labels[-1]
    assert (first.x, first.anchor, last.x, last.anchor) == (0, "start", 100, "end")
    assert len(chart.x_labels) == min(days, trends.MAX_X_LABELS)
    assert sum(label.narrow for label in chart.x_labels) == shown_narrow
    assert first.narrow


@pytest.mark.parametrize("has_ckd", [False, True])
def test_table_row_links_the_day_and_gives_its_figures(alice_client, user, foods, has_ckd):
    make_profile(user, has_ckd=has_ckd)
    today = timezone.localdate()
    make_entry(user, foods[0], amount_g="100", on=today)  # 270 mg magnesium
    make_entry(user, foods[3], amount_g="50", on=today)  # magnesium unknown
    make_supplement(user, elemental_mg="120.5", on=today)
    page = alice_client.get("/trends/?days=7").content.decode()
    table = re.search(r"<details.*?</details>", page, re.S).group(0)
    label = f"{today:%a} {today.day} {today:%b} {today.year}"
    entries = IntakeEntry.objects.filter(user=user)
    kidney = "".join(
        f'<td class="num">{amount(sum(getattr(entry, name) or 0 for entry in entries))}</td>'
        for name in ("phosphorus_mg", "potassium_mg")
    )
    assert (
        f'<tr><th scope="row"><a href="/day/{today.isoformat()}/">{label}</a></th>'
        '<td class="num">270 mg</td><td class="num">120.5 mg</td><td class="num">391 mg</td>'
        f'{kidney if has_ckd else ""}<td class="num">1 of 2 foods</td></tr>'
    ) in table
    yesterday = today - timedelta(days=1)
    label = f"{yesterday:%a} {yesterday.day} {yesterday:%b} {yesterday.year}"
    assert (
        f'<a href="/day/{yesterday.isoformat()}/">{label}</a></th>'
        f'<td colspan="{6 if has_ckd else 4}" class="not-logged">Not logged</td>'
    ) in table
    assert table.count("Not logged") == 6


def test_chart_bar_title_gives_the_day_and_its_figures(alice_client, user, foods):
    make_profile(user)
    today = timezone.localdate()
    make_entry(user, foods[0], amount_g="100", on=today)
    make_supplement(user, elemental_mg="120.5", on=today)
    svg = re.search(r"<svg[^>]*>.*?</svg>", alice_client.get("/trends/?days=7").content.decode(), re.S).group(
        0
    )
    assert f"<title>{today:%a %-d %b}: 390.5 mg (food 270 mg, supplements 120.5 mg)</title><rect " in svg
    assert svg.count("<g><title>") == 1

"""Magnesium over a period: averages of the logged days (tracker/summary.py) and the chart's geometry.

Days with nothing logged are gaps: they get no bar and are left out of every average.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import groupby

from core import ckd, nutrition, reference
from core.dates import date_pattern, date_text
from tracker import summary
from tracker.summary import DaySummary

PERIODS = (7, 30, 90, 365)  # days a trend covers, ending today
DEFAULT_PERIOD = 30
AVERAGED = (*summary.MAGNESIUM, "phosphorus_mg", "potassium_mg")
# The nutrients a trend totals a day (range_summaries sums only these).
NUTRIENTS = ("magnesium_mg", "phosphorus_mg", "potassium_mg")


def period(days: int, end: date) -> tuple[date, date]:
    """The first and last day of the `days` days that end on `end`."""
    return end - timedelta(days=days - 1), end


@dataclass
class Trend:
    start: date
    end: date
    days: list[DaySummary]
    logged_days: int
    averages: dict[str, Decimal] | None  # per logged day, AVERAGED names -> mg; None if none logged
    entries: int
    entries_with_magnesium: int
    food_total_mg: Decimal  # the period's magnesium from food, for the contributors' shares
    target: reference.ReferenceIntake | None  # the target on the last day
    has_ckd: bool

    @property
    def percent_of_target(self) -> int | None:
        if not self.averages:
            return None
        return nutrition.percent_of_target(
            self.averages["total_magnesium_mg"], self.target.mg if self.target else None
        )

    @property
    def ckd_without_target(self) -> bool:
        return self.has_ckd and self.target is None


def trend(user, start: date, end: date) -> Trend:
    """The user's magnesium from start to end, from range_summaries (three queries)."""
    days = summary.range_summaries(user, start, end, NUTRIENTS)
    return Trend(
        start=start,
        end=end,
        days=days,
        logged_days=sum(day.is_logged for day in days),
        averages=summary.period_averages(days, AVERAGED),
        entries=sum(day.entries for day in days),
        entries_with_magnesium=sum(day.entries_with_magnesium for day in days),
        food_total_mg=sum((day.food_magnesium_mg for day in days), Decimal(0)),
        target=days[-1].target,
        has_ckd=days[-1].has_ckd,
    )


# The chart: two SVGs the template draws from these numbers, neither with a viewBox, so no
# text is scaled with the width (a 720-unit chart shrank 11 px labels to 5 px on a phone).
# Heights are px; the plot's x coordinates are percent of its width, which the page decides.
# The y-axis labels sit in their own SVG, as wide as its longest label, so none is clipped.
HEIGHT = 260
TOP, BOTTOM = 12, 30  # px above the plot, and below it for the dates
FONT_PX = 12
CHAR_PX = 8  # at least the width of a digit, "m" or "g" at FONT_PX in common sans-serif fonts
AXIS_GAP_PX = 6  # between a y-axis label and the plot
MAX_X_LABELS = 7
MAX_X_LABELS_NARROW = 4


@dataclass(frozen=True)
class Bar:
    x: float  # percent of the plot's width
    width: float  # percent
    food_y: float
    food_height: float
    supplement_y: float
    supplement_height: float
    title: str


@dataclass(frozen=True)
class Line:
    x1: float  # percent of the plot's width
    x2: float
    y: float


@dataclass(frozen=True)
class Label:
    x: float  # percent of the plot's width (date labels) or px (y-axis labels)
    y: float
    text: str
    anchor: str = "middle"
    narrow: bool = True  # also shown on a narrow screen, which has room for fewer dates


@dataclass
class Chart:
    height: int
    axis_width: int  # px of the y-axis labels' SVG
    bottom: float  # y of the plot's baseline
    bars: list[Bar]
    targets: list[Line]  # one horizontal segment per run of days with the same target
    grid: list[float]  # y of each gridline, across the plot
    y_labels: list[Label]
    x_labels: list[Label]
    font_px: int = FONT_PX


def nice_step(top: float, ticks: int = 5) -> int:
    """A round step (1, 2 or 5 × a power of ten, in mg) giving at most `ticks` gridlines up to `top`."""
    power = 1
    while True:
        for factor in (1, 2, 5):
            if top / (factor * power) <= ticks:
                return factor * power
        power *= 10


def chart(trend: Trend) -> Chart:
    """Stacked bars of food and supplement magnesium a day, and the target as a line."""
    days = trend.days
    highest = max([float(day.total_magnesium_mg) for day in days] + [day.target_mg or 0 for day in days])
    step = nice_step(max(highest, 1))
    scale_top = step * -(-max(highest, 1) // step)  # highest rounded up to a step
    plot_height = HEIGHT - TOP - BOTTOM
    bottom = TOP + plot_height
    slot = 100 / len(days)

    def y_of(mg: float) -> float:
        return round(bottom - mg / scale_top * plot_height, 1)

    bars = []
    width = round(slot * 0.8, 3)
    day_pattern = date_pattern("D j M")
    for index, day in enumerate(days):
        if not day.is_logged:
            continue
        food, supplement = float(day.food_magnesium_mg), float(day.supplement_magnesium_mg)
        food_y, total_y = y_of(food), y_of(food + supplement)
        title = (
            f"{day.date.strftime(day_pattern)}: {nutrition.mg_text(day.total_magnesium_mg)} "
            f"(food {nutrition.mg_text(day.food_magnesium_mg)}, "
            f"supplements {nutrition.mg_text(day.supplement_magnesium_mg)})"
        )
        x = round(index * slot + slot * 0.1, 3)
        bars.append(
            Bar(x, width, food_y, round(bottom - food_y, 1), total_y, round(food_y - total_y, 1), title)
        )

    def target_y(indexed_day) -> float | None:
        target_mg = indexed_day[1].target_mg
        return None if target_mg is None else y_of(target_mg)

    targets = []
    for y, run in groupby(enumerate(days), key=target_y):  # runs of days with the same target
        if y is not None:
            indexes = [index for index, _ in run]
            targets.append(Line(round(indexes[0] * slot, 3), round((indexes[-1] + 1) * slot, 3), y))

    levels = range(0, int(scale_top) + 1, step)
    texts = [f"{mg:,} mg" for mg in levels]
    axis_width = max(len(text) for text in texts) * CHAR_PX + AXIS_GAP_PX
    y_labels = [
        Label(axis_width - AXIS_GAP_PX, y_of(mg) + 4, text, "end")
        for mg, text in zip(levels, texts, strict=True)
    ]
    count = min(len(days), MAX_X_LABELS)
    picks = sorted({round(i * (len(days) - 1) / max(count - 1, 1)) for i in range(count)})
    # A narrow screen shows every second date from the first; more would overlap.
    narrow = set(picks[:: 2 if len(picks) > MAX_X_LABELS_NARROW else 1])

    def label(index: int) -> Label:
        """The first and last dates align with the plot's edges when centring would cut them."""
        x, anchor = (index + 0.5) * slot, "middle"
        if len(days) > 1 and index == 0:
            x, anchor = index * slot, "start"
        elif len(days) > 1 and index == len(days) - 1:
            x, anchor = (index + 1) * slot, "end"
        return Label(round(x, 3), bottom + 18, date_text(days[index].date, "j M"), anchor, index in narrow)

    x_labels = [label(index) for index in picks]
    return Chart(HEIGHT, axis_width, bottom, bars, targets, [y_of(mg) for mg in levels], y_labels, x_labels)


def day_text(day: date) -> str:
    """A date as the report writes it: 3 Dec 2026 (Dec 3, 2026 for a month-first user)."""
    return date_text(day, "j M Y")


def supplement_limit_text(trend: Trend, no_limit: str = ckd.NO_SUPPLEMENT_LIMIT) -> str | None:
    """The report's sentence on supplemental magnesium and the upper limit, each day judged as
    the day page judges it (DaySummary.over_supplement_limit: above the limit, not at it).

    With CKD no published limit is the user's (core.ckd): the days with any supplemental
    magnesium are named instead, then why no limit is shown (no_limit: its wording for the
    reader). None when no day has a limit."""
    if trend.has_ckd:
        taken = [day for day in trend.days if day.supplement_magnesium_mg > 0]
        listed = ", ".join(
            f"{day_text(day.date)} ({nutrition.mg_text(day.supplement_magnesium_mg)})" for day in taken
        )
        logged = f"Supplement magnesium logged on {days_text(len(taken))}: {listed}. " if taken else ""
        return logged + no_limit
    limits = {day.supplement_limit_mg for day in trend.days if day.supplement_limit_mg is not None}
    if not limits:
        return None
    over = [day for day in trend.days if day.over_supplement_limit]
    if not over:
        limit = f"the upper limit of {limits.pop()} mg a day" if len(limits) == 1 else "the upper limit"
        return f"No day's supplements went over {limit}."
    over_limits = {day.supplement_limit_mg for day in over}
    one_limit = len(over_limits) == 1

    def listed(day: DaySummary) -> str:
        amount = nutrition.mg_text(day.supplement_magnesium_mg)
        if not one_limit:
            amount += f", limit {day.supplement_limit_mg} mg"
        return f"{day_text(day.date)} ({amount})"

    limit = f"the {over_limits.pop()} mg limit" if one_limit else "the day's upper limit"
    return (
        f"Supplements over {limit} on {days_text(len(over))}: {', '.join(listed(day) for day in over)}. "
        "The limit concerns magnesium from supplements and medicines, not food, and is not a target."
    )


def days_text(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"

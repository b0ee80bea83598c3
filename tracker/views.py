from datetime import date, timedelta
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_POST

from accounts.queries import user_has_ckd
from core import ckd, once
from core.dates import date_text
from core.nutrition import mg_text, plain_decimal
from foods.amounts import starting_amount
from foods.display import amounts
from foods.search import visible_foods
from tracker import exports, queries, suggestions, trends
from tracker.forms import (
    CopyDayForm,
    DateJumpForm,
    DateRangeForm,
    EntryForm,
    LogContextForm,
    PeriodForm,
    SupplementForm,
    is_loggable,
    meal_for_now,
)
from tracker.models import Meal
from tracker.services import save_entry
from tracker.summary import day_summary

# The notices the supplements page repeats from the day summary.
SUPPLEMENT_NOTICES = ("over_supplement_limit", "ckd_supplement")


def home(request):
    if not request.user.is_authenticated:
        return render(request, "tracker/landing.html")
    return day_page(request, timezone.localdate())


def loggable_day(day: str) -> date:
    """The date of a day in a URL; 404 when it is not a date the log covers."""
    try:
        on = date.fromisoformat(day)
    except ValueError as error:
        raise Http404("Not a date") from error
    if not is_loggable(on):
        raise Http404("Outside the dates the log covers")
    return on


@login_required
def day(request, day):
    return day_page(request, loggable_day(day))


def day_url(on: date) -> str:
    return reverse("tracker:day", args=[on.isoformat()])


def supplements_url(on: date) -> str:
    return f"{reverse('tracker:supplements')}?date={on.isoformat()}"


def day_nav(on: date, url_of, today_url: str, jump_url: str) -> dict:
    """Context for moving between days: links made by url_of(date), and the date picker."""
    previous_day, next_day = on - timedelta(days=1), on + timedelta(days=1)
    return {
        "day": on,
        "is_today": on == timezone.localdate(),
        "previous_day": previous_day,
        "next_day": next_day,
        "nav": {
            "previous_url": url_of(previous_day),
            "next_url": url_of(next_day),
            "today_url": today_url,
            "jump_url": jump_url,
        },
        "jump_form": DateJumpForm(initial={"date": on}),
    }


# A meal's subtotals on the day page: magnesium, energy and, shown with CKD, phosphorus and potassium.
SUBTOTALS = ("magnesium_mg", "energy_kcal", "phosphorus_mg", "potassium_mg")


def meal_totals(entries) -> dict:
    """Each of SUBTOTALS summed over a meal's entries, from the known values (None: none known)."""
    totals = {}
    for name in SUBTOTALS:
        known = [getattr(entry, name) for entry in entries if getattr(entry, name) is not None]
        totals[name] = sum(known, Decimal(0)) if known else None
    return totals


# The foods logged last, offered on the day page to log again in one tap.
DAY_RECENT_FOODS = 5


def day_page(request, on: date):
    entries = list(queries.entries_shown_for_day(request.user, on))
    meals = []
    for value, label in Meal.choices:
        meal_entries = [e for e in entries if e.meal == value]
        meals.append((value, label, meal_entries, meal_totals(meal_entries)))
    summary = day_summary(request.user, on, entries)
    return render(
        request,
        "tracker/day.html",
        {
            **day_nav(on, day_url, reverse("tracker:today"), reverse("tracker:jump")),
            "meals": meals,
            "supplements": queries.supplements_for_day(request.user, on),
            "summary": summary,
            "copy_form": copy_form(on, summary.has_ckd),
            "gap": suggestions.for_day(request.user, summary),
            "recent": queries.recent_foods(request.user, DAY_RECENT_FOODS, starred=False),
        },
    )


def copy_form(on: date, has_ckd: bool, data=None) -> CopyDayForm:
    """The form copying a day (or a meal) elsewhere, to the next day unless told otherwise."""
    initial = {"date": on + timedelta(days=1)}
    return CopyDayForm(data, prefix="copy", source=on, has_ckd=has_ckd, initial=initial)


@login_required
def jump(request):
    form = DateJumpForm(request.GET)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["date"]))
        return redirect("tracker:today")
    return redirect("tracker:day", day=form.cleaned_data["date"].isoformat())


def entry_context(request, form, food, back: date, entry=None):
    portion_grams = {key: str(measure.grams) for key, measure in form.measures.items()}
    # With CKD, phosphorus and potassium beside magnesium, as on the food pages (core.ckd).
    minerals = amounts(food, ckd.minerals_shown(user_has_ckd(request.user)), None)
    return render(
        request,
        "tracker/entry_form.html",
        {
            "form": form,
            "food": food,
            "entry": entry,
            "back": back,
            "portion_grams": portion_grams,
            "minerals": minerals,
        },
    )


def save_from_form(request, form, food, entry=None):
    data = form.cleaned_data
    entry = save_entry(
        user=request.user,
        food=food,
        on=data["date"],
        meal=data["meal"],
        portion=data["portion"],
        quantity=data["quantity"],
        grams=data["grams"],
        entry=entry,
    )
    return redirect("tracker:day", day=entry.date.isoformat())


def amount_initial(entry) -> dict:
    """The amount fields of the entry form as an entry has them: portion × quantity, or grams."""
    return {
        "portion": str(entry.portion_id) if entry.portion_id else "",
        "quantity": plain_decimal(entry.quantity) if entry.portion_id else 1,
        "grams": None if entry.portion_id else plain_decimal(entry.amount_g),
    }


@login_required
def entry_new(request, food_id):
    food = get_object_or_404(visible_foods(request.user), pk=food_id)
    context = LogContextForm(request.GET)
    chosen = context.cleaned_data if context.is_valid() else {}
    if request.method == "POST":
        form = EntryForm(request.POST, food=food)
        if form.is_valid():
            try:
                with once.writing(request) as repeat:
                    if repeat:
                        once.repeated(request)
                        return redirect("tracker:day", day=form.cleaned_data["date"].isoformat())
                    response = save_from_form(request, form, food)
            except ValidationError as error:  # the day is full
                form.add_error(None, error)
            else:
                messages.success(request, f"Logged {food.name}.")
                return response
    else:
        # The amount logged last time, as a start; a food never logged starts at its reference
        # amount (or the measure nearest it), never at whatever portion USDA lists first.
        form = EntryForm(food=food)
        last = queries.last_entry_of(request.user, food)
        amount = amount_initial(last) if last else starting_amount(food, form.measures)
        form.initial = {"date": timezone.localdate(), "meal": meal_for_now(), **amount, **chosen}
    return entry_context(request, form, food, back=chosen.get("date", timezone.localdate()))


@login_required
def entry_edit(request, pk):
    entry = get_object_or_404(queries.user_entries(request.user), pk=pk)
    if request.method == "POST":
        form = EntryForm(request.POST, food=entry.food)
        if form.is_valid():
            try:
                response = save_from_form(request, form, entry.food, entry)
            except ValidationError as error:  # moved to a full day
                form.add_error(None, error)
            else:
                messages.success(request, f"Updated {entry.food.name}.")
                return response
    else:
        form = EntryForm(
            initial={"date": entry.date, "meal": entry.meal, **amount_initial(entry)}, food=entry.food
        )
    return entry_context(request, form, entry.food, back=entry.date, entry=entry)


def confirm_delete(request, entry, what: str, name: str, description: str, done_url: str):
    """Ask before deleting one of the user's entries (GET); delete it on POST."""
    if request.method == "POST":
        entry.delete()
        messages.success(request, f"Deleted {name} from {date_text(entry.date, 'j F')}.")
        return redirect(done_url)
    context = {"what": what, "description": description, "back_url": done_url}
    return render(request, "tracker/confirm_delete.html", context)


@login_required
def entry_delete(request, pk):
    entry = get_object_or_404(queries.user_entries(request.user), pk=pk)
    on = date_text(entry.date, "l j F Y")
    description = f"{entry.food.name}, {entry.amount_label}, {entry.get_meal_display().lower()} on {on}."
    return confirm_delete(request, entry, "entry", entry.food.name, description, day_url(entry.date))


@login_required
def supplements(request):
    form = DateJumpForm(request.GET)
    if "date" in request.GET and not form.is_valid():
        messages.error(request, " ".join(form.errors["date"]))
        return redirect("tracker:supplements")
    on = form.cleaned_data["date"] if form.is_valid() else timezone.localdate()
    summary = day_summary(request.user, on)
    return render(
        request,
        "tracker/supplements.html",
        {
            **day_nav(on, supplements_url, reverse("tracker:supplements"), reverse("tracker:supplements")),
            "summary": summary,
            "notices": [notice for notice in summary.notices if notice.code in SUPPLEMENT_NOTICES],
            "supplements": queries.supplements_for_day(request.user, on),
            "recent": queries.recent_supplements(request.user),
        },
    )


def supplement_form_page(request, form, has_ckd, entry=None):
    return render(
        request,
        "tracker/supplement_form.html",
        {
            "form": form,
            "entry": entry,
            "has_ckd": has_ckd,
            "ckd_warning": ckd.SUPPLEMENT_WARNING,
        },
    )


@login_required
def supplement_new(request):
    has_ckd = user_has_ckd(request.user)
    if request.method == "POST":
        form = SupplementForm(request.POST, has_ckd=has_ckd)
        if form.is_valid():
            form.instance.user = request.user
            try:
                with once.writing(request) as repeat:
                    if repeat:
                        once.repeated(request)
                        return redirect(supplements_url(form.cleaned_data["date"]))
                    entry = form.save()
            except ValidationError as error:  # the day is full
                form.add_error(None, error)
            else:
                messages.success(request, f"Logged {entry.name}.")
                return redirect(supplements_url(entry.date))
    else:
        context = DateJumpForm(request.GET)
        on = context.cleaned_data["date"] if context.is_valid() else timezone.localdate()
        initial = {"date": on, "doses": 1}
        if request.GET.get("from", "").isdigit():
            # "Log again" for a user who must see the kidney warning first.
            earlier = get_object_or_404(queries.user_supplements(request.user), pk=request.GET["from"])
            initial.update({name: getattr(earlier, name) for name in earlier.PRODUCT_FIELDS})
        form = SupplementForm(initial=initial, has_ckd=has_ckd)
    return supplement_form_page(request, form, has_ckd)


@login_required
def supplement_edit(request, pk):
    entry = get_object_or_404(queries.user_supplements(request.user), pk=pk)
    has_ckd = user_has_ckd(request.user)
    form = SupplementForm(request.POST or None, instance=entry, has_ckd=has_ckd)
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except ValidationError as error:  # moved to a full day
            form.add_error(None, error)
        else:
            messages.success(request, f"Updated {entry.name}.")
            return redirect(supplements_url(entry.date))
    return supplement_form_page(request, form, has_ckd, entry)


@login_required
def supplement_delete(request, pk):
    entry = get_object_or_404(queries.user_supplements(request.user), pk=pk)
    on = date_text(entry.date, "l j F Y")
    description = f"{entry.name}, {mg_text(entry.magnesium_mg)} of magnesium on {on}."
    done_url = supplements_url(entry.date)
    return confirm_delete(request, entry, "supplement", entry.name, description, done_url)


@login_required
@require_POST
def supplement_again(request, pk):
    """One-click re-logging of an earlier supplement; with CKD, through the form and its warning."""
    earlier = get_object_or_404(queries.user_supplements(request.user), pk=pk)
    form = DateJumpForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"{earlier.name} was not logged: {' '.join(form.errors['date'])}")
        return redirect("tracker:supplements")
    on = form.cleaned_data["date"]
    if not ckd.may_log_supplements_in_one_click(user_has_ckd(request.user)):
        # Through the form and its kidney warning; nothing is written here, so no token is spent.
        return redirect(f"{reverse('tracker:supplement_new')}?date={on.isoformat()}&from={earlier.pk}")
    try:
        with once.writing(request) as repeat:
            if repeat:
                once.repeated(request)
                return redirect(supplements_url(on))
            earlier.copy_for(on).save()
    except ValidationError as error:  # the day is full
        messages.error(request, f"{earlier.name} was not logged: {' '.join(error.messages)}")
        return redirect(supplements_url(on))
    messages.success(request, f"Logged {earlier.name} again.")
    return redirect(supplements_url(on))


def period_context(user, start: date, end: date) -> dict:
    """What the trends page and the report show of a period: the trend, its chart and top foods."""
    trend = trends.trend(user, start, end)
    return {
        "trend": trend,
        "chart": trends.chart(trend),
        "top_foods": queries.top_foods(user, start, end, trend.food_total_mg),
        "CKD_NO_TARGET": ckd.NO_TARGET,
    }


def report_context(user, start: date, end: date, shared: bool = False) -> dict:
    """What the report shows of a period (templates/includes/report_body.html), for its owner
    or, shared, for their clinician (tracker/share_views.py)."""
    context = {
        **period_context(user, start, end),
        "supplements": queries.supplement_products(user, start, end),
    }
    no_limit = ckd.SHARED_NO_SUPPLEMENT_LIMIT if shared else ckd.NO_SUPPLEMENT_LIMIT
    context["supplement_limit_text"] = trends.supplement_limit_text(context["trend"], no_limit)
    if shared:
        context.update(shared=True, CKD_NO_TARGET=ckd.SHARED_NO_TARGET)
    return context


@login_required
def trends_page(request):
    form = PeriodForm(request.GET if "days" in request.GET else {"days": trends.DEFAULT_PERIOD})
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["days"]))
        return redirect("tracker:trends")
    days = form.cleaned_data["days"]
    start, end = trends.period(days, timezone.localdate())
    context = {**period_context(request.user, start, end), "days": days, "periods": trends.PERIODS}
    return render(request, "tracker/trends.html", context)


@login_required
def report(request):
    form = DateRangeForm.from_query(request.GET, trends.DEFAULT_PERIOD)
    if not form.is_valid():
        return render(request, "tracker/report.html", {"form": form}, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    # "Share this report" opens the share form with this report's days: the last 30, or its range.
    if "start" in request.GET or "end" in request.GET:
        share_query = {"start": start.isoformat(), "end": end.isoformat()}
    else:
        share_query = {"days": trends.DEFAULT_PERIOD}
    share_url = f"{reverse('tracker:shares')}?{urlencode(share_query)}"
    context = {**report_context(request.user, start, end), "form": form, "share_url": share_url}
    return render(request, "tracker/report.html", context)


@login_required
def export_entries(request):
    """The user's food and supplement entries over a range of days as CSV."""
    form = DateRangeForm.from_query(request.GET, trends.DEFAULT_PERIOD)
    if not form.is_valid():
        problems = [f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()]
        return HttpResponseBadRequest("\n".join(problems), content_type="text/plain; charset=utf-8")
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    response = HttpResponse(
        exports.entries_csv(request.user, start, end), content_type="text/csv; charset=utf-8"
    )
    filename = f"magnesium-entries-{start.isoformat()}-to-{end.isoformat()}.csv"
    # RFC 6266: an ASCII filename for old clients and filename* for the rest (a user name in any script).
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from foods.search import visible_foods
from tracker import queries
from tracker.forms import DateJumpForm, EntryForm, LogContextForm
from tracker.models import Meal
from tracker.services import save_entry


def home(request):
    if not request.user.is_authenticated:
        return render(request, "tracker/landing.html")
    return day_page(request, timezone.localdate())


@login_required
def day(request, day):
    try:
        on = date.fromisoformat(day)
    except ValueError as error:
        raise Http404("Not a date") from error
    return day_page(request, on)


def day_page(request, on: date):
    entries = list(queries.entries_for_day(request.user, on))
    meals = [(value, label, [e for e in entries if e.meal == value]) for value, label in Meal.choices]
    return render(
        request,
        "tracker/day.html",
        {
            "day": on,
            "is_today": on == timezone.localdate(),
            "previous_day": on - timedelta(days=1),
            "next_day": on + timedelta(days=1),
            "meals": meals,
            "summary": queries.day_summary(request.user, on),
            "jump_form": DateJumpForm(initial={"date": on}),
        },
    )


@login_required
def jump(request):
    form = DateJumpForm(request.GET)
    if not form.is_valid():
        messages.error(request, "Enter a date as YYYY-MM-DD.")
        return redirect("tracker:today")
    return redirect("tracker:day", day=form.cleaned_data["date"].isoformat())


def entry_context(request, form, food, entry=None):
    return render(request, "tracker/entry_form.html", {"form": form, "food": food, "entry": entry})


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


@login_required
def entry_new(request, food_id):
    food = get_object_or_404(visible_foods(request.user), pk=food_id)
    if request.method == "POST":
        form = EntryForm(request.POST, food=food)
        if form.is_valid():
            response = save_from_form(request, form, food)
            messages.success(request, f"Logged {food.name}.")
            return response
    else:
        context = LogContextForm(request.GET)
        initial = {"date": timezone.localdate(), "meal": Meal.BREAKFAST, "quantity": 1}
        if context.is_valid():
            initial.update(context.cleaned_data)
        initial["portion"] = food.portions.first()
        form = EntryForm(initial=initial, food=food)
    return entry_context(request, form, food)


@login_required
def entry_edit(request, pk):
    entry = get_object_or_404(queries.user_entries(request.user), pk=pk)
    if request.method == "POST":
        form = EntryForm(request.POST, food=entry.food)
        if form.is_valid():
            response = save_from_form(request, form, entry.food, entry)
            messages.success(request, f"Updated {entry.food.name}.")
            return response
    else:
        form = EntryForm(
            initial={
                "date": entry.date,
                "meal": entry.meal,
                "portion": entry.portion,
                "quantity": entry.quantity if entry.portion else 1,
                "grams": None if entry.portion else entry.amount_g,
            },
            food=entry.food,
        )
    return entry_context(request, form, entry.food, entry)


@login_required
def entry_delete(request, pk):
    entry = get_object_or_404(queries.user_entries(request.user), pk=pk)
    if request.method == "POST":
        entry.delete()
        messages.success(request, f"Deleted {entry.food.name} from {entry.date:%-d %B}.")
        return redirect("tracker:day", day=entry.date.isoformat())
    return render(request, "tracker/entry_confirm_delete.html", {"entry": entry})

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from foods.search import visible_foods
from tracker import queries
from tracker.forms import DateJumpForm, EntryForm, LogContextForm, is_loggable, meal_for_now
from tracker.models import Meal
from tracker.nutrition import plain_decimal
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
    if not is_loggable(on):
        raise Http404("Outside the dates the log covers")
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
        messages.error(request, " ".join(form.errors["date"]))
        return redirect("tracker:today")
    return redirect("tracker:day", day=form.cleaned_data["date"].isoformat())


def entry_context(request, form, food, back: date, entry=None):
    portion_grams = {str(p.pk): str(p.grams) for p in form.fields["portion"].queryset}
    return render(
        request,
        "tracker/entry_form.html",
        {"form": form, "food": food, "entry": entry, "back": back, "portion_grams": portion_grams},
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


@login_required
def entry_new(request, food_id):
    food = get_object_or_404(visible_foods(request.user), pk=food_id)
    context = LogContextForm(request.GET)
    chosen = context.cleaned_data if context.is_valid() else {}
    if request.method == "POST":
        form = EntryForm(request.POST, food=food)
        if form.is_valid():
            response = save_from_form(request, form, food)
            messages.success(request, f"Logged {food.name}.")
            return response
    else:
        initial = {"date": timezone.localdate(), "meal": meal_for_now(), "quantity": 1, **chosen}
        initial["portion"] = food.portions.first()
        form = EntryForm(initial=initial, food=food)
    return entry_context(request, form, food, back=chosen.get("date", timezone.localdate()))


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
                "quantity": plain_decimal(entry.quantity) if entry.portion else 1,
                "grams": None if entry.portion else plain_decimal(entry.amount_g),
            },
            food=entry.food,
        )
    return entry_context(request, form, entry.food, back=entry.date, entry=entry)


@login_required
def entry_delete(request, pk):
    entry = get_object_or_404(queries.user_entries(request.user), pk=pk)
    if request.method == "POST":
        entry.delete()
        messages.success(request, f"Deleted {entry.food.name} from {entry.date:%-d %B}.")
        return redirect("tracker:day", day=entry.date.isoformat())
    return render(request, "tracker/entry_confirm_delete.html", {"entry": entry})

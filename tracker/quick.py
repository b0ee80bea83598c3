"""Faster logging: favourite foods, logging a food again with its last amount, copying a day,
saving a meal as a recipe."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.queries import user_has_ckd
from core import ckd, once
from core.dates import date_text
from foods import recipes
from foods.search import visible_foods
from tracker import queries
from tracker.forms import LogContextForm, meal_for_now
from tracker.models import Favourite, Meal
from tracker.services import copy_day, copy_entry
from tracker.views import copy_form, day_url, loggable_day


def back_to(request, fallback: str) -> str:
    """The page a star button was pressed on (a local URL in "next"), else fallback."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


@login_required
@require_POST
def favourite_add(request, food_id):
    food = get_object_or_404(visible_foods(request.user), pk=food_id)
    Favourite.objects.get_or_create(user=request.user, food=food)
    messages.success(request, f"Added {food.name} to your favourites.")
    return redirect(back_to(request, food.get_absolute_url()))


@login_required
@require_POST
def favourite_remove(request, food_id):
    favourite = get_object_or_404(
        Favourite.objects.filter(user=request.user).select_related("food"), food=food_id
    )
    favourite.delete()
    messages.success(request, f"Removed {favourite.food.name} from your favourites.")
    return redirect(back_to(request, favourite.food.get_absolute_url()))


@login_required
@require_POST
def log_again(request, food_id):
    """Log a food with the amount of the user's latest entry of it, to the day and meal posted;
    a food never logged goes to the log form instead."""
    food = get_object_or_404(visible_foods(request.user), pk=food_id)
    target = LogContextForm(request.POST)
    if not target.is_valid():
        problems = [error for errors in target.errors.values() for error in errors]
        messages.error(request, f"{food.name} was not logged: {' '.join(problems)}")
        return redirect("foods:list")
    on, meal = target.cleaned_data["date"], target.cleaned_data["meal"]
    try:
        with once.writing(request) as repeat:
            if repeat:
                once.repeated(request)
                return redirect(day_url(on))
            last = queries.last_entry_of(request.user, food)
            if last is None:
                form_url = reverse("tracker:entry_new", args=[food.pk])
                return redirect(f"{form_url}?date={on.isoformat()}&meal={meal}")
            entry = copy_entry(last, user=request.user, on=on, meal=meal)
    except ValidationError as error:  # the day is full
        messages.error(request, f"{food.name} was not logged: {' '.join(error.messages)}")
        return redirect(day_url(on))
    messages.success(request, f"Logged {food.name}, {entry.amount_label}, to {Meal(meal).label.lower()}.")
    return redirect(day_url(on))


@login_required
def copy(request, day):
    """Copy a day's foods (or one meal's) to another date; the whole day brings its supplements,
    except for a user with CKD, who logs each supplement through the form with the kidney warning."""
    source = loggable_day(day)
    has_ckd = user_has_ckd(request.user)
    form = copy_form(source, has_ckd, request.POST if request.method == "POST" else None)
    if form.is_valid():
        target, meal = form.cleaned_data["date"], form.cleaned_data["meal"]
        try:
            with once.writing(request) as repeat:
                if repeat:
                    once.repeated(request)
                    return redirect(day_url(target))
                result = copy_day(
                    request.user,
                    source=source,
                    target=target,
                    meal=meal,
                    with_supplements=ckd.may_log_supplements_in_one_click(has_ckd),
                )
        except ValidationError as error:
            form.add_error(None, f"Nothing was copied: {' '.join(error.messages)}")
        else:
            if not result.is_empty:
                report_copy(request, result, target)
                return redirect(day_url(target))
            once.release(request)
            what = f"for {Meal(meal).label.lower()} on this day" if meal else "on this day"
            form.add_error("meal", f"Nothing is logged {what}, so there is nothing to copy.")
    return render(request, "tracker/copy_day.html", {"form": form, "day": source})


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def report_copy(request, result, target) -> None:
    copied = [plural(result.entries, "food")]
    if result.supplements:
        copied.append(plural(result.supplements, "supplement"))
    messages.success(request, f"Copied {' and '.join(copied)} to {date_text(target, 'l j F Y')}.")
    if result.skipped:
        names = ", ".join(result.skipped)
        messages.warning(
            request, f"Not copied, as they can no longer be logged (archived or no longer shared): {names}."
        )
    if result.supplements_left:
        messages.warning(
            request,
            f"{plural(result.supplements_left, 'supplement')} not copied: with kidney disease, log each "
            "supplement on the supplements page, which shows the kidney warning first.",
        )


def quick_foods(user, log: dict | None) -> dict:
    """The favourites and recent foods offered on the food list, logged again to log's day and
    meal, else to today and the meal of the hour."""
    target = log or {"date": timezone.localdate(), "meal": meal_for_now()}
    return {"favourites": queries.favourite_foods(user), "recent": queries.recent_foods(user), **target}


@login_required
@require_POST
def meal_recipe(request, day, meal):
    """Save the foods of one meal of a day as a new recipe of one serving, then open it to name it
    and set its servings. Foods that can no longer be logged (archived) are left out, and said so."""
    on = loggable_day(day)
    if meal not in Meal.values:
        return redirect(day_url(on))
    entries = list(
        queries.user_entries(request.user).filter(date=on, meal=meal).select_related("food", "portion")
    )
    loggable = set(
        recipes.ingredient_foods(request.user)
        .filter(pk__in={entry.food_id for entry in entries})
        .values_list("pk", flat=True)
    )
    kept = [entry for entry in entries if entry.food_id in loggable][: recipes.MAX_INGREDIENTS]
    if not kept:
        messages.error(request, "This meal has no food that can go into a recipe.")
        return redirect(day_url(on))
    name = f"{Meal(meal).label} of {date_text(on, 'j F Y')}"
    with transaction.atomic():
        recipe = recipes.new_recipe(request.user, name)
        recipes.add_ingredients(
            recipe,
            [
                (entry.food, entry.portion, entry.quantity, None)
                if entry.portion
                else (entry.food, None, None, entry.amount_g)
                for entry in kept
            ],
        )
    left_out = len(entries) - len(kept)
    note = f" {left_out} of its foods can no longer be logged and were left out." if left_out else ""
    messages.success(
        request, f"Saved this meal as the recipe “{name}”: rename it and set its servings.{note}"
    )
    return redirect(recipe)

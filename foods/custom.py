"""A user's own custom foods: private to their author until staff approve a suggestion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Max, QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core import once
from foods.forms import CustomFoodForm, PortionFormSet
from foods.models import Food, ReviewStatus, Source

STATUS_TEXT = {
    ReviewStatus.PRIVATE: "Private: only you see it.",
    ReviewStatus.SUGGESTED: "Suggested for the shared list: waiting for review. Only you see it until then.",
    ReviewStatus.APPROVED: "Approved: shared with everyone; staff look after it now.",
    ReviewStatus.REJECTED: "Not added to the shared list. Only you see it.",
}


def new_custom_food(user) -> Food:
    """An unsaved custom food of the user's, private to them until staff approve a suggestion."""
    return Food(created_by=user, source=Source.CUSTOM, status=ReviewStatus.PRIVATE)


def own_foods(user) -> QuerySet[Food]:
    """A user's custom foods, archived ones and recipes (foods/recipes.py) left out; another
    user's food is not found here."""
    return Food.objects.filter(created_by=user, is_active=True, source=Source.CUSTOM)


@login_required
def custom_list(request):
    foods = list(own_foods(request.user).order_by("name", "pk"))
    for food in foods:
        food.status_text = STATUS_TEXT.get(food.status, STATUS_TEXT[ReviewStatus.PRIVATE])
        food.can_edit = food.status != ReviewStatus.APPROVED
        food.can_suggest = can_suggest(food)
    return render(request, "foods/custom_list.html", {"foods": foods})


@login_required
def custom_new(request):
    return edit_page(request, new_custom_food(request.user))


@login_required
def custom_edit(request, pk):
    food = get_object_or_404(own_foods(request.user), pk=pk)
    if food.status == ReviewStatus.APPROVED:
        return refuse_shared(request, food)
    return edit_page(request, food)


def edit_page(request, food: Food):
    if request.method == "POST":
        formset = PortionFormSet(request.POST, instance=food, prefix="portions")
        portions_valid = formset.is_valid()
        form = CustomFoodForm(request.POST, instance=food, portion_grams=formset.first_grams())
        if form.is_valid() and portions_valid:
            is_new = food.pk is None
            with once.writing(request) as repeat:
                if repeat and is_new:  # an edit sent twice saves the same values again
                    once.repeated(request)
                    return redirect("foods:custom_list")
                food = save_custom_food(form, formset)
            messages.success(request, f"Saved “{food}”.")
            return redirect("foods:custom_list")
    else:
        form = CustomFoodForm(instance=food)
        formset = PortionFormSet(instance=food, prefix="portions")
    return render(request, "foods/custom_form.html", {"form": form, "formset": formset, "food": food})


@transaction.atomic
def save_custom_food(form: CustomFoodForm, formset: PortionFormSet) -> Food:
    """Save the food and its portions together; new portions go after the existing ones."""
    food = form.save()
    formset.instance = food
    portions = formset.save(commit=False)
    for portion in formset.deleted_objects:
        portion.delete()
    next_seq = (food.portions.aggregate(last=Max("seq"))["last"] or 0) + 1
    for portion in portions:
        if portion.pk is None:
            portion.seq, next_seq = next_seq, next_seq + 1
        portion.save()
    return food


@login_required
def custom_delete(request, pk):
    food = get_object_or_404(own_foods(request.user), pk=pk)
    if food.status == ReviewStatus.APPROVED:
        return refuse_shared(request, food)
    # Entries keep their food (PROTECT): a food in the log is archived, never deleted.
    in_log = food.entries.exists()
    if request.method == "POST":
        with transaction.atomic():
            # The food's row locked first, as logging it locks it (tracker.services.save_entry):
            # an entry saved meanwhile is either seen here (the food is archived) or waits and
            # then finds the food gone, rather than failing its foreign key at commit.
            Food.objects.filter(pk=food.pk).lock()
            in_log = food.entries.exists()
            if in_log:
                food.is_active, food.status = False, ReviewStatus.PRIVATE
                food.save()
            else:
                food.delete()
        if in_log:
            messages.success(
                request,
                f"“{food}” is in your log, so it was archived instead of deleted: you can no longer "
                "log it, and your past entries keep their values.",
            )
        else:
            messages.success(request, f"Deleted “{food}”.")
        return redirect("foods:custom_list")
    return render(request, "foods/custom_confirm_delete.html", {"food": food, "in_log": in_log})


@login_required
@require_POST
def custom_suggest(request, pk):
    food = get_object_or_404(own_foods(request.user), pk=pk)
    if food.source == Source.IMPORTED:
        messages.error(request, f"“{food}” came from an imported file, so it stays private to you.")
    elif can_suggest(food):
        food.status, food.rejection_reason = ReviewStatus.SUGGESTED, ""
        food.save()
        messages.success(
            request,
            f"Suggested “{food}” for the shared list. Staff will review it; until then only you see it.",
        )
    else:
        messages.info(request, f"“{food}” is already {food.get_status_display().lower()}.")
    return redirect("foods:custom_list")


def can_suggest(food: Food) -> bool:
    """Private and rejected custom foods may be suggested; an imported one never is: its values
    are one file's, for one person's servings."""
    return food.source == Source.CUSTOM and food.status in (ReviewStatus.PRIVATE, ReviewStatus.REJECTED)


def refuse_shared(request, food: Food):
    messages.error(request, f"“{food}” is shared with everyone now, so only staff can change it.")
    return redirect("foods:custom_list")

"""Your data: everything a user has here, as JSON, and deleting an account with all of its rows."""

import json
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Profile
from core.jobs import JobStatus
from foods.models import MEASURE_FIELDS, Food, Portion, Recipe, RecipeIngredient, ReviewStatus, Source
from tracker.models import ExportJob, Favourite, IntakeEntry, Share, SupplementEntry

EXPORT_FORMAT = "magnesium-tracker-export"
EXPORT_VERSION = 1
EXPORT_KEPT = timedelta(days=1)  # a finished export is health data at rest: kept a day
LEFT_BY_AUTHOR = "Its author deleted their account; the food stays for the people who log it."


def row(instance: models.Model, *skip: str) -> dict:
    """The stored fields of a row by column name (food_id, not food), without the ones in skip."""
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.attname not in skip
    }


def user_data(user) -> dict:
    """Everything of one user: account, profile, entries, supplements, custom foods with their
    portions (recipes' foods among them), favourites, recipes with their ingredients, shares of
    the report (without the hash of their link's token). Ten
    queries, each scoped to the user. Amounts stay Decimal (exact)."""
    profile = Profile.objects.filter(user=user).first()
    entries = IntakeEntry.objects.filter(user=user).select_related("food", "portion").order_by("date", "pk")
    supplements = SupplementEntry.objects.filter(user=user).order_by("date", "pk")
    foods = Food.objects.filter(created_by=user).prefetch_related("portions").order_by("name", "pk")
    favourites = Favourite.objects.filter(user=user).select_related("food").order_by("food__name", "pk")
    recipes = Recipe.objects.filter(user=user).prefetch_related("ingredients__food").order_by("pk")
    shares = Share.objects.filter(user=user).order_by("created_at", "pk")
    data = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": timezone.now(),
        "account": {
            name: getattr(user, name)
            for name in ("username", "email", "first_name", "last_name", "date_joined", "last_login")
        },
        "profile": row(profile, "user_id") if profile else None,
        "entries": [
            {
                **row(entry, "user_id"),
                "food_name": entry.food.name,
                "food_fdc_id": entry.food.fdc_id,
                "portion_description": entry.portion.description if entry.portion else None,
            }
            for entry in entries
        ],
        "supplements": [row(supplement, "user_id") for supplement in supplements],
        "custom_foods": [
            {
                # The stored measures are worked out from the rest: not the user's data.
                **row(food, "created_by_id", *MEASURE_FIELDS),
                "portions": [row(portion, "food_id") for portion in food.portions.all()],
            }
            for food in foods
        ],
        "favourites": [
            {**row(favourite, "user_id"), "food_name": favourite.food.name} for favourite in favourites
        ],
        # A recipe's name and values are those of its food, in custom_foods.
        "recipes": [
            {
                **row(recipe, "user_id"),
                "ingredients": [
                    {**row(item, "recipe_id"), "food_name": item.food.name}
                    for item in recipe.ingredients.all()
                ],
            }
            for recipe in recipes
        ],
        "shares": [row(share, "user_id", "token_hash") for share in shares],
    }
    data["counts"] = {
        "profile": int(profile is not None),
        "entries": len(data["entries"]),
        "supplements": len(data["supplements"]),
        "custom_foods": len(data["custom_foods"]),
        "portions": sum(len(food["portions"]) for food in data["custom_foods"]),
        "favourites": len(data["favourites"]),
        "recipes": len(data["recipes"]),
        "shares": len(data["shares"]),
    }
    return data


def shared_foods(user) -> models.QuerySet[Food]:
    """The user's custom foods that outlive the account: approved for the shared list, or in
    another user's log or recipe (IntakeEntry.food and RecipeIngredient.food are PROTECT)."""
    in_others_log = IntakeEntry.objects.exclude(user=user).values("food")
    in_others_recipes = RecipeIngredient.objects.exclude(recipe__user=user).values("food")
    return Food.objects.filter(
        Q(status=ReviewStatus.APPROVED) | Q(pk__in=in_others_log) | Q(pk__in=in_others_recipes),
        created_by=user,
    )


@dataclass
class AccountSize:
    """What deleting an account removes, and the custom foods that stay for others."""

    entries: int
    supplements: int
    custom_foods: int
    recipes: int
    favourites: int
    shared_foods: int


def account_size(user) -> AccountSize:
    return AccountSize(
        entries=IntakeEntry.objects.filter(user=user).count(),
        supplements=SupplementEntry.objects.filter(user=user).count(),
        custom_foods=Food.objects.filter(created_by=user).exclude(source=Source.RECIPE).count(),
        recipes=Recipe.objects.filter(user=user).count(),
        favourites=Favourite.objects.filter(user=user).count(),
        shared_foods=shared_foods(user).count(),
    )


def user_session_keys(user_id: int) -> list[str]:
    """The keys of every stored session of a user, on any device. The session table has no
    user column, so each session is decoded: a scan of the table, done only when deleting."""
    return [
        session.session_key
        for session in Session.objects.iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user_id)
    ]


@transaction.atomic
def delete_account(user) -> None:
    """Delete a user and every row of theirs, and nothing of anyone else's.

    - Entries, supplements, profile, favourites, shares, sessions (all devices), API tokens, admin log
      entries and group memberships go.
    - Custom foods go with their portions and their change history, except those that outlive
      the account (shared_foods): they become shared foods without an author (created_by NULL,
      no review status), so other users' logs keep them; one that is no longer approved is
      archived, so it stays in those logs but nobody can log it anew. Their history loses the
      author too.
    - Other history rows the user made (as staff) keep the change but lose the name
      (simple-history's history_user is SET_NULL).
    - django-axes keeps its records of log-in attempts (user name, address, time): they hold no
      health data and serve security checks.
    """
    user_id = user.pk
    for food in shared_foods(user):
        food.is_active = food.is_active and food.status == ReviewStatus.APPROVED
        food.created_by, food.status, food.rejection_reason = None, "", ""
        food._change_reason = LEFT_BY_AUTHOR
        food.save()
    Food.history.model.objects.filter(created_by=user_id).update(created_by=None)
    IntakeEntry.objects.filter(user=user).delete()  # before their foods, which entries PROTECT
    Recipe.objects.filter(user=user).delete()  # and their ingredients, which PROTECT foods too
    private = list(Food.objects.filter(created_by=user).values_list("pk", flat=True))
    Food.objects.filter(pk__in=private).delete()  # their portions and any favourites of them too
    # Deleting records a last history row; the history of a private food is the user's data too.
    Food.history.model.objects.filter(id__in=private).delete()
    Portion.history.model.objects.filter(food_id__in=private).delete()
    # Through the session engine, so that a cached copy (cached_db) goes too.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in user_session_keys(user_id):
        store().delete(session_key)
    if apps.is_installed("rest_framework.authtoken"):
        apps.get_model("authtoken", "Token").objects.filter(user=user).delete()
    # cascades: profile, supplements, favourites, shares, admin log, groups; history_user NULL
    user.delete()


def build_export(job: ExportJob) -> None:
    """The export job's work: the user's data as JSON text on the job. Run again, it builds
    the same file anew; once finished it does nothing."""
    if job.is_finished:
        return
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    content = json.dumps(user_data(job.user), cls=DjangoJSONEncoder, indent=2)
    ExportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE, content=content, total=1, finished_at=timezone.now()
    )


def remove_old_exports() -> int:
    """Delete the exports older than EXPORT_KEPT; the number deleted."""
    deleted, _ = ExportJob.objects.filter(created_at__lt=timezone.now() - EXPORT_KEPT).delete()
    return deleted

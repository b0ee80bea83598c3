"""Build the benchmark database: the USDA foods, then USERS people with a year of entries each.

Run by bench/run.py as `python -m bench.data` with DATABASE_URL set; prints one JSON line
(counts and seconds). Entries are made the way the app makes them (nutrients copied from
the food with tracker/nutrition.py) but written with bulk_create. Random but repeatable.
"""

import json
import random
import time
from datetime import date, timedelta
from decimal import Decimal

import django

django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import LifeStage, Profile, Sex  # noqa: E402
from bench.operations import PASSWORD, USERNAME, USERS  # noqa: E402
from core import nutrition  # noqa: E402
from foods.models import NUTRIENT_FIELDS, Food, Portion  # noqa: E402
from tracker.models import IntakeEntry, Meal  # noqa: E402

DAYS = 365
SEED = 8
BATCH = 2000
ITEMS_PER_MEAL = 15  # foods a person eats again and again at that meal

# Food groups people eat from at each meal, and how many entries a meal has (about 8 a day).
MEALS = {
    Meal.BREAKFAST: (
        (1, 3),
        [
            "Breakfast Cereals",
            "Dairy and Egg Products",
            "Fruits and Fruit Juices",
            "Baked Products",
            "Beverages",
        ],
    ),
    Meal.LUNCH: (
        (1, 4),
        [
            "Vegetables and Vegetable Products",
            "Legumes and Legume Products",
            "Cereal Grains and Pasta",
            "Soups, Sauces, and Gravies",
            "Sausages and Luncheon Meats",
            "Baked Products",
            "Fast Foods",
        ],
    ),
    Meal.DINNER: (
        (2, 3),
        [
            "Vegetables and Vegetable Products",
            "Beef Products",
            "Poultry Products",
            "Pork Products",
            "Finfish and Shellfish Products",
            "Cereal Grains and Pasta",
            "Legumes and Legume Products",
            "Meals, Entrees, and Side Dishes",
        ],
    ),
    Meal.SNACK: (
        (0, 2),
        ["Nut and Seed Products", "Fruits and Fruit Juices", "Snacks", "Sweets", "Dairy and Egg Products"],
    ),
}
QUANTITIES = [Decimal("0.5"), Decimal(1), Decimal(1), Decimal(1), Decimal("1.5"), Decimal(2)]

# (name, form, elemental mg per dose as on the label, doses) of some common products.
SUPPLEMENTS = [
    ("Magnesium glycinate", "glycinate", Decimal(120), Decimal(2)),
    ("Magnesium citrate", "citrate", Decimal(150), Decimal(1)),
    ("Magnesium oxide", "oxide", Decimal(250), Decimal(1)),
    ("Multivitamin and minerals", "oxide", Decimal(50), Decimal(1)),
    ("Calcium magnesium zinc", "citrate", Decimal(100), Decimal(2)),
]


def food_catalogue() -> dict[str, list[dict]]:
    """Per food group, the foods that have portions: id, portions [(id, grams)], nutrients per 100 g."""
    groups = {group for _, groups in MEALS.values() for group in groups}
    portions: dict[int, list[tuple[int, Decimal]]] = {}
    for food_id, portion_id, grams in Portion.objects.order_by("food", "seq").values_list(
        "food_id", "pk", "grams"
    ):
        portions.setdefault(food_id, []).append((portion_id, grams))
    catalogue: dict[str, list[dict]] = {group: [] for group in groups}
    for food in Food.objects.filter(category__in=groups).values("pk", "category", *NUTRIENT_FIELDS):
        if food["pk"] in portions:
            per_100g = {name: food[name] for name in NUTRIENT_FIELDS}
            catalogue[food["category"]].append(
                {"id": food["pk"], "portions": portions[food["pk"]], **per_100g}
            )
    return catalogue


def usual_item(rng: random.Random, food: dict) -> dict:
    """One way a person eats a food: a portion × quantity (most often) or a weight in grams."""
    if rng.random() < 0.8:
        portion_id, grams = rng.choice(food["portions"][:3])
        quantity = rng.choice(QUANTITIES)
        amount_g = nutrition.amount_in_grams(grams, quantity, None)
    else:
        portion_id, quantity = None, Decimal(1)
        amount_g = nutrition.amount_in_grams(None, None, Decimal(rng.randrange(20, 300)))
    per_100g = {name: food[name] for name in NUTRIENT_FIELDS}
    return {
        "food_id": food["id"],
        "portion_id": portion_id,
        "quantity": quantity,
        "amount_g": amount_g,
        **nutrition.nutrients_for_amount(per_100g, amount_g),
    }


def usual_meals(rng: random.Random, catalogue: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """A person's usual items per meal, most eaten first."""
    meals = {}
    for meal, (_, groups) in MEALS.items():
        foods = [food for group in groups for food in catalogue[group]]
        meals[meal] = [usual_item(rng, food) for food in rng.sample(foods, ITEMS_PER_MEAL)]
    return meals


def make_profile(rng: random.Random, user_id: int, today: date) -> Profile:
    age = rng.randint(14, 18) if rng.random() < 0.05 else rng.randint(19, 85)
    birth_date = today - timedelta(days=age * 365 + rng.randrange(365))
    sex = rng.choice([Sex.FEMALE, Sex.MALE])
    life_stage = LifeStage.NONE
    if sex == Sex.FEMALE and 19 <= age <= 40:
        life_stage = rng.choices([LifeStage.NONE, LifeStage.PREGNANT, LifeStage.LACTATING], [85, 8, 7])[0]
    return Profile(
        user_id=user_id, birth_date=birth_date, sex=sex, life_stage=life_stage, has_ckd=rng.random() < 0.05
    )


def entries_of(rng: random.Random, user_id: int, days: list[date], meals: dict[str, list[dict]]):
    weights = [1 / rank for rank in range(1, ITEMS_PER_MEAL + 1)]  # a few favourites, a long tail
    for day in days:
        for meal, ((least, most), _) in MEALS.items():
            for item in rng.choices(meals[meal], weights, k=rng.randint(least, most)):
                yield IntakeEntry(user_id=user_id, date=day, meal=meal, **item)


def supplements_of(model, rng: random.Random, user_id: int, days: list[date]):
    """Most people take no supplement; the others take one or two products on most days."""
    if rng.random() < 0.4:
        return
    for name, form, elemental_mg, doses in rng.sample(SUPPLEMENTS, rng.randint(1, 2)):
        for day in days:
            if rng.random() < 0.7:
                entry = model(user_id=user_id, date=day, name=name, form=form, elemental_mg=elemental_mg)
                entry.doses = doses
                # What SupplementEntry.save() does; bulk_create does not call save().
                entry.magnesium_mg = nutrition.supplement_magnesium_mg(entry.elemental_per_dose_mg, doses)
                yield entry


def bulk_insert(model, rows) -> int:
    count, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            model.objects.bulk_create(batch)
            count, batch = count + len(batch), []
    model.objects.bulk_create(batch)
    return count + len(batch)


def supplement_model():
    try:
        return apps.get_model("tracker", "SupplementEntry")
    except LookupError:
        return None


def build() -> dict:
    seconds = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_foods", verbosity=0)
    seconds["foods"] = time.perf_counter() - started

    started = time.perf_counter()
    rng = random.Random(SEED)
    today = timezone.localdate()
    days = [today - timedelta(days=back) for back in range(DAYS - 1, -1, -1)]
    catalogue = food_catalogue()
    supplements = supplement_model()
    password = make_password(PASSWORD)  # one Argon2 hash for everyone: 200 would take half a minute
    User = get_user_model()
    counts = {"entries": 0, "supplements": 0}
    with transaction.atomic():
        User.objects.bulk_create(
            [User(username=USERNAME.format(n), password=password) for n in range(1, USERS + 1)]
        )
        users = list(User.objects.filter(username__startswith="bench").order_by("pk"))
        Profile.objects.bulk_create([make_profile(rng, user.pk, today) for user in users])
        for user in users:
            meals = usual_meals(rng, catalogue)
            counts["entries"] += bulk_insert(IntakeEntry, entries_of(rng, user.pk, days, meals))
            if supplements is not None:
                counts["supplements"] += bulk_insert(
                    supplements, supplements_of(supplements, rng, user.pk, days)
                )
    seconds["users_and_entries"] = time.perf_counter() - started
    return {
        "users": len(users),
        "days": DAYS,
        "first_day": days[0].isoformat(),
        "last_day": days[-1].isoformat(),
        "foods": Food.objects.count(),
        "portions": Portion.objects.count(),
        **counts,
        "supplement_model": supplements is not None,
        "seconds": {name: round(value, 1) for name, value in seconds.items()},
    }


if __name__ == "__main__":
    print(json.dumps(build()))

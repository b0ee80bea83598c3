"""Prepare the schemathesis run: a few real foods, users alice and bob with a profile,
entries, supplements, shares of the report and an API token each, and the auth and config
files schemathesis reads.

Run with DJANGO_SETTINGS_MODULE and DATABASE_URL pointing at a migrated scratch database:
    python scripts/fuzz_setup.py OUT_DIR
"""

import json
import lzma
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core import serializers  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Profile  # noqa: E402
from accounts.tokens import issue_token  # noqa: E402
from foods import recipes  # noqa: E402
from foods.models import Food, Portion  # noqa: E402
from tracker.models import SupplementEntry  # noqa: E402
from tracker.services import save_entry  # noqa: E402
from tracker.shares import create_share  # noqa: E402

FOOD_COUNT = 30
STATEFUL_EXAMPLES = 200

# Rejections that depend on data or on more than one field, which a schema cannot say:
# an unknown or another food's id, a portion of another food, a missing amount; birth
# dates relative to today and life stage by sex and age; a range longer than allowed or
# ending before it starts; credentials that match no account; a supplement dated outside
# the log's range, without a label figure or compound amount, or naming more elemental
# magnesium than compound; a name that is blank once trimmed or holds NUL; a custom food's
# amounts above the physical bounds per 100 g, a portion of 0 g; a share given both days
# and a range, or a range of more than a year.
CONFIG = """
[auth.wfc]
path = "wfc-auth.json"
peers = ["alice", "bob"]

# Ids that earlier answers held make a small, finite set: Hypothesis runs out of new cases
# for DELETE and PATCH after a dozen. The stateful phase tests real ids, following links.
[phases.fuzzing]
extra-data-sources.responses = false

[phases.stateful]
generation.max-examples = {stateful_examples}
{tuned}
"""
TUNED = """
[[operations]]
include-operation-id = "{operation}"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "404", "409", "429"]
{parameters}
"""
# Seeded values that data-dependent writes need and a schema cannot give: real food ids, days
# the log takes, alice's own entries, alice's credentials. Each is used in part of the cases
# (probability), the rest stay generated, so both the happy path and the refusals are tried.
SEEDED = {
    "auth_token_create": {"body.username": "usernames", "body.password": "passwords"},
    "entries_create": {"body.food": "foods", "body.date": "days"},
    "entries_update": {"path.id": "alice_entries", "body.food": "foods", "body.date": "days"},
    "entries_partial_update": {"path.id": "alice_entries", "body.food": "foods", "body.date": "days"},
    "supplements_create": {
        "body.date": "days",
        "body.name": "supplement_names",
        "body.elemental_mg": "doses_mg",
        "body.compound_mg": "compounds_mg",
    },
    "supplements_update": {
        "path.id": "alice_supplements",
        "body.date": "days",
        "body.name": "supplement_names",
        "body.elemental_mg": "doses_mg",
        "body.compound_mg": "compounds_mg",
    },
    "supplements_partial_update": {"path.id": "alice_supplements", "body.date": "days"},
    "recipes_update": {"path.id": "alice_recipes"},
    "recipes_partial_update": {"path.id": "alice_recipes"},
    "recipes_retrieve": {"path.id": "alice_recipes"},
    "shares_create": {"body.start": "days", "body.end": "days"},
    "shares_retrieve": {"path.id": "alice_shares"},
    "shares_destroy": {"path.id": "alice_shares"},
}


# A supplement needs three seeded values at once (a day the log takes, a name without control
# characters, an elemental amount: the label's figure or a compound, which the schema cannot say
# as an either-or); each is seeded more often, or most cases would be refused on one of them.
PROBABILITY = {"supplements_create": 0.9, "supplements_update": 0.9}


def parameters_line(operation: str) -> str:
    bindings = SEEDED.get(operation, {})
    if not bindings:
        return ""
    probability = PROBABILITY.get(operation, 0.7)
    inner = ", ".join(
        f'"{key}" = {{ dictionary = "{name}", probability = {probability} }}'
        for key, name in bindings.items()
    )
    return f"parameters = {{ {inner} }}"


def dictionaries(values: dict[str, list]) -> str:
    return "".join(
        f"\n[dictionaries.{name}]\nvalues = {json.dumps(items)}\n" for name, items in values.items()
    )


DATA_DEPENDENT = [
    "auth_token_create",
    "entries_create",
    "entries_update",
    "entries_partial_update",
    "foods_create",
    "profile_update",
    "profile_partial_update",
    "recipes_create",
    "recipes_update",
    "recipes_partial_update",
    "shares_create",
    "shares_retrieve",
    "shares_destroy",
    "summary_range_retrieve",
    "supplements_create",
    "supplements_update",
    "supplements_partial_update",
]


def load_foods() -> list[Food]:
    """The first FOOD_COUNT foods of the shipped USDA fixture, with their portions."""
    with lzma.open(ROOT / "fixtures" / "foods.json.xz", "rt") as fixture:
        objects = list(serializers.deserialize("json", fixture.read()))
    foods = [item for item in objects if isinstance(item.object, Food)][:FOOD_COUNT]
    keep = {item.object.pk for item in foods}
    for item in foods:
        item.save()
    for item in objects:
        if isinstance(item.object, Portion) and item.object.food_id in keep:
            item.save()
    return [item.object for item in foods]


def make_user(
    name: str, foods: list[Food], **profile
) -> tuple[str, list[int], list[int], list[int], list[int]]:
    user = User.objects.create_user(name, f"{name}@example.com", f"{name}-fuzz-password")
    Profile.objects.create(user=user, **profile)
    entries, supplements = [], []
    for number, food in enumerate(foods):
        portion = food.portions.first()
        entry = save_entry(
            user=user,
            food=food,
            on=date(2026, 1, 1 + number),
            meal="lunch",
            portion=portion,
            quantity=Decimal(1),
            grams=Decimal(100),
        )
        supplement = SupplementEntry.objects.create(
            user=user,
            date=date(2026, 1, 1 + number),
            name=f"Magnesium citrate {number}",
            form="citrate",
            elemental_mg=Decimal(100),
        )
        entries.append(entry.pk)
        supplements.append(supplement.pk)
    recipe = recipes.new_recipe(user, f"{name}'s porridge", Decimal(2))
    recipes.add_ingredients(recipe, [(food, None, None, Decimal(50)) for food in foods[:2]])
    shares = [create_share(user, days=days)[0].pk for days in (30, 90)]
    return issue_token(user)[1], entries, supplements, [recipe.pk], shares


def main(out: Path) -> None:
    foods = load_foods()
    users = {
        "alice": make_user("alice", foods[:5], birth_date=date(1990, 6, 15), sex="female"),
        "bob": make_user("bob", foods[5:8], birth_date=date(1980, 3, 1), sex="male", has_ckd=True),
    }
    tokens = {name: token for name, (token, *_) in users.items()}
    today = timezone.localdate()
    seeded = {
        "foods": [food.pk for food in foods],
        "days": [(today - timedelta(days=number)).isoformat() for number in range(7)],
        "alice_entries": users["alice"][1],
        "alice_supplements": users["alice"][2],
        "alice_recipes": users["alice"][3],
        "alice_shares": users["alice"][4],
        "supplement_names": ["Magnesium citrate", "Magnesium glycinate 200", "Mg oxide (Brand X)"],
        "doses_mg": ["100", "200", "350"],
        "compounds_mg": ["600", "1000", "2500"],
        "usernames": ["alice"],
        "passwords": ["alice-fuzz-password"],
    }
    auth = {
        "schemaVersion": "1.0.0",
        "auth": [
            {"name": name, "fixedHeaders": [{"name": "Authorization", "value": f"Token {key}"}]}
            for name, key in tokens.items()
        ],
    }
    (out / "wfc-auth.json").write_text(json.dumps(auth, indent=2))
    tuned = "".join(
        TUNED.format(operation=operation, parameters=parameters_line(operation))
        for operation in DATA_DEPENDENT
    )
    config = CONFIG.format(tuned=tuned, stateful_examples=STATEFUL_EXAMPLES) + dictionaries(seeded)
    (out / "schemathesis.toml").write_text(config)
    entry = {"food": foods[0].pk, "date": seeded["days"][0], "quantity": "1", "amount_g": "100"}
    supplement = {
        "date": seeded["days"][0],
        "name": "Magnesium citrate",
        "form": "citrate",
        "elemental_mg": "100",
        "compound_mg": "600",
        "doses": "1",
    }
    ingredient = {"food": foods[0].pk, "amount_g": "100"}
    recipe = {"name": "Porridge", "servings": "2", "ingredients": [ingredient]}
    examples = {
        "properties": {
            "IngredientRequest": ingredient,
            "RecipeRequest": recipe,
            "PatchedRecipeRequest": recipe,
            "EntryRequest": entry,
            "PatchedEntryRequest": entry,
            "SupplementRequest": supplement,
            "PatchedSupplementRequest": supplement,
            "CredentialsRequest": {"username": "alice", "password": "alice-fuzz-password"},
            "ShareCreateRequest": {"days": 30, "expires_in_days": 30},
        },
        "path_ids": {
            **dict.fromkeys(("entries_update", "entries_partial_update"), users["alice"][1][0]),
            **dict.fromkeys(("supplements_update", "supplements_partial_update"), users["alice"][2][0]),
            **dict.fromkeys(
                ("recipes_update", "recipes_partial_update", "recipes_retrieve"), users["alice"][3][0]
            ),
            **dict.fromkeys(("shares_retrieve", "shares_destroy"), users["alice"][4][0]),
        },
        # Ids inside a body that a dictionary cannot reach: generated within the seeded foods' ids.
        "id_ranges": {"IngredientRequest": {"food": [min(seeded["foods"]), max(seeded["foods"])]}},
    }
    (out / "seed.json").write_text(json.dumps(examples, indent=2))
    print(f"{len(foods)} foods, users {', '.join(tokens)}; files in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

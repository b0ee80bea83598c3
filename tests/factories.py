"""Tiny builders for test data."""

from datetime import date
from decimal import Decimal

from accounts.models import Profile
from core import racc
from foods import recipes
from foods.models import Food, Portion, Source
from tracker.models import IntakeEntry, SupplementEntry, ensure_room
from tracker.services import filled_entry


def make_food(name="Seeds, pumpkin and squash seed kernels, dried", **values) -> Food:
    defaults = {
        "category": "Nut and Seed Products",
        "source": Source.USDA_SR28,
        "magnesium_mg": Decimal("592"),
        "calcium_mg": Decimal("46"),
        "phosphorus_mg": Decimal("1233"),
        "potassium_mg": Decimal("809"),
    }
    defaults.update(values)
    if "reference_amount_g" not in values and defaults["source"] != Source.CUSTOM:
        # As the import does, by core.racc's rules (those by weight: no portions are known yet).
        assigned = racc.assign(defaults["category"], name, [])
        if assigned:
            defaults["reference_amount_g"], defaults["racc_category"] = assigned
    return Food.objects.create(name=name, **defaults)


def make_portion(food, description="1 oz", grams="28.35", seq=None) -> Portion:
    seq = seq or food.portions.count() + 1
    return Portion.objects.create(food=food, seq=seq, description=description, grams=Decimal(grams))


def make_profile(user, birth_date=date(1990, 6, 15), sex="female", **fields) -> Profile:
    return Profile.objects.create(user=user, birth_date=birth_date, sex=sex, **fields)


def make_entry(user, food, amount_g="100", on=None, meal="lunch", portion=None, quantity="1"):
    """An entry as tracker.services.save_entry makes it, of any food: one logged before it was
    archived or made private is set up as easily (save_entry itself refuses those now)."""
    on = on or date.today()
    ensure_room(IntakeEntry, user, on, 1)
    entry = filled_entry(
        IntakeEntry(user=user),
        food=food,
        on=on,
        meal=meal,
        portion=portion,
        quantity=Decimal(quantity),
        grams=Decimal(amount_g),
    )
    entry.save()
    return entry


def make_supplement(user, elemental_mg="200", on=None, doses="1", name="Magnesium citrate 200", **fields):
    values = {"form": "citrate", "compound_mg": None, **fields}
    return SupplementEntry.objects.create(
        user=user,
        date=on or date.today(),
        name=name,
        elemental_mg=None if elemental_mg is None else Decimal(elemental_mg),
        doses=Decimal(doses),
        **values,
    )


def make_custom_food(author, name="Mineral water, Brand X", status="private", **values) -> Food:
    values = {"category": "", "source": Source.CUSTOM, "magnesium_mg": Decimal("12"), **values}
    return make_food(name, created_by=author, status=status, **values)


def make_recipe(user, parts, name="Porridge of the house", servings="1"):
    """A recipe of the user's from (food, grams) pairs, its values worked out (foods.recipes)."""
    recipe = recipes.new_recipe(user, name, Decimal(servings))
    recipes.add_ingredients(recipe, [(food, None, None, Decimal(grams)) for food, grams in parts])
    return recipe

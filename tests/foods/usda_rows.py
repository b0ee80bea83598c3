"""Real USDA SR28 foods, as the shipped fixture has them, so that search and sorting tests
see the names and numbers users see."""

from decimal import Decimal

from tests.factories import make_food, make_portion

# Per 100 g; an empty cell is a value USDA does not have. The portion is the food's first.
# name | category | FDC id | magnesium | calcium | phosphorus | potassium | kcal | portion | grams
TABLE = """
Nuts, almonds | Nut and Seed Products | 170567 | 270 | 269 | 481 | 733 | 579 | 1 cup, whole | 143
Oil, almond | Fats and Oils | 171031 | 0 | 0 | 0 | 0 | 884 | 1 tablespoon | 13.6
Nuts, almond paste | Nut and Seed Products | 170160 | 130 | 172 | 258 | 314 | 458 | 1 oz | 28.35
Candies, ALMOND JOY Candy Bar | Sweets | 167562 | | 64 | 112 | 254 | 479 | 1 package 1.76 oz | 49
Candies, sugar-coated almonds | Sweets | 170656 | 137 | 100 | 166 | 255 | 474 | 1 piece | 3.5
Beverages, almond milk, unsweetened, shelf stable | Beverages | 174832 | 7 | 197 | 10 | 67 | 15 | 1 cup | 262
Cereals ready-to-eat, KELLOGG'S SPECIAL K Chocolate Almond | Breakfast Cereals | | 74 | 105 | 196 | 312 \
| 375 | 0.67 Cup (1 NLEA serving) | 28
Snacks, granola bars, hard, almond | Snacks | 167543 | 81 | 32 | 228 | 273 | 495 | 1 oz | 28.35
Seeds, pumpkin and squash seed kernels, dried | Nut and Seed Products | 170556 | 592 | 46 | 1233 | 809 \
| 559 | 1 cup | 129
Nuts, brazilnuts, dried, unblanched | Nut and Seed Products | 170569 | 376 | 160 | 725 | 659 | 659 \
| 1 cup, whole | 133
Fish, sunfish, pumpkin seed, raw | Finfish and Shellfish Products | 175151 | 30 | 80 | 180 | 350 | 89 \
| 1 fillet | 48
Pumpkin, raw | Vegetables and Vegetable Products | 168448 | 12 | 21 | 44 | 340 | 26 | 1 cup (1" cubes) | 116
Pie, pumpkin, commercially prepared | Baked Products | 172787 | 14 | 64 | 81 | 167 | 243 | 1 oz | 28.35
Spices, pumpkin pie spice | Spices and Herbs | 171332 | 136 | 682 | 118 | 663 | 342 | 1 tsp | 1.7
Spinach, raw | Vegetables and Vegetable Products | 168462 | 79 | 99 | 49 | 558 | 23 | 1 cup | 30
Spinach, cooked, boiled, drained, without salt | Vegetables and Vegetable Products | 168463 | 87 | 136 | 56 \
| 466 | 23 | 1 cup | 180
Malabar spinach, cooked | Vegetables and Vegetable Products | 169400 | 48 | 124 | 36 | 256 | 23 | 1 cup | 44
Beverages, water, tap, drinking | Beverages | 173647 | 1 | 3 | 0 | 0 | 0 | 1 fl oz | 29.6
Beverages, tea, black, brewed, prepared with tap water | Beverages | 173227 | 3 | 0 | 1 | 37 | 1 \
| 1 fl oz | 29.6
"""
NUTRIENTS = ("magnesium_mg", "calcium_mg", "phosphorus_mg", "potassium_mg", "energy_kcal")
ROWS = {
    cells[0]: cells[1:]
    for line in TABLE.replace("\\\n", " ").strip().splitlines()
    for cells in [[cell.strip() for cell in line.split("|")]]
}


def usda_food(name: str, with_portion: bool = True, **changes):
    """Create one of the foods above, with its first portion unless with_portion is False."""
    category, fdc_id, *amounts, description, grams = ROWS[name]
    values = {"category": category, "fdc_id": int(fdc_id) if fdc_id else None}
    values.update(
        {field: Decimal(value) if value else None for field, value in zip(NUTRIENTS, amounts, strict=True)}
    )
    food = make_food(name, **{**values, **changes})
    if with_portion:
        make_portion(food, description, grams)
    return food


def usda_foods(*names: str) -> dict:
    """Create the named foods (all of them without names)."""
    return {name: usda_food(name) for name in names or ROWS}

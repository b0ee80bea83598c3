from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, FloatField, OuterRef, Q, Subquery, When
from django.db.models.functions import Cast
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import racc
from core.jobs import Job
from core.nutrition import amount_text, nutrient_for_amount, plain_decimal

# Per-100 g nutrient fields of a food, with their units. A NULL amount means USDA
# has no value for that food: it is "unknown", never zero.
NUTRIENT_FIELDS = {
    "magnesium_mg": "mg",
    "calcium_mg": "mg",
    "phosphorus_mg": "mg",
    "potassium_mg": "mg",
    "sodium_mg": "mg",
    "energy_kcal": "kcal",
    "vitamin_d_ug": "µg",
    "vitamin_k_ug": "µg",
    "fiber_g": "g",
}


# The most 100 g of any food can hold, to catch slips such as µg typed as mg or a value
# per kg. These are physical limits, not typical values:
# - magnesium: 60,300 mg, the magnesium share of pure magnesium oxide (60.3 % by weight,
#   DESIGN.md), the most magnesium-dense compound in foods or supplements;
# - any other amount by weight: 100 g in 100 g of food;
# - energy: 902 kcal, pure fat at USDA's highest energy factor (9.02 kcal/g; lard).
# USDA SR28's highest values: magnesium 781 mg (rice bran), sodium 38,758 mg (table salt),
# potassium 16,500 mg (cream of tartar), energy 902 kcal (lard).
MAGNESIUM_MAX_MG = Decimal(60_300)
UNIT_MAX = {"mg": Decimal(100_000), "µg": Decimal(100_000_000), "g": Decimal(100), "kcal": Decimal(902)}


def nutrient_field(name: str, unit: str, maximum: Decimal | None = None) -> models.DecimalField:
    """A per-100 g amount: empty when unknown, never negative, never above a physical limit."""
    maximum = maximum or UNIT_MAX[unit]
    return models.DecimalField(
        f"{name} ({unit}/100 g)",
        max_digits=10,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(0, "An amount cannot be negative; leave it empty when unknown."),
            MaxValueValidator(
                maximum, f"No food has more than {maximum:,} {unit} of {name} per 100 g; check the unit."
            ),
        ],
    )


def validate_portion_grams(value: Decimal) -> None:
    if value is not None and value <= 0:
        raise ValidationError("A portion must weigh more than 0 g.", code="min_value")


def validate_reference_grams(value: Decimal) -> None:
    if value is not None and value <= 0:
        raise ValidationError("A reference amount must weigh more than 0 g.", code="min_value")


# The Table 2 rows a food's reference amount comes from (core.racc), and a custom food's own serving.
RACC_CHOICES = [(key, category.table_row) for key, category in racc.CATEGORIES.items()] + [
    (racc.SERVING, "The author's serving (custom food)")
]


MEASURE_FIELDS = ["portion_magnesium_mg", "reference_magnesium_mg", "magnesium_per_100_kcal"]


class Source(models.TextChoices):
    USDA_SR28 = "usda-sr28", "USDA SR28"
    USDA_FDC = "usda-fdc", "USDA FoodData Central"
    CUSTOM = "custom", "Custom"
    RECIPE = "recipe", "Recipe"
    # A food named in a file a user imported (tracker/cronometer.py): private to them, never
    # suggested for the shared list, its values only those the file gives.
    IMPORTED = "imported", "Imported"


class ReviewStatus(models.TextChoices):
    """Where a user's custom food stands; empty for the shared foods (USDA, staff)."""

    PRIVATE = "private", "Private"
    SUGGESTED = "suggested", "Suggested for the shared list"
    APPROVED = "approved", "Approved and shared"
    REJECTED = "rejected", "Rejected"


def first_portion_grams(portions=None) -> Subquery:
    """The grams of the outer food's default portion: its first by seq (NULL without portions)."""
    portions = Portion.objects if portions is None else portions
    return Subquery(portions.filter(food=OuterRef("pk")).order_by("seq", "pk").values("grams")[:1])


def as_float(expression) -> Cast:
    """A decimal as a float for sorting maths: SQLite stores whole-number decimals as integers
    and divides them as integers (270 * 100 / 579 = 46, not 46.6)."""
    return Cast(expression, FloatField())


def reference_grams(custom_serving) -> Case:
    """A food's reference amount in grams: the FDA one it carries (core.racc), else for a custom
    food its author's serving (custom_serving: its first portion's grams); NULL = none, no claim."""
    return Case(
        When(reference_amount_g__isnull=False, then=F("reference_amount_g")),
        When(source=Source.CUSTOM, then=custom_serving),
        output_field=models.DecimalField(max_digits=9, decimal_places=3),
    )


def stored_measures(portions=None) -> dict:
    """The SQL of Food's stored magnesium measures (MEASURE_FIELDS), from the food's own columns
    and its default portion; NULL when an input is unknown, and per 100 kcal when energy is 0 too
    (mineral water or tea would otherwise divide by zero or top the list on a rounding).
    portions: the Portion manager (a migration's historical one), Portion.objects by default."""
    return {
        "portion_magnesium_mg": as_float("magnesium_mg") * as_float(first_portion_grams(portions)) / 100,
        "reference_magnesium_mg": as_float("magnesium_mg")
        * as_float(reference_grams(first_portion_grams(portions)))
        / 100,
        "magnesium_per_100_kcal": Case(
            When(energy_kcal__gt=0, then=as_float("magnesium_mg") * 100 / as_float("energy_kcal")),
            output_field=FloatField(),
        ),
    }


class FoodQuerySet(models.QuerySet):
    def lock(self) -> bool:
        """Lock these foods' rows until the transaction ends (SELECT ... FOR UPDATE; SQLite writes
        one at a time anyway); whether any was found. Whoever logs a food and whoever deletes or
        archives one lock it first (tracker.services.lock_food, foods.recipes.delete_recipe)."""
        return bool(list(self.select_for_update().values_list("pk", flat=True)))

    def refresh_measures(self) -> int:
        """Store these foods' magnesium measures (stored_measures) in one UPDATE; how many foods."""
        return self.update(**stored_measures())


def measure_field(help_text: str) -> models.FloatField:
    # A float, not a Decimal: derived for filtering and sorting, the same value the SQL maths
    # gave when it ran on every query; never typed in, so not editable.
    return models.FloatField(null=True, blank=True, editable=False, db_index=True, help_text=help_text)


class Food(models.Model):
    name = models.CharField(max_length=255)
    category = models.CharField(max_length=100, blank=True, db_index=True)
    source = models.CharField(max_length=20, choices=Source, default=Source.CUSTOM)
    source_id = models.CharField(
        max_length=20, blank=True, help_text="NDB number or FDC id in the source data."
    )
    fdc_id = models.PositiveIntegerField("FDC id", null=True, blank=True, unique=True)
    magnesium_mg = nutrient_field("magnesium", "mg", MAGNESIUM_MAX_MG)
    calcium_mg = nutrient_field("calcium", "mg")
    phosphorus_mg = nutrient_field("phosphorus", "mg")
    potassium_mg = nutrient_field("potassium", "mg")
    sodium_mg = nutrient_field("sodium", "mg")
    energy_kcal = nutrient_field("energy", "kcal")
    vitamin_d_ug = nutrient_field("vitamin D, D2 + D3", "µg")
    vitamin_k_ug = nutrient_field("vitamin K, phylloquinone", "µg")
    fiber_g = nutrient_field("fiber", "g")
    reference_amount_g = models.DecimalField(
        "FDA reference amount (g)",
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[validate_reference_grams, MaxValueValidator(Decimal(5000))],
        help_text="The reference amount customarily consumed (21 CFR 101.12 Table 2) in grams; empty "
        "when no category fits, and then the food makes no magnesium claim.",
    )
    racc_category = models.CharField(
        "RACC category",
        max_length=20,
        blank=True,
        choices=RACC_CHOICES,
        help_text="The Table 2 row it comes from.",
    )
    reference_amount_curated = models.BooleanField(
        "reference amount set by a curator",
        default=False,
        help_text="Set when a curator changes the reference amount; a USDA re-import then keeps it.",
    )
    is_eaten_as_is = models.BooleanField(
        "eaten as it is",
        default=True,
        help_text="Untick for an ingredient people do not eat on its own (a bran, a flour, a baking "
        "powder): the day page then never suggests it to close a magnesium gap.",
    )
    is_active = models.BooleanField(
        "active", default=True, help_text="Archived foods stay for history but cannot be logged."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="custom_foods",
    )
    status = models.CharField(
        "review status",
        max_length=10,
        choices=ReviewStatus,
        blank=True,
        db_index=True,
        help_text="A user's custom food is private to its author until staff approve their suggestion.",
    )
    rejection_reason = models.TextField(blank=True, help_text="Shown to the author when rejected.")
    # How many people log the food, for the search's ranking: the number of distinct users with
    # an entry of it, kept only from POPULARITY_MIN_USERS up (0 below), so that it never tells
    # whether one person logged a food (tracker.popularity refreshes it).
    popularity = models.PositiveIntegerField(default=0, editable=False)
    # Kept by save() here and in Portion, by the USDA import and the fixture loading (see
    # FoodQuerySet.refresh_measures): the food list's sorts, the rich foods, the learn page's
    # ranking and the day page's gap suggestions filter and sort on them, indexed.
    portion_magnesium_mg = measure_field("Magnesium (mg) in the default portion (the first).")
    reference_magnesium_mg = measure_field(
        "Magnesium (mg) in the reference amount (a custom food's: its first portion)."
    )
    magnesium_per_100_kcal = measure_field("Magnesium (mg) per 100 kcal; empty at 0 kcal.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FoodQuerySet.as_manager()

    # Who changed what and when; updated_at and what is computed would only add noise to every change.
    history = HistoricalRecords(excluded_fields=["updated_at", "popularity", *MEASURE_FIELDS])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~Q(source_id=""),
                name="food_unique_source_id",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Food.objects.filter(pk=self.pk).refresh_measures()

    def get_absolute_url(self) -> str:
        return reverse("foods:detail", args=[self.pk])

    @property
    def reference_amount_label(self) -> str:
        """ "30 g (nuts, seeds)"; empty without a reference amount."""
        if self.reference_amount_g is None or not self.racc_category:
            return ""
        return f"{plain_decimal(self.reference_amount_g)} g ({racc.label(self.racc_category)})"

    def clean(self):
        if (self.reference_amount_g is None) != (not self.racc_category):
            raise ValidationError(
                {"racc_category": "Give both the reference amount and its RACC category, or neither."}
            )
        if self.status and self.created_by_id is None:
            raise ValidationError({"status": "Only a user's custom food has a review status."})
        if self.status == ReviewStatus.REJECTED and not self.rejection_reason.strip():
            raise ValidationError({"rejection_reason": "Give the reason; the author will see it."})


def portion_label(description: str, grams: Decimal) -> str:
    """A portion as a measure list names it: "1 oz (28.35 g)"."""
    return f"{description} ({plain_decimal(grams)} g)"


class Portion(models.Model):
    food = models.ForeignKey(Food, on_delete=models.CASCADE, related_name="portions")
    seq = models.PositiveSmallIntegerField(default=1)
    description = models.CharField(max_length=255)
    grams = models.DecimalField(max_digits=9, decimal_places=3, validators=[validate_portion_grams])
    history = HistoricalRecords()

    class Meta:
        ordering = ["food", "seq", "pk"]
        # A food's default portion (first by seq, pk) and its grams from the index alone: the
        # search, the rich foods and the gap suggestions look it up for every food they scan.
        indexes = [models.Index(fields=["food", "seq", "id", "grams"], name="portion_default_grams_idx")]
        constraints = [
            models.UniqueConstraint(fields=["food", "seq"], name="portion_unique_seq"),
            models.CheckConstraint(condition=Q(grams__gt=0), name="portion_grams_positive"),
        ]

    def __str__(self) -> str:
        return portion_label(self.description, self.grams)

    # A new, changed or removed first portion changes its food's measures.
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Food.objects.filter(pk=self.food_id).refresh_measures()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        Food.objects.filter(pk=self.food_id).refresh_measures()
        return result


# How many servings a recipe may make, and how many ingredients it may hold.
SERVINGS_MIN, SERVINGS_MAX = Decimal("0.1"), Decimal(1000)
MAX_INGREDIENTS = 50


class Recipe(models.Model):
    """A user's dish made of foods. It is logged through its own food (source "recipe", private
    to its author, inactive while it has no ingredients), whose values per 100 g and whose
    "1 serving" portion foods.recipes works out from the ingredients each time the recipe is
    saved; entries already logged keep their own copy of the values."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recipes")
    food = models.OneToOneField(Food, on_delete=models.CASCADE, related_name="recipe")
    servings = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(SERVINGS_MIN), MaxValueValidator(SERVINGS_MAX)],
        help_text="How many servings the dish makes.",
    )
    cooked_weight_g = models.DecimalField(
        "weight of the finished dish (g)",
        max_digits=9,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[validate_portion_grams, MaxValueValidator(Decimal(100_000))],
        help_text="Optional: weigh the dish once it is cooked (water boils off, or is added). "
        "Empty: the weight of the ingredients.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "pk"]

    def __str__(self) -> str:
        return self.food.name

    def get_absolute_url(self) -> str:
        return reverse("foods:recipe_edit", args=[self.pk])


class RecipeIngredient(models.Model):
    """How much of one food goes into a recipe: a portion × quantity, or grams (amount_g)."""

    recipe = models.ForeignKey(Recipe, on_delete=models.CASCADE, related_name="ingredients")
    # A food in a recipe stays (PROTECT): it is archived rather than deleted.
    food = models.ForeignKey(Food, on_delete=models.PROTECT, related_name="used_in")
    # The grams stay when a custom food's portion is removed; the portion only names the amount.
    portion = models.ForeignKey(
        Portion, null=True, blank=True, on_delete=models.SET_NULL, related_name="used_in"
    )
    quantity = models.DecimalField(max_digits=8, decimal_places=3, default=1)
    amount_g = models.DecimalField("amount (g)", max_digits=9, decimal_places=3)

    class Meta:
        ordering = ["recipe", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_g__gt=0), name="ingredient_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount_label} {self.food}"

    @property
    def amount_label(self) -> str:
        portion = self.portion.description if self.portion else None
        return amount_text(self.amount_g, portion, self.quantity)

    @property
    def magnesium_mg(self) -> Decimal | None:
        return nutrient_for_amount(self.food.magnesium_mg, self.amount_g)


class ImportJob(Job):
    """A CSV file of foods sent by a curator, imported by a worker (foods/jobs.py)."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    file_name = models.CharField(max_length=255)
    csv = models.TextField()
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import of {self.file_name} ({self.get_status_display()})"


def normalize_phrase(text: str) -> str:
    """Lower case words of letters and digits, one space apart: how queries and synonyms compare."""
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


class SearchSynonym(models.Model):
    """An everyday name and the words USDA uses for it, for the food search: "soy milk" →
    "soymilk", "chicken breast" → "broilers or fryers breast". Curators edit them in the admin."""

    phrase = models.CharField(
        max_length=100, unique=True, help_text="What people type, e.g. “chicken breast” (any case)."
    )
    means = models.CharField(
        max_length=200, help_text="The words of the USDA name to search instead, e.g. “broilers breast”."
    )

    class Meta:
        ordering = ["phrase"]

    def __str__(self) -> str:
        return f"{self.phrase} → {self.means}"

    def save(self, *args, **kwargs):
        self.phrase = normalize_phrase(self.phrase)
        self.means = normalize_phrase(self.means)
        super().save(*args, **kwargs)

    def clean(self):
        self.phrase = normalize_phrase(self.phrase)
        self.means = normalize_phrase(self.means)
        if not self.phrase:
            raise ValidationError({"phrase": "Enter a word or two of letters or digits."})
        if not self.means:
            raise ValidationError({"means": "Enter a word or two of letters or digits."})
        if self.phrase == self.means:
            raise ValidationError({"means": "A synonym must differ from the phrase."})

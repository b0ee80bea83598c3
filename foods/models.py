from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tracker.nutrition import plain_decimal

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


def nutrient_field(verbose_name: str) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=10, decimal_places=3, null=True, blank=True)


class Source(models.TextChoices):
    USDA_SR28 = "usda-sr28", "USDA SR28"
    USDA_FDC = "usda-fdc", "USDA FoodData Central"
    CUSTOM = "custom", "Custom"


class Food(models.Model):
    name = models.CharField(max_length=255)
    category = models.CharField(max_length=100, blank=True, db_index=True)
    source = models.CharField(max_length=20, choices=Source, default=Source.CUSTOM)
    source_id = models.CharField(
        max_length=20, blank=True, help_text="NDB number or FDC id in the source data."
    )
    fdc_id = models.PositiveIntegerField("FDC id", null=True, blank=True, unique=True)
    magnesium_mg = nutrient_field("magnesium (mg/100 g)")
    calcium_mg = nutrient_field("calcium (mg/100 g)")
    phosphorus_mg = nutrient_field("phosphorus (mg/100 g)")
    potassium_mg = nutrient_field("potassium (mg/100 g)")
    sodium_mg = nutrient_field("sodium (mg/100 g)")
    energy_kcal = nutrient_field("energy (kcal/100 g)")
    vitamin_d_ug = nutrient_field("vitamin D, D2 + D3 (µg/100 g)")
    vitamin_k_ug = nutrient_field("vitamin K, phylloquinone (µg/100 g)")
    fiber_g = nutrient_field("fiber (g/100 g)")
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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

    def get_absolute_url(self) -> str:
        return reverse("foods:detail", args=[self.pk])


class Portion(models.Model):
    food = models.ForeignKey(Food, on_delete=models.CASCADE, related_name="portions")
    seq = models.PositiveSmallIntegerField(default=1)
    description = models.CharField(max_length=255)
    grams = models.DecimalField(max_digits=9, decimal_places=3)

    class Meta:
        ordering = ["food", "seq", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["food", "seq"], name="portion_unique_seq"),
            models.CheckConstraint(condition=Q(grams__gt=0), name="portion_grams_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.description} ({plain_decimal(self.grams)} g)"

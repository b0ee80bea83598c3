from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from foods.models import Food, Portion
from tracker.nutrition import plain_decimal


class Meal(models.TextChoices):
    BREAKFAST = "breakfast", "Breakfast"
    LUNCH = "lunch", "Lunch"
    DINNER = "dinner", "Dinner"
    SNACK = "snack", "Snack"


def snapshot_field() -> models.DecimalField:
    return models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True, editable=False)


class IntakeEntry(models.Model):
    """One food eaten on one day.

    The nutrients for the amount eaten are copied from the food when the entry is
    saved, so curating a food later never rewrites a user's history, and a day's
    total is one SUM. NULL means the food has no value for that nutrient.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(db_index=True)
    meal = models.CharField(max_length=10, choices=Meal, default=Meal.BREAKFAST)
    food = models.ForeignKey(Food, on_delete=models.PROTECT, related_name="entries")
    portion = models.ForeignKey(
        Portion, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    quantity = models.DecimalField(
        max_digits=8, decimal_places=3, default=1, validators=[MinValueValidator(0)]
    )
    amount_g = models.DecimalField("amount (g)", max_digits=9, decimal_places=3)
    magnesium_mg = snapshot_field()
    calcium_mg = snapshot_field()
    phosphorus_mg = snapshot_field()
    potassium_mg = snapshot_field()
    sodium_mg = snapshot_field()
    energy_kcal = snapshot_field()
    vitamin_d_ug = snapshot_field()
    vitamin_k_ug = snapshot_field()
    fiber_g = snapshot_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "created_at", "pk"]
        verbose_name_plural = "intake entries"
        indexes = [models.Index(fields=["user", "date"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount_g__gt=0), name="entry_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_meal_display()}: {self.food}"

    def get_absolute_url(self) -> str:
        return reverse("tracker:day", args=[self.date.isoformat()])

    @property
    def amount_label(self) -> str:
        grams = f"{plain_decimal(self.amount_g)} g"
        if self.portion is None:
            return grams
        return f"{plain_decimal(self.quantity)} × {self.portion.description} ({grams})"

from rest_framework import serializers

from foods.models import NUTRIENT_FIELDS, Food, Portion
from tracker.rest import SearchText

ORDERING_FIELDS = ("name", *NUTRIENT_FIELDS)


class PortionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Portion
        fields = ("id", "description", "grams")


class FoodSerializer(serializers.ModelSerializer):
    """A food with its amounts per 100 g; null means USDA has no value (unknown, not zero)."""

    portions = PortionSerializer(many=True, read_only=True)

    class Meta:
        model = Food
        fields = ("id", "name", "category", "fdc_id", "source", *NUTRIENT_FIELDS, "portions")
        read_only_fields = fields


class FoodQuerySerializer(serializers.Serializer):
    search = SearchText(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="Words that must all appear in the name, in any order; best matches first.",
    )
    category = SearchText(required=False, allow_blank=True, max_length=100, help_text="USDA food group.")
    ordering = serializers.ChoiceField(
        choices=[*ORDERING_FIELDS, *(f"-{name}" for name in ORDERING_FIELDS)],
        required=False,
        help_text="Sort by a field; a leading '-' sorts from high to low. Unknown amounts come last.",
    )
